"""Find the parts of a report's text that may be a flattened table ("zones").

A zone is a run of lines that are tabular (they hold a pipe, or at least
``min_numeric_cells`` stand-alone numbers or ——), with short non-tabular lines
tolerated in between (one cell a line) and short title lines before it. Zones
are generous on purpose: the grammar decides which cells are table cells, and
the recognised region is cut to what it consumed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from gikp_nlp.document import Document
from gikp_nlp.tables import forms
from gikp_nlp.tables.grid import PIPES, classify

_LINE = re.compile(r"[^\r\n]+")
_TOKEN = re.compile(r"[^\s|｜]+")


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
        if numeric_cells(text, s, e) >= min_numeric_cells:
            return "dense"
        return "short" if len(line) <= limits["max_cell_chars"] else "long"

    kinds = [kind(i) for i in range(len(lines))]
    zones: list[Zone] = []
    i = 0
    while i < len(lines):
        if kinds[i] not in ("pipe", "dense"):
            i += 1
            continue
        first = last = i
        j, gap = i + 1, 0
        while j < len(lines) and kinds[j] != "long":
            if kinds[j] in ("pipe", "dense"):
                last, gap = j, 0
            elif kinds[j] == "short":
                gap += 1
                if gap > limits["max_gap_lines"]:
                    break
            j += 1
        back, looked = first - 1, 0
        while back >= 0 and looked < limits["title_lookback_lines"] and kinds[back] != "long":
            s, e, _ = lines[back]
            if kinds[back] == "short" and len(text[s:e].strip()) > limits["max_title_chars"]:
                break
            if kinds[back] != "empty":
                first = back
                looked += 1
            back -= 1
        start, end = lines[first][0], lines[last][1]
        pipes = sum(text.count(p, start, end) for p in PIPES)
        zones.append(Zone(start, end, "pipe" if pipes >= limits["min_pipes"] else "space"))
        i = last + 1
    return _merge(zones)


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
