"""HTML: charsets, visible text only, tables with spans, layout tables."""
from __future__ import annotations

import pytest

from gikp_nlp.io import read_document
from tests.io.builders import Span, check_offsets, gbk_safe, html_markup, seed_paragraphs, write_html

TABLE = [
    ["申请方式", Span("数量", colspan=2)],
    [Span("当面", rowspan=2), "上半年", "179"],
    ["下半年", "26"],
    ["合计", "", "233"],
]


def _grid_texts(block):
    return [[cell.text if cell else None for cell in row] for row in block.grid()]


def test_html_gbk_page_with_meta_charset(tmp_path, seed_texts):
    paragraphs = [gbk_safe(p) for p in seed_paragraphs(seed_texts["seed-003"], 12)]
    doc = read_document(write_html(tmp_path / "r.html", paragraphs, encoding="gbk"))
    assert doc.format == "html"
    assert doc.encoding == "gb18030"
    assert [doc.block_text(b) for b in doc.blocks] == [" ".join(p.split()) for p in paragraphs]
    check_offsets(doc)


def test_html_gb2312_label_with_gbk_only_characters_decodes():
    text = "朱镕基同志和张喆同志:本年度收到申请12件。"  # 镕 and 喆 are GBK, not GB2312
    markup = html_markup([text], charset_label="gb2312")
    doc = read_document(markup.encode("gbk"))
    assert doc.text == text


def test_html_wrong_declared_charset_falls_back():
    markup = html_markup(["本年度收到申请12件。"], charset_label="utf-8")
    doc = read_document(markup.encode("gbk"))
    assert doc.text == "本年度收到申请12件。"


def test_html_drops_head_script_style_nav():
    doc = read_document(html_markup(["正文一段。"]).encode("utf-8"))
    assert doc.text == "正文一段。"


def test_html_table_spans_resolve_to_grid():
    doc = read_document(html_markup(["表前。"], [TABLE]).encode("utf-8"))
    check_offsets(doc)
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert _grid_texts(table) == [
        ["申请方式", "数量", "数量"],
        ["当面", "上半年", "179"],
        ["当面", "下半年", "26"],
        ["合计", "", "233"],
    ]
    spanning = {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in table.cells}
    assert spanning["数量"] == (0, 1, 1, 2)
    assert spanning["当面"] == (1, 0, 2, 1)
    assert doc.block_text(table).splitlines()[2] == "下半年 | 26"


def test_html_layout_wrapper_keeps_text_and_inner_table():
    plain = read_document(html_markup(["第一段。", "第二段。"], [TABLE]).encode("utf-8"))
    wrapped = read_document(html_markup(["第一段。", "第二段。"], [TABLE], layout_wrapper=True).encode("utf-8"))
    check_offsets(wrapped)
    assert wrapped.text == plain.text
    assert [b.kind for b in wrapped.blocks] == ["narrative", "narrative", "table"]


def test_html_malformed_markup_is_tolerated():
    markup = "<html><body><p>第一段<b>加粗<td>游离单元格<p>第二段12件<table><tr><td>甲<td>乙<tr><td>1<td>2"
    doc = read_document(markup.encode("utf-8"))
    check_offsets(doc)
    assert "第二段12件" in doc.text
    assert any(b.kind == "table" for b in doc.blocks)


def test_html_forced_format_on_str_renders_markup():
    doc = read_document("<p>甲</p><p>乙 3件</p>", format="html")
    assert doc.text == "甲\n乙 3件"


def test_html_cell_with_line_breaks_is_one_line():
    markup = "<table><tr><td>项目<br>名称</td><td>数</td></tr><tr><td>申请</td><td>\n 12 \n</td></tr></table>"
    doc = read_document(markup.encode("utf-8"))
    (table,) = doc.blocks
    assert [c.text for c in table.cells] == ["项目 名称", "数", "申请", "12"]
    check_offsets(doc)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gb18030"])
def test_html_file_in_any_encoding(tmp_path, encoding):
    path = write_html(tmp_path / "r.htm", ["本年度收到申请12件。"], [TABLE], encoding=encoding)
    doc = read_document(path)
    assert doc.text.startswith("本年度收到申请12件。\n申请方式 | 数量")


def test_html_text_outside_cells_is_not_lost():
    doc = read_document("<table>说明文字<tr><td>甲</td><td>乙</td></tr><tr><td>1</td><td>2</td></tr></table>",
                        format="html")
    assert doc.text.splitlines()[0] == "说明文字"
    assert [b.kind for b in doc.blocks] == ["narrative", "table"]


def test_html_pre_keeps_its_line_breaks():
    doc = read_document("<pre>项目 | 数量\n申请 | 12</pre>", format="html")
    assert [doc.block_text(b) for b in doc.blocks] == ["项目 | 数量", "申请 | 12"]


def test_html_hidden_elements_are_not_text():
    markup = ('<p>正文<span style="display: none">隐藏词</span>12件<span hidden>x</span>'
              "<span style='VISIBILITY:hidden'>y</span></p>")
    assert read_document(markup, format="html").text == "正文12件"
