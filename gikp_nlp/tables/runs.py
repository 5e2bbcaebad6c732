"""What both grammars share: label runs matched against a vocabulary (wrapped
labels joined back), and cells turned into table mentions."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from gikp_nlp.numbers import arabic_value
from gikp_nlp.report import Mention
from gikp_nlp.schema.taxonomy import Taxonomy
from gikp_nlp.tables import forms
from gikp_nlp.tables.grammar import Entry, Grammar, item_number, label_key
from gikp_nlp.tables.grid import Tok

_ITEM_KEY = "第二十条第项"  # 第二十条第（一）项 once its parenthetical is folded away
_GLUED = re.compile(r"(.*[^\d\s.,，．])([0-9]+)")
_MONEY_DIVISOR = {("万元", "元"): 10_000}


@dataclass(frozen=True, slots=True)
class Label:
    """One or more label cells read as one printed label."""

    start: int
    end: int
    raw: str  # the cells' texts joined (no separators)
    key: str
    entries: tuple[Entry, ...]

    def evidence(self, text: str) -> tuple[tuple[int, int], str]:
        return (self.start, self.end), text[self.start:self.end]


@dataclass
class Parsed:
    """A grammar's reading of one cell stream."""

    grammar: str
    mentions: list[Mention] = field(default_factory=list)
    consumed: list[tuple[int, int]] = field(default_factory=list)  # spans of cells the grammar used
    orphans: list[Tok] = field(default_factory=list)  # numbers the grammar could not place
    formats: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    n_labels: int = 0  # labels recognised
    state: object | None = None  # where the grammar stopped (continues a table split across blocks)

    @property
    def score(self) -> tuple[int, int]:
        return (len([m for m in self.mentions if not m.blank]), self.n_labels)


def absorb_units(toks: list[Tok], grammar: Grammar) -> list[Tok]:
    """A unit word after labels is the tail of a wrapped label when the labels
    name nothing without it and something with it (space-separated tables:
    属于行政查询事 项 0 …); otherwise it stays the row's unit cell."""
    max_join = forms.LIMITS["max_label_join"]
    out = list(toks)
    for i, tok in enumerate(out):
        if tok.kind != "unit" or i == 0 or out[i - 1].kind != "label":
            continue
        joins = []
        for j in range(i - 1, max(-1, i - max_join), -1):
            if out[j].kind != "label":
                break
            joins.append("".join(t.text for t in out[j:i]))
        if not any(grammar.lookup(label_key(raw)) for raw in joins) and any(
                grammar.lookup(label_key(raw + tok.text)) for raw in joins):
            out[i] = Tok("label", tok.start, tok.end, tok.text)
    return out


def split_glued(toks: list[Tok], grammar: Grammar) -> list[Tok]:
    """A label cell with a number glued to its end (``总计0``: a PDF line of
    headers run into the row of values below it) is that label and that number,
    when the label part alone is a label of the form."""
    out: list[Tok] = []
    for tok in toks:
        m = _GLUED.fullmatch(tok.text) if tok.kind == "label" else None
        if m and grammar.lookup(label_key(m.group(1))):
            cut = tok.start + m.start(2)
            value = arabic_value(m.group(2))
            out += [Tok("label", tok.start, cut, m.group(1)), Tok("num", cut, tok.end, m.group(2), value)]
        else:
            out.append(tok)
    return out


def runs(toks: list[Tok]) -> Iterator[tuple[bool, list[Tok]]]:
    """Consecutive label cells, then consecutive value cells, alternating."""
    current: list[Tok] = []
    is_label = None
    for tok in toks:
        label = tok.kind == "label"
        if current and label != is_label:
            yield bool(is_label), current
            current = []
        is_label = label
        current.append(tok)
    if current:
        yield bool(is_label), current


def _entries(grammar: Grammar, raw: str, single: bool) -> tuple[Entry, ...] | None:
    key = label_key(raw, truncated_ok=single)
    if not key:
        return (Entry("ignore", ""),)
    number = item_number(raw)
    if number and key in (_ITEM_KEY, f"第二十条第{number}项"):
        return (Entry("item", "二", (number,)),)
    found = grammar.lookup(key)
    return found or None


def segment(run: list[Tok], grammar: Grammar) -> list[Label]:
    """Read a run of label cells left to right, longest join first.

    A cell that matches nothing alone or joined gives a Label without entries
    (an unknown row: the values after it are not placed).
    """
    max_join = forms.LIMITS["max_label_join"]
    out: list[Label] = []
    i = 0
    while i < len(run):
        for j in range(min(len(run), i + max_join), i, -1):
            raw = "".join(t.text for t in run[i:j])
            entries = _entries(grammar, raw, single=j == i + 1)
            if entries is not None:
                out.append(Label(run[i].start, run[j - 1].end, raw, label_key(raw, truncated_ok=j == i + 1),
                                 entries))
                i = j
                break
        else:
            out.append(Label(run[i].start, run[i].end, run[i].text, label_key(run[i].text), ()))
            i += 1
    if any(not label.entries for label in out):
        return _interleaved(run, grammar) or out
    return out


def _interleaved(run: list[Tok], grammar: Grammar) -> list[Label] | None:
    """Two labels printed side by side in narrow columns and read line by line
    (a PDF page: ``（三）不予 8.属于行政查 / 公开 询事项``): the pieces of the run split
    into two subsequences, each a known label. Only when exactly one split works
    (never a guess); the label holding the run's last piece comes last, as the
    row its values belong to. None when no unique split exists."""
    n = len(run)
    if not 2 < n <= forms.LIMITS["max_interleaved_pieces"]:
        return None
    found: list[tuple[Label, Label]] = []
    for mask in range(1, 2 ** (n - 1)):  # the last piece always in the second label
        first = [t for k, t in enumerate(run) if mask >> k & 1]
        second = [t for k, t in enumerate(run) if not mask >> k & 1]
        labels = []
        for part in (first, second):
            raw = "".join(t.text for t in part)
            entries = _entries(grammar, raw, single=False)
            if not entries or all(e.kind == "ignore" for e in entries):
                break
            labels.append(Label(part[0].start, part[-1].end, raw, label_key(raw, truncated_ok=False), entries))
        if len(labels) == 2:
            found.append((labels[0], labels[1]))
            if len(found) > 1:
                return None
    return list(found[0]) if found else None


def convert(value: int | float, printed_unit: str | None, unit: str) -> int | float:
    """Money into the indicator's unit (元 printed, 万元 indicator → ÷ 10000)."""
    divisor = _MONEY_DIVISOR.get((unit, printed_unit or ""))
    if not divisor:
        return value
    out = value / divisor
    return int(out) if out == int(out) else round(out, 8)


def cell_mention(text: str, tok: Tok, indicator: str, taxonomy: Taxonomy, label: Label | None, *,
                 applicant: str = "total", confidence: float, printed_unit: str | None = None) -> Mention:
    """A mention for a value cell, or an implicit blank zero for a blank cell."""
    evidence, evidence_text = label.evidence(text) if label else (None, None)
    unit = tok.unit or printed_unit
    if tok.kind == "blank":
        return Mention(tok.start, tok.start, "", indicator, 0, applicant, source="table", confidence=confidence,
                       implicit=True, blank=True, evidence=evidence, evidence_text=evidence_text, unit=unit)
    value = convert(tok.value, unit, taxonomy[indicator].unit)  # type: ignore[arg-type]
    return Mention(tok.start, tok.end, text[tok.start:tok.end], indicator, value, applicant, source="table",
                   confidence=confidence, evidence=evidence, evidence_text=evidence_text, unit=unit)
