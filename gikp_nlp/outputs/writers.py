"""Writers over report dicts (``Report.to_dict()`` with ``file``): JSON Lines and CSV stream
(one report at a time, flushed), Parquet and Excel are written whole at the end.

Parquet and Excel come from extras (``[parquet]``: pyarrow, ``[excel]``: openpyxl),
imported on first use; a missing one is a MissingExtraError naming the extra.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from gikp_nlp.errors import UnsupportedFormatError
from gikp_nlp.extras import require
from gikp_nlp.outputs.rows import (
    CHECK_COLUMNS,
    COLUMN_TYPES,
    MENTION_COLUMNS,
    RECORD_COLUMNS,
    check_rows,
    mention_rows,
    record_rows,
)

#: output file suffixes and what they hold
OUTPUT_FORMATS = {".jsonl": "JSON Lines, one report a line", ".csv": "one row per record",
                  ".parquet": "records (+ .mentions/.checks.parquet beside it)",
                  ".xlsx": "a records sheet and a failed-checks sheet"}
#: CSV columns: the record row with the report's file name first (``source`` is that name)
CSV_COLUMNS = ("file", *RECORD_COLUMNS[1:])
#: Excel forbids these in sheet names, and allows at most this many characters
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_CHARS = 31
#: the sheets every workbook has
RECORDS_SHEET = "records"
FAILED_SHEET = "failed_checks"


class JsonlWriter:
    """One JSON line per report, flushed as written (a killed run loses at most a torn last line)."""

    def __init__(self, handle: IO[str], *, with_text: bool = True) -> None:
        self.handle = handle
        self.with_text = with_text

    def write(self, report: dict[str, Any]) -> None:
        data = report if self.with_text else {k: v for k, v in report.items() if k != "text"}
        self.handle.write(json.dumps(data, ensure_ascii=False) + "\n")
        self.handle.flush()


class CsvWriter:
    """One row per record (:func:`~gikp_nlp.outputs.rows.record_rows`), ``file`` first."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        self.writer.writeheader()

    def write(self, report: dict[str, Any]) -> None:
        for row in record_rows(report):
            row["file"] = row.pop("source")
            self.writer.writerow(row)
        self.handle.flush()


def _arrow_table(rows: list[dict[str, Any]], columns: tuple[str, ...]):
    pa = require("pyarrow", "parquet")
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    schema = pa.schema([(c, types[COLUMN_TYPES[c]]) for c in columns])
    data = {c: [_cast(row.get(c), COLUMN_TYPES[c]) for row in rows] for c in columns}
    return pa.table(data, schema=schema)


def _cast(value: Any, kind: str) -> Any:
    if value is None:
        return None
    return {"str": str, "int": int, "float": float, "bool": bool}[kind](value)


def parquet_paths(path: Path) -> dict[str, Path]:
    """Where :func:`write_parquet` puts each table: records at ``path``, the others beside it."""
    return {"records": path, "mentions": path.with_suffix(".mentions.parquet"),
            "checks": path.with_suffix(".checks.parquet")}


def write_parquet(reports: Iterable[dict[str, Any]], path: Path) -> dict[str, Path]:
    """Records, mentions and checks tables with typed columns (``COLUMN_TYPES``)."""
    pq = require("pyarrow.parquet", "parquet")
    reports = list(reports)
    tables = {"records": (RECORD_COLUMNS, record_rows), "mentions": (MENTION_COLUMNS, mention_rows),
              "checks": (CHECK_COLUMNS, check_rows)}
    paths = parquet_paths(Path(path))
    for key, (columns, rows_of) in tables.items():
        rows = [row for report in reports for row in rows_of(report)]
        pq.write_table(_arrow_table(rows, columns), paths[key])
    return paths


def sheet_name(index: int, name: str, taken: set[str]) -> str:
    """A legal, unique Excel sheet name for report ``index`` (1-based) named ``name``."""
    stem = SHEET_FORBIDDEN.sub("_", Path(name).stem if name else "report")
    base = f"{index:04d} {stem}"[:SHEET_NAME_CHARS]
    out, n = base, 1
    while out.lower() in taken:
        n += 1
        out = f"{base[:SHEET_NAME_CHARS - len(str(n)) - 1]}~{n}"
    taken.add(out.lower())
    return out


def write_excel(reports: Iterable[dict[str, Any]], path: Path, *, per_report: bool = False) -> Path:
    """A workbook: ``records`` (every record), ``failed_checks``, and with ``per_report`` one
    sheet of records per report."""
    openpyxl = require("openpyxl", "excel")
    reports = list(reports)
    book = openpyxl.Workbook(write_only=True)
    _sheet(book, RECORDS_SHEET, RECORD_COLUMNS, [row for r in reports for row in record_rows(r)])
    _sheet(book, FAILED_SHEET, CHECK_COLUMNS, [row for r in reports for row in check_rows(r, failed_only=True)])
    if per_report:
        taken = {RECORDS_SHEET, FAILED_SHEET}
        for i, report in enumerate(reports, 1):
            _sheet(book, sheet_name(i, str(report.get("file") or report.get("source") or ""), taken),
                   RECORD_COLUMNS, record_rows(report))
    book.save(path)
    return Path(path)


def _sheet(book, title: str, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(c) for c in columns])


def write_table_output(reports: Iterable[dict[str, Any]], path: Path, *, per_report: bool = False) -> list[Path]:
    """Whole-corpus outputs by suffix (``.csv``, ``.parquet``, ``.xlsx``, ``.jsonl``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return list(write_parquet(reports, path).values())
    if suffix == ".xlsx":
        return [write_excel(reports, path, per_report=per_report)]
    if suffix in (".csv", ".jsonl"):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = CsvWriter(handle) if suffix == ".csv" else JsonlWriter(handle)
            for report in reports:
                writer.write(report)
        return [path]
    raise UnsupportedFormatError(f"cannot write {path}: output format {suffix or '(no suffix)'!r} is not supported",
                                 hint=f"use one of {' '.join(OUTPUT_FORMATS)}, or a folder for a resumable run")
