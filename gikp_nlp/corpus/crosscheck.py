"""Checks across reports: ``check_corpus(reports, bodies)``.

``bodies`` names each report's body, year and parent (a county and its
departments), from a CSV with columns ``file, body, year, parent, summary``
(``summary`` true when the report says it covers its departments). Three kinds:

- ``year_over_year``: this year's 上年结转 (``request.carried_over``) equals last
  year's 结转下年度继续办理 (``request.carried_forward``); table 二's 上一年项目数量
  equals last year's 上一年项目数量 plus its 本年增/减;
- ``summary``: a summary report's count equals the sum of its departments' counts,
  for the request-handling indicators every one of them states;
- ``copy``: the same narrative, or the same non-zero table figures, under two
  bodies or two years.

Each result is a :class:`CrossCheck` with the spans of both reports.
"""
from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from gikp_nlp.errors import InputError

#: this year's indicator → last year's indicator(s) whose sum it must equal
YEAR_OVER_YEAR: dict[str, tuple[str, ...]] = {
    "request.carried_over": ("request.carried_forward",),
    **{f"proactive.{item}.items_prev_year": (f"proactive.{item}.items_prev_year", f"proactive.{item}.items_change")
       for item in ("licensing", "other_services", "penalty", "enforcement", "fees")},
}
#: indicators a summary report adds up over its departments (counts of requests handled)
SUMMED_PREFIXES = ("request.",)
#: fewer non-zero table figures than this are too few to call two reports copies
MIN_COPIED_FIGURES = 5
#: fewer narrative characters than this (after dropping digits and spaces) are too few to call copied
MIN_COPIED_CHARS = 200
#: values closer than this are equal (figures are counts and 万元 amounts)
TOLERANCE = 1e-6
#: what the narrative comparison ignores: figures change from year to year, layout from site to site
_IGNORED = re.compile(r"[\s0-9０-９.,，。、%％]+")
TRUE_WORDS = {"1", "true", "yes", "y", "是"}


@dataclass(frozen=True, slots=True)
class SpanRef:
    """A span of one report: ``file``, offsets into its text, and the text there."""

    file: str
    start: int | None
    end: int | None
    text: str | None


@dataclass(frozen=True, slots=True)
class CrossCheck:
    """One check across two (or more) reports; ``left`` is the report judged, ``right`` the one it is
    judged against (last year's report, the summary, the earlier copy)."""

    rule: str
    kind: str
    passed: bool
    indicator: str | None
    applicant: str | None
    expected: float | None
    actual: float | None
    left: SpanRef
    right: SpanRef
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Body:
    """A report's place in the corpus."""

    file: str
    body: str
    year: int
    parent: str | None
    summary: bool


