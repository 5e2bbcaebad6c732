"""The folded view used for matching maps back to the original text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gikp_nlp.narrative.text import FoldedText, report_year


def test_text_folds_traditional_fullwidth_spaces_and_ruby():
    text = "主動(dòng)公開 政府信息１２條"
    ft = FoldedText.build(text)
    assert ft.folded == "主动公开政府信息12条"
    i = ft.folded.index("12")
    assert text[slice(*ft.span(i, i + 2))] == "１２"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="開动 公\u3000１2(ab)報申請件\n,。", max_size=40))
def test_text_index_points_at_the_source_char(text):
    ft = FoldedText.build(text)
    assert len(ft.folded) == len(ft.index)
    assert list(ft.index) == sorted(set(ft.index))
    for i in range(len(ft.folded)):
        s, e = ft.span(i, i + 1)
        assert e - s == 1 and 0 <= s < len(text)


def test_text_report_year_is_the_most_frequent():
    assert report_year("2019年部署，2020年度报告：2020年全年，2020年底") == 2020
    assert report_year("没有年份") is None
