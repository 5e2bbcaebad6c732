"""The relation step: unit, evidence, applicant, era and rejections around a candidate number."""
from __future__ import annotations

import pytest

from gikp_nlp.candidates import Candidate
from gikp_nlp.config import load_config
from gikp_nlp.lexicon import FoldedText
from gikp_nlp.narrative.relate import applicant_cue, find_evidence, is_list_marker, read_unit, relate
from gikp_nlp.numbers import find_numbers


def test_relate_unit_after_number_skips_approx_words():
    text = "发布信息1100余篇，共3 件，收取380元"
    assert read_unit(text, text.index("1100") + 4) == "篇"
    assert read_unit(text, text.index("3 ") + 1) == "件"
    assert read_unit(text, text.index("380") + 3) == "元"


def test_relate_evidence_is_nearest_name_in_clause(taxonomy):
    text = "全年主动公开政府信息171条，其中门户网站公开120条。"
    start = text.index("120")
    span = find_evidence(text, FoldedText.build(text), start, start + 3, "proactive.channel.website", taxonomy, 40)
    assert span is not None and "门户网站" in text[span[0]:span[1]]
    start = text.index("171")
    span = find_evidence(text, FoldedText.build(text), start, start + 3, "proactive.total", taxonomy, 40)
    assert text[span[0]:span[1]] == "主动公开政府信息"


def test_relate_evidence_works_on_traditional_script(taxonomy):
    text = "我辦共主動公開政府信息19條"
    start = text.index("19")
    span = find_evidence(text, FoldedText.build(text), start, start + 2, "proactive.total", taxonomy, 40)
    assert span is not None and "公開" in text[span[0]:span[1]]


def test_relate_applicant_cue_before_and_after(taxonomy):
    text = "收到申请11件，其中公民个人提出申请8件，3件申请人为法人或其他组织。"
    assert applicant_cue(text, FoldedText.build(text), text.index("8件"), 40) == "natural_person"
    assert applicant_cue(text, FoldedText.build(text), text.index("3件"), 40) == "legal_entity"
    assert applicant_cue(text, FoldedText.build(text), text.index("11"), 40) is None


def test_relate_evidence_reads_through_pinyin_ruby_and_spaces(taxonomy):
    """Gateways print ruby (網(wǎng)站) and spaces inside words; the name is still
    found, and its span indexes the caller's text."""
    text = "我辦在本局網(wǎng)站主動公開政府信息32條，門 戶 網 站更新15條"
    start = text.index("32")
    span = find_evidence(text, FoldedText.build(text), start, start + 2, "proactive.channel.website", taxonomy, 40)
    assert span is not None and text[span[0]:span[1]].startswith("網(wǎng)站")
    start = text.index("15")
    span = find_evidence(text, FoldedText.build(text), start, start + 2, "proactive.channel.website", taxonomy, 40)
    assert span is not None and text[span[0]:span[1]].replace(" ", "") in ("門戶網站", "網站")


def test_relate_evidence_is_none_without_a_name(taxonomy):
    text = "全年办理群众来电32件。"
    start = text.index("32")
    assert find_evidence(text, FoldedText.build(text), start, start + 2, "proactive.channel.website", taxonomy, 40) is None



@pytest.mark.parametrize(("marked", "expected"), [
    ("答复233件，其中:\n[1]、 “同意公开”的122件", True),
    ("\n  [2].申请办理情况。", True),
    ("\n（[3]）不予公开的3件", True),
    ("（[3]）不予公开的3件", True),                    # first in the text
    ("收到申请[5]件、信函3件", False),                 # a count, with its unit
    ("网站[12]、微信5", False),                        # not first on its line
    ("\n12、[13]件属于网上申请", False),              # the item's count, after its marker
    ("\n[1.5]万元用于信息公开", False),               # a decimal, nothing after it marks a list
])
def test_relate_list_item_numbers_are_markers_not_counts(marked, expected):
    """``marked`` puts the number under test in brackets."""
    start = marked.index("[")
    end = marked.index("]") - 1
    text = marked.replace("[", "").replace("]", "")
    assert is_list_marker(text, start, end) is expected


