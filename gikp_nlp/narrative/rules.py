"""Rules-only narrative baseline: a count next to a name of its indicator.

A *count* is a number (gikp_nlp.numbers) followed by a unit (条/件/次/…). It
becomes a mention when, in the same sentence, a name of an indicator (a
taxonomy label/alias or a cue phrase of the lexicon) ends just before it (a
short gap without clause punctuation) or, failing that, starts just after the
unit. Names that mean different indicators in different sections (被依法纠错
under 行政复议 or 行政诉讼) are resolved by the nearest context word before the
number, else by the section heading. Everything else (years, dates, phone
numbers, document numbers, percentages, section numbers) never reaches a
mention because it has no unit or no name; other-year values and differences
are rejected explicitly.

Counts of published information (proactive.total and proactive.channel.*,
guidelines "One named channel") take the channel named before them: one
channel → its id, several → the total; a total after 其中 that names no channel
is a part of a topic breakdown and is left out (:meth:`RuleTagger._publication`).

Confidence is fixed per kind of evidence (rules.yaml ``confidence``): it ranks
how specific the evidence is, it is not a calibrated probability.

This is the baseline the trained model must beat: simple, generic, not tuned
to any document.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from gikp_nlp.config import NarrativeConfig
from gikp_nlp.lexicon import FoldedText, form_era
from gikp_nlp.lexicon.era import OLD_ERA
from gikp_nlp.narrative.cues import Cue, RuleTable, get_table
from gikp_nlp.narrative.relate import QIZHONG, in_indicator_unit
from gikp_nlp.narrative.text import Breaks
from gikp_nlp.numbers import find_numbers
from gikp_nlp.report import Mention
from gikp_nlp.schema import Taxonomy

logger = logging.getLogger(__name__)

@dataclass(frozen=True, slots=True)
class Count:
    """A number with a unit, in folded coordinates."""

    start: int
    end: int
    value: int | float
    unit: str
    unit_end: int
    approx: bool
    chinese: bool
    span: tuple[int, int]  # the folded narrative span it lies in


@dataclass(frozen=True, slots=True)
class _Hit:
    ids: tuple[str, ...]
    start: int
    end: int
    kind: str
    cue: Cue | None


@dataclass(frozen=True, slots=True)
class _Doc:
    """Per-call state of one ``tag`` run (the tagger itself stays stateless)."""

    f: str
    sentences: Breaks
    clauses: Breaks
    hits: list[_Hit]
    hit_ends: list[int]
    heading_starts: list[int]
    headings: list[str]


def _tidy(value: float) -> int | float:
    return int(round(value)) if abs(value - round(value)) < 1e-9 else round(value, 6)


class RuleTagger:
    """``RuleTagger(taxonomy, config).tag(text, spans) -> list[Mention]`` (source ``rule``)."""

    engine = "rules"

    def __init__(self, taxonomy: Taxonomy, config: NarrativeConfig) -> None:
        self.taxonomy = taxonomy
        self.config = config
        self.table: RuleTable = get_table(taxonomy)
        raw = self.table.raw
        self._gap_bad = re.compile(f"[{raw['gap_forbidden']}]")
        self._sentence_breaks = raw["sentence_breaks"]
        self._clause_breaks = raw["clause_breaks"] + raw["sentence_breaks"]
        self._confidence = raw["confidence"]
        self._applicant_prefixes = tuple(raw["applicant_prefixes"])
        self._conjunctions = raw["conjunctions"]
        self._inherit_from = frozenset(raw["inherit_from"])
        self._gap_parenthetical = re.compile(raw["gap_parenthetical"])
        self._comma_breaks = raw["comma_breaks"]
        self._titles = re.compile(raw["titles"])
        self._quoted = re.compile(raw["quoted"])
        vetoes = raw["vetoes"]
        cumulative = vetoes["cumulative"]
        self._cum_marker = re.compile(cumulative["marker"])
        self._cum_date = re.compile(cumulative["date"])
        self._cum_year_after = re.compile(cumulative["year_after"])
        self._cum_after_chars = int(cumulative["after_chars"])
        attribute = vetoes["attribute_breakdown"]
        self._attr_indicators = frozenset(attribute["indicators"])
        self._attr_pattern = re.compile(attribute["pattern"])

    # -- public ---------------------------------------------------------------
    def tag(self, text: str, spans: list[tuple[int, int]] | None = None, *,
            folded: FoldedText | None = None, era: str | None = None) -> list[Mention]:
        """Mentions for the counts in ``text[start:end]`` for each span, in text order.

        ``folded``: the whole document's folded view, when the caller built it
        already; ``era``: the report's form era (``t2008``/``t2019``), when the
        caller decided it (else read from the text; no year: the newer forms)."""
        spans = [(0, len(text))] if spans is None else spans
        if not text or not spans:
            return []
        ft = FoldedText.build(text) if folded is None else folded
        if not ft.folded:
            return []
        fspans = [ft.locate(s, e) for s, e in spans]
        fspans = [(s, e) for s, e in sorted(fspans) if e > s]
        era = form_era(text) if era is None else era
        new_era = era != OLD_ERA
        d = self._doc(ft.folded, fspans)
        counts = self._counts(d, fspans)
        mentions: list[Mention] = []
        emitted: list[tuple[int, str, str]] = []  # (folded start, indicator, applicant)
        prev_end: dict[int, int] = {}  # sentence start → end of the previous count in it
        f = d.f
        for count in counts:
            s_start, _ = d.sentences.bounds(count.start)
            s_start = max(s_start, count.span[0])
            lo = max(s_start, prev_end.get(s_start, s_start),
                     count.start - self.config.max_label_distance)
            scope = max(s_start, prev_end.get(s_start, s_start))  # the words since the previous count
            if not count.chinese:  # an unnamed 两个/三个 does not end a name's reach
                prev_end[s_start] = count.unit_end
            hit = self._pre(d, lo, count) or self._post(d, count, s_start)
            para_start = max(f.rfind("\n", 0, count.start) + 1, count.span[0])
            if hit is None:
                hit = self._inherit(d, count, para_start, emitted)
            if hit is None:
                continue
            indicator = self._resolve(d, hit, count, para_start, new_era)
            if indicator is not None:
                indicator = self._publication(d, hit, count, indicator, scope, para_start, emitted)
            if indicator is None or self._vetoed(d, count, indicator, s_start):
                continue
            mention = self._mention(ft, d, count, hit, indicator, lo, s_start, para_start, emitted)
            if mention is not None and self._restated(mention, mentions):
                continue
            if mention is not None:
                prev_end[s_start] = count.unit_end
                mentions.append(mention)
                emitted.append((count.start, mention.indicator, mention.applicant))
        return mentions

    # -- counts ---------------------------------------------------------------
    def _doc(self, f: str, fspans: list[tuple[int, int]]) -> _Doc:
        hits = self._pre_hits(f, fspans)
        max_chars = int(self.table.raw["heading_max_chars"])
        starts, lines = [], []
        pos = 0
        for line in f.split("\n"):
            text = line.strip()
            if text and len(text) <= max_chars and self.table.heading.match(text):
                starts.append(pos)
                lines.append(text)
            pos += len(line) + 1
        return _Doc(f, Breaks(f, self._sentence_breaks), Breaks(f, self._clause_breaks), hits,
                    [h.end for h in hits], starts, lines)

    def _counts(self, d: _Doc, fspans: list[tuple[int, int]]) -> list[Count]:
        raw = self.table.raw
        f = d.f
        out = []
        for span in fspans:
            for num in find_numbers(f, span[0], span[1]):
                m = self.table.unit_pattern.match(f, num.end, span[1])
                if not m:
                    continue
                unit, unit_end = m.group(1), m.end()
                after = f[unit_end : unit_end + 4]
                if any(after.startswith(w) for w in raw["after_unit_reject"]):
                    continue
                if num.chinese and any(after.startswith(w) for w in raw["chinese_after_reject"]):
                    continue
                before = f[max(span[0], num.start - 4) : num.start]
                if any(before.endswith(w) for w in raw["before_reject"]):
                    continue
                if self.table.before_reject.search(f, max(span[0], num.start - 4), num.start):
                    continue
                c_start, _ = d.clauses.bounds(num.start)
                if self.table.other_year.search(f, max(c_start, span[0]), num.start):
                    continue
                if self.table.change_after.match(f, unit_end):
                    continue
                approx = num.approx or any(w in m.group(0) for w in raw["approx_around_unit"])
                out.append(Count(num.start, num.end, num.value, unit, unit_end, approx, num.chinese, span))
        return out

    # -- naming the indicator -------------------------------------------------
    def _pre_hits(self, f: str, fspans: list[tuple[int, int]]) -> list[_Hit]:
        hits = []
        for cue in self.table.pre:
            for span in fspans:
                for m in cue.pattern.finditer(f, span[0], span[1]):
                    if m.end() > m.start():
                        hits.append(_Hit(cue.ids, m.start(), m.end(), cue.kind, cue))
        hits.sort(key=lambda h: (h.end, h.start))
        return hits

    def _pre(self, d: _Doc, lo: int, count: Count) -> _Hit | None:
        max_gap = int(self.table.raw["max_gap"])
        best = None
        first = bisect.bisect_left(d.hit_ends, lo)
        last = bisect.bisect_right(d.hit_ends, count.start)
        pub = self.table.publication
        for hit in d.hits[first:last]:
            if hit.start < lo:
                continue
            if hit.cue is not None and hit.cue.publication and pub is not None and count.unit not in pub.units:
                continue
            gap = self._gap_parenthetical.sub("", d.f[hit.end : count.start])
            if len(gap) > max_gap or self._gap_bad.search(gap):
                continue
            if best is None or self._rank(hit) >= self._rank(best):
                best = hit
        if best is None:
            return None
        return self._coordinated(d, best, lo)

    @staticmethod
    def _rank(hit: _Hit) -> tuple[int, bool, bool, int]:
        """The nearest name wins, then one that is not a publication phrase (发布解读信息
        is a policy interpretation), then one that needs no channel, then the longest."""
        cue = hit.cue
        return (hit.end, not (cue is not None and cue.publication), not (cue is not None and cue.needs_channel),
                hit.end - hit.start)

    def _coordinated(self, d: _Doc, best: _Hit, lo: int) -> _Hit | None:
        """``人大建议和政协提案20件``: a name joined to another one covers both
        indicators; keep it only where the table lists a combined id."""
        if best.start == 0 or d.f[best.start - 1] not in self._conjunctions:
            return best
        joined = best.start - 1
        first = bisect.bisect_left(d.hit_ends, joined)
        last = bisect.bisect_right(d.hit_ends, joined)
        partners = [h for h in d.hits[first:last] if h.start >= lo and h.ids != best.ids]
        if not partners:
            return best
        parts = set(best.ids) | set(partners[-1].ids)
        for combo in self.table.raw["combined"]:
            if parts <= set(combo["parts"]):
                return _Hit((combo["id"],), partners[-1].start, best.end, best.kind, None)
        return None

    def _post(self, d: _Doc, count: Count, s_start: int) -> _Hit | None:
        f = d.f
        limit = min(count.span[1], count.unit_end + int(self.table.raw["max_post_gap"]) + 8)
        for cue in self.table.post:
            m = cue.pattern.match(f, count.unit_end, limit)
            if not m:
                continue
            if cue.requires_before and not cue.requires_before.search(f, s_start, count.start):
                continue
            return _Hit(cue.ids, m.start(), m.end(), "post", cue)
        return None

    def _inherit(self, d: _Doc, count: Count, para_start: int,
                 emitted: list[tuple[int, str, str]]) -> _Hit | None:
        m = self.table.inherit_post.match(d.f, count.unit_end, count.span[1])
        if not m:
            return None
        for start, indicator, applicant in reversed(emitted):
            if start < para_start:
                break
            if applicant == "total" and indicator in self._inherit_from:
                return _Hit((indicator,), m.start(), m.end(), "inherit", None)
        return None

    def _context(self, d: _Doc, pos: int, para_start: int) -> str | None:
        """The section a number is in: the last context word before it in its
        paragraph, else the last heading above it that names one."""
        best, best_end = None, -1
        for key, pattern in self.table.contexts:
            for m in pattern.finditer(d.f, para_start, pos):
                if m.end() > best_end:
                    best, best_end = key, m.end()
        if best:
            return best
        heading = self._heading(d, para_start)
        if heading:
            for key, pattern in self.table.contexts:
                if pattern.search(heading):
                    return key
        return None

    @staticmethod
    def _heading(d: _Doc, before: int) -> str | None:
        """The nearest heading line (一、 / (三) / 2.) starting before ``before``."""
        i = bisect.bisect_left(d.heading_starts, before)
        return d.headings[i - 1] if i > 0 else None

    def _resolve(self, d: _Doc, hit: _Hit, count: Count, para_start: int, new_era: bool) -> str | None:
        """One id for a hit: era for old/new cues, section context for ambiguous names."""
        f = d.f
        cue = hit.cue
        if cue is not None and cue.requires is not None:
            if cue.requires_sentence:
                lo, hi = d.sentences.bounds(count.start)
            else:
                lo, hi = count.start - int(self.table.raw["requires_window"]), count.start
            if not cue.requires.search(f, max(count.span[0], lo), min(count.span[1], hi)):
                return None
        if cue is not None and cue.old and cue.new:
            return cue.new if new_era else cue.old
        if len(hit.ids) == 1:
            return hit.ids[0]
        context = self._context(d, min(hit.start, count.start), para_start)
        if context is None:
            return None
        matching = [i for i in hit.ids if i.startswith(context + ".")]
        return matching[0] if len(matching) == 1 else None

    # -- vetoes: counts that name an indicator but are not its value -------------
    def _vetoed(self, d: _Doc, count: Count, indicator: str, s_start: int) -> bool:
        """Whether the sentence says the count is not this indicator's value for the year.

        Cumulative: 累计 in the sentence before the count (not 全年/本年度累计, the
        year's own total) with a cut-off date before it (截至2018年12月31日 / 到2014年底)
        or the year's own value stated right after it (…累计N条。本年度主动公开M条)
        (guidelines, "Cumulative counts"). Attribute breakdown: 主动公开N条, 依申请公开M条,
        不予公开K条 sort *information* by its disclosure attribute; 不予公开 there is no
        request outcome (rules.yaml ``vetoes``)."""
        f = d.f
        sentence = f[s_start : count.start]
        if self._cum_marker.search(sentence):
            if self._cum_date.search(sentence):
                return True
            if self._cum_year_after.match(f, count.unit_end, min(len(f), count.unit_end + self._cum_after_chars)):
                return True
        return indicator in self._attr_indicators and bool(self._attr_pattern.search(sentence))

    # -- publication counts: total or one channel --------------------------------
    def _publication(self, d: _Doc, hit: _Hit, count: Count, indicator: str, scope: int, para_start: int,
                     emitted: list[tuple[int, str, str]]) -> str | None:
        """proactive.total or the one channel named for a count of published information.

        The channels named before the count (in its comma clause, else in the
        clause before; not before ``scope``, the previous count of its sentence,
        nor beyond ``channel_reach``) decide: one → that channel,
        several → the total (or their combined id: 微博、微信 → new media), none →
        the hit's own id. A publication phrase (:attr:`Cue.publication`) also needs
        its unit (条/篇), a channel where :attr:`Cue.needs_channel`, and, after 其中 below
        another publication count, a channel (else it is a part of a topic
        breakdown, which the guidelines leave out)."""
        pub = self.table.publication
        if pub is None or indicator not in pub.family:
            return indicator
        cue = hit.cue
        phrase = cue is not None and cue.publication
        lo = max(scope, count.start - int(self.table.raw["channel_reach"]))
        clause = self._clause_start(d.f, lo, hit.start)
        named = self._channels(d.f, clause, count.start)
        if not named and clause > lo:  # 通过门户网站，主动公开… / 微信公众号每日更新，共发布…
            named = self._channels(d.f, self._clause_start(d.f, lo, clause - 1), count.start)
        if phrase and not named and cue is not None and cue.needs_channel:
            return None
        if not named:
            if indicator == pub.total and self._breakdown_part(d, hit, count, para_start, emitted):
                return None
            return indicator
        channels = set(named) - {None}
        several = len(named) > 1
        for combo, parts in pub.combined:  # 微博、微信 / 微信、微博、今日头条等平台: new media
            if channels and channels <= parts and (several or channels == {combo}):
                return combo
        if len(channels) == 1:
            (only,) = channels
            if not several or only in pub.collective:  # 报刊、电视、广播等载体: other ways
                return only
        return pub.total

    def _restated(self, mention: Mention, mentions: list[Mention]) -> bool:
        """Whether a publication count's indicator was stated before with another value:
        a report states one total and one count per channel; a later, different
        value is a part, another body's or another period's count (the first stated
        wins, as the hybrid keeps one value per indicator)."""
        pub = self.table.publication
        if pub is None or mention.indicator not in pub.family:
            return False
        return any(m.indicator == mention.indicator and m.value != mention.value for m in mentions)

    def _clause_start(self, f: str, lo: int, pos: int) -> int:
        """Where the comma clause around ``pos`` begins (not before ``lo``): 、 and
        parentheses do not end it (``通过网站、微信公众号``)."""
        best = lo
        for ch in self._comma_breaks:
            best = max(best, f.rfind(ch, lo, pos) + 1)
        return best

    def _channels(self, f: str, lo: int, hi: int) -> list[str | None]:
        """The channels named in ``f[lo:hi]``, one per name (None: words that mean
        several channels); words of one name (门户网站信息公开专栏) count once."""
        pub = self.table.publication
        assert pub is not None
        segment = self._gap_parenthetical.sub(lambda m: "_" * len(m.group(0)), f[lo:hi])
        segment = self._titles.sub(lambda m: "_" * len(m.group(0)), segment)
        quoted = self._quoted.sub(lambda m: "_" * len(m.group(0)), segment)  # account names: “X网”微信公众号
        return self._names(quoted) or self._names(segment)

    def _names(self, segment: str) -> list[str | None]:
        """The channel names of one (masked) segment, in order (see :meth:`_channels`)."""
        pub = self.table.publication
        assert pub is not None
        found: list[tuple[int, int, str | None]] = []
        for ind, pattern in pub.channels:
            found.extend((m.start(), m.end(), ind) for m in pattern.finditer(segment) if m.end() > m.start())
        found.extend((m.start(), m.end(), None) for m in pub.several.finditer(segment))
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        names: list[str | None] = []
        last_end = -1
        for start, end, ind in found:
            if start < last_end:  # inside a longer word found first (媒体 of 新媒体)
                continue
            joined = (bool(names) and ind is not None and names[-1] is not None
                      and not any(ch in pub.separators for ch in segment[last_end:start]))
            if joined:
                names[-1] = self._join(names[-1], ind)
            else:
                names.append(ind)
            last_end = end
            listed = end < len(segment) and segment[end] in pub.list_marks
            if listed and not any(s == end + 1 for s, _, _ in found):
                names.append(None)  # 政府网站、信用信息系统: a list of channels goes on
        return names

    def _join(self, first: str, later: str) -> str:
        """One name of two channel words (门户网站政务公开栏): the first word's channel,
        unless the later one is a part of it (政务新媒体微信公众号 → WeChat) or both are
        parts of one combined channel (微博微信 → new media)."""
        pub = self.table.publication
        assert pub is not None
        for combo, parts in pub.combined:
            if first == combo and later in parts:
                return later
            if first in parts and later in parts:
                return combo
        return first

    def _breakdown_part(self, d: _Doc, hit: _Hit, count: Count, para_start: int,
                        emitted: list[tuple[int, str, str]]) -> bool:
        """Whether a total stands after 其中 below another publication count of its paragraph."""
        s_start, _ = d.sentences.bounds(count.start)
        if QIZHONG not in d.f[max(s_start, para_start) : hit.start]:
            return False
        family = self.table.publication.family if self.table.publication else frozenset()
        return any(start >= para_start and ind in family for start, ind, _ in emitted)

    # -- the mention ----------------------------------------------------------
    def _applicant(self, d: _Doc, count: Count, indicator: str, lo: int, s_start: int, para_start: int,
                   emitted: list[tuple[int, str, str]]) -> str:
        if not indicator.startswith(self._applicant_prefixes):
            return "total"
        f = d.f
        _, clause_end = d.clauses.bounds(count.unit_end)
        found = None
        for key, pattern in self.table.applicants:
            if pattern.search(f, lo, count.start) or pattern.search(f, count.unit_end, clause_end):
                found = key
                break
        if found is None:
            return "total"
        total_before = any(s >= para_start and ind == indicator and app == "total" for s, ind, app in emitted)
        return found if total_before or "其中" in f[s_start : count.start] else "total"

    def _mention(self, ft: FoldedText, d: _Doc, count: Count, hit: _Hit, indicator: str, lo: int, s_start: int,
                 para_start: int, emitted: list[tuple[int, str, str]]) -> Mention | None:
        ind = self.taxonomy[indicator]
        if ind.unit not in self.table.units.get(count.unit, ()):
            logger.debug("unit %s does not fit %s (%s)", count.unit, indicator, ind.unit)
            return None
        value = in_indicator_unit(count.value, count.unit, ind.unit)
        if value is not count.value:  # converted (元 → 万元): 5.0 → 5 as the rules always printed it
            value = _tidy(value)
        applicant_from = count.unit_end if hit.kind == "inherit" else lo
        applicant = self._applicant(d, count, indicator, applicant_from, s_start, para_start, emitted)
        confidence = float(self._confidence[hit.kind])
        if count.chinese:
            confidence *= float(self._confidence["chinese_numeral_factor"])
        start, end = ft.span(count.start, count.end)
        ev_start, ev_end = ft.span(hit.start, hit.end)
        return Mention(
            start=start,
            end=end,
            text=ft.original[start:end],
            indicator=indicator,
            value=value,
            applicant=applicant,
            source="rule",
            confidence=round(confidence, 4),
            approx=count.approx,
            evidence=(ev_start, ev_end),
            evidence_text=ft.original[ev_start:ev_end],
            unit=count.unit,
        )
