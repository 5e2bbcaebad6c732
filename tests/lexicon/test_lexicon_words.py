"""The lexicon loader: one typed object, every id it names is a taxonomy id."""
from __future__ import annotations

import copy

import pytest

from gikp_nlp.errors import TaxonomyError
from gikp_nlp.lexicon import build_lexicon, check_ids, get_lexicon
from gikp_nlp.lexicon.data import read_data
from gikp_nlp.schema.taxonomy import UNITS


def _raw():
    return copy.deepcopy(read_data("words.yaml")), copy.deepcopy(read_data("indicators.yaml"))


def test_lexicon_words_every_id_exists_in_taxonomy(taxonomy):
    lexicon = get_lexicon()
    assert lexicon.ids() and lexicon.ids() <= set(taxonomy.ids)
    assert check_ids(lexicon, taxonomy) is lexicon


def test_lexicon_words_unknown_id_in_words_raises(taxonomy):
    words, indicators = _raw()
    indicators["words"]["request.no_such_id"] = ["不存在的指标"]
    with pytest.raises(TaxonomyError, match="request.no_such_id"):
        check_ids(build_lexicon(words, indicators), taxonomy)


def test_lexicon_words_unknown_id_in_a_cue_raises(taxonomy):
    words, indicators = _raw()
    indicators["cues"].append({"ids": {"old": "proactive.total", "new": "proactive.nope"}, "pre": ["x"]})
    with pytest.raises(TaxonomyError, match="proactive.nope"):
        check_ids(build_lexicon(words, indicators), taxonomy)


def test_lexicon_words_units_and_applicants_are_checked():
    words, indicators = _raw()
    words["units"]["斤"] = ["公斤"]
    with pytest.raises(TaxonomyError, match="公斤"):
        build_lexicon(words, indicators)
    words, indicators = _raw()
    words["applicants"]["martian"] = ["火星人"]
    with pytest.raises(TaxonomyError, match="martian"):
        build_lexicon(words, indicators)
    words, indicators = _raw()
    del words["sentence_breaks"]
    with pytest.raises(TaxonomyError, match="sentence_breaks"):
        build_lexicon(words, indicators)


def test_lexicon_words_views(taxonomy):
    lexicon = get_lexicon()
    assert {u for v in lexicon.units.values() for u in v} <= UNITS
    assert "条次" not in lexicon.count_units and {"期", "批", "人次"} <= set(lexicon.count_units)
    assert list(lexicon.count_units) == sorted(lexicon.count_units, key=len, reverse=True)
    twins = lexicon.era_twins
    assert twins["proactive.normative_docs"] == "proactive.normative.published"
    assert all(twins[twins[i]] == i for i in twins)
    names = lexicon.evidence_names(taxonomy, "proactive.channel.website")
    assert "门户网站" in names and list(names) == sorted(names, key=len, reverse=True)
    assert lexicon.numerals.digits["两"] == 2 and lexicon.numerals.big["亿"] == 100_000_000
