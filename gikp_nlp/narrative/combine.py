"""The hybrid engine, decided per number: the model and the rules weigh in together.

For every narrative number that either engine proposes, the candidate
(indicator, applicant, value) *pairs* are the model's most probable indicators
that words in the clause name (:func:`relate.build_mention`) and the rules'
mention. Each pair gets features (:data:`FEATURES`): from the model (the pair's
probability, its margin to the next, whether it is the model's pick), from the
rules (this pair, another indicator, nothing), their agreement, the relation
step's evidence (distance, before/after, ``其中``, applicant words), the
lexicon's error-class cue lists (``hybrid_cues``: counts with no indicator,
topic breakdowns, not this year's value, one channel vs several; a cue word
inside the pair's own naming words does not count), the channels named for
the count (since the previous number of its clause) against the pair's
channel or total, a name joined to another by a conjunction (a combined
category), the 行政复议/行政诉讼 scope, the printed unit against the
indicator's (``291期`` is no count of information), the verb nearest before
the number against the pair's indicator (lexicon ``count_verbs``: ``处理申请N件``
is request.result.total, not request.new) and a parenthesis that makes the
count a mix (``申请24件（含上年结转1件）``: lexicon ``mixed_counts``). A small logistic model
(:class:`Combiner`, weights in a JSON file, numpy only) scores the pairs; a
number keeps its best pair when the score reaches the combiner's threshold,
else nothing (precision first: a pair the engines disagree on and the
evidence does not carry is dropped); a report keeps one value per
(indicator, applicant), the best-scored (:func:`one_value_each`).

Why not a union (:mod:`fallback`): the union keeps every false positive of both
engines; here each engine's strengths become weights fitted on gold documents
(:mod:`gikp_nlp.training.combiner`, thresholds chosen by cross-validation).
"""
from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from gikp_nlp.config import NarrativeConfig
from gikp_nlp.errors import CombinerFeaturesError, ModelLoadError
from gikp_nlp.lexicon import FoldedText, Lexicon, form_era, get_lexicon
from gikp_nlp.narrative.cues import get_table
from gikp_nlp.narrative.relate import (
    BREAKDOWN_REACH,
    QIZHONG,
    CandidatePredictor,
    NarrativeTagger,
    applicant_cue,
    build_mention,
    clause_start,
    era_chooser,
    relate,
)
from gikp_nlp.report import Mention
from gikp_nlp.schema import Taxonomy

logger = logging.getLogger(__name__)

#: the combiner file beside a model's weights
COMBINER_FILE = "combiner.json"
#: ``narrative.combiner`` value that asks for the union of model and rules (no combiner)
NO_COMBINER = "none"
#: version of the combiner file's layout
COMBINER_FORMAT = 1
#: evidence distances (folded characters) are divided by this ...
DISTANCE_SCALE = 10.0
#: ... and capped at this many scale units (a name 40 characters away is as weak as one 80 away)
DISTANCE_CAP = 4.0
#: the sections whose ``行政复议``/``行政诉讼`` scope words decide between twin indicators
SCOPED_SECTIONS = ("review", "litigation")
#: the sections that get a feature of their own (the rest share ``sec_other``)
SECTIONS = ("proactive", "request", "review", "litigation")
CHANNEL_PREFIX = "proactive.channel."
TOTAL_ID = "proactive.total"
#: the channel that stands for its parts when both are named (``微博、微信`` is new media)
NEW_MEDIA = "new_media"
NEW_MEDIA_PARTS = ("weibo", "wechat")
#: a conjunction this many characters or fewer before a name joins it to another (``及解读``, ``、政协委员提案``)
CONJUNCTION_REACH = 2
#: a parenthesis that qualifies a count opens within this many characters after it (its unit, ``余``) ...
PAREN_REACH = 3
#: ... and its words are read this many characters on (``（含上年结转1件）``)
PAREN_WINDOW = 16
PAREN_OPEN = "(（"
PAREN_CLOSE = ")）"

