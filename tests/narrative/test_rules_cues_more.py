"""More cue phrases of the rules: the bare verbs of a 规范性文件 paragraph
(guidelines, "规范性文件 in 2019+ narrative") and a channel's own verb before its
count in a list of channels (guidelines, "One named channel"). Invented
sentences in the style of the reports; each shape has its negatives."""
from __future__ import annotations

import pytest

from tests.narrative.conftest import rule_pairs as triples


@pytest.fixture
def tagger(rules_tagger):
    return rules_tagger


@pytest.mark.parametrize(("text", "expected"), [
    # the bare verbs after 规范性文件 was named in the paragraph
    ("对本单位规范性文件进行清理，本年度废止5件，现行有效12件。",
     [("proactive.normative.in_force", 12), ("proactive.normative.repealed", 5)]),
    ("全年印发行政规范性文件3件，废止行政规范性文件2件。",
     [("proactive.normative.made", 3), ("proactive.normative.repealed", 2)]),
    ("清理规范性文件后，有效规范性文件7件。", [("proactive.normative.in_force", 7)]),
])
def test_rules_cues_more_normative_bare_verbs(tagger, text, expected):
    assert triples(tagger, text) == expected


@pytest.mark.parametrize("text", [
    # no 规范性文件 in the paragraph: 废止 of other things is no indicator
    "全年废止内部管理制度4件，现行有效制度9件。",
    # the count is not right after the verb: other documents were repealed
    "对规范性文件进行清理，宣布废止失效文件8件。",
    # 现行有效 names another kind of document before the count
    "清理出现行有效的市政府规章6件。",
])
def test_rules_cues_more_normative_bare_verbs_left_out(tagger, text):
    assert not [t for t in triples(tagger, text) if t[0] in
                ("proactive.normative.repealed", "proactive.normative.in_force")]


@pytest.mark.parametrize(("text", "expected"), [
    ("全年主动公开政府信息5.2万条，其中政府网站公开3.1万条、政务新媒体公开1.6万条、其他方式公开0.5万条。",
     [("proactive.channel.new_media", 16000), ("proactive.channel.other", 5000),
      ("proactive.channel.website", 31000), ("proactive.total", 52000)]),
    ("村务公开栏公开86条，及时回应群众关切。", [("proactive.channel.other", 86)]),
    ("政务新媒体（微信公众号）公开40余条。", [("proactive.channel.new_media", 40)]),
])
def test_rules_cues_more_channel_verb_count(tagger, text, expected):
    assert triples(tagger, text) == expected


@pytest.mark.parametrize("text", [
    # a count in 次/期 is no publication count (pushes, issues)
    "政务新媒体推送12次，微博发布3期。",
    # a count in 件 is no publication count (documents of another kind)
    "门户网站公开建议提案办理结果4件。",
])
def test_rules_cues_more_channel_verb_count_left_out(tagger, text):
    assert not [t for t in triples(tagger, text) if t[0].startswith("proactive.channel.")]


@pytest.mark.parametrize(("text", "expected"), [
    ("本局先后举办了两期政府信息公开培训班，专题学习条例。", [("training.sessions", 2)]),
    ("全年开展了3次联络员业务培训。", [("training.sessions", 3)]),
])
def test_rules_cues_more_training_after_its_unit(tagger, text, expected):
    assert triples(tagger, text) == expected


@pytest.mark.parametrize("text", [
    # no 举办/开展/组织 before the count: a meeting that discussed training
    "全年召开3次会议研究培训工作。",
    # the count's clause names no training after its unit
    "全年组织检查4次，培训工作人员。",
    # people, not sessions
    "今年组织干部职工约150人次参加政务公开培训。",
])
def test_rules_cues_more_training_after_its_unit_left_out(tagger, text):
    assert not [t for t in triples(tagger, text) if t[0] == "training.sessions"]