def _relate(text, marks, taxonomy, era=None):
    """Mentions for ``marks`` ((number text, indicator) pairs, first occurrence) as model candidates."""
    numbers = {n.text: n for n in reversed(find_numbers(text))}
    cands = [Candidate(numbers[n], ((ind, 0.9),)) for n, ind in marks]
    cands.sort(key=lambda c: c.number.start)
    return relate(text, cands, taxonomy, load_config().narrative, folded=FoldedText.build(text), era=era)


def test_relate_money_in_yuan_becomes_wan_and_the_unit_is_kept(taxonomy):
    (m,) = _relate("收取信息处理费3800元。", [("3800", "fees.collected")], taxonomy)
    assert (m.value, m.unit, m.evidence_text) == (0.38, "元", "信息处理费")


def test_relate_applicant_only_on_a_breakdown_after_its_total(taxonomy):
    text = "共受理公民申请4件。收到申请11件，其中公民申请8件，法人或其他组织申请3件。"
    got = [(m.text, m.applicant) for m in _relate(text, [("4", "request.new"), ("11", "request.new"),
                                                         ("8", "request.new"), ("3", "request.new")], taxonomy)]
    assert got == [("4", "total"), ("11", "total"), ("8", "natural_person"), ("3", "legal_entity")]


def test_relate_rejects_percentages_list_markers_and_bare_chinese_numerals(taxonomy):
    text = "主动公开政府信息办结率100%。\n1、主动公开政府信息五公开。"
    assert _relate(text, [("100", "proactive.total"), ("1", "proactive.total"), ("五", "proactive.total")],
                   taxonomy) == []


def test_relate_requires_evidence_and_takes_the_first_named_option(taxonomy):
    text = "全年办理群众来电32件。通过政务微信公开信息25条。"
    assert _relate(text, [("32", "proactive.total")], taxonomy) == []
    numbers = {n.text: n for n in find_numbers(text)}
    cand = Candidate(numbers["25"], (("proactive.channel.new_media", 0.9), ("proactive.channel.wechat", 0.06)))
    (m,) = relate(text, [cand], taxonomy, load_config().narrative, folded=FoldedText.build(text), era=None)
    assert (m.indicator, m.evidence_text, m.confidence) == ("proactive.channel.wechat", "政务微信", 0.06)


@pytest.mark.parametrize(("era", "expected"), [("t2008", "proactive.normative_docs"),
                                               ("t2019", "proactive.normative.published"),
                                               ("t2021", "proactive.normative.published"),
                                               (None, "proactive.normative.published")])
def test_relate_takes_the_id_of_the_given_form_era(taxonomy, era, expected):
    (m,) = _relate("公开规范性文件2份。", [("2", "proactive.normative.published")], taxonomy, era=era)
    assert m.indicator == expected


def test_relate_every_engine_meets_the_narrative_tagger_protocol(taxonomy):
    from gikp_nlp.narrative.fallback import FallbackTagger
    from gikp_nlp.narrative.relate import ModelEngine, NarrativeTagger
    from gikp_nlp.narrative.rules import RuleTagger

    class Predictor:
        def __init__(self):
            self.taxonomy, self.config = taxonomy, load_config().narrative

        def candidates(self, text, spans=None, *, folded=None):
            return [Candidate(n, (("proactive.total", 0.9),)) for n in find_numbers(text)]

    rules = RuleTagger(taxonomy, load_config().narrative)
    model = ModelEngine(Predictor())
    for engine in (rules, model, FallbackTagger(model, rules)):
        assert isinstance(engine, NarrativeTagger)
    text = "2015年，全年主动公开政府信息171条，公开规范性文件3件。"
    folded = FoldedText.build(text)
    assert model.tag(text, folded=folded, era="t2008") == model.tag(text)
    assert rules.tag(text, [(0, len(text))], folded=folded, era="t2008") == rules.tag(text, [(0, len(text))])
    assert [m.indicator for m in rules.tag(text, era="t2019")][-1] == "proactive.normative.published"
