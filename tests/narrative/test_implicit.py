"""Implicit zeros: phrases that state a zero without a digit."""
from __future__ import annotations

import pytest

from gikp_nlp.narrative.implicit import find_implicit_zeros


def zeros(taxonomy, text):
    found = find_implicit_zeros(text, [(0, len(text))], taxonomy)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.evidence == (m.start, m.end) and m.evidence_text == m.text
        assert m.implicit and m.value == 0 and m.source == "rule" and 0 < m.confidence <= 1
    return found


@pytest.mark.parametrize(
    "text, expected, phrase",
    [
        ("本年度未收到政府信息公开申请。", {"request.new"}, "未收到政府信息公开申请"),
        ("本年度未收到政府信息公開申請。", {"request.new"}, "未收到政府信息公開申請"),
        ("全年没有接到公民、法人或其他组织提出的政府信息公开申请。", {"request.new"}, None),
        ("未发生因政府信息公开提起的行政复议和行政诉讼。", {"review.total", "litigation.total"}, None),
        ("本年度未接到有关政府信息公开的投诉举报。", {"complaints.total"}, None),
        ("本机关暂不收费。", {"fees.collected"}, "暂不收费"),
        ("本年度未向申请人收取任何费用。", {"fees.collected"}, None),
        ("没有政府信息公开专项经费。", {"org.budget"}, None),
    ],
)
def test_implicit_phrases(taxonomy, text, expected, phrase):
    found = zeros(taxonomy, text)
    assert {m.indicator for m in found} == expected
    if phrase:
        assert {m.text for m in found} == {phrase}


def test_implicit_case_from_a_request_is_not_a_zero_request(taxonomy):
    found = zeros(taxonomy, "未发生因信息公开申请引发的行政复议。")
    assert {m.indicator for m in found} == {"review.total"}


@pytest.mark.parametrize(
    "text",
    [
        "本年度收到政府信息公开申请5件。",
        "进一步规范依申请公开工作流程，无法提供的及时告知。",
        "未公开收费标准的单位限期整改。",
        "行政复议3件，行政诉讼1件。",
    ],
)
def test_implicit_no_false_zeros(taxonomy, text):
    assert zeros(taxonomy, text) == []


def test_implicit_respects_spans(taxonomy):
    text = "本年度未收到政府信息公开申请。未发生行政复议。"
    cut = text.index("未发生")
    assert {m.indicator for m in find_implicit_zeros(text, [(cut, len(text))], taxonomy)} == {"review.total"}
    assert find_implicit_zeros(text, [], taxonomy) == []


def test_implicit_offsets_hold_on_every_seed(taxonomy, seed_texts):
    total = 0
    for text in seed_texts.values():
        total += len(zeros(taxonomy, text))
    assert total > 0
