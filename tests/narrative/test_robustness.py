"""Random and long inputs: no exception, offsets always index the original text."""
from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from gikp_nlp.config import load_config
from gikp_nlp.narrative.implicit import find_implicit_zeros
from gikp_nlp.narrative.rules import RuleTagger
from gikp_nlp.schema import get_taxonomy

_TAXONOMY = get_taxonomy()
_TAGGER = RuleTagger(_TAXONOMY, load_config().narrative)
_PIECES = ["收到政府信息公开申请", "主动公开政府信息", "行政复议", "行政诉讼", "被依法纠错", "其中", "自然人",
           "未发生", "未收到", "暂不收费", "12", "３４", "1,200", "三", "十二", "万", "余", "件", "条", "次",
           "元", "%", "年", "，", "。", "；", "\n", " ", "(dòng)", "（一）", "一、", "較上年", "增加", "開"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.data())
def test_robustness_random_report_like_text(pieces, data):
    text = "".join(pieces)
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    for spans in ([(0, len(text))], [(0, cut), (cut, len(text))], [(cut, len(text))]):
        for m in _TAGGER.tag(text, spans) + find_implicit_zeros(text, spans, _TAXONOMY):
            assert text[m.start : m.end] == m.text
            assert any(s <= m.start and m.end <= e for s, e in spans)
            assert m.indicator in _TAXONOMY


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_robustness_arbitrary_unicode(text):
    for m in _TAGGER.tag(text, [(0, len(text))]) + find_implicit_zeros(text, [(0, len(text))], _TAXONOMY):
        assert text[m.start : m.end] == m.text


def test_robustness_long_single_line_is_linear(seed_texts):
    text = seed_texts["seed-003"].replace("\n", " ").replace("。", "，") * 10
    started = time.perf_counter()
    mentions = _TAGGER.tag(text, [(0, len(text))])
    elapsed = time.perf_counter() - started
    assert mentions and elapsed < 10, f"{len(text)} chars took {elapsed:.1f}s"
