"""The 2008-2018 form (政府信息公开情况统计表): rows ``label | unit | value``.

A row's value is the first value cell after its label, past an optional unit
cell (or an empty unit cell). A label followed straight by another label lost
its value in the flattening: nothing is recorded for it. A label printed in two
sections (被依法纠错数, 其他情形数 under 四、行政复议 and 五、行政诉讼) takes the id of
the section the rows before it opened.
"""
from __future__ import annotations

from gikp_nlp.schema.taxonomy import Taxonomy
from gikp_nlp.tables import forms
from gikp_nlp.tables.grammar import Entry, Grammar
from gikp_nlp.tables.grid import Tok
from gikp_nlp.tables.runs import Label, Parsed, absorb_units, cell_mention, runs, segment, split_glued

_CONF = forms.CONFIDENCE


def _pick_row(rows: list[Entry], section: str | None) -> tuple[Entry, float]:
    if len(rows) == 1:
        return rows[0], _CONF["exact"]
    same = [r for r in rows if r.payload[1] == section]
    if same:
        return same[0], _CONF["exact"]
    return rows[0], _CONF["section_guess"]


def _row_value(values: list[Tok]) -> tuple[Tok | None, str | None, list[Tok]]:
    """(value cell, printed unit, cells left over) of a ``unit | value`` run."""
    unit = None
    if values and values[0].kind == "unit":
        unit, values = values[0].text, values[1:]
    elif len(values) >= 2 and values[0].kind == "blank" and values[1].kind in ("num", "blank"):
        values = values[1:]  # the unit cell is empty
    if not values or values[0].kind == "unit":
        return None, unit, values
    return values[0], unit, values[1:]


def parse(toks: list[Tok], grammar: Grammar, taxonomy: Taxonomy, text: str) -> Parsed:
    out = Parsed("t2008")
    section: str | None = None
    pending: tuple[Label, str, float] | None = None
    for is_label, run in runs(absorb_units(split_glued(toks, grammar), grammar)):
        if is_label:
            for label in segment(run, grammar):
                kinds = {e.kind for e in label.entries}
                if kinds == {"ignore"} and not label.key:
                    continue  # a parenthetical note under a label: the row goes on
                pending = None
                if not label.entries:
                    continue
                out.consumed.append((label.start, label.end))
                out.n_labels += 1
                rows = [e for e in label.entries if e.kind == "row"]
                if rows:
                    entry, confidence = _pick_row(rows, section)
                    section = entry.payload[1]
                    pending = (label, entry.payload[0], confidence)
                elif "header" in kinds:
                    section = next(e.payload[0] for e in label.entries if e.kind == "header")
            continue
        if pending is None:
            out.orphans += [t for t in run if t.kind == "num"]
            continue
        label, indicator, confidence = pending
        pending = None
        cell, unit, rest = _row_value(run)
        if cell is None:
            out.orphans += [t for t in rest if t.kind == "num"]
            continue
        out.mentions.append(cell_mention(text, cell, indicator, taxonomy, label, confidence=confidence,
                                         printed_unit=unit))
        out.consumed.append((run[0].start, cell.end))
        out.orphans += [t for t in rest if t.kind == "num"]
    if out.mentions:
        out.formats.add("t2008")
    return out
