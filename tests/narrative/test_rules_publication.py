"""Counts of published information in the rules: the publication phrase, the
channel named before the count (guidelines, "One named channel") and what is
left out (topic breakdowns, documents issued). Invented sentences in the style
of the reports."""
from __future__ import annotations

import copy

import pytest

from gikp_nlp.config import load_config
from gikp_nlp.errors import TaxonomyError
from gikp_nlp.narrative.cues import build_table, load_raw
from gikp_nlp.narrative.rules import RuleTagger


@pytest.fixture(scope="module")
def taxonomy():
    from gikp_nlp.schema import get_taxonomy

    return get_taxonomy()


@pytest.fixture(scope="module")
def tagger(taxonomy):
    return RuleTagger(taxonomy, load_config(overrides={"narrative.engine": "rules"}).narrative)


def triples(tagger, text):
    mentions = tagger.tag(text, [(0, len(text))])
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.evidence is not None and text[m.evidence[0] : m.evidence[1]] == m.evidence_text
    return sorted((m.indicator, m.value) for m in mentions)


@pytest.mark.parametrize(("text", "expected"), [
    # a verb, the information, the count: no channel named → the total
    ("全年共发布和更新信息75条。", [("proactive.total", 75)]),
    ("本年度对外公开各类工作信息210条。", [("proactive.total", 210)]),
    ("全年主动公开662条，全部按时公开。", [("proactive.total", 662)]),
    ("本单位公开信息共计148条。", [("proactive.total", 148)]),
    ("全年政府信息累计公开3500余条。", [("proactive.total", 3500)]),
    # a list of kinds, then 等…共
    ("全年及时公开机构概况、工作动态、财政预决算等共90条。", [("proactive.total", 90)]),
    ("全年公开机构职能、工作总结、预决算信息等政府信息23条。", [("proactive.total", 23)]),
    ("全年围绕重点工作共计发布437条。", [("proactive.total", 437)]),
])
def test_rules_publication_phrase_without_channel_is_total(tagger, text, expected):
    assert triples(tagger, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2023年，本局通过门户网站主动公开政府信息120条。", [("proactive.channel.website", 120)]),
    ("全年在政府信息公开专栏发布政府信息165条。", [("proactive.channel.website", 165)]),
    ("通过政府网站累计公开机构概况、工作动态、财政预决算等共90条。", [("proactive.channel.website", 90)]),
    ("局微信公众号全年推送信息321条。", [("proactive.channel.wechat", 321)]),
    ("利用电子屏发布信息108条。", [("proactive.channel.other", 108)]),
    ("我镇在政府网站上共公开285条信息。", [("proactive.channel.website", 285)]),
    # the channel in the clause before, after 通过/在
    ("通过门户网站，主动公开政府信息63条。", [("proactive.channel.website", 63)]),
    # a quoted account name is not the channel: the word after it is
    ("“某市政府网”微信公众号推送信息60条。", [("proactive.channel.wechat", 60)]),
])
def test_rules_publication_one_named_channel(tagger, text, expected):
    assert triples(tagger, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # several channels together → the total; two websites too
    ("全年通过门户网站、政务微信等平台发布各类信息350条。", [("proactive.total", 350)]),
    ("在门户网站和部门网站主动公开信息44条。", [("proactive.total", 44)]),
    ("通过门户网站、信用信息系统主动公开各类信息52条。", [("proactive.total", 52)]),
    # weibo and wechat together → new media; several other ways → other
    ("通过政务微博、微信发布信息88条。", [("proactive.channel.new_media", 88)]),
    ("通过报刊、电视等传统媒体公开信息40条。", [("proactive.channel.other", 40)]),
])
def test_rules_publication_several_channels(tagger, text, expected):
    assert triples(tagger, text) == expected


def test_rules_publication_channel_parts_after_total(tagger):
    text = "全年公开信息300条，其中网站公开200条，微信公众号发布信息100条。"
    assert triples(tagger, text) == [("proactive.channel.website", 200), ("proactive.channel.wechat", 100),
                                     ("proactive.total", 300)]


def test_rules_publication_topic_parts_after_qizhong_left_out(tagger):
    # 其中 + a kind of information, no channel: a part of a topic breakdown (not annotated)
    text = "本年度主动公开政府信息300条，其中公开各类工作信息120条。"
    assert triples(tagger, text) == [("proactive.total", 300)]


@pytest.mark.parametrize("text", [
    "全年制发公文45件，公开文件12份。",      # documents issued: not information published
    "全年发布统计信息12条。",                  # a topic of information, not the total
    "全年发布文章30篇。",                      # articles count only through a named channel
    "全年牵头办理建议提案6件。",                # proposals handled, not their results published
    "全年主动公开行政许可信息1890条。",         # a kind of information between the verb and the count
    "召开新闻发布会公开信息12条。",             # a bare 公开信息 after a noun that is no channel
])
def test_rules_publication_not_an_indicator(tagger, text):
    assert [t for t in triples(tagger, text) if t[0].startswith("proactive.")] == []


def test_rules_publication_leaves_request_counts(tagger):
    # 公开申请 is a request, not information published
    assert triples(tagger, "本年度答复政府信息公开申请9件。") == [("request.result.total", 9)]


def test_rules_publication_document_title_names_no_channel(tagger):
    text = "根据《关于规范政府网站管理的通知》要求，全年主动公开政府信息50条。"
    assert triples(tagger, text) == [("proactive.total", 50)]


@pytest.mark.parametrize(("text", "value"), [
    ("公开人大代表建议及政协提案办理结果15条。", 15),
    ("全年公开建议提案复函26件。", 26),
])
def test_rules_publication_proposal_results(tagger, text, value):
    assert triples(tagger, text) == [("proactive.proposal_results", value)]


def test_rules_publication_table_needs_one_entry(taxonomy):
    raw = copy.deepcopy(load_raw())
    entry = next(e for e in raw["cues"] if e.get("publication"))
    raw["cues"].append(copy.deepcopy(entry))
    with pytest.raises(TaxonomyError):
        build_table(taxonomy, raw)


def test_rules_publication_channel_ids_checked(taxonomy):
    raw = copy.deepcopy(load_raw())
    entry = next(e for e in raw["cues"] if e.get("publication"))
    entry["publication"]["channels"]["proactive.channel.nope"] = "传单"
    with pytest.raises(TaxonomyError):
        build_table(taxonomy, raw)


def test_rules_publication_first_stated_value_wins(tagger):
    # one total per report: a later, different total is another body's count
    text = "全年主动公开政府信息300条。各村（社区）公开各类信息120条。"
    assert triples(tagger, text) == [("proactive.total", 300)]
