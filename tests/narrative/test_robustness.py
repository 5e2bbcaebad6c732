"""Random and long inputs: no exception, offsets always index the original text."""
from __future__ import annotations

import statistics
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


def _median_seconds(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_robustness_long_single_line_is_linear(seed_texts):
    """Four times the text takes about four times as long (a quadratic scan would
    take sixteen): medians of a few runs at two sizes, so one slow run does not decide."""
    line = seed_texts["seed-003"].replace("\n", " ").replace("。", "，")
    small, large = line * 3, line * 12
    assert _TAGGER.tag(large, [(0, len(large))])
    t_small = _median_seconds(lambda: _TAGGER.tag(small, [(0, len(small))]))
    t_large = _median_seconds(lambda: _TAGGER.tag(large, [(0, len(large))]))
    ratio = t_large / t_small
    assert ratio < 8, f"{len(small)} chars: {t_small:.2f}s, {len(large)} chars: {t_large:.2f}s (x{ratio:.1f})"
