"""Cells as printed (issue 15, class 6): Chinese numerals and full-width digits
are values; 一 … 十 alone are section numbers."""
from __future__ import annotations

import pytest

from gikp_nlp.tables.grid import chinese_cell, classify
from tests.tables.helpers import assert_spans, cell_records


@pytest.mark.parametrize(("cell", "value"), [("一百零五", 105), ("〇", 0), ("零", 0), ("十二", 12), ("两千三百", 2300),
                                             ("二〇", 20)])
def test_tables_grid_chinese_numeral_cell_is_a_value(cell, value):
    assert chinese_cell(cell) == value
    tok = classify(cell, 0, len(cell))
    assert (tok.kind, tok.value, tok.start, tok.end) == ("num", value, 0, len(cell))


@pytest.mark.parametrize("cell", ["一", "三", "十", "两", "三类", "万", "百", "千", "总计"])
def test_tables_grid_section_number_or_word_is_no_value(cell):
    assert chinese_cell(cell) is None
    assert classify(cell, 0, len(cell)).kind != "num"


def test_tables_grid_chinese_numerals_and_full_width_digits_in_a_table(read_text):
    text = ("三、收到和处理政府信息公开申请情况\n申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
            "一、本年新收政府信息公开申请数量 | 一百零五 | 〇 | 〇 | 〇 | 〇 | 十二 | 一百一十七 |\n"
            "二、上年结转政府信息公开申请数量 | １２ | ０ | ０ | ０ | ０ | ０ | １２ |")
    result = read_text(text)
    assert_spans(text, result)
    got = cell_records(result)
    assert got[("request.new", "natural_person")] == 105
    assert got[("request.new", "commercial")] == 0
    assert got[("request.new", "other_org")] == 12
    assert got[("request.new", "total")] == 117
    assert got[("request.carried_over", "natural_person")] == 12
    assert len(got) == 14


def test_tables_grid_section_number_cells_stay_labels_on_the_2008_form(read_text):
    """| 一 | 主动公开情况 | numbering cells before the labels shift no value."""
    text = ("政府信息公开情况统计表\n| 统计指标 | 单位 | 统计数 |\n| 一 | 主动公开情况 | | |\n"
            "| （一） | 主动公开政府信息数 | 条 | 42 |\n| 二 | 回应解读情况 | | |\n| 三 | 依申请公开情况 | | |\n"
            "| （一） | 收到申请数 | 件 | 十五 |\n")
    got = cell_records(read_text(text))
    assert got == {("proactive.total", "total"): 42, ("request.new", "total"): 15}