#: feature names, in the order of a pair's vector (a combiner file names them too)
FEATURES: tuple[str, ...] = (
    "m_prob", "m_top", "m_margin", "m_option", "m_none", "m_number_conf",
    "r_same", "r_exact", "r_other", "r_none", "r_conf", "agree", "agree_exact",
    "ev_distance", "ev_after", "ev_none", "qizhong", "applicant_named", "applicant_set",
    "cue_no_indicator", "cue_topic", "cue_not_this_year", "cue_documents", "channel_one", "channel_many",
    "channel_conflict", "section_match", "section_conflict", "section_match_near", "section_conflict_near",
    "approx", "chinese", "log_value", "has_unit", "m_second", "m_prob_r_same", "m_prob_r_other", "m_prob_r_none",
    "m_scope_twin",
    "ch_match", "ch_mismatch", "ch_unnamed", "total_one_channel", "total_channels", "combined",
    "sec_proactive", "sec_request", "sec_review", "sec_litigation", "sec_other",
    "unit_same", "unit_clash", "verb_match", "verb_conflict", "mixed_count", "cue_other_counts",
)


@dataclass(frozen=True)
class Pair:
    """One candidate statement of a number: the mention emitted if it wins, and its features."""

    mention: Mention
    features: tuple[float, ...]


