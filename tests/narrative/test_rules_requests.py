"""The rules' cues for counts outside proactive disclosure: requests handled,
their outcomes, requests carried over and forward, litigation rows, staff,
training, proposals and interpretations (guidelines, "Conventions settled on
real text"). Short invented sentences in the reports' style; each negative is a
count of something else that the same words sit next to."""
from __future__ import annotations

import pytest

from tests.narrative.conftest import rule_triples as triples


@pytest.fixture
def tagger(rules_tagger):
    return rules_tagger


# -- carried over / carried forward ------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("全年办结申请30件，结转下年度办理4件。", 4),
    ("依法办结政府信息公开申请12件，结转2024年度3件。", 3),
    ("不予处理1件，转接下年度办理6件。", 6),
    ("答复申请20件（另有2件申请转结下年度继续办理）。", 2),
    ("撤回申请1件。剩余5件转2024年办理。", 5),
])
def test_rules_requests_carried_forward_phrasings(tagger, text, value):
    assert ("request.carried_forward", "total", value) in triples(tagger, text)


@pytest.mark.parametrize("text, value", [
    ("全年收到申请40件，2022年结转6件。", 6),
    ("办结申请45件（含2022年结转的3件）。", 3),
    ("收到申请9件，上年结转答复2件。", 2),
])
def test_rules_requests_carried_over_phrasings(tagger, text, value):
    assert ("request.carried_over", "total", value) in triples(tagger, text)


def test_rules_requests_year_after_jiezhuan_goes_forward_before_it_comes_over(tagger):
    text = "全年接收申请50件，2022年结转3件；全年办理48件，结转2024年5件。"
    found = triples(tagger, text)
    assert ("request.carried_over", "total", 3) in found
    assert ("request.carried_forward", "total", 5) in found
    assert ("request.carried_forward", "total", 3) not in found


# -- handled (request.result.total) vs new -------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("本年度共处理政府信息公开申请8件。", 8),
    ("全年办理公民、法人和其他组织提出的政府信息公开申请15件。", 15),
    ("全年处理申请数量60件。", 60),
    ("收到申请20件，上年结转2件；全年办理22件。", 22),
])
def test_rules_requests_handled_is_result_total(tagger, text, value):
    found = triples(tagger, text)
    assert ("request.result.total", "total", value) in found
    assert ("request.new", "total", value) not in found


def test_rules_requests_received_and_handled_together_is_new(tagger):
    found = triples(tagger, "全年共收到和处理政府信息依申请公开申请13件。")
    assert found == [("request.new", "total", 13)]


@pytest.mark.parametrize("text", [
    "本年度共处理群众留言92条。",                      # messages, not requests
    "全年办理挖掘（占用）城市道路申请件7件。",          # a permit application of another law
    "结转2024年度继续办理政府信息公开申请4件。",        # carried forward, not handled
])
def test_rules_requests_handled_negatives(tagger, text):
    assert "request.result.total" not in {t[0] for t in triples(tagger, text)}


def test_rules_requests_applicants_named_before_the_request(tagger):
    text = "本年度我局共收到公民、法人和其他组织提出的公开政府信息的申请3件。"
    assert triples(tagger, text) == [("request.new", "total", 3)]


# -- channels of new requests -------------------------------------------------------------
def test_rules_requests_channels_with_shouli(tagger):
    text = "网站受理依申请公开9件；当面受理依申请公开7件；邮寄受理依申请公开5件；其他渠道受理依申请公开3件。"
    assert triples(tagger, text) == sorted([
        ("request.new.online", "total", 9), ("request.new.in_person", "total", 7),
        ("request.new.letter", "total", 5), ("request.new.other", "total", 3)])


def test_rules_requests_channel_named_after_the_count(tagger):
    found = triples(tagger, "在受理的6件申请中，6件属于网络平台申请。")
    assert ("request.new.online", "total", 6) in found


def test_rules_requests_mailbox_letters_are_not_letter_requests(tagger):
    found = triples(tagger, "领导信箱共收到群众来信33件，已全部办结。")
    assert "request.new.letter" not in {t[0] for t in found}


# -- outcome rows of the 2019+ tables, written out ---------------------------------------
def test_rules_requests_outcome_rows_in_a_list(tagger):
    text = "答复申请40件，其中予以公开20件，部分公开5件，无法提供8件；不予处理4件；其他处理3件。"
    found = triples(tagger, text)
    for item in [("request.result.granted", "total", 20), ("request.result.partial", "total", 5),
                 ("request.result.unable", "total", 8), ("request.result.not_processed", "total", 4),
                 ("request.result.other", "total", 3)]:
        assert item in found


def test_rules_requests_not_held_is_not_the_unable_total(tagger):
    found = triples(tagger, "办理申请5件，因本机关不掌握相关政府信息无法提供2件。")
    assert ("request.result.unable", "total", 2) not in found


def test_rules_requests_granted_named_after_the_count(tagger):
    found = triples(tagger, "收到申请10件，其中6件申请的内容予以公开。")
    assert ("request.result.granted", "total", 6) in found


# -- litigation rows, staff, training, proposals, interpretations -----------------------
def test_rules_requests_litigation_rows(tagger):
    text = "因依申请公开引发的行政复议案件3件、未经复议直接起诉案件2件，复议后起诉1件。"
    found = triples(tagger, text)
    assert ("litigation.direct.total", "total", 2) in found
    assert ("litigation.after_review.total", "total", 1) in found


