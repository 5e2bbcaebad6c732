"""The 2019/2021 forms' layout variants (issue 15, class 5): table 三 with
法人或其他组织 as a column of its own, a missing 自然人 header, a transposed
table 四, the 2019 and 2021 column headers of table 二. Every cell comes back
where labels and the form's arithmetic pin it, and no other."""
from __future__ import annotations

import copy
import random

import pytest

from gikp_nlp.schema.taxonomy import APPLICANTS
from gikp_nlp.tables import t2019
from tests.tables import synth
from tests.tables.helpers import assert_spans, cell_records

T3_TITLE = "三、收到和处理政府信息公开申请情况"
T4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"
NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"
FORWARD = "四、结转下年度继续办理"


def _t3_own_column() -> tuple[list[list], dict]:
    """A table 三 of three applicant columns: 自然人 | 法人或其他组织 | 总计."""
    rows = {NEW: ("request.new", 7, 3), CARRIED: ("request.carried_over", 1, 0), FORWARD: ("request.carried_forward", 2, 1)}
    table = [[synth.Span("申请人情况", colspan=3), "自然人", "法人或其他组织", "总计"]]
    expected = {}
    for label, (indicator, person, entity) in rows.items():
        table.append([synth.Span(label, colspan=3), str(person), str(entity), str(person + entity)])
        expected.update({(indicator, "natural_person"): person, (indicator, "legal_entity"): entity,
                         (indicator, "total"): person + entity})
    return table, expected


def test_tables_t2019_legal_entity_is_a_taxonomy_applicant():
    assert t2019._LEGAL_ENTITY in APPLICANTS


@pytest.mark.parametrize("layout", ["bar_joined", "markdown", "cell_lines", "structured"])
def test_tables_t2019_legal_entity_printed_as_its_own_column(layout, read_document):
    table, expected = _t3_own_column()
    if layout == "structured":
        document = synth.structured([table], titles=(T3_TITLE,))
    else:
        document = synth.text_document(synth.FLATTENERS[layout]([table], titles=(T3_TITLE,)))
    result = read_document(document)
    assert_spans(document.text, result)
    assert cell_records(result) == expected
    assert {m.confidence for m in result.mentions} == {1.0}


@pytest.mark.parametrize("layout", ["run_together"])
def test_tables_t2019_legal_entity_column_not_read_where_empty_cells_do_not_show(layout, read_document):
    """Without visible empty cells a 3-cell row of the 7-column form reads the
    same: no cell of the variant is placed there, and nothing wrong is."""
    table, expected = _t3_own_column()
    result = read_document(synth.text_document(synth.FLATTENERS[layout]([table], titles=(T3_TITLE,))))
    got = cell_records(result)
    assert all(expected.get(key) == value for key, value in got.items())
    assert not any(applicant == "legal_entity" for _, applicant in got)


def test_tables_t2019_legal_entity_beside_the_organisations_after_them(read_text):
    """法人或其他组织 printed after the five organisation columns as their
    subtotal: read as printed, each row's subtotal adding up."""
    text = (f"{T3_TITLE}\n申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 法人或其他组织 | 总计 |\n"
            f"{NEW} | 5 | 1 | 0 | 2 | 0 | 1 | 4 | 9 |\n{CARRIED} | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")
    got = cell_records(read_text(text))
    assert got[("request.new", "legal_entity")] == 4
    assert got[("request.new", "social_welfare")] == 2
    assert got[("request.new", "total")] == 9
    assert ("request.carried_over", "total") not in got  # all zero: nothing confirms the variant


def test_tables_t2019_legal_entity_span_read_as_a_column_in_front(read_text):
    """A flattened header prints the span 法人或其他组织 after its five columns;
    rows of eight cells put its subtotal in front of them (the arithmetic
    chooses: only that order adds up)."""
    text = (f"{T3_TITLE}\n申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 法人或其他组织 | 总计 |\n"
            f"{NEW} | 5 | 4 | 1 | 0 | 2 | 0 | 1 | 9 |")
    got = cell_records(read_text(text))
    assert got[("request.new", "legal_entity")] == 4
    assert got[("request.new", "commercial")] == 1
    assert got[("request.new", "other_org")] == 1


