"""Implicit zeros: a sentence that says an indicator was zero without a digit.

Per the annotation guidelines: ``本年度未收到政府信息公开申请`` → request.new = 0,
``未发生…行政复议和行政诉讼`` → review.total = 0 and litigation.total = 0,
``暂不收费`` / ``未…收取费用`` → fees.collected = 0, ``没有…专项经费`` →
org.budget = 0. Each mention has ``implicit=True``, value 0, and its span is
the phrase that says so (also its evidence). Patterns live in rules.yaml
(``implicit``), matched on the lexicon's folded view and mapped back to the original.
"""
from __future__ import annotations

import re
from functools import lru_cache

from gikp_nlp.lexicon import FoldedText
from gikp_nlp.narrative.cues import load_raw
from gikp_nlp.report import Mention
from gikp_nlp.schema import Taxonomy

_CONFIDENCE = 0.8  # one fixed value: every implicit zero rests on one phrase pattern


@lru_cache(maxsize=1)
def _patterns() -> dict:
    raw = load_raw()["implicit"]
    return {
        "max_span": int(raw["max_span"]),
        "clause_bad": re.compile(f"[{raw['clause_forbidden']}]"),
        "anchor": re.compile(raw["anchor"]),
        "tail": re.compile(raw["tail"]),
        "cases": tuple((ind, re.compile(p)) for ind, p in raw["cases"].items()),
        "request": re.compile(raw["request_new"]["pattern"]),
        "request_reject": re.compile(raw["request_new"]["reject_inside"]),
        "fees": re.compile(raw["fees"]["pattern"]),
        "fees_reject_after": re.compile(raw["fees"]["reject_after"]),
        "budget": re.compile(raw["budget"]["pattern"]),
        "ids": (*raw["cases"], "request.new", "fees.collected", "org.budget"),
    }


def _mention(ft: FoldedText, fstart: int, fend: int, indicator: str) -> Mention:
    start, end = ft.span(fstart, fend)
    phrase = ft.original[start:end]
    return Mention(start=start, end=end, text=phrase, indicator=indicator, value=0, source="rule",
                   confidence=_CONFIDENCE, implicit=True, evidence=(start, end), evidence_text=phrase)


def _cases(ft: FoldedText, lo: int, hi: int, pats: dict) -> list[Mention]:
    """未发生…行政复议、行政诉讼和…申诉: one zero per case kind named after the anchor."""
    f = ft.folded
    out = []
    pos = lo
    while True:
        anchor = pats["anchor"].search(f, pos, hi)
        if not anchor:
            return out
        limit = min(hi, anchor.start() + pats["max_span"])
        bad = pats["clause_bad"].search(f, anchor.end(), limit)
        limit = bad.start() if bad else limit
        found: dict[str, int] = {}
        for indicator, pattern in pats["cases"]:
            ends = [m.end() for m in pattern.finditer(f, anchor.end(), limit)]
            if ends:
                found[indicator] = max(ends)
        if not found:
            pos = anchor.end()
            continue
        end = max(found.values())
        tail = pats["tail"].match(f, end, hi)
        end = tail.end() if tail else end
        out += [_mention(ft, anchor.start(), end, ind) for ind in found]
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
        out += _cases(ft, lo, hi, pats)
        out += _simple(ft, lo, hi, pats["request"], "request.new", reject_inside=pats["request_reject"])
        out += _simple(ft, lo, hi, pats["fees"], "fees.collected", reject_after=pats["fees_reject_after"])
        out += _simple(ft, lo, hi, pats["budget"], "org.budget")
    out = [m for m in out if m.indicator in taxonomy]
    return sorted(out, key=lambda m: (m.start, m.end, m.indicator))
