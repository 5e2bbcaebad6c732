"""`gikp extract`: JSON Lines / CSV output, skipped files listed with their reason, bad -o refused."""
import csv
import io
import json

import pytest

from gikp_nlp.cli import main
from gikp_nlp.cli._common import expand_paths
from tests.conftest import EXAMPLES, SEED_IDS

RULES = ["--set", "narrative.engine=rules"]


def test_cli_extract_folder_writes_one_json_line_per_report(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(EXAMPLES), "-o", str(out), "-q", *RULES, "--with-text"]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["file"].rsplit("/", 1)[-1] for line in lines] == [f"{s}.txt" for s in SEED_IDS]
    for line in lines:
        assert line["records"], f"no records for {line['file']}"
        for record in line["records"]:
            for m in record["mentions"]:
                assert line["text"][m["start"]:m["end"]] == m["text"]


def test_cli_extract_csv_one_row_per_record(tmp_path):
    out = tmp_path / "out.csv"
    assert main(["extract", str(EXAMPLES / "seed-003.txt"), "-o", str(out), *RULES]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {"file", "indicator", "applicant", "value", "start", "end"} <= set(rows[0])
    text = (EXAMPLES / "seed-003.txt").read_text(encoding="utf-8")
    for row in rows:
        if row["text"]:
            assert text[int(row["start"]):int(row["end"])] == row["text"]


def test_cli_extract_skips_bad_file_and_writes_the_rest(tmp_path, capsys):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 50)
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(binary), str(EXAMPLES / "seed-001.txt"), "-o", str(out), "-q", *RULES])
    assert code == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "binary.txt" in err and "E102" in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_cli_extract_all_bad_exits_nonzero(tmp_path, capsys):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 50)
    assert main(["extract", str(binary), "-q", *RULES]) == 1
    assert "1 of 1 file(s) skipped or failed" in capsys.readouterr().err


def test_cli_extract_empty_file_is_listed_and_not_read(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty), *RULES]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "empty.txt" in captured.err and "E101" in captured.err
    assert "nothing to extract" in captured.err and "1 file(s) skipped" in captured.err


def test_cli_extract_a_folder_without_reports_says_so(tmp_path, capsys):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert main(["extract", str(tmp_path), *RULES]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("gikp: skipped") and "old.doc" in err[0]
    assert err[1].startswith("gikp: error: nothing to extract") and len(err) == 2


@pytest.mark.parametrize("name", ["x.json", "x.unknown", "x.txt"])
def test_cli_extract_unsupported_output_format_is_an_error_not_json_lines(tmp_path, capsys, name):
    out = tmp_path / name
    assert main(["extract", str(EXAMPLES / "seed-001.txt"), "-o", str(out), *RULES]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "E107" in err and ".jsonl" in err and ".csv" in err
    assert not out.exists()


def test_cli_extract_output_into_a_missing_folder_creates_it(tmp_path):
    out = tmp_path / "new" / "deeper" / "out.jsonl"
    assert main(["extract", str(EXAMPLES / "seed-001.txt"), "-o", str(out), *RULES]) == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["records"]


def test_cli_extract_output_under_a_file_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["extract", str(EXAMPLES / "seed-001.txt"), "-o", str(blocker / "out.jsonl"), *RULES]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("gikp: error:") and "\n" not in err


def test_cli_extract_folder_walk_lists_every_skipped_file_with_its_reason(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("本年度主动公开政府信息171条。", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "notes").write_text("x", encoding="utf-8")
    assert main(["extract", str(tmp_path), *RULES]) == 0
    err = capsys.readouterr().err
    for name, suffix in (("old.doc", "'.doc'"), ("scan.png", "'.png'"), ("notes", "(none)")):
        line = next(line for line in err.splitlines() if name in line)
        assert line.startswith("gikp: skipped") and suffix in line and "not a report format" in line
    assert "3 of 4 file(s) skipped or failed" in err


def test_cli_extract_reads_stdin_only_with_a_dash(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("本年度主动公开政府信息171条。"))
    assert main(["extract", "-", *RULES]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    data = json.loads(line)
    assert data["file"] == "<stdin>" and any(r["value"] == 171 for r in data["records"])


def test_cli_extract_text_argument_is_a_missing_file_not_a_report(capsys):
    assert main(["extract", "本年度主动公开政府信息171条。", *RULES]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "E108" in captured.err


def test_cli_expand_paths_keeps_report_files_and_lists_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.HTML").write_text("x", encoding="utf-8")
    paths, skipped = expand_paths([str(tmp_path)])
    assert [p.name for p in paths] == ["a.txt", "c.HTML"]
    assert [s.path for s in skipped] == [str(tmp_path / "b.json")]


def test_cli_extract_format_choices_are_the_readers_formats():
    from gikp_nlp.cli.extract import FORMATS
    from gikp_nlp.io.sniff import FORMATS as READER_FORMATS

    assert tuple(FORMATS) == tuple(READER_FORMATS)