def test_tables_t2019_variant_row_that_does_not_add_up_is_left_out(read_text):
    text = (f"{T3_TITLE}\n申请人情况 | 自然人 | 法人或其他组织 | 总计 |\n{NEW} | 3 | 2 | 6 |\n{CARRIED} | 1 | 1 | 2 |")
    result = read_text(text)
    got = cell_records(result)
    assert ("request.new", "total") not in got and ("request.new", "natural_person") not in got
    assert got == {("request.carried_over", "natural_person"): 1, ("request.carried_over", "legal_entity"): 1,
                   ("request.carried_over", "total"): 2}
    assert any("本年新收" in n for n in result.notes)


def test_tables_t2019_missing_natural_person_header_keeps_the_form_order(read_text):
    """The 自然人 header lost (an empty header cell): seven cells a row are the
    form's seven columns, read in its order at lower confidence."""
    text = (f"{T3_TITLE}\n申请人情况 | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
            f"{NEW} | 6 | 1 | 0 | 2 | 0 | 1 | 10 |")
    result = read_text(text)
    got = cell_records(result)
    assert got[("request.new", "natural_person")] == 6
    assert got[("request.new", "total")] == 10
    assert len(got) == 7
    assert {m.confidence for m in result.mentions} == {0.8}


def test_tables_t2019_missing_natural_person_header_short_row_not_guessed(read_text):
    """Six cells under a header without 自然人: the column may be absent or a
    cell lost; nothing tells, so no cell is placed."""
    text = (f"{T3_TITLE}\n申请人情况 | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
            f"{NEW} | 1 | 0 | 2 | 0 | 1 | 4 |\n{CARRIED} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")
    got = cell_records(read_text(text))
    assert not any(indicator == "request.new" for indicator, _ in got)


def _t4_transposed(syn: synth.Synthetic) -> list[list]:
    groups = [prefix for _, prefix in synth.TABLE4_GROUPS]
    table = [["", *[name for name, _ in synth.TABLE4_GROUPS]]]
    for leaf, suffix in synth.TABLE4_LEAVES:
        table.append([leaf, *[str(syn.expected[(f"{g}.{suffix}", "total")]) for g in groups]])
    return table


@pytest.mark.parametrize("layout", [*synth.FLATTENERS, "structured"])
@pytest.mark.parametrize("seed", range(2))
def test_tables_t2019_transposed_table4_every_cell_back(layout, seed, read_document):
    """Table 四 with the groups as columns and one row per result."""
    syn = synth.build(random.Random(seed), "t2021")
    table = _t4_transposed(syn)
    if layout == "structured":
        document = synth.structured([table], titles=(T4_TITLE,))
    else:
        document = synth.text_document(synth.FLATTENERS[layout]([table], titles=(T4_TITLE,)))
    result = read_document(document)
    assert_spans(document.text, result)
    expected = {k: v for k, v in syn.expected.items() if k[0].startswith(("review.", "litigation."))}
    assert cell_records(result) == expected
    assert {m.confidence for m in result.mentions} == {1.0}


def test_tables_t2019_usual_table4_with_a_short_value_row_is_not_transposed(read_text):
    """Every result label before one value row of three cells: a cut row of the
    usual layout, not a transposed table; nothing is placed by transposition."""
    text = (f"{T4_TITLE}\n行政复议 | 未经复议直接起诉 | 复议后起诉 |\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
            "1 | 0 | 1 |\n五、存在的主要问题。")
    got = cell_records(read_text(text))
    assert ("litigation.direct.upheld", "total") not in got and ("litigation.after_review.upheld", "total") not in got


@pytest.mark.parametrize("era", ["t2019", "t2021"])
def test_tables_t2019_table2_headers_of_each_era(era, read_text):
    """Item 一 of table 二: the 2019 form's columns (制作/公开/对外公开总数量)
    and the 2021 form's (制发/废止/现行有效) name different indicators."""
    item, columns, rows = synth.TABLE2[era][0]
    header = " | ".join(name for name, _ in columns)
    text = (f"二、主动公开政府信息情况\n第二十条第（{item}）项 | ||||\n信息内容 | {header} | |\n"
            + "".join(f"{label} | {i + 1} | {i + 2} | {i + 3} | |\n" for i, (label, _) in enumerate(rows)))
    result = read_text(text)
    expected = {(f"{prefix}.{suffix}", "total"): i + 1 + j
                for i, (_, prefix) in enumerate(rows) for j, (_, suffix) in enumerate(columns)}
    assert cell_records(result) == expected
    assert result.formats == (era,)


