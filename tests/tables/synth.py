"""Synthetic 2019/2021-format tables (二, 三, 四) with random consistent numbers,
laid out like the official forms (HTML notation: rows of cells, spans via
``tests.io.builders.Span``), and every way the project sees them flattened.

The printed labels are the official forms' wording; ``check_layout`` proves
each one names the expected indicator through the taxonomy (the spec), so
these tables do not depend on the parser's own grammar data.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gikp_nlp.document import Block, Cell, Document
from tests.io.builders import Span, resolve_grid

APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

#: table 二, per era: (item, column headers → id suffix, rows → id prefix)
TABLE2 = {
    "t2019": (
        ("一", (("本年新制作数量", "made"), ("本年新公开数量", "published"), ("对外公开总数量", "published_total")),
         (("规章", "proactive.regulations"), ("规范性文件", "proactive.normative"))),
        ("五", (("上一年项目数量", "items_prev_year"), ("本年增/减", "items_change"), ("处理决定数量", "decisions")),
         (("行政许可", "proactive.licensing"), ("其他对外管理服务事项", "proactive.other_services"))),
        ("六", (("上一年项目数量", "items_prev_year"), ("本年增/减", "items_change"), ("处理决定数量", "decisions")),
         (("行政处罚", "proactive.penalty"), ("行政强制", "proactive.enforcement"))),
        ("八", (("上一年项目数量", "items_prev_year"), ("本年增/减", "items_change")),
         (("行政事业性收费", "proactive.fees"),)),
        ("九", (("采购项目数量", "projects"), ("采购总金额", "amount")), (("政府集中采购", "proactive.procurement"),)),
    ),
    "t2021": (
        ("一", (("本年制发件数", "made"), ("本年废止件数", "repealed"), ("现行有效件数", "in_force")),
         (("规章", "proactive.regulations"), ("行政规范性文件", "proactive.normative"))),
        ("五", (("本年处理决定数量", "decisions"),), (("行政许可", "proactive.licensing"),)),
        ("六", (("本年处理决定数量", "decisions"),),
         (("行政处罚", "proactive.penalty"), ("行政强制", "proactive.enforcement"))),
        ("八", (("本年收费金额（单位：万元）", "amount"),), (("行政事业性收费", "proactive.fees"),)),
    ),
}

#: table 三 result rows: (group header or None, numbering, printed label, id)
_RESULTS_COMMON = (
    (None, "（一）", "予以公开", "request.result.granted"),
    (None, "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）", "request.result.partial"),
    ("（三）不予公开", "1.", "属于国家秘密", "request.result.denied.state_secret"),
    ("（三）不予公开", "2.", "其他法律行政法规禁止公开", "request.result.denied.prohibited_by_law"),
    ("（三）不予公开", "3.", "危及“三安全一稳定”", "request.result.denied.security_stability"),
    ("（三）不予公开", "4.", "保护第三方合法权益", "request.result.denied.third_party"),
    ("（三）不予公开", "5.", "属于三类内部事务信息", "request.result.denied.internal_affairs"),
    ("（三）不予公开", "6.", "属于四类过程性信息", "request.result.denied.process_info"),
    ("（三）不予公开", "7.", "属于行政执法案卷", "request.result.denied.enforcement_files"),
    ("（三）不予公开", "8.", "属于行政查询事项", "request.result.denied.query_matter"),
    ("（四）无法提供", "1.", "本机关不掌握相关政府信息", "request.result.unable.not_held"),
    ("（四）无法提供", "2.", "没有现成信息需要另行制作", "request.result.unable.needs_creation"),
    ("（四）无法提供", "3.", "补正后申请内容仍不明确", "request.result.unable.unclear"),
    ("（五）不予处理", "1.", "信访举报投诉类申请", "request.result.not_processed.petition"),
    ("（五）不予处理", "2.", "重复申请", "request.result.not_processed.duplicate"),
    ("（五）不予处理", "3.", "要求提供公开出版物", "request.result.not_processed.publication"),
    ("（五）不予处理", "4.", "无正当理由大量反复申请", "request.result.not_processed.excessive"),
    ("（五）不予处理", "5.", "要求行政机关确认或重新出具已获取信息", "request.result.not_processed.confirmation"),
)
_RESULTS_OTHER = {
    "t2019": ((None, "（六）", "其他处理", "request.result.other"),),
    "t2021": (
        ("（六）其他处理", "1.", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
         "request.result.other.no_amendment"),
        ("（六）其他处理", "2.", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
         "request.result.other.unpaid_fee"),
        ("（六）其他处理", "3.", "其他", "request.result.other.other"),
    ),
}
TABLE4_GROUPS = (("行政复议", "review"), ("未经复议直接起诉", "litigation.direct"),
                 ("复议后起诉", "litigation.after_review"))
TABLE4_LEAVES = (("结果维持", "upheld"), ("结果纠正", "corrected"), ("其他结果", "other"), ("尚未审结", "pending"),
                 ("总计", "total"))
TITLES = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")


@dataclass
class Synthetic:
    """Three tables with their titles, and the records they state."""

    era: str
    tables: list[list[list]]  # HTML-notation tables
    expected: dict[tuple[str, str], int | float] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)  # every printed label cell (perturbation targets)


def check_layout(taxonomy) -> None:  # noqa: ANN001
    """Every printed label of these layouts names its id in the spec."""
    for era, items in TABLE2.items():
        for _, cols, rows in items:
            for row, prefix in rows:
                for col, suffix in cols:
                    ind = taxonomy[f"{prefix}.{suffix}"]
                    assert era in ind.forms, (ind.id, era)
                    col_plain = re.sub(r"（.*）", "", col)
                    assert ind.id in taxonomy.lookup(f"{row} {col_plain}"), (row, col, ind.id)
    for era in ("t2019", "t2021"):
        for _, _, label, ind_id in _RESULTS_COMMON + _RESULTS_OTHER[era]:
            plain = re.sub(r"（.*）", "", label)
            assert ind_id in taxonomy.lookup(plain), (label, ind_id)
            assert era in taxonomy[ind_id].forms
    for _, prefix in TABLE4_GROUPS:
        for _, suffix in TABLE4_LEAVES:
            assert f"{prefix}.{suffix}" in taxonomy


def _money(rng: random.Random) -> float:
    return round(rng.uniform(0, 300000), 2)


def build(rng: random.Random, era: str) -> Synthetic:
    syn = Synthetic(era, [])
    # -- table 二
    t2: list[list] = []
    for item, cols, rows in TABLE2[era]:
        width = len(cols) + 1
        t2.append([Span(f"第二十条第（{item}）项", colspan=width)])
        t2.append(["信息内容", *[c for c, _ in cols]])
        syn.labels.update(["信息内容", *[c for c, _ in cols], f"第二十条第（{item}）项"])
        for row, prefix in rows:
            cells: list = [row]
            syn.labels.add(row)
            for _, suffix in cols:
                if suffix == "items_change":
                    value: int | float = rng.randint(-9, 9)
                elif suffix == "amount":
                    value = _money(rng)
                else:
                    value = rng.choice([0, rng.randint(0, 9999)])
                syn.expected[(f"{prefix}.{suffix}", "total")] = value
                cells.append(str(value))
            t2.append(cells)
    # -- table 三: leaf results per applicant, totals derived so that every sum rule holds
    results = _RESULTS_COMMON + _RESULTS_OTHER[era]
    columns: dict[str, dict[str, int]] = {}
    for applicant in APPLICANTS:
        col = {ind_id: rng.choice([0, 0, rng.randint(0, 40)]) for *_, ind_id in results}
        col["request.result.total"] = sum(col.values())
        col["request.carried_forward"] = rng.randint(0, 5)
        col["request.carried_over"] = rng.randint(0, col["request.result.total"] + col["request.carried_forward"])
        col["request.new"] = (col["request.result.total"] + col["request.carried_forward"]
                              - col["request.carried_over"])
        columns[applicant] = col
    columns["total"] = {k: sum(columns[a][k] for a in APPLICANTS) for k in columns[APPLICANTS[0]]}
    order = (*APPLICANTS, "total")

    def values(ind_id: str) -> list[str]:
        for applicant in order:
            syn.expected[(ind_id, applicant)] = columns[applicant][ind_id]
        return [str(columns[a][ind_id]) for a in order]

    t3: list[list] = [
        [Span(NOTE, rowspan=3, colspan=3), Span("申请人情况", colspan=7)],
        [Span("自然人", rowspan=2), Span("法人或其他组织", colspan=5), Span("总计", rowspan=2)],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
        [Span("一、本年新收政府信息公开申请数量", colspan=3), *values("request.new")],
        [Span("二、上年结转政府信息公开申请数量", colspan=3), *values("request.carried_over")],
    ]
    syn.labels.update(["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织",
                       "法律服务机构", "其他", "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"])
    n_result_rows = len(results) + 1
    first = True
    for i, (group, number, label, ind_id) in enumerate(results):
        row: list = []
        if first:
            row.append(Span("三、本年度办理结果", rowspan=n_result_rows))
            syn.labels.add("三、本年度办理结果")
            first = False
        if group is None:
            row.append(Span(f"{number}{label}", colspan=2))
        else:
            if i == 0 or results[i - 1][0] != group:
                row.append(Span(group, rowspan=sum(1 for r in results if r[0] == group)))
                syn.labels.add(group)
            row.append(f"{number}{label}")
        syn.labels.add(f"{number}{label}")
        t3.append(row + values(ind_id))
    t3.append([Span("（七）总计", colspan=2), *values("request.result.total")])
    t3.append([Span("四、结转下年度继续办理", colspan=3), *values("request.carried_forward")])
    syn.labels.update(["（七）总计", "四、结转下年度继续办理"])
    # -- table 四
    t4_values = []
    for _, prefix in TABLE4_GROUPS:
        parts = [rng.choice([0, rng.randint(0, 9)]) for _ in range(4)]
        for (_, suffix), value in zip(TABLE4_LEAVES, [*parts, sum(parts)]):
            syn.expected[(f"{prefix}.{suffix}", "total")] = value
            t4_values.append(str(value))
    leaves = [leaf for leaf, _ in TABLE4_LEAVES]
    t4 = [
        [Span("行政复议", colspan=5), Span("行政诉讼", colspan=10)],
        [*[Span(leaf, rowspan=2) for leaf in leaves], Span("未经复议直接起诉", colspan=5), Span("复议后起诉", colspan=5)],
        leaves * 2,
        t4_values,
    ]
    syn.labels.update(["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", *leaves])
    syn.tables = [t2, t3, t4]
    return syn


# -- flatteners: (tables with titles) → text --------------------------------------
def _text(cell) -> str:  # noqa: ANN001
    return cell.text if isinstance(cell, Span) else cell


def _rows(table) -> list[list[str]]:  # noqa: ANN001
    return [[_text(c) for c in row] for row in table]


def cell_lines(tables, titles=TITLES) -> str:  # noqa: ANN001
    """Seed 003: one cell a line, a lone ``|`` line after each cell."""
    parts = []
    for title, table in zip(titles, tables):
        parts.append(title)
        for row in _rows(table):
            for cell in row:
                parts.append(cell)
                parts.append("|")
    return "\n".join(parts)


def bar_joined(tables, titles=TITLES, rng: random.Random | None = None) -> str:  # noqa: ANN001
    """Seed 004: ``cell |`` lines, each row ending in a run of empty cells ``| ||||``."""
    rng = rng or random.Random(0)
    lines = []
    for title, table in zip(titles, tables):
        lines.append(title)
        for row in _rows(table):
            for j, cell in enumerate(row):
                end = " |" + (" " + "|" * rng.randint(1, 4) if j == len(row) - 1 else "")
                lines.append(cell + end)
    return "\n".join(lines)


def markdown(tables, titles=TITLES) -> str:  # noqa: ANN001
    """Markdown pipe tables: spanned slots left empty, a rule after the first row."""
    out = []
    for title, table in zip(titles, tables):
        placed, n_rows, n_cols = resolve_grid(table)
        grid = [[""] * n_cols for _ in range(n_rows)]
        for r, c, span in placed:
            grid[r][c] = span.text
        out.append(title)
        out.append("")
        for i, row in enumerate(grid):
            out.append("| " + " | ".join(row) + " |")
            if i == 0:
                out.append("|" + "|".join(["---"] * n_cols) + "|")
        out.append("")
    return "\n".join(out)


def run_together(tables, titles=TITLES) -> str:  # noqa: ANN001
    """Seed 000: labels and values run together with spaces, table 二 on one long
    line and tables 三 and 四 on a second one."""
    lines = []
    for title, table in zip(titles, tables):
        cells = [c for row in _rows(table) for c in row if c.strip()]
        lines.append(" ".join([title, *cells]))
    return lines[0] + "\n" + " ".join(lines[1:])


def structured(tables, titles=TITLES, lead: str = "报告正文。", tail: str = "五、存在的主要问题。") -> Document:
    """A Document as a reader gives it: title paragraphs and table blocks with cells."""
    text = ""
    blocks: list[Block] = []

    def para(s: str) -> None:
        nonlocal text
        if text:
            text += "\n"
        blocks.append(Block("narrative", len(text), len(text) + len(s)))
        text += s

    para(lead)
    for title, table in zip(titles, tables):
        para(title)
        placed, _, _ = resolve_grid(table)
        text += "\n"
        start = len(text)
        cells = []
        last_row = None
        for r, c, span in placed:
            if last_row is not None:
                text += "\n" if r != last_row else " | "
            last_row = r
            cells.append(Cell(r, c, len(text), len(text) + len(span.text), span.text, span.rowspan, span.colspan))
            text += span.text
        blocks.append(Block("table", start, len(text), tuple(cells)))
    para(tail)
    return Document(text=text, blocks=tuple(blocks), format="html")


def text_document(text: str, lead: str = "报告正文。", tail: str = "五、存在的主要问题。") -> Document:
    full = f"{lead}\n{text}\n{tail}"
    return Document(text=full, blocks=(Block("narrative", 0, len(full)),), format="text")


FLATTENERS: dict[str, Callable[..., str]] = {
    "cell_lines": cell_lines,
    "bar_joined": bar_joined,
    "markdown": markdown,
    "run_together": run_together,
}
