"""Implicit zeros: a sentence that says an indicator was zero without a digit.

Per the annotation guidelines: ``本年度未收到政府信息公开申请`` → request.new = 0,
``未发生…行政复议和行政诉讼`` → review.total = 0 and litigation.total = 0,
``暂不收费`` / ``未…收取费用`` → fees.collected = 0, ``没有…专项经费`` →
org.budget = 0. Each mention has ``implicit=True``, value 0, and its span is
the phrase that says so (also its evidence). Patterns live in rules.yaml
(``implicit``), matched on the lexicon's folded view and mapped back to the original,
in three shapes, because one negation often zeroes several indicators at once:
lists (a negation, then names in the clause: ``无行政许可、行政处罚事项`` → two),
a grid (verbs × kinds of document: ``未制发或废止规章、规范性文件`` → four) and
simple one-indicator patterns.
"""
from __future__ import annotations

import re
from functools import lru_cache

from gikp_nlp.lexicon import FoldedText
from gikp_nlp.narrative.cues import load_raw
from gikp_nlp.report import Mention
from gikp_nlp.schema import Taxonomy

_CONFIDENCE = 0.8  # one fixed value: every implicit zero rests on one phrase pattern


def _optional(raw: dict, key: str) -> re.Pattern[str] | None:
    return re.compile(raw[key]) if raw.get(key) else None


@lru_cache(maxsize=1)
def _patterns() -> dict:
    raw = load_raw()["implicit"]
    grid = raw["grid"]
    return {
        "max_span": int(raw["max_span"]),
        "clause_bad": re.compile(f"[{raw['clause_forbidden']}]"),
        "clause_join": re.compile(raw["clause_join"]),
        "lists": tuple(
            {"anchor": re.compile(spec["anchor"]), "tail": re.compile(spec["tail"]),
             "reject_after": _optional(spec, "reject_after"),
             "names": tuple((ind, re.compile(p)) for ind, p in spec["names"].items())}
            for spec in raw["lists"].values()),
        "grid": {"anchor": re.compile(grid["anchor"]), "verb_gap": int(grid["verb_gap"]),
                 "template": grid["template"],
                 "verbs": tuple((v, re.compile(p)) for v, p in grid["verbs"].items()),
                 "kinds": tuple((k, re.compile(p)) for k, p in grid["kinds"].items())},
        "simple": tuple((s["indicator"], re.compile(s["pattern"]), _optional(s, "reject_inside"),
                         _optional(s, "reject_after")) for s in raw["simple"]),
        "ids": (*(ind for spec in raw["lists"].values() for ind in spec["names"]),
                *(grid["template"].format(kind=k, verb=v) for k in grid["kinds"] for v in grid["verbs"]),
                *(s["indicator"] for s in raw["simple"])),
    }


def _mention(ft: FoldedText, fstart: int, fend: int, indicator: str) -> Mention:
    start, end = ft.span(fstart, fend)
    phrase = ft.original[start:end]
    return Mention(start=start, end=end, text=phrase, indicator=indicator, value=0, source="rule",
                   confidence=_CONFIDENCE, implicit=True, evidence=(start, end), evidence_text=phrase)


def _clause_end(f: str, pos: int, hi: int, pats: dict) -> int:
    """End of the clause from ``pos`` (at most ``max_span`` on), going on past a
    comma that only continues a list (``clause_join``)."""
    limit = min(hi, pos + pats["max_span"])
    while True:
        bad = pats["clause_bad"].search(f, pos, limit)
        if not bad:
            return limit
        if not pats["clause_join"].match(f, bad.start(), limit):
            return bad.start()
        pos = bad.end()


def _lists(ft: FoldedText, lo: int, hi: int, spec: dict, pats: dict) -> list[Mention]:
    """未发生…行政复议、行政诉讼和…申诉: one zero per name found after the anchor."""
    f = ft.folded
    out = []
    pos = lo
    while True:
        anchor = spec["anchor"].search(f, pos, hi)
        if not anchor:
            return out
        limit = _clause_end(f, anchor.end(), hi, pats)
        found: dict[str, int] = {}
        for indicator, pattern in spec["names"]:
            ends = [m.end() for m in pattern.finditer(f, anchor.end(), limit)]
            if ends:
                found[indicator] = max(ends)
        if not found:
            pos = anchor.end()
            continue
        end = max(found.values())
        tail = spec["tail"].match(f, end, hi)
        end = tail.end() if tail else end
        pos = end
        if spec["reject_after"] is not None and spec["reject_after"].match(f, end, hi):
            continue
        out += [_mention(ft, anchor.start(), end, ind) for ind in found]


def _grid(ft: FoldedText, lo: int, hi: int, grid: dict, pats: dict) -> list[Mention]:
    """未制发或废止规章、规范性文件: one zero per verb × document kind, when the
    first verb follows the negation closely and the clause holds no digit."""
    f = ft.folded
    out = []
    pos = lo
    while True:
        anchor = grid["anchor"].search(f, pos, hi)
        if not anchor:
            return out
        pos = anchor.end()
        limit = _clause_end(f, anchor.end(), hi, pats)
        kinds = [(k, m) for k, p in grid["kinds"] for m in p.finditer(f, anchor.end(), limit)]
        if not kinds or any(ch.isdigit() for ch in f[anchor.start():limit]):
            continue
        first_kind = min(m.start() for _, m in kinds)
        verbs = [(v, m) for v, p in grid["verbs"] for m in p.finditer(f, anchor.end(), first_kind)]
        if not verbs or min(m.start() for _, m in verbs) - anchor.end() > grid["verb_gap"]:
            continue
        end = max(m.end() for _, m in kinds)
        ids = {grid["template"].format(kind=k, verb=v) for k, _ in kinds for v, _ in verbs}
        out += [_mention(ft, anchor.start(), end, ind) for ind in sorted(ids)]
        pos = end


def _simple(ft: FoldedText, lo: int, hi: int, pattern: re.Pattern[str], indicator: str,
            reject_inside: re.Pattern[str] | None = None,
            reject_after: re.Pattern[str] | None = None) -> list[Mention]:
    f = ft.folded
    out = []
    for m in pattern.finditer(f, lo, hi):
        if reject_inside is not None and reject_inside.search(m.group()):
            continue
        if reject_after is not None and reject_after.match(f, m.end(), hi):
            continue
        out.append(_mention(ft, m.start(), m.end(), indicator))
    return out


def find_implicit_zeros(text: str, spans: list[tuple[int, int]], taxonomy: Taxonomy, *,
                        folded: FoldedText | None = None) -> list[Mention]:
    """Implicit-zero mentions in the narrative ``spans`` of ``text``, in text order
    (``folded``: the document's folded view, when the caller built it already)."""
    if not text or not spans:
        return []
    pats = _patterns()
    ft = FoldedText.build(text) if folded is None else folded
    out: list[Mention] = []
    for s, e in sorted(spans):
        lo, hi = ft.locate(s, e)
        if hi <= lo:
            continue
        for spec in pats["lists"]:
            out += _lists(ft, lo, hi, spec, pats)
        out += _grid(ft, lo, hi, pats["grid"], pats)
        for indicator, pattern, reject_inside, reject_after in pats["simple"]:
            out += _simple(ft, lo, hi, pattern, indicator, reject_inside, reject_after)
    out = [m for m in out if m.indicator in taxonomy]
    return sorted(out, key=lambda m: (m.start, m.end, m.indicator))
