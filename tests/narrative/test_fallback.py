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
