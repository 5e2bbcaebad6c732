import csv
import json

import pytest

from gikp_nlp.cli import expand_paths, main
from tests.conftest import EXAMPLES, SEED_IDS


def test_cli_labels_prints_every_indicator(capsys, taxonomy):
    assert main(["labels"]) == 0
    out = capsys.readouterr().out
    assert all(ind_id in out for ind_id in taxonomy.ids)
    assert f"{len(taxonomy)} indicators" in out


def test_cli_labels_json(capsys, taxonomy):
    assert main(["labels", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in data] == list(taxonomy.ids)


def test_cli_extract_folder_writes_one_json_line_per_report(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(EXAMPLES), "-o", str(out), "-q", "--engine", "rules", "--with-text"]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["file"].rsplit("/", 1)[-1] for line in lines] == [f"{s}.txt" for s in SEED_IDS]
    for line in lines:
        assert line["records"], f"no records for {line['file']}"
        for record in line["records"]:
            for m in record["mentions"]:
                assert line["text"][m["start"]:m["end"]] == m["text"]


def test_cli_extract_csv_one_row_per_record(tmp_path):
    out = tmp_path / "out.csv"
    assert main(["extract", str(EXAMPLES / "seed-003.txt"), "-o", str(out), "--engine", "rules"]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {"file", "indicator", "applicant", "value", "start", "end"} <= set(rows[0])
    text = (EXAMPLES / "seed-003.txt").read_text(encoding="utf-8")
    for row in rows:
        if row["text"]:
            assert text[int(row["start"]):int(row["end"])] == row["text"]


def test_cli_extract_skips_bad_file_and_writes_the_rest(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(empty), str(EXAMPLES / "seed-001.txt"), "-o", str(out), "-q", "--engine", "rules"])
    assert code == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "empty.txt" in err and "E101" in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_cli_extract_all_bad_exits_nonzero(tmp_path, capsys):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 50)
    assert main(["extract", str(binary), "-q"]) == 1
    assert "1 of 1 file(s) failed" in capsys.readouterr().err


def test_cli_check_prints_records_and_failed_checks(capsys):
    assert main(["check", str(EXAMPLES / "seed-004.txt"), "--engine", "rules"]) == 0
    out = capsys.readouterr().out
    assert "records" in out and "request.new" in out


def test_cli_error_is_one_line_and_nonzero(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("gikp: error: [E1") and "\n" not in err


def test_cli_expand_paths_keeps_report_files_only(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.HTML").write_text("x", encoding="utf-8")
    assert [p.name for p in expand_paths([str(tmp_path)])] == ["a.txt", "c.HTML"]


def test_cli_unknown_command_exits_with_usage():
    with pytest.raises(SystemExit) as exc:
        main(["nosuch"])
    assert exc.value.code == 2


def test_cli_missing_file_is_a_typed_error(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nowhere.html")]) == 1
    assert "[E108] file not found" in capsys.readouterr().err
