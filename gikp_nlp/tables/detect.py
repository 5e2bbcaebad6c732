"""Find the parts of a report's text that may be a flattened table ("zones").

A zone starts at a line that holds a pipe or at least ``min_numeric_cells``
stand-alone numbers (or ——); it goes on through lines with a stand-alone
number, a table-header word (``forms.ANCHORS``) or a short line that is (part
of) a label of the forms, tolerates a few short lines in between (wrapped
labels, notes) and takes short title lines before it; a long line of prose
ends it. A table printed one cell a line (no line with a pipe or several
numbers) is a ``lines`` zone: a run of such lines holding at least
``min_numeric_cells`` bare numbers and a form label. Zones
are generous on purpose: the grammar decides which cells are table cells, and
the recognised region is cut to what it consumed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from gikp_nlp.document import Document
from gikp_nlp.lexicon import fold_label as fold
from gikp_nlp.tables.grammar import label_key
from gikp_nlp.tables import forms
from gikp_nlp.tables.grid import PIPES, classify

_LINE = re.compile(r"[^\r\n]+")
_TOKEN = re.compile(r"[^\s|｜]+")
_SEEDS = ("pipe", "dense")  # lines that start a zone
_TABULAR = ("pipe", "dense", "sparse", "anchor", "label")
_ANCHORS = tuple(fold(a) for a in forms.ANCHORS)  # lines that continue one
_MIN_LABEL_KEY = 2  # a one-character piece (总 / 计 of a vertical header) names nothing by itself


def _form_labels() -> str:
    """Every label key of the forms, joined: a short line whose key is part of
    one is a (wrapped) table label (本年新 / 制作数量, 商业 / 企业)."""
    labels: list[str] = [*forms.T2008["titles"], *forms.T2008["ignore"], *(h for h, _ in forms.T2008["headers"]),
                         *(r[0] for r in forms.T2008["rows"]), *forms.TABLE2["titles"], *forms.TABLE2["ignore"],
                         "第二十条第项"]
    for spec in forms.TABLE2["items"].values():
        labels += [r for r, _ in spec["rows"]] + [c for cols in spec["columns"].values() for c, _ in cols]
    t3, t4 = forms.TABLE3, forms.TABLE4
    labels += [*t3["titles"], *t3["ignore"], *(a for a, _ in t3["applicants"]), t3["organisations"][0],
               *t3["groups"], *(r for r, _ in t3["rows"]), *t4["titles"], *t4["ignore"],
               *(g for g, _ in t4["groups"]), *(leaf for leaf, _ in t4["leaves"])]
    return "\x00".join(k for k in (label_key(x) for x in labels) if k)


_LABELS = _form_labels()


def _is_form_label(line: str) -> bool:
    key = label_key(line)
    return len(key) >= _MIN_LABEL_KEY and key in _LABELS


@dataclass(frozen=True, slots=True)
class Zone:
    """``text[start:end]`` may hold a flattened table; ``mode`` is ``pipe``,
    ``space`` or ``lines`` (one cell a line: whitespace tokens, like ``space``)."""

    start: int
    end: int
    mode: str


def _lines(text: str, skip: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """(start, end, inside a structured table block) per non-empty line."""
    return [(m.start(), m.end(), any(m.start() < b and a < m.end() for a, b in skip))
            for m in _LINE.finditer(text)]


def numeric_cells(text: str, start: int, end: int) -> int:
    """Stand-alone numbers and —— placeholders in ``text[start:end]``."""
    count = 0
    for m in _TOKEN.finditer(text, start, end):
        tok = classify(text, m.start(), m.end())
        if tok is not None and (tok.kind == "num" or (tok.kind == "blank" and tok.text)):
            count += 1
    return count


def find_zones(document: Document, min_numeric_cells: int) -> list[Zone]:
    """Zones of ``document.text`` outside its structured table blocks."""
    limits = forms.LIMITS
    text = document.text
    skip = [(b.start, b.end) for b in document.blocks if b.kind == "table"]
    lines = _lines(text, skip)

    def kind(i: int) -> str:
        s, e, structured = lines[i]
        if structured:
            return "long"  # a structured block ends any zone; it is parsed from its cells
        line = text[s:e].strip()
        if not line:
            return "empty"
        if any(p in line for p in PIPES):
            return "pipe"
        n = numeric_cells(text, s, e)
        if n >= min_numeric_cells:
            return "dense"
        if n and n * limits["max_cell_chars"] >= len(line):
            return "sparse"  # at least one stand-alone number per cell-length of text
        if len(line) > limits["max_cell_chars"]:
            folded = fold(line)
            return "anchor" if any(a in folded for a in _ANCHORS) else "long"
        if _is_form_label(line):
            return "label"
        return "title" if len(line) <= limits["max_title_chars"] else "short"

    kinds = [kind(i) for i in range(len(lines))]
    zones: list[Zone] = []
    i = 0
    while i < len(lines):
        if kinds[i] == "sparse":
            zone = _lines_zone(text, lines, kinds, i, min_numeric_cells)
            if zone is not None:
                zones.append(zone[0])
                i = zone[1] + 1
                continue
        if kinds[i] not in _SEEDS:
            i += 1
            continue
        first = _extend(kinds, i, -1)
        last = _extend(kinds, i, +1)
        start, end = lines[first][0], lines[last][1]
        pipes = sum(text.count(p, start, end) for p in PIPES)
        zones.append(Zone(start, end, "pipe" if pipes >= limits["min_pipes"] else "space"))
        i = last + 1
    return _merge(zones)


def _lines_zone(text: str, lines: list[tuple[int, int, bool]], kinds: list[str], i: int,
                min_numeric_cells: int) -> tuple[Zone, int] | None:
    """A table printed one cell a line, seeded at the bare-number line ``i``:
    (zone, its last line) when the run around it holds enough numbers and a
    form label and no line that would seed an ordinary zone."""
    first, last = _extend(kinds, i, -1), _extend(kinds, i, +1)
    span = kinds[first:last + 1]
    if any(k in _SEEDS for k in span) or "label" not in span:
        return None
    if sum(numeric_cells(text, s, e) for s, e, _ in lines[first:last + 1]) < min_numeric_cells:
        return None
    return Zone(lines[first][0], lines[last][1], "lines"), last


def _extend(kinds: list[str], i: int, step: int) -> int:
    """The farthest line from ``i`` (in direction ``step``) still in the zone:
    tabular lines (with at least one stand-alone number or a pipe), and runs
    of at most ``max_gap_lines`` short lines between them; before the zone,
    up to ``title_lookback_lines`` title lines (政府信息公开情况统计表, (2017年度))."""
    limit = forms.LIMITS["max_gap_lines"] if step > 0 else forms.LIMITS["title_lookback_lines"]
    edge, j, gap = i, i + step, 0
    while 0 <= j < len(kinds) and kinds[j] != "long":
        if kinds[j] in _TABULAR:
            edge, gap = j, 0
        elif kinds[j] in ("short", "title"):
            gap += 1
            if gap > limit:
                break
            if step < 0 and kinds[j] == "title":
                edge = j  # a title line above the table
        j += step
    return edge


def _merge(zones: list[Zone]) -> list[Zone]:
    """Lookback may reach into the previous zone: merge overlapping zones."""
    out: list[Zone] = []
    for z in sorted(zones, key=lambda z: z.start):
        if out and z.start <= out[-1].end:
            prev = out[-1]
            mode = "pipe" if "pipe" in (prev.mode, z.mode) else "space"
            out[-1] = Zone(prev.start, max(prev.end, z.end), mode)
        else:
            out.append(z)
    return out
