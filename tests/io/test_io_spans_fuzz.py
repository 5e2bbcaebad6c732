"""Random tables with random merged rectangles: every reader puts each cell
at the grid position and with the spans it was written with."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gikp_nlp.io import read_document
from tests.io.builders import Span, check_offsets, html_markup, write_docx, write_pdf

SPANS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def merged_tables(draw):
    """(table in HTML notation, expected grid of texts)."""
    n_rows, n_cols = draw(st.integers(2, 5)), draw(st.integers(2, 5))
    owner = [[None] * n_cols for _ in range(n_rows)]
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if owner[r][c] is not None:
                continue
            max_down = next((d for d in range(1, n_rows - r) if owner[r + d][c] is not None), n_rows - r)
            max_right = next((d for d in range(1, n_cols - c) if owner[r][c + d] is not None), n_cols - c)
            rowspan = draw(st.integers(1, min(max_down, 3)))
            colspan = draw(st.integers(1, min(max_right, 3)))
            if any(owner[r + dr][c + dc] is not None for dr in range(rowspan) for dc in range(colspan)):
                rowspan = colspan = 1
            text = f"格{r}{c}"
            for dr in range(rowspan):
                for dc in range(colspan):
                    owner[r + dr][c + dc] = text
            cells.append((r, Span(text, rowspan, colspan)))
    table = [[span for row, span in cells if row == r] for r in range(n_rows)]
    return table, owner


def _grid(document):
    (table,) = [b for b in document.blocks if b.kind == "table"]
    return [[cell.text if cell else None for cell in row] for row in table.grid()]


@SPANS
@given(case=merged_tables())
def test_spans_html_and_docx_resolve_every_merge(case):
    table, expected = case
    html = read_document(html_markup(["表前文字。"], [table]).encode("utf-8"))
    check_offsets(html)
    assert _grid(html) == expected
    with tempfile.TemporaryDirectory() as tmp:
        docx = read_document(write_docx(Path(tmp) / "t.docx", ["表前文字。"], [table]))
    check_offsets(docx)
    assert _grid(docx) == expected


def _every_grid_line_drawn(owner) -> bool:
    """A PDF shows a grid line only where two cells meet; a column or row boundary
    hidden inside merges on every row is not in the file at all."""
    n_rows, n_cols = len(owner), len(owner[0])
    cols = all(any(owner[r][c - 1] != owner[r][c] for r in range(n_rows)) for c in range(1, n_cols))
    rows = all(any(owner[r - 1][c] != owner[r][c] for c in range(n_cols)) for r in range(1, n_rows))
    return cols and rows


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(case=merged_tables())
def test_spans_pdf_resolve_every_merge(case):
    table, expected = case
    assume(_every_grid_line_drawn(expected))
    with tempfile.TemporaryDirectory() as tmp:
        pdf = read_document(write_pdf(Path(tmp) / "t.pdf", ["表前文字。"], [table]))
    check_offsets(pdf)
    assert _grid(pdf) == expected
