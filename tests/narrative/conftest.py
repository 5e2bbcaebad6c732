"""Shared by the rule tagger's tests: one tagger per session and the readers of its output."""
from __future__ import annotations

import pytest

from gikp_nlp.config import load_config
from gikp_nlp.narrative.rules import RuleTagger


@pytest.fixture(scope="session")
def rules_tagger() -> RuleTagger:
    from gikp_nlp.schema import get_taxonomy

    return RuleTagger(get_taxonomy(), load_config(overrides={"narrative.engine": "rules"}).narrative)


def rule_mentions(tagger: RuleTagger, text: str) -> list:
    """The tagger's mentions of ``text``, each checked to be grounded in it (span and evidence)."""
    mentions = tagger.tag(text, [(0, len(text))])
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.evidence is None or text[m.evidence[0] : m.evidence[1]] == m.evidence_text
    return mentions


def rule_triples(tagger: RuleTagger, text: str) -> list[tuple[str, str, float]]:
    """(indicator, applicant, value) of every mention, sorted."""
    return sorted((m.indicator, m.applicant, m.value) for m in rule_mentions(tagger, text))


def rule_pairs(tagger: RuleTagger, text: str) -> list[tuple[str, float]]:
    """(indicator, value) of every mention, sorted."""
    return sorted((m.indicator, m.value) for m in rule_mentions(tagger, text))
