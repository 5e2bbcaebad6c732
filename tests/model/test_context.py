"""Unit, evidence and applicant rules around a tagged number."""
from __future__ import annotations

import pytest

from gikp_nlp.model.context import applicant_cue, find_evidence, is_list_marker, read_unit


def test_context_unit_after_number_skips_approx_words():
    text = "发布信息1100余篇，共3 件，收取380元"
    assert read_unit(text, text.index("1100") + 4) == "篇"
    assert read_unit(text, text.index("3 ") + 1) == "件"
    assert read_unit(text, text.index("380") + 3) == "元"


def test_context_evidence_is_nearest_name_in_clause(taxonomy):
    text = "全年主动公开政府信息171条，其中门户网站公开120条。"
    start = text.index("120")
    span = find_evidence(text, start, start + 3, "proactive.channel.website", taxonomy, 40)
    assert span is not None and "门户网站" in text[span[0]:span[1]]
    start = text.index("171")
    span = find_evidence(text, start, start + 3, "proactive.total", taxonomy, 40)
    assert text[span[0]:span[1]] == "主动公开政府信息"


def test_context_evidence_works_on_traditional_script(taxonomy):
    text = "我辦共主動公開政府信息19條"
    start = text.index("19")
    span = find_evidence(text, start, start + 2, "proactive.total", taxonomy, 40)
    assert span is not None and "公開" in text[span[0]:span[1]]


def test_context_applicant_cue_before_and_after(taxonomy):
    text = "收到申请11件，其中公民个人提出申请8件，3件申请人为法人或其他组织。"
    assert applicant_cue(text, text.index("8件"), 40, taxonomy) == "natural_person"
    assert applicant_cue(text, text.index("3件"), 40, taxonomy) == "legal_entity"
    assert applicant_cue(text, text.index("11"), 40, taxonomy) is None


def test_context_evidence_reads_through_pinyin_ruby_and_spaces(taxonomy):
    """Gateways print ruby (網(wǎng)站) and spaces inside words; the name is still
    found, and its span indexes the caller's text."""
    text = "我辦在本局網(wǎng)站主動公開政府信息32條，門 戶 網 站更新15條"
    start = text.index("32")
    span = find_evidence(text, start, start + 2, "proactive.channel.website", taxonomy, 40)
    assert span is not None and text[span[0]:span[1]].startswith("網(wǎng)站")
    start = text.index("15")
    span = find_evidence(text, start, start + 2, "proactive.channel.website", taxonomy, 40)
    assert span is not None and text[span[0]:span[1]].replace(" ", "") in ("門戶網站", "網站")


def test_context_evidence_is_none_without_a_name(taxonomy):
    text = "全年办理群众来电32件。"
    start = text.index("32")
    assert find_evidence(text, start, start + 2, "proactive.channel.website", taxonomy, 40) is None



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
def test_context_list_item_numbers_are_markers_not_counts(marked, expected):
    """``marked`` puts the number under test in brackets."""
    start = marked.index("[")
    end = marked.index("]") - 1
    text = marked.replace("[", "").replace("]", "")
    assert is_list_marker(text, start, end) is expected
