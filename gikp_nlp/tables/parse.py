"""Run the grammars over every table candidate of a Document and collect the
mentions, the regions consumed, and notes about what was not read."""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from gikp_nlp.config import TablesConfig
from gikp_nlp.document import Document
from gikp_nlp.schema.taxonomy import Taxonomy
from gikp_nlp.tables import forms, t2008, t2019
from gikp_nlp.tables.detect import find_zones
from gikp_nlp.tables.grammar import grammars
from gikp_nlp.tables.grid import Tok, block_tokens, pipe_tokens, space_tokens
from gikp_nlp.tables.runs import Parsed

logger = logging.getLogger(__name__)
_MAX_SHOWN = 5  # orphan cells quoted in a note
_MIN_HEADER_LABELS = 2  # a table block of headers only (its values in the next block)
_PROSE_MARKS = ("。", "；")  # sentence punctuation: never inside a table cell
_BLANKS_SHOWN = ("block", "pipe")  # candidate kinds where an empty cell is a blank token


@dataclass(frozen=True, slots=True)
class Candidate:
    """Cells that may be one table: a structured block or a text zone."""

    start: int
    end: int
    kind: str  # "block", "pipe", "space" or "lines"
    toks: tuple[Tok, ...]


def candidates(document: Document, config: TablesConfig) -> list[Candidate]:
    text = document.text
    out = [Candidate(b.start, b.end, "block", tuple(block_tokens(text, b)))
           for b in document.blocks if b.kind == "table"]
    for zone in find_zones(document, config.min_numeric_cells):
        tokenize = pipe_tokens if zone.mode == "pipe" else space_tokens
        out.append(Candidate(zone.start, zone.end, zone.mode, tuple(tokenize(text, zone.start, zone.end))))
    return sorted(out, key=lambda c: c.start)


def best_reading(cand: Candidate, taxonomy: Taxonomy, text: str, carry: Parsed | None = None) -> Parsed:
    """Both grammars read the cells; the one that places more values wins.

    ``carry``: the reading of the table block just before, when ``cand`` is a
    block too; a 2019/2021 table cut by a page break goes on with its headers.
    """
    g2008, g2019 = grammars(taxonomy)
    toks = list(cand.toks)
    state = carry.state if carry is not None and carry.grammar == "t2019" else None
    sep = line_gap(text, toks) if cand.kind == "lines" else None
    readings = [t2008.parse(toks, g2008, taxonomy, text), t2019.parse(toks, g2019, taxonomy, text, state, sep,
                                                                     cand.kind in _BLANKS_SHOWN)]
    return max(readings, key=lambda p: p.score)


def line_gap(text: str, toks: list[Tok]) -> int | None:
    """The usual number of line breaks between two cells of a one-cell-a-line
    table (the most common; the smaller on a tie): more means an empty cell."""
    gaps = Counter(text.count("\n", a.end, b.start) for a, b in zip(toks, toks[1:]))
    if not gaps:
        return None
    return max(gaps, key=lambda g: (gaps[g], -g))


def _adjacent_blocks(first: Candidate, second: Candidate, text: str) -> bool:
    """Two table blocks with at most a short line between them (a page break,
    a repeated caption): one table cut in two."""
    gap = text[first.end:second.start].strip()
    return first.kind == second.kind == "block" and len(gap) <= forms.LIMITS["max_title_chars"]


def _cell_like(cand: Candidate) -> bool:
    """Pipes or a structured block are cells; space-separated text with a full
    stop in it is prose that happens to hold numbers."""
    if cand.kind == "lines":
        return False  # short lines with numbers and no grammar match: a list, not a table
    return cand.kind != "space" or not any(mark in t.text for t in cand.toks for mark in _PROSE_MARKS)


def region_of(cand: Candidate, parsed: Parsed) -> tuple[int, int]:
    if cand.kind == "block":
        return cand.start, cand.end
    return min(s for s, _ in parsed.consumed), max(e for _, e in parsed.consumed)


def read_tables(document: Document, taxonomy: Taxonomy, config: TablesConfig):  # noqa: ANN201 - TableResult
    from gikp_nlp.tables import TableResult

    text = document.text
    mentions, regions, formats, notes = [], [], [], []
    previous: tuple[Candidate, Parsed] | None = None
    for cand in candidates(document, config):
        carry = previous[1] if previous and _adjacent_blocks(previous[0], cand, text) else None
        parsed = best_reading(cand, taxonomy, text, carry)
        previous = (cand, parsed) if parsed.mentions or parsed.n_labels else None
        where = f"characters {cand.start}-{cand.end}"
        if not parsed.mentions and cand.kind == "block" and parsed.n_labels >= _MIN_HEADER_LABELS:
            regions.append((cand.start, cand.end))  # the header half of a table cut by a page break
            continue
        if not parsed.mentions:
            n = sum(t.kind == "num" for t in cand.toks)
            if n >= config.min_numeric_cells and _cell_like(cand):
                notes.append(f"{where} look like a table ({n} numbers) but match no statistics-table grammar "
                             f"(t2008/t2019/t2021); left to the narrative path")
            continue
        mentions += parsed.mentions
        regions.append(region_of(cand, parsed))
        formats += [f for f in sorted(parsed.formats) if f not in formats]
        notes += [f"{where}: {n}" for n in parsed.notes]
        orphans = [t for t in parsed.orphans if regions[-1][0] <= t.start < regions[-1][1]]
        if orphans:
            shown = ", ".join(repr(t.text) for t in orphans[:_MAX_SHOWN])
            notes.append(f"{where}: {len(orphans)} number(s) in a {parsed.grammar} table matched no row/column "
                         f"and were not recorded ({shown}{', …' if len(orphans) > _MAX_SHOWN else ''})")
    formats = _settle_eras(formats)
    for note in notes:
        logger.info("tables: %s", note)
    mentions.sort(key=lambda m: (m.start, m.end, m.indicator, m.applicant))
    return TableResult(tuple(mentions), tuple(regions), tuple(formats), tuple(notes))


def _settle_eras(formats: list[str]) -> list[str]:
    """A 2021-only row anywhere makes the report t2021; a table 三/四 with no
    era of its own takes the report's, t2019 when nothing says otherwise."""
    known = [f for f in formats if f != t2019.UNKNOWN_ERA]
    if "t2021" in known:
        known = [f for f in known if f != "t2019"]
    if t2019.UNKNOWN_ERA in formats and not {"t2019", "t2021"} & set(known):
        known.append("t2019")
    return known


__all__ = ["read_tables", "candidates", "best_reading"]
