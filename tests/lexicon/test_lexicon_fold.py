"""The one fold: the folded view used for matching maps back to the original text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gikp_nlp.lexicon import FoldedText, fold_label, report_year
from gikp_nlp.lexicon.fold import opencc_table


def test_lexicon_fold_folds_traditional_fullwidth_spaces_and_ruby():
    text = "主動(dòng)公開 政府信息１２條"
    ft = FoldedText.build(text)
    assert ft.folded == "主动公开政府信息12条"
    i = ft.folded.index("12")
    assert text[slice(*ft.span(i, i + 2))] == "１２"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="開动 公\u3000１2(ab)報申請件\n,。", max_size=40))
def test_lexicon_fold_index_points_at_the_source_char(text):
    ft = FoldedText.build(text)
    assert len(ft.folded) == len(ft.index)
    assert list(ft.index) == sorted(set(ft.index))
    for i in range(len(ft.folded)):
        s, e = ft.span(i, i + 1)
        assert e - s == 1 and 0 <= s < len(text)


def test_lexicon_fold_report_year_is_the_most_frequent():
    assert report_year("2019年部署，2020年度报告：2020年全年，2020年底") == 2020
    assert report_year("没有年份") is None


def test_lexicon_fold_traditional_variant_and_gateway_words():
    """OpenCC's table (辦, 資), the yaml's variants (「 → “) and gateway words
    (资讯 → 信息, 档案 → 文件) all fold, one character to one."""
    text = "我辦「規範性檔案」19條，政府資訊"
    ft = FoldedText.build(text)
    assert ft.folded == "我办“规范性文件”19条,政府信息"
    assert len(ft.folded) == len(text) and list(ft.index) == list(range(len(text)))
    assert fold_label("規範性檔案") == "规范性文件"


def test_lexicon_fold_simplified_text_is_unchanged_but_fullwidth_digits():
    text = "全年主动公开政府信息１７１条，其中网站12条。"
    assert FoldedText.build(text).folded == text.replace("１７１", "171").replace("，", ",")


def test_lexicon_fold_table_maps_single_characters_only():
    table = opencc_table()
    assert len(table) > 2000
    assert all(len(v) == 1 and chr(k) != v for k, v in table.items())


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="開动 公\u3000１2(ab)報申請件資訊\n,。", max_size=40), st.data())
def test_lexicon_fold_slice_equals_the_cut_of_the_whole_view(text, data):
    """A slice of the document's view indexes the sub-range like the view itself."""
    whole = FoldedText.build(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    part = whole.slice(start, end)
    fstart, fend = whole.locate(start, end)
    assert part.folded == whole.folded[fstart:fend]
    assert part.original == text[start:end]
    assert [start + i for i in part.index] == list(whole.index[fstart:fend])
    assert all(0 <= i < len(part.original) for i in part.index)


def test_lexicon_fold_span_maps_a_folded_word_back_through_ruby_and_spaces():
    text = "本局網(wǎng)站 公 開信息"
    ft = FoldedText.build(text)
    i = ft.folded.index("网站公开")
    start, end = ft.span(i, i + 4)
    assert text[start:end] == "網(wǎng)站 公 開"


def test_lexicon_fold_view_costs_a_few_bytes_per_character():
    """Issue 16: the view of a long report stays a few bytes a character (the
    folded string and an int32 index), at its peak too; a tuple of Python ints
    as the index cost ~36 bytes a character."""
    import tracemalloc

    import numpy as np

    text = "全年主动公开政府信息１７１条，其中門戶網站公开120条。\n" * 4000
    FoldedText.build("预热")  # the fold table is built once, not counted
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        view = FoldedText.build(text)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert view.index.dtype == np.int32 and not view.index.flags.writeable
    assert (kept - before) / len(text) <= 8  # folded str (2 B) + index (4 B)
    assert (peak - before) / len(text) <= 16


def test_lexicon_fold_offsets_are_plain_ints():
    ft = FoldedText.build("本局網(wǎng)站公开12条")
    assert all(type(x) is int for x in (*ft.span(0, 2), ft.pos(1), ft.pos(len(ft.folded)), *ft.locate(0, 5)))
    assert ft == FoldedText.build("本局網(wǎng)站公开12条") and hash(ft) == hash(FoldedText.build("本局網(wǎng)站公开12条"))
