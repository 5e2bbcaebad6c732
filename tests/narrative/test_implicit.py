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


# --- patterns added for issue 14 (each with a case that must not fire) ---------

@pytest.mark.parametrize(
    "text, expected",
    [
        # a comma that only continues the list of cases
        ("全年未发生因信息公开申请行政复议，提起行政诉讼的情况。", {"review.total", "litigation.total"}),
        # 未因 … 引发 as the negation
        ("本单位亦未因信息公开工作引发行政复议或行政诉讼。", {"review.total", "litigation.total"}),
        ("没有发生涉及信息公开的申述。", {"complaints.total"}),
        # administrative decisions of a kind (2019+ table 二)
        ("本年度无行政许可、行政处罚和行政强制事项。",
         {"proactive.licensing.decisions", "proactive.penalty.decisions", "proactive.enforcement.decisions"}),
        ("全年未作出行政强制措施。", {"proactive.enforcement.decisions"}),
        ("本年度未收到人大代表建议和政协委员提案。", {"proposals.npc", "proposals.cppcc"}),
        # verbs × kinds of document
        ("全年未制定或废止规章、规范性文件。",
         {"proactive.regulations.made", "proactive.regulations.repealed",
          "proactive.normative.made", "proactive.normative.repealed"}),
        ("本局未以部门名义印发规范性文件。", {"proactive.normative.made"}),
        ("本年度无主动公开的规范性文件。", {"proactive.normative.published"}),
        # requests
        ("本年度无依申请公开事项。", {"request.new"}),
        ("我办没有依申请公开的政府信息。", {"request.new"}),
        ("本年度未共收到信息公开申请。", {"request.new"}),
        ("本年度未接到公众要求公开的信息。", {"request.new"}),
        ("无上年结转的信息公开申请。", {"request.carried_over"}),
        ("所有申请均已办结，无结转下年度办理的申请。", {"request.carried_forward"}),
        # fees
        ("本机关未向申请人收取检索、复印、邮寄等任何费用。", {"fees.collected"}),
        ("本年度无信息公开收费及减免情况。", {"fees.collected"}),
        ("本部门不涉及行政事业性收费。", {"proactive.fees.amount"}),
    ],
)
def test_implicit_new_phrasings(taxonomy, text, expected):
    assert {m.indicator for m in zeros(taxonomy, text)} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the comma ends the list when the next clause is not a case
        ("未发生行政复议，诉讼方面收到2件。", {"review.total"}),
        ("本年度未因故延期答复。", set()),
        # the outcome of cases, not their number
        ("未出现因信息公开引发的行政诉讼被撤销或败诉的情况。", set()),
        # a power or an application, not decisions
        ("本单位无行政处罚权。", set()),
        ("全年没有行政许可申请积压。", set()),
        ("收到人大代表建议3件。", set()),
        # the verb too far from the negation, or a digit in the clause
        ("个别单位未按时在网站栏目中及时发布规范性文件。", set()),
        ("对未公开发布的规范性文件清理2件。", set()),
        ("上年结转2件，本年办结。", set()),
        # an enquiry or a case about requests is not a zero request
        ("本年度未收到依申请公开信息的咨询。", set()),
        ("未发生有关信息公开申请的行政复议。", {"review.total"}),
        ("无依申请公开政府信息收费情况。", {"fees.collected"}),
        # 行政事业性收费 is its own indicator, and its schedule is no zero
        ("本部门无行政事业性收费。", {"proactive.fees.amount"}),
        ("按要求公开行政事业性收费项目目录。", set()),
        ("本部门没有行政事业性收费标准。", set()),
    ],
)
def test_implicit_new_phrasings_stay_narrow(taxonomy, text, expected):
    assert {m.indicator for m in zeros(taxonomy, text)} == expected


def test_implicit_grid_phrase_spans_negation_to_last_kind(taxonomy):
    text = "年内未出台或废止规章、规范性文件，现行有效规范性文件5件。"
    found = zeros(taxonomy, text)
    assert {m.text for m in found} == {"未出台或废止规章、规范性文件"}
    assert len(found) == 4


def test_implicit_every_pattern_id_exists(taxonomy):
    from gikp_nlp.narrative.implicit import _patterns

    assert set(_patterns()["ids"]) <= set(taxonomy.ids)


def test_implicit_request_wording_runs_on_to_the_application(taxonomy):
    found = zeros(taxonomy, "全年没有接到公众要求公开政府信息的申请。")
    assert [(m.indicator, m.text) for m in found] == [("request.new", "没有接到公众要求公开政府信息的申请")]
    # a demand to publish that is not about a request received is no zero
    assert zeros(taxonomy, "群众要求公开的信息均已公开。") == []