# -- the general aligner over table 三 (align.unique_alignment) -------------------------------------
T3_SPACE_HEAD = f"{T3_TITLE}\n申请人情况 自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n"
T3_SPACE_TAIL = "（七）总计 {total}\n四、结转下年度继续办理 0 0 0 0 0 0 0\n五、存在的主要问题。"


def test_tables_t2019_aligner_places_a_short_row_the_columns_pin(read_text):
    """Run together with spaces, a row's empty cells print nothing (5 2 7): the
    complete rows' column arithmetic (new + carried over = 总计 + carried
    forward) admits one placement only."""
    text = (T3_SPACE_HEAD + f"{NEW} 5 2 7\n{CARRIED} 0 0 0 0 0 0 0\n"
            + T3_SPACE_TAIL.format(total="5 0 0 0 0 2 7"))
    result = read_text(text)
    assert_spans(text, result)
    got = {k: v for k, v in cell_records(result).items() if k[0] == "request.new"}
    assert got == {("request.new", "natural_person"): 5, ("request.new", "other_org"): 2, ("request.new", "total"): 7}
    assert any("admits no other placement" in n for n in result.notes)


def test_tables_t2019_aligner_leaves_rows_that_more_than_one_placement_fits(read_text):
    """Two short rows that only pin each other (5 2 7 twice): fifteen placements
    hold, so no cell of either is placed."""
    text = (T3_SPACE_HEAD + f"{NEW} 5 2 7\n{CARRIED} 0 0 0 0 0 0 0\n" + T3_SPACE_TAIL.format(total="5 2 7"))
    got = cell_records(read_text(text))
    assert not any(indicator in ("request.new", "request.result.total") for indicator, _ in got)


def test_tables_t2019_aligner_rejects_a_row_that_adds_up_nowhere(read_text):
    text = (T3_SPACE_HEAD + f"{NEW} 5 2 8\n{CARRIED} 0 0 0 0 0 0 0\n"
            + T3_SPACE_TAIL.format(total="5 0 0 0 0 2 7"))
    got = cell_records(read_text(text))
    assert not any(indicator == "request.new" for indicator, _ in got)


@pytest.mark.parametrize("seed", range(6))
def test_tables_t2019_aligner_never_a_wrong_cell_on_rerendered_tables(seed, read_document):
    """Synthetic tables 三 with every zero cell left empty, run together (empty
    cells vanish; few rows are whole to pin the others): every cell read is the
    table's, and a row read comes back whole."""
    syn = synth.build(random.Random(seed), "t2021")
    document = synth.text_document(synth.run_together([_emptied(syn.tables[1], None)], titles=(T3_TITLE,)))
    result = read_document(document)
    assert_spans(document.text, result)
    got = cell_records(result)
    assert all(syn.expected[key] == value for key, value in got.items())
    placed_rows = {k[0] for k in got}
    for indicator in placed_rows:
        row = {a: v for (i, a), v in syn.expected.items() if i == indicator and v}
        assert {a: v for (i, a), v in got.items() if i == indicator and v} == row


def _emptied(table: list[list], rows: tuple[int, ...] | None) -> list[list]:
    """Table 三 with the zero cells of ``rows`` (all value rows: None) left empty
    except the 总计 column (the first three rows are headers)."""
    out = copy.deepcopy(table)
    for i, row in enumerate(out):
        if i < 3 or (rows is not None and i not in rows):
            continue
        for j in range(len(row) - 7, len(row) - 1):
            if row[j] == "0":
                row[j] = ""
    return out


@pytest.mark.parametrize("era", ["t2019", "t2021"])
@pytest.mark.parametrize("seed", [0, 1, 3, 4])  # seed 2 of 2019 leaves two placements: test_..._never_a_wrong_cell
def test_tables_t2019_aligner_recovers_rerendered_rows_with_empty_cells(era, seed, read_document):
    """Three rows of a synthetic table 三 with their zero cells left empty, run
    together: the rows come back whole (on these seeds the arithmetic pins
    them), never a wrong cell."""
    syn = synth.build(random.Random(seed), era)
    document = synth.text_document(synth.run_together([_emptied(syn.tables[1], (3, 8, 12))], titles=(T3_TITLE,)))
    result = read_document(document)
    assert_spans(document.text, result)
    expected = {k: v for k, v in syn.expected.items() if k[0].startswith("request") and v}
    assert {k: v for k, v in cell_records(result).items() if v} == expected
