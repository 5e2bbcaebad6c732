"""The seed reports' statistics tables as rows of cells (HTML notation with
rowspan/colspan), so tests can re-render them as HTML, markdown, DOCX or PDF.

Rows are read back from the seeds' own flattenings (seed 003: one cell a line;
seed 004: ``cell |`` lines, a row ending in ``| ||``); the spans are those of
the official forms.
"""
from __future__ import annotations

import re

from tests.io.builders import Span

_ROW_END = re.compile(r"\s\|[\s|]*\|\s*$|\|\s*\|+\s*$")
_TOP = re.compile(r"^[一二三四]、")
_SUB = re.compile(r"^\d+\.")


def seed003_table(text: str) -> tuple[str, list[list]]:
    """(title, rows) of the 2008-form table: label | unit | value per row."""
    start = text.index("统计指标")
    cells = [c.strip() for c in text[start:].split("\n|")]
    cells = [c for c in cells if c != "|"]
    if cells and not cells[-1]:
        cells.pop()
    rows = [cells[i:i + 3] for i in range(0, len(cells), 3)]
    assert all(len(r) == 3 for r in rows), rows[-1]
    return "政府信息公开情况统计表", rows


def _seed004_rows(lines: list[str]) -> list[list[str]]:
    rows, row = [], []
    for line in lines:
        cell = line.split("|", 1)[0].strip()
        row.append(cell)
        if _ROW_END.search(line):
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return rows


def seed004_tables(text: str) -> list[tuple[str, list[list]]]:
    """(title, rows) for tables 二, 三 and 四 of the 2019-form seed."""
    titles = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议和行政诉讼情况")
    end = text.index("五、存在的主要问题")
    out = []
    for i, title in enumerate(titles):
        s = text.index(title) + len(title)
        e = text.index(titles[i + 1]) if i + 1 < len(titles) else end
        lines = [ln for ln in text[s:e].splitlines() if ln.strip()]
        out.append((title, _seed004_rows(lines)))
    (t2, r2), (t3, r3), (t4, r4) = out
    return [(t2, _spans_table2(r2)), (t3, _spans_table3(r3)), (t4, _spans_table4(r4))]


def _spans_table2(rows: list[list[str]]) -> list[list]:
    width = max(len(r) for r in rows)
    out: list[list] = []
    for row in rows:
        if row[0].startswith("第二十条"):
            out.append([Span(row[0], colspan=width)])
        else:
            out.append(list(row))
    return out


def _spans_table3(rows: list[list[str]]) -> list[list]:
    header, body = rows[:3], rows[3:]
    out: list[list] = [
        [Span(header[0][0], rowspan=3, colspan=3), Span(header[0][1], colspan=7)],
        [Span(header[1][0], rowspan=2), Span(header[1][1], colspan=5), Span(header[1][2], rowspan=2)],
        list(header[2]),
    ]
    results = [i for i, r in enumerate(body) if not _TOP.match(r[0]) or r[0].startswith("三、")]
    for i, row in enumerate(body):
        labels = [c for c in row if not re.fullmatch(r"-?\d+(\.\d+)?", c)]
        values = row[len(labels):]
        cells: list = []
        if row[0].startswith("三、"):  # 三、本年度办理结果 spans every result row
            cells.append(Span(labels.pop(0), rowspan=len(results)))
        if len(labels) == 2:  # a group (（三）不予公开) and its first item
            size = 1 + next((k for k, r in enumerate(body[i + 1:]) if not _SUB.match(r[0])), len(body) - i - 1)
            cells += [Span(labels[0], rowspan=size), labels[1]]
        elif _TOP.match(labels[0]):
            cells.append(Span(labels[0], colspan=3))
        elif _SUB.match(labels[0]):
            cells.append(labels[0])
        else:
            cells.append(Span(labels[0], colspan=2))
        out.append(cells + values)
    return out


def _spans_table4(rows: list[list[str]]) -> list[list]:
    top, mid, leaves, values = rows
    return [
        [Span(top[0], colspan=5), Span(top[1], colspan=10)],
        [*[Span(c, rowspan=2) for c in mid[:5]], Span(mid[5], colspan=5), Span(mid[6], colspan=5)],
        list(leaves),
        list(values),
    ]
