"""Traditional → simplified folding: one character to one, so offsets hold."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gikp_nlp.chars import simplified_table, to_simplified


def test_traditional_report_phrases_fold_to_simplified():
    assert to_simplified("我辦共主動公開政府資訊19條，行政復議3件") == "我办共主动公开政府资讯19条，行政复议3件"


def test_simplified_text_digits_and_punctuation_are_unchanged():
    text = "全年主动公开政府信息１７１条（其中：网站12条）。"
    assert to_simplified(text) == text


def test_table_maps_single_characters_only():
    table = simplified_table()
    assert len(table) > 2000
    assert all(len(v) == 1 and chr(k) != v for k, v in table.items())


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x9FFF), max_size=200))
def test_folding_keeps_length(text):
    assert len(to_simplified(text)) == len(text)
