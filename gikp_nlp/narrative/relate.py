"""The relation step: candidates → mentions, one for every narrative engine.

A candidate is a number and the indicators it may state. What the words around
it say decides the rest: its unit (``171条``, ``380元`` → 万元), whether it is a
rate (``90%``) or the number of a list item (``1、``) and so no count, the words
naming its indicator (evidence, required), the id of the report's form era for
concepts printed under two ids, and its applicant (``其中公民申请8件`` after a
total). All words come from the lexicon and are matched on the document's one
folded view (:class:`gikp_nlp.lexicon.FoldedText`).

:class:`ModelEngine` joins a candidate predictor (the trained model, which
imports nothing of this package) to this step; :class:`NarrativeTagger` is the
protocol every narrative engine object meets (``tag(text, spans, *, folded, era)``).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Protocol, runtime_checkable

from gikp_nlp.candidates import Candidate
from gikp_nlp.config import NarrativeConfig
from gikp_nlp.lexicon import FoldedText, Lexicon, form_era, get_lexicon
from gikp_nlp.lexicon.era import NEW_ERA, OLD_ERA
from gikp_nlp.numbers import NumberSpan
from gikp_nlp.report import Mention
from gikp_nlp.schema import Taxonomy

logger = logging.getLogger(__name__)

#: the word that opens the parts of a count stated before it (``行政诉讼3件，其中维持2件``)
QIZHONG = "其中"
#: a cue found after the number must start within this many characters of it
#: (``2次参加…在线访谈``); before the number the clause bounds the search.
AFTER_WINDOW = 16
#: a narrative breakdown by applicant (``其中公民申请8件``) follows its total
#: within this many characters; further away an applicant word names the whole count.
BREAKDOWN_REACH = 300
#: a model mention must have evidence (words naming its indicator in the clause):
#: the relation step doubles as a precision filter against from-scratch guesses
REQUIRE_EVIDENCE = True


@runtime_checkable
class NarrativeTagger(Protocol):
    """A narrative engine: mentions for the numbers in ``text[s:e]`` of each span.

    ``folded``: the document's folded view, built once by the caller;
    ``era``: the report's form era (``t2008``/``t2019``), decided once by the
    caller; None: the engine reads them from ``text`` itself."""

    engine: str

    def tag(self, text: str, spans: list[tuple[int, int]] | None = None, *,
            folded: FoldedText | None = None, era: str | None = None) -> list[Mention]: ...


class CandidatePredictor(Protocol):
    """What the trained model offers: candidates with probabilities, no mentions."""

    taxonomy: Taxonomy
    config: NarrativeConfig

    def candidates(self, text: str, spans: list[tuple[int, int]] | None = None, *,
                   folded: FoldedText | None = None) -> list[Candidate]: ...


# -- the words around a number -------------------------------------------------------
@lru_cache(maxsize=1)
def _patterns(lexicon: Lexicon) -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    filler = re.compile(r"[\s]*(?:" + "|".join(map(re.escape, lexicon.approx_after)) + r")?[\s]*")
    applicants = tuple((a, re.compile(lexicon.applicant_pattern(a))) for a, _ in lexicon.applicants)
    return filler, applicants


def clause_start(text: str, pos: int, limit: int) -> int:
    """Start of the clause (sentence) holding ``pos``, at most ``limit`` characters back."""
    breaks = get_lexicon().sentence_breaks
    lo = max(0, pos - limit)
    for i in range(pos - 1, lo - 1, -1):
        if text[i] in breaks:
            return i + 1
    return lo


def clause_end(text: str, pos: int, limit: int) -> int:
    """End of the clause (sentence) holding ``pos``, at most ``limit`` characters on."""
    breaks = get_lexicon().sentence_breaks
    hi = min(len(text), pos + limit)
    for i in range(pos, hi):
        if text[i] in breaks:
            return i
    return hi


def _after_filler(text: str, end: int) -> int:
    m = _patterns(get_lexicon())[0].match(text, end)
    return m.end() if m else end


def is_percentage(text: str, end: int) -> bool:
    """A number followed by a percent or per-mille sign (``90%以上``, ``100 ％``)."""
    return text.startswith(get_lexicon().percent_signs, _after_filler(text, end))


def is_list_marker(text: str, start: int, end: int) -> bool:
    """The number of a list item, first on its line (``1、 “同意公开”的122件``,
    ``（2）申请办理情况``): it numbers the item, it counts nothing."""
    lexicon = get_lexicon()
    if end >= len(text) or text[end] not in lexicon.list_marker_after:
        return False
    while start > 0 and text[start - 1] in lexicon.list_marker_before:
        start -= 1
    return text[text.rfind("\n", 0, start) + 1:start].strip() == ""


def read_unit(text: str, end: int) -> str | None:
    """The unit printed after a number (``171条``, ``3 件``, ``1100余篇``), if any."""
    pos = _after_filler(text, end)
    for unit in get_lexicon().count_units:
        if text.startswith(unit, pos):
            return unit
    return None


def in_indicator_unit(value: int | float, printed: str | None, indicator_unit: str) -> int | float:
    """``value`` in the indicator's unit: 元 printed where the indicator counts 万元
    is divided by 10 000 (the lexicon's ``money``); anything else is kept."""
    source, target, factor = get_lexicon().money
    if printed == source and indicator_unit == target:
        return round(value / factor, 6)
    return value


def find_evidence(text: str, folded: FoldedText, start: int, end: int, indicator: str, taxonomy: Taxonomy,
                  max_distance: int) -> tuple[int, int] | None:
    """The span naming ``indicator`` nearest to the number ``text[start:end]``.

    Names are matched in the document's folded view inside the clause (no
    spaces inside words, no pinyin ruby such as ``網(wǎng)站``, one script: the
    view the model read), and the span is mapped back to ``text``; distances
    count folded characters."""
    fa, fb = folded.locate(clause_start(text, start, max_distance), clause_end(text, end, AFTER_WINDOW))
    num_lo, num_hi = folded.locate(start, end)
    f = folded.folded
    best: tuple[int, int, int, int] | None = None  # (distance, -length, s, e) in folded positions
    for name in get_lexicon().evidence_names(taxonomy, indicator):
        s = f.find(name, fa, fb)
        while s >= 0:
            e = s + len(name)
            if not (s < num_hi and e > num_lo):
                distance = num_lo - e if e <= num_lo else s - num_hi
                key = (distance, -(e - s), s, e)
                if best is None or key < best:
                    best = key
            s = f.find(name, e, fb)
    return folded.span(best[2], best[3]) if best else None


def applicant_cue(text: str, folded: FoldedText, start: int, max_distance: int) -> str | None:
    """An applicant type named in the clause before the number (``公民个人提出申请1030件``)
    or after it up to the next separator (``8件申请人为公民``)."""
    lexicon = get_lexicon()
    seps = lexicon.applicant_separators
    lo = clause_start(text, start, max_distance)
    lo = max(lo, max(text.rfind(sep, lo, start) for sep in seps) + 1)
    hi = clause_end(text, start, AFTER_WINDOW)
    stops = [i for i in (text.find(sep, start, hi) for sep in seps) if i >= 0]
    scopes = (folded.locate(lo, start), folded.locate(start, min(stops, default=hi)))
    for fa, fb in scopes:
        for applicant, pattern in _patterns(lexicon)[1]:
            if pattern.search(folded.folded, fa, fb):
                return applicant
    return None


# -- candidates → mentions -------------------------------------------------------------
def era_chooser(era: str | None, taxonomy: Taxonomy) -> Callable[[str], str]:
    """``id -> id`` for a report of form ``era``: an id whose concept the other era
    prints under its own id (the lexicon's era twins) becomes the id of ``era``
    (``t2021`` reads as ``t2019``: one set of ids for both newer forms)."""
    if era is None:
        return lambda indicator: indicator
    era = OLD_ERA if era == OLD_ERA else NEW_ERA
    twins = get_lexicon().era_twins

    def choose(indicator: str) -> str:
        twin = twins.get(indicator)
        return twin if twin is not None and era_form(taxonomy[indicator].forms) != era else indicator

    return choose


def era_form(forms: tuple[str, ...]) -> str:
    """``t2008`` for a 2008-form id, ``t2019`` for an id of the 2019/2021 forms."""
    return OLD_ERA if OLD_ERA in forms else NEW_ERA


def build_mention(text: str, folded: FoldedText, number: NumberSpan, indicator: str, conf: float,
                  taxonomy: Taxonomy, config: NarrativeConfig, source: str = "model") -> Mention | None:
    """A mention for ``number`` (offsets into ``text``), or None when the words
    around it reject it: a Chinese numeral without a unit (五公开, 一是), a
    percentage (guidelines: rates are never counts), the number of a list item
    (1、), or no words naming the indicator in the clause (``REQUIRE_EVIDENCE``)."""
    start, end = number.start, number.end
    if is_percentage(text, end) or is_list_marker(text, start, end):
        return None
    unit = read_unit(text, end)
    if number.chinese and unit is None:
        return None
    evidence = find_evidence(text, folded, start, end, indicator, taxonomy, config.max_label_distance)
    if evidence is None and REQUIRE_EVIDENCE:
        logger.debug("dropped %s=%s at %d: no words name it in its clause", indicator, number.text, start)
        return None
    return Mention(
        start=start, end=end, text=text[start:end], indicator=indicator,
        value=in_indicator_unit(number.value, unit, taxonomy[indicator].unit),
        source=source, confidence=round(conf, 4), approx=number.approx,
        evidence=evidence, evidence_text=text[evidence[0]:evidence[1]] if evidence else None, unit=unit,
    )


def assign_applicants(text: str, folded: FoldedText, mentions: list[Mention], max_distance: int) -> list[Mention]:
    """Applicant by rule: an applicant word in the clause makes a *breakdown*
    mention (one that follows a total of the same indicator) carry that applicant;
    alone, the count is the whole total (guidelines: ``共受理公民申请4件`` → total)."""
    indicators = get_lexicon().applicant_indicators
    out: list[Mention] = []
    for m in mentions:
        if m.indicator in indicators:
            cue = applicant_cue(text, folded, m.start, max_distance)
            has_total = any(p.indicator == m.indicator and p.applicant == "total"
                            and 0 < m.start - p.end <= BREAKDOWN_REACH for p in out)
            if cue and has_total:
                m = replace(m, applicant=cue)
        out.append(m)
    return out


def dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per number span: the most confident one."""
    by_span: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        kept = by_span.get((m.start, m.end))
        if kept is None or m.confidence > kept.confidence:
            by_span[(m.start, m.end)] = m
    return sorted(by_span.values(), key=lambda m: (m.start, m.end))


def relate(text: str, candidates: list[Candidate], taxonomy: Taxonomy, config: NarrativeConfig, *,
           folded: FoldedText, era: str | None, source: str = "model") -> list[Mention]:
    """Mentions for ``candidates``: per number, the first option (most probable
    first) whose words the clause holds, in the id of the report's era; then
    one mention per span and the applicants of breakdowns."""
    era_id = era_chooser(era, taxonomy)
    mentions: list[Mention] = []
    for cand in candidates:
        for indicator, conf in cand.options:
            mention = build_mention(text, folded, cand.number, era_id(indicator), conf, taxonomy, config, source)
            if mention is not None:
                mentions.append(mention)
                break
    return assign_applicants(text, folded, dedupe(mentions), config.max_label_distance)


class ModelEngine:
    """``narrative.engine = "model"``: a candidate predictor (the trained model)
    joined to the relation step. ``ModelEngine(NerTagger.from_pretrained(path))``."""

    engine = "model"

    def __init__(self, predictor: CandidatePredictor) -> None:
        self.predictor = predictor
        self.taxonomy = predictor.taxonomy
        self.config = predictor.config

    def tag(self, text: str, spans: list[tuple[int, int]] | None = None, *,
            folded: FoldedText | None = None, era: str | None = None) -> list[Mention]:
        """Mentions (``source="model"``) for the numbers in ``text[s:e]`` for each span."""
        folded = FoldedText.build(text) if folded is None else folded
        era = form_era(text) if era is None else era
        candidates = self.predictor.candidates(text, spans, folded=folded)
        return relate(text, candidates, self.taxonomy, self.config, folded=folded, era=era)
