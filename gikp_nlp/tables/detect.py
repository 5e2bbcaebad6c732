"""Find the parts of a report's text that may be a flattened table ("zones").

A zone starts at a line that holds a pipe or at least ``min_numeric_cells``
stand-alone numbers (or ——); it goes on through lines with a stand-alone
number or a table-header word (``forms.ANCHORS``), tolerates a few short
lines in between (one cell a line, wrapped labels) and takes short title lines
before it; a long line of prose ends it. Zones
are generous on purpose: the grammar decides which cells are table cells, and
the recognised region is cut to what it consumed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from gikp_nlp.document import Document
from gikp_nlp.lexicon import fold_label as fold
from gikp_nlp.tables import forms
from gikp_nlp.tables.grid import PIPES, classify

_LINE = re.compile(r"[^\r\n]+")
_TOKEN = re.compile(r"[^\s|｜]+")
_SEEDS = ("pipe", "dense")  # lines that start a zone
_TABULAR = ("pipe", "dense", "sparse", "anchor")
_ANCHORS = tuple(fold(a) for a in forms.ANCHORS)  # lines that continue one


@dataclass(frozen=True, slots=True)
class Zone:
    """``text[start:end]`` may hold a flattened table; ``mode`` is ``pipe`` or ``space``."""

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
        return "title" if len(line) <= limits["max_title_chars"] else "short"

    kinds = [kind(i) for i in range(len(lines))]
    zones: list[Zone] = []
    i = 0
    while i < len(lines):
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
