"""Outputs people open: one row definition for Report.to_frame and CSV; Parquet and Excel read back in
pandas with the documented columns and types."""
import csv
import io
import json

import pandas as pd
import pytest

from gikp_nlp.outputs import (
    CHECK_COLUMNS,
    COLUMN_TYPES,
    MENTION_COLUMNS,
    RECORD_COLUMNS,
    CsvWriter,
    JsonlWriter,
    mention_rows,
    record_rows,
    write_excel,
    write_parquet,
)
from gikp_nlp.outputs.writers import sheet_name
from gikp_nlp.pipeline import load
from tests.conftest import EXAMPLES, SEED_IDS


@pytest.fixture(scope="module")
def reports():
    extractor = load(overrides={"narrative.engine": "rules"})
    out = []
    for seed in SEED_IDS:
        data = extractor.extract(EXAMPLES / f"{seed}.txt").to_dict()
        data["file"] = f"{seed}.txt"
        out.append(data)
    return out


def test_outputs_every_column_has_a_type():
    assert set(RECORD_COLUMNS + MENTION_COLUMNS + CHECK_COLUMNS) <= set(COLUMN_TYPES)


def test_outputs_to_frame_and_csv_share_the_row_definition(reports):
    extractor = load(overrides={"narrative.engine": "rules"})
    report = extractor.extract(EXAMPLES / "seed-003.txt")
    frame = report.to_frame()
    assert list(frame.columns) == list(RECORD_COLUMNS)
    handle = io.StringIO()
    data = report.to_dict()
    data["file"] = "seed-003.txt"
    CsvWriter(handle).write(data)
    rows = list(csv.DictReader(io.StringIO(handle.getvalue())))
    assert len(rows) == len(frame) == len(report.records)
    for row, (_, expected) in zip(rows, frame.iterrows()):
        assert row["indicator"] == expected["indicator"] and row["file"] == "seed-003.txt"
        assert float(row["value"]) == expected["value"] and row["text"] == (expected["text"] or "")


def test_outputs_mention_rows_keep_the_span_invariant(reports):
    for report in reports:
        text = report["text"]
        rows = mention_rows(report)
        assert len(rows) == sum(len(r["mentions"]) for r in report["records"])
        for row in rows:
            assert text[row["start"]:row["end"]] == row["text"]


def test_outputs_jsonl_drops_text_unless_asked(reports):
    handle = io.StringIO()
    JsonlWriter(handle, with_text=False).write(reports[0])
    line = json.loads(handle.getvalue())
    assert "text" not in line and line["records"] == reports[0]["records"]


def test_outputs_parquet_reads_back_typed(tmp_path, reports):
    paths = write_parquet(reports, tmp_path / "out.parquet")
    records = pd.read_parquet(paths["records"])
    mentions = pd.read_parquet(paths["mentions"])
    checks = pd.read_parquet(paths["checks"])
    assert list(records.columns) == list(RECORD_COLUMNS) and list(mentions.columns) == list(MENTION_COLUMNS)
    assert list(checks.columns) == list(CHECK_COLUMNS)
    assert len(records) == sum(len(r["records"]) for r in reports)
    assert records["value"].dtype == "float64" and records["n_mentions"].dtype == "int64"
    assert records["approx"].dtype == "bool" and str(mentions["start"].dtype) == "int64"
    assert set(records["source"]) == {f"{s}.txt" for s in SEED_IDS}
    expected = [row["value"] for r in reports for row in record_rows(r)]
    assert records["value"].tolist() == [float(v) for v in expected]


def test_outputs_excel_has_records_failed_checks_and_report_sheets(tmp_path, reports):
    path = write_excel(reports, tmp_path / "out.xlsx", per_report=True)
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets)[:2] == ["records", "failed_checks"] and len(sheets) == 2 + len(reports)
    assert list(sheets["records"].columns) == list(RECORD_COLUMNS)
    assert len(sheets["records"]) == sum(len(r["records"]) for r in reports)
    failed = sum(not c["passed"] for r in reports for c in r["checks"])
    assert len(sheets["failed_checks"]) == failed and failed > 0
    assert len(sheets[list(sheets)[2]]) == len(reports[0]["records"])


def test_outputs_sheet_names_are_legal_and_unique():
    taken = {"records"}
    names = [sheet_name(1, "a/b[1]:x*" + "长" * 40, taken), sheet_name(1, "a/b[1]:x*" + "长" * 40, taken)]
    assert names[0] != names[1] and all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
