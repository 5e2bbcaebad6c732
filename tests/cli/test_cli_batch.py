"""`gikp extract -o FOLDER` (the resumable batch), `-o x.parquet|x.xlsx`, `gikp corpus check`, `gikp view`."""
import json

import pandas as pd
import pytest

from gikp_nlp.cli import main
from gikp_nlp.outputs import RECORD_COLUMNS
from tests.conftest import EXAMPLES, SEED_IDS

RULES = ["--set", "narrative.engine=rules"]


def test_cli_batch_folder_then_rerun_skips_and_writes_tables(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(EXAMPLES), "-o", f"{out}/", "-q", *RULES, "--tables", "parquet,xlsx,csv"]) == 0
    assert "5 file(s) extracted" in capsys.readouterr().err
    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["file"].rsplit("/", 1)[-1] for x in lines] == [f"{s}.txt" for s in SEED_IDS]
    records = pd.read_parquet(out / "records.parquet")
    assert list(records.columns) == list(RECORD_COLUMNS) and len(records) == len(pd.read_csv(out / "records.csv"))
    assert len(pd.read_excel(out / "records.xlsx", sheet_name="records")) == len(records)
    assert main(["extract", str(EXAMPLES), "-o", str(out), "-q", *RULES]) == 0
    err = capsys.readouterr().err
    assert "0 file(s) extracted" in err and "5 already done" in err


def test_cli_batch_refuses_ray_without_a_folder(tmp_path, capsys):
    assert main(["extract", str(EXAMPLES / "seed-001.txt"), "-o", str(tmp_path / "x.jsonl"), "--backend", "ray",
                 *RULES]) == 1
    assert "-o FOLDER" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".parquet", ".xlsx"])
def test_cli_extract_writes_parquet_and_excel_files(tmp_path, suffix):
    out = tmp_path / f"x{suffix}"
    assert main(["extract", str(EXAMPLES / "seed-003.txt"), str(EXAMPLES / "seed-004.txt"), "-o", str(out), "-q",
                 *RULES]) == 0
    frame = pd.read_parquet(out) if suffix == ".parquet" else pd.read_excel(out, sheet_name="records")
    assert list(frame.columns) == list(RECORD_COLUMNS)
    assert {s.rsplit("/", 1)[-1] for s in frame["source"]} == {"seed-003.txt", "seed-004.txt"}


def test_cli_corpus_check_lists_failed_cross_checks(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    text = (EXAMPLES / "seed-003.txt").read_text(encoding="utf-8")
    (src / "a-2017.txt").write_text(text, encoding="utf-8")
    (src / "b-2017.txt").write_text(text, encoding="utf-8")  # another body, the same report: a copy
    out = tmp_path / "out"
    assert main(["extract", str(src), "-o", str(out), "-q", *RULES]) == 0
    (out / "bodies.csv").write_text(f"file,body,year,parent,summary\n{src / 'a-2017.txt'},A,2017,,\n"
                                    f"{src / 'b-2017.txt'},B,2017,,\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["corpus", "check", str(out), "--strict"]) == 2
    captured = capsys.readouterr()
    found = [json.loads(x) for x in captured.out.splitlines()]
    assert {c["rule"] for c in found} == {"copied_narrative", "copied_tables"}
    assert all(c["left"]["file"].endswith("b-2017.txt") and c["right"]["file"].endswith("a-2017.txt") for c in found)
    assert "2 failed" in captured.err


def test_cli_corpus_check_without_a_manifest_says_how(tmp_path, capsys):
    assert main(["corpus", "check", str(tmp_path)]) == 1
    assert "gikp extract" in capsys.readouterr().err


def test_cli_view_writes_a_page_with_marks(tmp_path):
    page = tmp_path / "v" / "seed-003.html"
    assert main(["view", str(EXAMPLES / "seed-003.txt"), "-o", str(page), *RULES]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<mark ") > 10 and "本年新收" in html


def test_cli_view_refuses_a_non_html_output(tmp_path, capsys):
    assert main(["view", str(EXAMPLES / "seed-003.txt"), "-o", str(tmp_path / "x.pdf"), *RULES]) == 1
    assert "E107" in capsys.readouterr().err


def test_cli_batch_progress_shows_files_per_second_and_eta(tmp_path, capsys):
    assert main(["extract", str(EXAMPLES), "-o", str(tmp_path / "out"), *RULES]) == 0
    last = capsys.readouterr().err.split("\r")[-1]
    assert "5/5" in last and "file/s" in last and "<00:00" in last  # done, rate, time left
