"""The one row definition: a report dict (``Report.to_dict()``) → flat rows.

``Report.to_frame``, the CSV writer, Parquet and Excel all build their rows
here, so a column means the same thing in every output. Rows are plain dicts
keyed by the ``*_COLUMNS`` tuples; ``COLUMN_TYPES`` gives each column's type
(the Parquet schema and the README's table).
"""
from __future__ import annotations

from typing import Any

#: one row per record: the first mention's span and how many mentions state it
RECORD_COLUMNS = ("source", "indicator", "label", "applicant", "value", "unit", "approx", "implicit", "blank",
                  "confidence", "sources", "start", "end", "text", "n_mentions")
#: one row per mention (every span that states a value)
MENTION_COLUMNS = ("source", "indicator", "applicant", "value", "unit", "start", "end", "text", "mention_source",
                   "confidence", "approx", "implicit", "blank", "evidence_start", "evidence_end", "evidence_text")
#: one row per consistency check
CHECK_COLUMNS = ("source", "rule", "kind", "passed", "indicator", "applicant", "expected", "actual", "detail")

#: each column's type: ``str``, ``int``, ``float``, ``bool`` (all nullable)
COLUMN_TYPES: dict[str, str] = {
    "source": "str", "indicator": "str", "label": "str", "applicant": "str", "value": "float", "unit": "str",
    "approx": "bool", "implicit": "bool", "blank": "bool", "confidence": "float", "sources": "str", "start": "int",
    "end": "int", "text": "str", "n_mentions": "int", "mention_source": "str", "evidence_start": "int",
    "evidence_end": "int", "evidence_text": "str", "rule": "str", "kind": "str", "passed": "bool",
    "expected": "float", "actual": "float", "detail": "str", "file": "str",
}


def _name(report: dict[str, Any], name: str | None) -> str | None:
    return name if name is not None else report.get("file", report.get("source"))


def record_rows(report: dict[str, Any], name: str | None = None) -> list[dict[str, Any]]:
    """One row per record of ``report`` (a ``Report.to_dict()``); ``source`` is ``name``, else the
    dict's ``file``, else its ``source``."""
    source = _name(report, name)
    rows = []
    for r in report["records"]:
        first = r["mentions"][0] if r["mentions"] else None
        rows.append({
            "source": source,
            "indicator": r["indicator"],
            "label": r["label"],
            "applicant": r["applicant"],
            "value": r["value"],
            "unit": r["unit"],
            "approx": r["approx"],
            "implicit": r["implicit"],
            "blank": r["blank"],
            "confidence": r["confidence"],
            "sources": ",".join(r["sources"]),
            "start": first["start"] if first else None,
            "end": first["end"] if first else None,
            "text": first["text"] if first else None,
            "n_mentions": len(r["mentions"]),
        })
    return rows


def mention_rows(report: dict[str, Any], name: str | None = None) -> list[dict[str, Any]]:
    """One row per mention, sorted by span."""
    source = _name(report, name)
    rows = []
    for r in report["records"]:
        for m in r["mentions"]:
            evidence = m.get("evidence") or (None, None)
            rows.append({
                "source": source, "indicator": m["indicator"], "applicant": m["applicant"], "value": m["value"],
                "unit": r["unit"], "start": m["start"], "end": m["end"], "text": m["text"],
                "mention_source": m["source"], "confidence": m["confidence"], "approx": m["approx"],
                "implicit": m["implicit"], "blank": m["blank"], "evidence_start": evidence[0],
                "evidence_end": evidence[1], "evidence_text": m.get("evidence_text"),
            })
    rows.sort(key=lambda row: (row["start"], row["end"], row["indicator"], row["applicant"]))
    return rows


def check_rows(report: dict[str, Any], name: str | None = None, *, failed_only: bool = False) -> list[dict[str, Any]]:
    """One row per check (only the failed ones with ``failed_only``)."""
    source = _name(report, name)
    return [{"source": source, **{k: c[k] for k in CHECK_COLUMNS[1:]}}
            for c in report["checks"] if not (failed_only and c["passed"])]
