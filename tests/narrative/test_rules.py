"""The rules-only narrative baseline on sentences written in the style of the reports."""
from __future__ import annotations

import pytest

from gikp_nlp.config import load_config
from gikp_nlp.narrative.rules import RuleTagger


@pytest.fixture(scope="module")
def tagger():
    from gikp_nlp.schema import get_taxonomy

    return RuleTagger(get_taxonomy(), load_config(overrides={"narrative.engine": "rules"}).narrative)


def tag(tagger, text):
    mentions = tagger.tag(text, [(0, len(text))])
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.source == "rule" and 0 < m.confidence <= 1
        assert m.evidence is not None and text[m.evidence[0] : m.evidence[1]] == m.evidence_text
    return mentions


def triples(mentions):
    return sorted((m.indicator, m.applicant, m.value) for m in mentions)


def test_rules_total_and_channel_breakdown(tagger):
    text = "2022年，本机关共收到政府信息公开申请36件，其中当面申请5件、网上申请29件、信函申请2件。"
    assert triples(tag(tagger, text)) == sorted([
        ("request.new", "total", 36), ("request.new.in_person", "total", 5),
        ("request.new.online", "total", 29), ("request.new.letter", "total", 2)])


def test_rules_applicant_breakdown_after_total(tagger):
    text = "全年共受理政府信息公开申请20件。其中自然人申请17件，法人或其他组织申请3件。"
    assert triples(tag(tagger, text)) == sorted([
        ("request.new", "total", 20), ("request.new", "natural_person", 17), ("request.new", "legal_entity", 3)])


def test_rules_applicant_breakdown_number_first_inherits_total(tagger):
    text = "本年度收到申请11件，其中8件申请人为公民，3件为法人或其他组织。"
    assert triples(tag(tagger, text)) == sorted([
        ("request.new", "total", 11), ("request.new", "natural_person", 8), ("request.new", "legal_entity", 3)])


def test_rules_applicant_word_without_total_stays_total(tagger):
    # the whole count came from citizens: no breakdown, applicant stays total (as the gold does)
    assert triples(tag(tagger, "本年度我局共受理公民申请6件，均按期答复。")) == [("request.new", "total", 6)]


def test_rules_section_context_resolves_shared_names(tagger):
    text = ("（三）行政复议情况\n本年度因政府信息公开被申请行政复议4件，其中维持3件，被依法纠错1件。\n"
            "（四）行政诉讼情况\n本年度被提起行政诉讼2件，被依法纠错1件，其他情形1件。\n")
    assert triples(tag(tagger, text)) == sorted([
        ("review.total", "total", 4), ("review.upheld", "total", 3), ("review.corrected", "total", 1),
        ("litigation.total", "total", 2), ("litigation.corrected", "total", 1), ("litigation.other", "total", 1)])


def test_rules_shared_name_without_context_is_left_out(tagger):
    assert tag(tagger, "全年被依法纠错2件。") == []


def test_rules_approx_wan_and_full_width(tagger):
    text = "全年通过门户网站发布信息3000余条，微信公众号推送信息1.2万条。本局主動公開政府信息１２３條。"
    found = {m.indicator: m for m in tag(tagger, text)}
    assert (found["proactive.channel.website"].value, found["proactive.channel.website"].approx) == (3000, True)
    assert found["proactive.channel.wechat"].value == 12000
    assert found["proactive.channel.wechat"].text == "1.2万"
    assert (found["proactive.total"].value, found["proactive.total"].text) == (123, "１２３")


def test_rules_money_converted_to_indicator_unit(tagger):
    (m,) = tag(tagger, "本年度依申请公开共收取费用3800元。")
    assert (m.indicator, m.value, m.unit) == ("fees.collected", 0.38, "元")


def test_rules_chinese_numerals_with_units(tagger):
    text = "年内举办政府信息公开培训班三次，共召开新闻发布会十二场。"
    assert triples(tag(tagger, text)) == sorted([
        ("training.sessions", "total", 3), ("response.press_conferences", "total", 12)])


@pytest.mark.parametrize("year, expected", [("2017", "proactive.normative_docs_issued"),
                                            ("2022", "proactive.normative.made")])
def test_rules_form_era_picks_the_id(tagger, year, expected):
    text = f"{year}年，本局制发规范性文件11件。{year}年度工作情况如下。"
    assert triples(tag(tagger, text)) == [(expected, "total", 11)]


def test_rules_weibo_and_wechat_together_take_combined_id(tagger):
    assert triples(tag(tagger, "通过政务微博和微信发布信息150条。")) == [("proactive.channel.new_media", "total", 150)]


def test_rules_count_covering_two_indicators_is_left_out(tagger):
    assert tag(tagger, "办理人大代表建议和政协提案20件。") == []


@pytest.mark.parametrize(
    "text",
    [
        "根据《条例》（国务院令第711号）和某府办〔2017〕24号文件，统计期限为2021年1月1日至12月31日。",
        "联系电话：0371-12345678，邮编：450000，地址：人民路100号。",
        "依申请公开办结率为100%，较上年增长15%。",
        "一、总体情况\n（三）主动公开\n1.政府信息公开平台建设",
        "本年度主动公开政府信息较上年增加35条。",
        "收到政府信息公开申请较2020年的48件有所下降。",
        "依照《条例》第十二条，在20个工作日内答复申请。",
        "全年网站访问量达12万人次，本报告共分六个部分。",
        "一是进一步统一规范一站式服务，二是推行一件事一次办。",
        "上年同期收到申请50件。",
    ],
)
def test_rules_distractors_produce_no_mentions(tagger, text):
    assert tag(tagger, text) == []


def test_rules_only_inside_given_spans(tagger):
    text = "本年度主动公开政府信息120条。本年度收到政府信息公开申请9件。"
    cut = text.index("本年度收到")
    inside = tagger.tag(text, [(0, cut)])
    assert triples(inside) == [("proactive.total", "total", 120)]
    assert tagger.tag(text, []) == []


def test_rules_evidence_names_the_indicator(tagger):
    (m,) = tag(tagger, "今年共举办各类培训班4次。")
    assert "培训班" in m.evidence_text and m.evidence[1] <= m.start


def test_rules_offsets_hold_on_every_seed(tagger, seed_texts):
    for seed_id, text in seed_texts.items():
        mentions = tagger.tag(text, [(0, len(text))])
        assert mentions, seed_id
        for m in mentions:
            assert text[m.start : m.end] == m.text, seed_id


def test_rules_deterministic(tagger, seed_texts):
    text = seed_texts["seed-003"]
    first = tagger.tag(text, [(0, len(text))])
    again = RuleTagger(tagger.taxonomy, tagger.config).tag(text, [(0, len(text))])
    assert first == again


def test_rules_empty_inputs(tagger):
    assert tagger.tag("", [(0, 0)]) == []
    assert tagger.tag("   \n  ", [(0, 5)]) == []