@dataclass(frozen=True)
class Combiner:
    """A fitted logistic scorer of pairs: ``sigmoid(w · (x - mean) / scale + bias)``.

    ``model_sha256``: the full sha256 of the model weights it was fitted for (the
    model's probabilities are features, so other weights need another fit);
    ``info``: how it was fitted (data, inner-CV thresholds, CV figures)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float
    model_sha256: str | None = None
    info: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.features)
        if not (len(self.weights) == len(self.mean) == len(self.scale) == n):
            raise ModelLoadError(f"combiner has {n} features but {len(self.weights)} weights, {len(self.mean)} means "
                                 f"and {len(self.scale)} scales", hint="refit it: gikp combiner --model <model dir>")

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Probability that each row of ``x`` (pairs × this version's :data:`FEATURES`) states a gold record;
        a combiner fitted before some features existed reads only the columns of its own."""
        x = np.asarray(x, dtype=np.float64)
        if self.features != FEATURES:
            x = x[:, [FEATURES.index(name) for name in self.features]]
        z = ((x - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))

    def to_dict(self) -> dict[str, Any]:
        return {"format": COMBINER_FORMAT, "features": list(self.features), "weights": list(self.weights),
                "bias": self.bias, "mean": list(self.mean), "scale": list(self.scale), "threshold": self.threshold,
                "model_sha256": self.model_sha256, "info": dict(self.info)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Combiner:
        """A combiner from its JSON dict; its features must be among this version's :data:`FEATURES` (a
        combiner fitted before a feature was added scores without it; one that names a feature this version
        does not compute is a :class:`~gikp_nlp.errors.CombinerFeaturesError`)."""
        try:
            if data["format"] != COMBINER_FORMAT:
                raise ModelLoadError(f"combiner format {data['format']!r}, this version reads {COMBINER_FORMAT}",
                                     hint="refit it: gikp combiner --model <model dir>")
            combiner = cls(tuple(data["features"]), tuple(float(w) for w in data["weights"]), float(data["bias"]),
                           tuple(float(m) for m in data["mean"]), tuple(float(s) for s in data["scale"]),
                           float(data["threshold"]), data.get("model_sha256"), dict(data.get("info") or {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelLoadError(f"combiner file misshapen: {exc}", hint="refit it: gikp combiner --model <model dir>") from None
        unknown = [f for f in combiner.features if f not in FEATURES]
        if unknown or len(set(combiner.features)) != len(combiner.features):
            raise CombinerFeaturesError(f"combiner features this version does not compute (or twice): "
                                        f"{', '.join(unknown) or 'a repeated name'}",
                                        hint="refit it: gikp combiner --model <model dir>")
        missing = [f for f in FEATURES if f not in combiner.features]
        if missing:  # fitted before these features existed: it scores without them until refit
            logger.info("combiner fitted without the features %s: refit it to weigh them (gikp combiner)",
                        ", ".join(missing))
        return combiner

    def save(self, path: str | Path) -> Path:
        out = Path(path)
        out.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return out

    @classmethod
    def load(cls, path: str | Path) -> Combiner:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelLoadError(f"combiner file not found: {path}") from None
        except json.JSONDecodeError as exc:
            raise ModelLoadError(f"combiner file {path} is not valid JSON: {exc}") from None
        return cls.from_dict(data)


# -- features ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Words:
    """The cue lists as regexes (built once per lexicon)."""

    cues: Mapping[str, re.Pattern[str]]
    channel: tuple[str, ...]
    scopes: tuple[tuple[str, re.Pattern[str]], ...]
    channels: tuple[tuple[str, tuple[str, ...]], ...]  # every proactive.channel.* id and the words naming it
    verbs: tuple[tuple[tuple[str, str], ...], ...]  # per verb group: (verb, indicator id), longest verb first


@lru_cache(maxsize=4)
def _words(lexicon: Lexicon, taxonomy: Taxonomy) -> _Words:
    cues = {k: re.compile("|".join(map(re.escape, sorted(v, key=len, reverse=True))))
            for k, v in lexicon.hybrid_cues.items()}
    scopes = tuple((k, p) for k, p in get_table(taxonomy).contexts if k in SCOPED_SECTIONS)
    channels = tuple((ind.id, lexicon.evidence_names(taxonomy, ind.id)) for ind in taxonomy.indicators
                     if ind.id.startswith(CHANNEL_PREFIX))
    verbs = tuple(tuple(sorted(((v, ind) for ind, vs in group.items() for v in vs), key=lambda x: -len(x[0])))
                  for group in lexicon.count_verbs)
    return _Words(cues, tuple(lexicon.hybrid_cues["channel"]), scopes, channels, verbs)


@dataclass(frozen=True)
class _Context:
    """What the words around one number say, whatever its indicator."""

    cues: Mapping[str, tuple[tuple[int, int], ...]]  # per cue list, its words' folded spans before the number
    channels: int
    qizhong: bool
    applicant: str | None
    scope: str | None  # the last 行政复议/行政诉讼 word before the number in its sentence
    scope_near: str | None  # ... within ``section_window`` characters, when its sentence names none
    named_channels: frozenset[str]  # the channel ids named since the previous number of the clause
    conjunctions: str  # the characters that join two names (the rule table's ``conjunctions``)
    verbs: Mapping[str, str] = field(default_factory=dict)  # id of a verb group's indicator → the id its verb names
    mixed: frozenset[str] = frozenset()  # the ids a parenthesis after the number says the count is a mix for


def _context(text: str, folded: FoldedText, start: int, end: int, config: NarrativeConfig,
             taxonomy: Taxonomy) -> _Context:
    words = _words(get_lexicon(), taxonomy)
    f = folded.folded
    lo = clause_start(text, start, config.max_label_distance)
    fa, fnum = folded.locate(lo, start)
    clause = f[fa:fnum]
    near_lo = max(fa, fnum - config.cue_window)
    cues = {k: tuple(m.span() for m in p.finditer(f, near_lo, fnum)) for k, p in words.cues.items()}
    channels = sum(1 for w in words.channel if w in clause)
    sentence_lo = folded.locate(clause_start(text, start, config.section_window), start)[0]
    window_lo = folded.locate(max(0, start - config.section_window), start)[0]
    scope = _last_scope(words, f, sentence_lo, fnum)
    near = None if scope else _last_scope(words, f, window_lo, fnum)
    return _Context(cues, channels, QIZHONG in clause, applicant_cue(text, folded, start, config.max_label_distance),
                    scope, near, _named_channels(words, f[_after_last_number(f, fa, fnum):fnum]),
                    get_table(taxonomy).raw["conjunctions"], _verbs(words, clause),
                    _mixed(get_lexicon(), _parenthesis(f, folded.locate(start, end)[1])))


def _verbs(words: _Words, clause: str) -> dict[str, str]:
    """For every indicator of a verb group: the group's indicator whose verb ends nearest before the number
    (``共处理政府信息公开申请1件`` → request.result.total for request.new too); groups with no verb in the
    clause are absent. A longer verb wins at the same end (``现行有效`` over ``有效``)."""
    out: dict[str, str] = {}
    for group in words.verbs:
        best: tuple[int, int] | None = None
        named = None
        for verb, indicator in group:
            at = clause.rfind(verb)
            if at >= 0 and (best is None or (at + len(verb), len(verb)) > best):
                best, named = (at + len(verb), len(verb)), indicator
        if named is not None:
            out.update((indicator, named) for _, indicator in group)
    return out


def _parenthesis(f: str, end: int) -> str:
    """The words in a parenthesis that opens right after the number ending at ``end`` (folded), or ""."""
    seg = f[end:end + PAREN_REACH + PAREN_WINDOW]
    at = next((i for i, c in enumerate(seg[:PAREN_REACH + 1]) if c in PAREN_OPEN), -1)
    if at < 0 or any(c in get_lexicon().clause_breaks and c not in PAREN_OPEN for c in seg[:at]):
        return ""
    close = next((i for i in range(at + 1, len(seg)) if seg[i] in PAREN_CLOSE), len(seg))
    return seg[at + 1:close]


def _mixed(lexicon: Lexicon, words_in: str) -> frozenset[str]:
    """The ids whose ``mixed_counts`` words the parenthesis holds (``含上年结转1件``: no request.new)."""
    return frozenset(ind for ind, ws in lexicon.mixed_counts.items() if words_in and any(w in words_in for w in ws))


def _last_scope(words: _Words, f: str, lo: int, hi: int) -> str | None:
    """The section whose scope word (行政复议/行政诉讼) ends last in ``f[lo:hi]``."""
    best, best_end = None, -1
    for key, pattern in words.scopes:
        for m in pattern.finditer(f, lo, hi):
            if m.end() > best_end:
                best, best_end = key, m.end()
    return best


def _after_last_number(f: str, lo: int, hi: int) -> int:
    """Where the words about the number at ``hi`` begin: after the last digit in ``f[lo:hi]`` (its clause)."""
    for i in range(hi - 1, lo - 1, -1):
        if f[i].isdigit():
            return i + 1
    return lo


def _named_channels(words: _Words, segment: str) -> frozenset[str]:
    """The proactive.channel.* ids a segment names (``通过门户网站公开`` → website; ``网站和微信`` → two); the
    new-media id covers its weibo and wechat parts (``微博、微信``)."""
    named = {ind for ind, names in words.channels if any(name in segment for name in names)}
    new_media = f"{CHANNEL_PREFIX}{NEW_MEDIA}"
    if new_media in named:
        named -= {f"{CHANNEL_PREFIX}{part}" for part in NEW_MEDIA_PARTS}
    return frozenset(named)


def _cue(ctx: _Context, name: str, folded: FoldedText, m: Mention) -> float:
    """Whether a word of cue list ``name`` stands before the number outside the words naming the mention's
    indicator (``上年`` of ``上年结转`` names request.carried_over; it is no sign of another year there)."""
    spans = ctx.cues.get(name, ())
    if not spans:
        return 0.0
    if m.evidence is None:
        return 1.0
    e_lo, e_hi = folded.locate(*m.evidence)
    return float(any(hi <= e_lo or lo >= e_hi for lo, hi in spans))


def _combined(folded: FoldedText, m: Mention, conjunctions: str) -> bool:
    """Whether the words naming the mention's indicator follow a conjunction (``政策文件及解读6条``,
    ``人大代表建议、政协委员提案328件``): the count is of a combined category (guidelines, "Content categories")."""
    if m.evidence is None:
        return False
    e_lo = folded.locate(*m.evidence)[0]
    f = folded.folded
    return any(f[i] in conjunctions for i in range(max(0, e_lo - CONJUNCTION_REACH), e_lo))


def _section(indicator: str) -> str:
    return indicator.split(".", 1)[0]


def _evidence_features(folded: FoldedText, m: Mention) -> tuple[float, float, float]:
    """(scaled distance, cue after the number, no evidence) of a mention's naming words."""
    if m.evidence is None:
        return DISTANCE_CAP, 0.0, 1.0
    n_lo, n_hi = folded.locate(m.start, m.end)
    e_lo, e_hi = folded.locate(*m.evidence)
    after = e_lo >= n_hi
    distance = (e_lo - n_hi) if after else max(0, n_lo - e_hi)
    return min(DISTANCE_CAP, distance / DISTANCE_SCALE), float(after), 0.0


def pair_features(m: Mention, ctx: _Context, folded: FoldedText, *, model_probs: Mapping[str, float],
                  model_top: Mention | None, model_number_conf: float, rules: Sequence[Mention],
                  chinese: bool, twins: frozenset[str] = frozenset(),
                  indicator_unit: str | None = None) -> tuple[float, ...]:
    """The feature vector (:data:`FEATURES`) of the pair ``m`` of one number; ``indicator_unit``: the unit
    of its indicator in the taxonomy (the printed unit is weighed against it)."""
    prob = model_probs.get(m.indicator, 0.0)
    others = [p for ind, p in model_probs.items() if ind != m.indicator]
    margin = prob - max(others, default=0.0)
    rule_same = [r for r in rules if r.indicator == m.indicator]
    r_exact = any(r.applicant == m.applicant and _same_value(r.value, m.value) for r in rule_same)
    m_top = model_top is not None and model_top.indicator == m.indicator
    m_option = m.indicator in model_probs
    distance, after, no_evidence = _evidence_features(folded, m)
    section = _section(m.indicator)
    is_channel = m.indicator.startswith(CHANNEL_PREFIX)
    is_total = m.indicator == TOTAL_ID
    scoped = section in SCOPED_SECTIONS and ctx.scope is not None
    scoped_near = section in SCOPED_SECTIONS and ctx.scope_near is not None
    r_same, r_other, r_none = bool(rule_same), any(r.indicator != m.indicator for r in rules), not rules
    ranked = sorted(model_probs.values(), reverse=True)
    named = ctx.named_channels
    fits = get_lexicon().units.get(m.unit or "", ())
    verb = ctx.verbs.get(m.indicator)
    values = {
        "m_prob": prob, "m_top": float(m_top), "m_margin": margin if m_option else 0.0, "m_option": float(m_option),
        "m_none": float(not model_probs), "m_number_conf": model_number_conf,
        "r_same": float(bool(rule_same)), "r_exact": float(r_exact),
        "r_other": float(r_other), "r_none": float(r_none),
        "r_conf": max((r.confidence for r in rule_same), default=0.0),
        "agree": float(m_top and bool(rule_same)), "agree_exact": float(m_top and r_exact),
        "ev_distance": distance, "ev_after": after, "ev_none": no_evidence, "qizhong": float(ctx.qizhong),
        "applicant_named": float(ctx.applicant is not None), "applicant_set": float(m.applicant != "total"),
        "cue_no_indicator": _cue(ctx, "no_indicator", folded, m), "cue_topic": _cue(ctx, "topic", folded, m),
        "cue_not_this_year": _cue(ctx, "not_this_year", folded, m), "cue_documents": _cue(ctx, "documents", folded, m),
        "channel_one": float(ctx.channels == 1), "channel_many": float(ctx.channels > 1),
        "channel_conflict": float((is_total and ctx.channels == 1) or (is_channel and ctx.channels > 1)),
        "section_match": float(scoped and ctx.scope == section),
        "section_conflict": float(scoped and ctx.scope != section),
        "section_match_near": float(scoped_near and ctx.scope_near == section),
        "section_conflict_near": float(scoped_near and ctx.scope_near != section),
        "approx": float(m.approx), "chinese": float(chinese), "log_value": math.log10(1.0 + abs(float(m.value))),
        "has_unit": float(m.unit is not None), "m_second": float(len(ranked) > 1 and m_option and prob == ranked[1]),
        "m_prob_r_same": prob * r_same, "m_prob_r_other": prob * r_other, "m_prob_r_none": prob * r_none,
        "m_scope_twin": float(m.indicator in twins),
        "ch_match": float(is_channel and named == {m.indicator}),
        "ch_mismatch": float(is_channel and bool(named) and named != {m.indicator}),
        "ch_unnamed": float(is_channel and not named), "total_one_channel": float(is_total and len(named) == 1),
        "total_channels": float(is_total and len(named) > 1),
        "combined": float(_combined(folded, m, ctx.conjunctions)),
        **{f"sec_{s}": float(section == s) for s in SECTIONS}, "sec_other": float(section not in SECTIONS),
        "unit_same": float(m.unit is not None and m.unit == indicator_unit),
        "unit_clash": float(m.unit is not None and indicator_unit is not None and indicator_unit not in fits),
        "verb_match": float(verb == m.indicator), "verb_conflict": float(verb is not None and verb != m.indicator),
        "mixed_count": float(m.indicator in ctx.mixed), "cue_other_counts": _cue(ctx, "other_counts", folded, m),
    }
    return tuple(float(values[name]) for name in FEATURES)


def _same_value(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) < 1e-6


def _overlaps(a: Mention, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def scope_twin(indicator: str, scope: str | None, taxonomy: Taxonomy) -> str | None:
    """The id of ``indicator`` in the section its sentence names, when that is the other scoped section and
    the taxonomy has it (``review.upheld`` in ``行政诉讼46件，其中结果维持25件`` → ``litigation.upheld``):
    the outcomes of both sections share their words, the sentence's scope word tells them apart."""
    section, _, rest = indicator.partition(".")
    if scope is None or section not in SCOPED_SECTIONS or scope == section:
        return None
    twin = f"{scope}.{rest}"
    return twin if twin in taxonomy else None


def _model_applicant(text: str, folded: FoldedText, m: Mention, model_mentions: Sequence[Mention],
                     config: NarrativeConfig) -> Mention:
    """The applicant of a model pair that is not the model's pick (as :func:`relate.assign_applicants`
    decides it: an applicant word makes a breakdown of a total of the same indicator before it)."""
    if m.indicator not in get_lexicon().applicant_indicators:
        return m
    cue = applicant_cue(text, folded, m.start, config.max_label_distance)
    has_total = any(p.indicator == m.indicator and p.applicant == "total" and 0 < m.start - p.end <= BREAKDOWN_REACH
                    for p in model_mentions)
    return replace(m, applicant=cue) if cue and has_total else m


def propose(text: str, spans: list[tuple[int, int]] | None, *, folded: FoldedText, era: str | None,
            predictor: CandidatePredictor, rules: NarrativeTagger, taxonomy: Taxonomy,
            config: NarrativeConfig) -> list[list[Pair]]:
    """The candidate pairs of every number either engine proposes, one list per number (text order).

    Both engines run on the one folded view and era given."""
    candidates = predictor.candidates(text, spans, folded=folded)
    model_mentions = relate(text, candidates, taxonomy, config, folded=folded, era=era)
    by_span = {(m.start, m.end): m for m in model_mentions}
    rule_mentions = rules.tag(text, spans, folded=folded, era=era)
    era_id = era_chooser(era, taxonomy)
    groups: list[tuple[int, int, bool, list[Mention], dict[str, float], Mention | None, float, _Context,
                       frozenset[str]]] = []
    for cand in candidates:
        n = cand.number
        top = by_span.get((n.start, n.end))
        ctx = _context(text, folded, n.start, n.end, config, taxonomy)
        probs: dict[str, float] = {}
        twins: set[str] = set()
        for indicator, prob in cand.options:  # every option the model offers is a feature of its pairs
            ind = era_id(indicator)
            twin = scope_twin(ind, ctx.scope, taxonomy)
            if twin is not None and twin not in probs:  # weighed in the section its sentence names too
                twins.add(twin)
                probs[twin] = prob
            probs.setdefault(ind, prob)
        options: list[Mention] = []
        weighed: set[str] = set()
        for indicator, _ in cand.options[:config.combiner_options]:
            twin = scope_twin(era_id(indicator), ctx.scope, taxonomy)
            if twin is None or twin in weighed:
                continue
            weighed.add(twin)
            m = build_mention(text, folded, n, twin, probs[twin], taxonomy, config)
            if m is not None:
                options.append(_model_applicant(text, folded, m, model_mentions, config))
        for indicator, _ in cand.options[:config.combiner_options]:
            ind = era_id(indicator)
            if ind in weighed:
                continue
            weighed.add(ind)
            prob = probs[ind]
            if top is not None and top.indicator == ind:
                options.append(top)
                continue
            m = build_mention(text, folded, n, ind, prob, taxonomy, config)
            if m is not None:
                options.append(_model_applicant(text, folded, m, model_mentions, config))
        if top is not None and top.indicator not in weighed:  # the pick came from a later option
            options.append(top)
        groups.append((n.start, n.end, n.chinese, options, probs, top, cand.options[0][1], ctx, frozenset(twins)))
    rules_of: list[list[Mention]] = [[] for _ in groups]
    for r in rule_mentions:
        hit = next((i for i, g in enumerate(groups) if _overlaps(r, g[0], g[1])), None)
        if hit is None:
            groups.append((r.start, r.end, not any(c.isdigit() for c in r.text), [], {}, None, 0.0,
                           _context(text, folded, r.start, r.end, config, taxonomy), frozenset()))
            rules_of.append([r])
        else:
            rules_of[hit].append(r)
    out: list[list[Pair]] = []
    for (start, end, chinese, options, probs, top, number_conf, ctx, twins), rules_here in zip(groups, rules_of):
        if not options and not rules_here:
            continue
        seen: set[tuple[str, str, float]] = set()
        pairs = []
        for m in [*options, *rules_here]:
            key = (m.indicator, m.applicant, round(float(m.value), 6))
            if key in seen:
                continue
            seen.add(key)
            pairs.append(Pair(m, pair_features(m, ctx, folded, model_probs=probs, model_top=top,
                                               model_number_conf=number_conf, rules=rules_here, chinese=chinese,
                                               twins=twins, indicator_unit=taxonomy[m.indicator].unit)))
        out.append(pairs)
    out.sort(key=lambda ps: (ps[0].mention.start, ps[0].mention.end))
    return out


def one_value_each(picks: Sequence[tuple[float, str, str, float]]) -> list[int]:
    """The indices of ``picks`` (score, indicator, applicant, value) kept when a report states one value per
    (indicator, applicant): the value of the best-scored pick of each (the first in text order on a tie).

    Gold reports almost never give two values to one indicator and applicant in their narrative (4 of 3 382
    in the shared gold), while a number the engines misread often lands on an indicator another number already
    states: the total before a ``其中`` breakdown and its parts, a cumulative count beside the year's, the
    count of another body; the better-scored statement wins."""
    best: dict[tuple[str, str], tuple[float, float]] = {}
    for score, indicator, applicant, value in picks:
        key = (indicator, applicant)
        if key not in best or score > best[key][0]:
            best[key] = (score, value)
    return [i for i, (_, indicator, applicant, value) in enumerate(picks)
            if _same_value(value, best[(indicator, applicant)][1])]


def choose(groups: Sequence[Sequence[Pair]], combiner: Combiner, *, one_value: bool = True) -> list[Mention]:
    """Per number, the best-scored pair when its score reaches the threshold (its score becomes the
    mention's confidence); with ``one_value``, only the best-scored value of each (indicator, applicant)
    (:func:`one_value_each`); text order."""
    picks: list[tuple[float, Mention]] = []
    for pairs in groups:
        scores = combiner.scores(np.array([p.features for p in pairs]))
        best = int(np.argmax(scores))
        if scores[best] >= combiner.threshold:
            picks.append((float(scores[best]), pairs[best].mention))
    if one_value:
        kept = one_value_each([(s, m.indicator, m.applicant, float(m.value)) for s, m in picks])
        picks = [picks[i] for i in kept]
    out = [replace(m, confidence=round(s, 4)) for s, m in picks]
    return sorted(out, key=lambda m: (m.start, m.end))


class CombinedTagger:
    """``narrative.engine = "hybrid"`` with a fitted combiner: the model and the rules decide per number.

    ``predictor``: the model's candidates (loaded lazily by the pipeline); ``rules``: the rules engine."""

    engine = "hybrid"

    def __init__(self, predictor: CandidatePredictor, rules: NarrativeTagger, combiner: Combiner,
                 taxonomy: Taxonomy, config: NarrativeConfig) -> None:
        self.predictor = predictor
        self.rules = rules
        self.combiner = combiner
        self.taxonomy = taxonomy
        self.config = config

    def proposals(self, text: str, spans: list[tuple[int, int]] | None = None, *,
                  folded: FoldedText | None = None, era: str | None = None) -> list[list[Pair]]:
        """Every number's candidate pairs (what :meth:`tag` chooses from; fitting reads them too)."""
        folded = FoldedText.build(text) if folded is None else folded
        era = form_era(text) if era is None else era
        return propose(text, spans, folded=folded, era=era, predictor=self.predictor, rules=self.rules,
                       taxonomy=self.taxonomy, config=self.config)

    def tag(self, text: str, spans: list[tuple[int, int]] | None = None, *,
            folded: FoldedText | None = None, era: str | None = None) -> list[Mention]:
        return choose(self.proposals(text, spans, folded=folded, era=era), self.combiner,
                      one_value=self.config.one_value)
