"""The aligner places a short row's cells only where certain (end of text, a
sign, the one-cell-a-line layout, or the one placement the arithmetic admits)."""
from __future__ import annotations

from gikp_nlp.tables.align import RowContext, certain_cells
from gikp_nlp.tables.grid import space_tokens


def _row(text: str, label: str, sep: int | None, next_label: str | None = None):
    start = text.index(label) + len(label)
    end = text.index(next_label, start) if next_label else len(text)
    cells = space_tokens(text, start, end)
    return cells, RowContext(text, sep, start, end if next_label else None)


def _placed(cells, n, ctx, **pins):  # noqa: ANN001
    return [(i, t.value) for i, t in certain_cells(cells, n, ctx, **pins)]


def test_tables_align_end_of_text_left_aligned():
    cells, ctx = _row("结转\n\n0\n\n3\n\n", "结转", 2)
    assert _placed(cells, 7, ctx) == [(0, 0), (1, 3)]


def test_tables_align_end_of_text_with_a_gap_is_not_placed():
    cells, ctx = _row("结转\n\n0\n\n\n\n3\n", "结转", 2)
    assert _placed(cells, 7, ctx) == []


def test_tables_align_closed_pipe_row_that_may_hold_its_total_is_not_placed():
    text = "结转 | 1 | 2 | 3 |"
    cells = [t for t in space_tokens(text, 2, len(text)) if t.kind == "num"]
    assert _placed(cells, 7, RowContext(text, None, 2, None)) == []
    text = "结转 | 1 | 2 | 4"
    cells = [t for t in space_tokens(text, 2, len(text)) if t.kind == "num"]
    assert _placed(cells, 7, RowContext(text, None, 2, None)) == [(0, 1), (1, 2), (2, 4)]


def test_tables_align_sign_pins_the_change_column():
    cells, ctx = _row("行政许可\n\n19\n\n+4\n\n其他", "行政许可", 2, "其他")
    assert _placed(cells, 3, ctx, change=1) == [(0, 19), (1, 4)]
    cells, ctx = _row("行政许可\n\n减3\n\n5\n\n其他", "行政许可", 2, "其他")
    assert _placed(cells, 3, ctx, change=1) == [(1, -3), (2, 5)]
    cells, ctx = _row("行政许可\n\n19\n\n4\n\n其他", "行政许可", 2, "其他")
    assert _placed(cells, 3, ctx, change=1) == []


def test_tables_align_layout_pins_first_and_a_total_that_adds_up():
    cells, ctx = _row("申请数量\n\n7\n\n2\n\n\n\n1\n\n\n10\n\n二、", "申请数量", 2, "二、")
    assert _placed(cells, 7, ctx, total_last=True) == [(0, 7), (6, 10)]
    cells, ctx = _row("申请数量\n\n7\n\n2\n\n\n\n1\n\n\n11\n\n二、", "申请数量", 2, "二、")
    assert _placed(cells, 7, ctx, total_last=True) == [(0, 7)]
    cells, ctx = _row("申请数量\n\n\n\n7\n\n二、", "申请数量", 2, "二、")
    assert _placed(cells, 7, ctx, total_last=True) == []  # a lone 7 right before the next label: not a sum


# -- unique_alignment ------------------------------------------------------------------------------
def _short(key: str, values: list[int], n: int):  # noqa: ANN202
    from gikp_nlp.tables.align import ShortRow
    from gikp_nlp.tables.grid import Tok

    return ShortRow(key, tuple(Tok("num", i, i + 1, str(v), v) for i, v in enumerate(values)), n)


def _adds_up(_row, values):  # noqa: ANN001, ANN202 - the last column is the total
    return values[-1] == sum(values[:-1])


def test_tables_align_unique_alignment_takes_the_one_placement_that_holds():
    from gikp_nlp.tables.align import unique_alignment

    row = _short("new", [5, 2, 7], 4)
    pinned = lambda values: values["new"][2] == 2 and values["new"][1] == 0  # noqa: E731 - column identities
    placed = unique_alignment([row], pinned, 100, _adds_up)
    assert [(c, t.value) for c, t in placed[0]] == [(0, 5), (2, 2), (3, 7)]


def test_tables_align_unique_alignment_refuses_two_placements_and_none():
    from gikp_nlp.tables.align import placements, unique_alignment

    row = _short("new", [5, 2, 7], 4)
    assert len(placements(row)) == 4
    assert unique_alignment([row], lambda values: True, 100, _adds_up) is None  # 3 placements add up
    assert unique_alignment([_short("new", [5, 2, 8], 4)], lambda values: True, 100, _adds_up) is None
    only = lambda values: values["new"][1] == 2 and values["new"][0] == 5  # noqa: E731
    placed = unique_alignment([row], only, 100, _adds_up)
    assert [(c, t.value) for c, t in placed[0]] == [(0, 5), (1, 2), (3, 7)]
    assert unique_alignment([row, _short("old", [1, 1], 4)], only, 2, _adds_up) is None  # over max_tries
