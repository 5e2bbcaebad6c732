"""The rules' vetoes: counts named by an indicator that are not its value for the year
(invented sentences in the style of the reports)."""
from __future__ import annotations

import pytest

from tests.narrative.conftest import rule_triples as triples


@pytest.fixture
def tagger(rules_tagger):
    return rules_tagger


# -- cumulative counts (guidelines, "Cumulative counts") ------------------------------
def test_rules_vetoes_cumulative_with_cutoff_date(tagger):
    text = "截至2021年12月31日，本镇累计主动公开政府信息4321条。"
    assert triples(tagger, text) == []


def test_rules_vetoes_cumulative_to_year_end(tagger):
    assert triples(tagger, "本单位到2019年底累计主动公开政府信息870条，全文电子化率100%。") == []


def test_rules_vetoes_cumulative_then_the_years_value(tagger):
    text = "本局通过目录系统累计主动公开政府信息已达1500条。2020年新增主动公开政府信息60条。"
    assert triples(tagger, text) == [("proactive.total", "total", 60)]


def test_rules_vetoes_cumulative_with_new_part_in_parentheses(tagger):
    text = "2023年，本街道累计公开信息5000条（2023年新增300条），内容涵盖通知公告。"
    assert ("proactive.total", "total", 5000) not in triples(tagger, text)


def test_rules_vetoes_keep_the_years_own_cumulative_total(tagger):
    # 全年累计 / 2012年，…累计 is the report year's value
    assert triples(tagger, "全年累计主动公开政府信息245条。") == [("proactive.total", "total", 245)]
    assert triples(tagger, "2018年，本局累计主动公开政府信息77条。") == [("proactive.total", "total", 77)]


# -- information sorted by disclosure attribute -------------------------------------
def test_rules_vetoes_attribute_breakdown_is_no_request_outcome(tagger):
    text = "全年制发政府信息90件，其中主动公开30件，依申请公开5件，不予公开55件。"
    assert ("request.result.denied", "total", 55) not in triples(tagger, text)


def test_rules_vetoes_keep_denied_requests(tagger):
    text = "全年共收到政府信息公开申请12件，予以公开8件，不予公开3件，无法提供1件。"
    assert ("request.result.denied", "total", 3) in triples(tagger, text)