def test_rules_requests_outcomes_after_the_count_in_section(tagger):
    text = "发生行政复议4件，其中3件维持，1件尚未审结。"
    found = triples(tagger, text)
    assert ("review.upheld", "total", 3) in found and ("review.pending", "total", 1) in found


@pytest.mark.parametrize("text, indicator, value", [
    ("办公室配备2名工作人员负责信息公开。", "org.staff", 2),
    ("全镇从事信息公开工作人员3人。", "org.staff", 3),
    ("配备1名专职信息员。", "org.staff.full_time", 1),
    ("全年安排工作经费3万元。", "org.budget", 3),
    ("全年举办信息公开培训3次。", "training.sessions", 3),
    ("组织干部职工约120人次学习条例。", "training.trainees", 120),
    ("参加培训的人数达到80人次。", "training.trainees", 80),
    ("人大建议答复16件，政协提案答复6件。", "proposals.npc", 16),
    ("制作相关解读文字和图片8个。", "response.policy_interpretations", 8),
    ("以图文形式解读政策文件7篇。", "response.policy_interpretations", 7),
    ("集中公开主动回应信息41条。", "response.hot_topics", 41),
])
def test_rules_requests_other_sections(tagger, text, indicator, value):
    assert (indicator, "total", value) in triples(tagger, text)


@pytest.mark.parametrize("text", [
    "公开市人大代表建议答复件2件。",   # published replies, not suggestions handled
    "各科室配备兼职联络员4名。",       # no staff word after the count
])
def test_rules_requests_other_sections_negatives(tagger, text):
    found = {t[0] for t in triples(tagger, text)}
    assert not found & {"proposals.npc", "org.staff"}


def test_rules_requests_approximate_count_keeps_digits_span(tagger):
    text = "组织干部职工约150人次学习条例。"
    (m,) = [m for m in tagger.tag(text, [(0, len(text))]) if m.indicator == "training.trainees"]
    assert (m.text, m.value, m.approx) == ("150", 150, True)


@pytest.mark.parametrize("text, value", [
    ("答复申请98件（含上年度转结申请8件）。", 8),
    ("收到申请190件，结转上年度政府信息公开申请10件。", 10),
])
def test_rules_requests_carried_over_from_last_year_is_this_years_count(tagger, text, value):
    """上年度 next to 结转/转结 says where this year's count came from, not a value of last year."""
    assert ("request.carried_over", "total", value) in triples(tagger, text)


def test_rules_requests_last_years_value_still_rejected(tagger):
    found = triples(tagger, "上年度收到申请20件。")
    assert ("request.new", "total", 20) not in found


@pytest.mark.parametrize("text, indicator, value", [
    ("全年依申请公开数为6件。", "request.new", 6),
    ("召开部署政府信息公开工作会议2次。", "training.meetings", 2),
    ("落实专（兼）职工作人员1名。", "org.staff", 1),
    ("全系统专、兼职人员总计120人。", "org.staff", 120),
    ("配备了3名专职和2名兼职工作人员。", "org.staff.full_time", 3),
])
def test_rules_requests_more_phrasings(tagger, text, indicator, value):
    assert (indicator, "total", value) in triples(tagger, text)


def test_rules_requests_items_requested_are_not_requests(tagger):
    """依申请公开信息19条 counts information items, not requests (those are in 件)."""
    assert "request.new" not in {t[0] for t in triples(tagger, "主动公开信息80条，依申请公开19条。")}


def test_rules_requests_staff_of_both_kinds_is_not_part_time(tagger):
    found = triples(tagger, "全系统专、兼职人员总计120人。")
    assert ("org.staff.part_time", "total", 120) not in found


@pytest.mark.parametrize("text, indicator, value", [
    ("全年发布政策解读65件。", "response.policy_interpretations", 65),
    ("配发解读材料3件。", "response.policy_interpretations", 3),
    ("举办在线访谈9期。", "response.online_interviews", 9),
])
def test_rules_requests_units_jian_and_qi(tagger, text, indicator, value):
    """Interpretations are counted in 件 and interviews in 期 as often as in 篇 and 次."""
    assert (indicator, "total", value) in triples(tagger, text)


def test_rules_requests_qi_of_another_item_in_a_list_is_not_an_interview(tagger):
    found = triples(tagger, "开展征集调查6期、在线访谈1期。")
    assert ("response.online_interviews", "total", 1) in found
    assert ("response.online_interviews", "total", 6) not in found


def test_rules_requests_visits_in_ci_stay_unnamed(tagger):
    """次 of something no cue names (visits, calls) is still no mention."""
    assert triples(tagger, "全年接待群众来访35次，接听咨询电话120次。") == []


@pytest.mark.parametrize("text", ["现场解答群众关切问题27个。", "领导邮箱收到来信12件。"])
def test_rules_requests_channel_word_alone_is_no_request_channel(tagger, text):
    """现场/邮箱 without 申请 or 受理 name a place or a mailbox, not how a request came in."""
    assert not {t[0] for t in triples(tagger, text)} & {"request.new.in_person", "request.new.email"}
