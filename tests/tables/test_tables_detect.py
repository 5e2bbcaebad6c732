"""Where tables are looked for, and what happens to table-like text that no
grammar reads."""
from __future__ import annotations

import dataclasses

from gikp_nlp.document import Block, Cell, Document
from gikp_nlp.tables import extract_tables
from gikp_nlp.tables.detect import find_zones


def test_tables_detect_unknown_table_is_noted_not_claimed(read_text):
    """A table of numbers no form prints (a budget table) is noted and left to the
    narrative path: no region, no mention."""
    text = "一、概述。\n项目 | 2019年 | 2020年 |\n办公经费 | 12 | 15 |\n差旅费 | 3 | 4 |\n会议费 | 1 | 2 |\n二、其他。"
    result = read_text(text)
    assert result.mentions == () and result.regions == ()
    assert len(result.notes) == 1 and "no statistics-table grammar" in result.notes[0]


def test_tables_detect_prose_with_numbers_is_not_a_table(read_text):
    text = "2017年,我局主动公开政府信息171条,收到申请 3 件,办结 3 件,其中当面申请 2 件。" * 3
    result = read_text(text)
    assert result.regions == () and result.notes == ()


def test_tables_detect_zone_stops_at_prose(taxonomy):
    head = "政府信息公开情况统计表"
    table = "\n".join(["(一)收到申请数 | 件 | 3 |", "1.当面申请数 | 件 | 2 |", "2.传真申请数 | 件 | 1 |"])
    prose = "下一步，我局将进一步加强政府信息公开工作，" * 8
    text = f"{prose}\n{head}\n{table}\n{prose}"
    (zone,) = find_zones(Document(text, (Block("narrative", 0, len(text)),)), 4)
    assert text[zone.start:zone.end] == f"{head}\n{table}"
    assert zone.mode == "pipe"


def test_tables_detect_region_is_cut_to_the_table(read_text):
    """Title lines and cells are in the region; the prose around is not."""
    text = ("本年度收到申请3件。\n附表:\n政府信息公开情况统计表\n(2017年度)\n统计指标 | 单位 | 统计数 |\n"
            "(一)收到申请数 | 件 | 3 |\n1.当面申请数 | 件 | 2 |\n2.传真申请数 | 件 | 1 |\n3.网络申请数 | 件 | |\n"
            "报告完。")
    result = read_text(text)
    (start, end), = result.regions
    assert text[start:end].startswith("政府信息公开情况统计表") and text[start:end].endswith("3.网络申请数 | 件 |")
    assert {(m.indicator, m.value, m.blank) for m in result.mentions} == {
        ("request.new", 3, False), ("request.new.in_person", 2, False), ("request.new.fax", 1, False),
        ("request.new.online", 0, True)}
    assert result.formats == ("t2008",)


def test_tables_detect_money_in_yuan_under_t2008(read_text):
    text = "政府信息公开情况统计表\n六、举报投诉数量 | 件 | 0 |\n七、依申请公开信息收取的费用 | 元 | 3800 |\n八、x | | |"
    (fee,) = [m for m in read_text(text).mentions if m.indicator == "fees.collected"]
    assert fee.value == 0.38 and fee.text == "3800" and fee.unit == "元"


def test_tables_detect_structured_block_region_is_the_block(taxonomy, tables_config):
    rows = [["统计指标", "单位", "统计数"], ["(一)收到申请数", "件", "3"], ["1.当面申请数", "件", "3"],
            ["2.传真申请数", "件", ""], ["四、行政复议数量", "件", "0"]]
    text, cells = "", []
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if c:
                text += " | "
            cells.append(Cell(r, c, len(text), len(text) + len(cell), cell))
            text += cell
        text += "\n"
    block = Block("table", 0, len(text) - 1, tuple(cells))
    result = extract_tables(Document(text, (block,), format="html"), taxonomy, tables_config)
    assert result.regions == ((0, len(text) - 1),)
    blank = [m for m in result.mentions if m.blank]
    assert [(m.indicator, m.start, m.end, m.text) for m in blank] == [
        ("request.new.fax", text.index("| \n") + 2, text.index("| \n") + 2, "")]


def test_tables_detect_disabled_returns_nothing(taxonomy, tables_config, seed_texts):
    text = seed_texts["seed-004"]
    off = dataclasses.replace(tables_config, enabled=False)
    assert extract_tables(Document(text, (Block("narrative", 0, len(text)),)), taxonomy, off).mentions == ()