def read_bodies(path: str | Path) -> list[Body]:
    """The CSV manifest of bodies (``file, body, year, parent, summary``)."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = {"file", "body", "year"} - set(rows[0] if rows else {})
    if missing:
        raise InputError(f"{path}: the bodies manifest lacks column(s) {', '.join(sorted(missing))}",
                         hint="columns: file, body, year, parent, summary")
    try:
        return [Body(file=r["file"], body=r["body"], year=int(r["year"]), parent=(r.get("parent") or None),
                     summary=str(r.get("summary", "")).strip().lower() in TRUE_WORDS) for r in rows]
    except ValueError as exc:
        raise InputError(f"{path}: a year is not a number ({exc})", hint="write years as 2023") from None


def _figures(report: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["indicator"], r["applicant"]): r for r in report["records"]}


def _ref(file: str, record: dict[str, Any] | None) -> SpanRef:
    first = record["mentions"][0] if record and record["mentions"] else None
    return SpanRef(file, first["start"] if first else None, first["end"] if first else None,
                   first["text"] if first else None)


def _whole(file: str, report: dict[str, Any]) -> SpanRef:
    text = report.get("text")
    return SpanRef(file, 0 if text is not None else None, len(text) if text is not None else None, None)


def _check(rule: str, kind: str, indicator: str, applicant: str, expected: float, actual: float,
           left: SpanRef, right: SpanRef, detail: str) -> CrossCheck:
    return CrossCheck(rule, kind, abs(expected - actual) <= TOLERANCE, indicator, applicant, expected, actual,
                      left, right, detail)


def _lookup(reports: dict[str, dict[str, Any]], file: str) -> dict[str, Any] | None:
    return reports.get(file) or reports.get(Path(file).name)


def check_corpus(reports: Iterable[dict[str, Any]], bodies: Iterable[Body]) -> list[CrossCheck]:
    """Every cross-report check the bodies manifest allows (report dicts as ``gikp extract`` writes them)."""
    by_file: dict[str, dict[str, Any]] = {}
    for report in reports:
        name = str(report.get("file") or report.get("source"))
        by_file[name] = report
        by_file.setdefault(Path(name).name, report)
    placed = [(b, r) for b in bodies if (r := _lookup(by_file, b.file)) is not None]
    out: list[CrossCheck] = []
    out += _year_over_year(placed)
    out += _summaries(placed)
    out += _copies(placed)
    return out


def _year_over_year(placed: list[tuple[Body, dict[str, Any]]]) -> list[CrossCheck]:
    by_key = {(b.body, b.year): (b, r) for b, r in placed}
    out = []
    for (body, year), (b, report) in sorted(by_key.items()):
        last = by_key.get((body, year - 1))
        if last is None:
            continue
        now, before = _figures(report), _figures(last[1])
        for indicator, sources in YEAR_OVER_YEAR.items():
            mine = now.get((indicator, "total"))
            theirs = [before.get((s, "total")) for s in sources]
            if mine is None or any(t is None for t in theirs):
                continue
            expected = sum(t["value"] for t in theirs)
            out.append(_check(
                "year_over_year", "year_over_year", indicator, "total", expected, mine["value"],
                _ref(b.file, mine), _ref(last[0].file, theirs[0]),
                f"{body} {year}: {indicator} = {mine['value']}, {year - 1}: "
                f"{' + '.join(sources)} = {expected}"))
    return out


def _summaries(placed: list[tuple[Body, dict[str, Any]]]) -> list[CrossCheck]:
    children: dict[tuple[str, int], list[tuple[Body, dict[str, Any]]]] = defaultdict(list)
    for b, r in placed:
        if b.parent:
            children[(b.parent, b.year)].append((b, r))
    out = []
    for b, report in placed:
        kids = children.get((b.body, b.year))
        if not b.summary or not kids:
            continue
        mine = _figures(report)
        theirs = [_figures(r) for _, r in kids]
        for key, record in sorted(mine.items()):
            if not key[0].startswith(SUMMED_PREFIXES) or any(key not in t for t in theirs):
                continue
            expected = sum(t[key]["value"] for t in theirs)
            out.append(_check(
                "summary_vs_departments", "summary", key[0], key[1], expected, record["value"],
                _ref(b.file, record), _ref(kids[0][0].file, theirs[0][key]),
                f"{b.body} {b.year}: {record['value']} vs the sum of {len(kids)} department(s) = {expected}"))
    return out


def narrative_text(report: dict[str, Any]) -> str:
    """The report text outside its table regions (all of it when the dict names none)."""
    text = report.get("text") or ""
    kept, pos = [], 0
    for start, end in sorted(report.get("table_regions") or ()):
        kept.append(text[pos:start])
        pos = max(pos, end)
    kept.append(text[pos:])
    return "".join(kept)


def _narrative_key(report: dict[str, Any]) -> str | None:
    bare = _IGNORED.sub("", narrative_text(report))
    return hashlib.sha256(bare.encode("utf-8")).hexdigest() if len(bare) >= MIN_COPIED_CHARS else None


def _table_key(report: dict[str, Any]) -> tuple | None:
    figures = tuple(sorted((r["indicator"], r["applicant"], r["value"]) for r in report["records"]
                           if r["value"] and "table" in r["sources"]))
    return figures if len(figures) >= MIN_COPIED_FIGURES else None


def _copies(placed: list[tuple[Body, dict[str, Any]]]) -> list[CrossCheck]:
    out = []
    for rule, key_of in (("copied_narrative", _narrative_key), ("copied_tables", _table_key)):
        first: dict[Any, tuple[Body, dict[str, Any]]] = {}
        for b, report in sorted(placed, key=lambda p: (p[0].year, p[0].body, p[0].file)):
            key = key_of(report)
            if key is None:
                continue
            if key not in first:
                first[key] = (b, report)
                continue
            ob, other = first[key]
            if (ob.body, ob.year) == (b.body, b.year):
                continue  # the same report twice (two formats of one report)
            if rule == "copied_narrative":
                left, right = _whole(b.file, report), _whole(ob.file, other)
            else:
                records = sorted((r for r in report["records"] if r["value"] and "table" in r["sources"]),
                                 key=lambda r: (r["indicator"], r["applicant"]))
                twin = _figures(other)[(records[0]["indicator"], records[0]["applicant"])]
                left, right = _ref(b.file, records[0]), _ref(ob.file, twin)
            out.append(CrossCheck(rule, "copy", False, None, None, None, None, left, right,
                                  f"{b.body} {b.year} repeats {ob.body} {ob.year}"))
    return out
