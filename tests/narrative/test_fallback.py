"""The hybrid engine: the model's mentions, the rules' only on numbers the model left."""
from __future__ import annotations

from gikp_nlp.narrative.fallback import FallbackTagger
from gikp_nlp.narrative.rules import RuleTagger
from gikp_nlp.report import Mention

TEXT = "全年主动公开政府信息171条，收到政府信息公开申请12件，召开新闻发布会3次。"


class Fixed:
    """A tagger that states fixed (number, indicator) pairs of TEXT."""

    def __init__(self, pairs, source):
        self.pairs, self.source = pairs, source

    def tag(self, text, spans=None, *, folded=None, era=None):
        out = []
        for number, indicator in self.pairs:
            start = text.index(number)
            out.append(Mention(start, start + len(number), number, indicator, int(number), source=self.source))
        return out


def test_fallback_keeps_the_primary_and_fills_only_untagged_numbers():
    primary = Fixed([("171", "proactive.channel.website"), ("3", "response.press_conferences")], "model")
    fallback = Fixed([("171", "proactive.total"), ("12", "request.new")], "rule")
    got = [(m.text, m.indicator, m.source) for m in FallbackTagger(primary, fallback).tag(TEXT)]
    assert got == [("171", "proactive.channel.website", "model"), ("12", "request.new", "rule"),
                   ("3", "response.press_conferences", "model")]
    for m in FallbackTagger(primary, fallback).tag(TEXT):
        assert TEXT[m.start:m.end] == m.text


def test_fallback_with_a_silent_primary_is_the_rules(taxonomy):
    from gikp_nlp.config import load_config

    rules = RuleTagger(taxonomy, load_config().narrative)
    spans = [(0, len(TEXT))]
    assert FallbackTagger(Fixed([], "model"), rules).tag(TEXT, spans) == rules.tag(TEXT, spans)


class _Fixed:
    engine = "fixed"

    def __init__(self, spans: list[tuple[int, int]], source: str) -> None:
        self.spans, self.source = spans, source

    def tag(self, text, spans=None, *, folded=None, era=None):
        return [Mention(indicator="request.new", applicant="total", value=1.0, unit="件", start=s, end=e,
                        text=text[s:e], source=self.source, confidence=1.0) for s, e in self.spans]


def test_fallback_overlap_keeps_only_mentions_clear_of_every_primary_span() -> None:
    text = "0123456789" * 3
    # a long primary span (2, 12) nested around a short one (4, 5): a mention at (10, 11) overlaps the long
    # one although the primary span starting last before it, (4, 5), ends earlier
    primary = _Fixed([(2, 12), (4, 5), (20, 22)], "model")
    fallback = _Fixed([(0, 2), (10, 11), (12, 14), (21, 23), (25, 27)], "rule")
    got = [(m.start, m.end, m.source) for m in FallbackTagger(primary, fallback).tag(text)]
    assert got == [(0, 2, "rule"), (2, 12, "model"), (4, 5, "model"), (12, 14, "rule"), (20, 22, "model"),
                   (25, 27, "rule")]
