"""Tables through PDF page text (issue 15): a 2021 table 三 and 四 set in narrow,
unruled columns, so that pdfplumber gives the page text with vertical headers
broken into characters and labels wrapped over many lines, comes back cell for
cell; the real 2024 city report in ../shared/real-inputs keeps all 200 of its
table records."""
from __future__ import annotations

import json
import random

import pytest

from gikp_nlp.io import read_document as io_read
from tests.conftest import SHARED
from tests.io.builders import PDF_FONT_SIZE, _pdf_styles, _pdf_text, resolve_grid
from tests.tables import synth
from tests.tables.helpers import assert_spans, cell_records

VALUE_COLUMN = 36.0  # points: wide enough for 1004 (table 三)
T4_VALUE_COLUMN = 24.0  # points: one character wide, so 结果维持 breaks into characters (table 四's values are small)
LABEL_COLUMNS = 220.0  # points shared by the label columns of table 三
N_APPLICANT_COLUMNS = 7
T4_COLUMNS = 15
PAGE = (595.0, 2400.0)  # A4 wide, tall enough for table 三 on one page (a row-spanning cell cannot split)


def write_unruled_pdf(path, blocks) -> None:  # noqa: ANN001
    """Paragraphs and tables without rules (pdfplumber then reads page text, not
    cells); value columns ``VALUE_COLUMN`` wide, so headers wrap char by char."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    style = _pdf_styles()
    cell = ParagraphStyle("cell", parent=style, spaceAfter=0, leading=PDF_FONT_SIZE * 1.2)
    flow = []
    for block in blocks:
        if isinstance(block, str):
            flow.append(Paragraph(_pdf_text(block), style))
            continue
        placed, n_rows, n_cols = resolve_grid(block)
        cells = {(r, c): Paragraph(_pdf_text(span.text), cell) for r, c, span in placed}
        data = [[cells.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]
        n_labels = 0 if n_cols == T4_COLUMNS else n_cols - N_APPLICANT_COLUMNS  # table 四: values only
        value = T4_VALUE_COLUMN if n_cols == T4_COLUMNS else VALUE_COLUMN
        widths = [LABEL_COLUMNS / n_labels if c < n_labels else value for c in range(n_cols)]
        spans = [("SPAN", (c, r), (c + s.colspan - 1, r + s.rowspan - 1))
                 for r, c, s in placed if s.rowspan > 1 or s.colspan > 1]
        flow += [Table(data, colWidths=widths, style=TableStyle(spans)), Spacer(1, PDF_FONT_SIZE * 2)]
    SimpleDocTemplate(str(path), pagesize=PAGE, leftMargin=20, rightMargin=20).build(flow)


def test_tables_pdf_narrow_unruled_tables_3_and_4_cell_for_cell(tmp_path, read_document):
    syn = synth.build(random.Random(1), "t2021")
    _, t3, t4 = syn.tables
    path = tmp_path / "t34.pdf"
    write_unruled_pdf(path, ["报告正文。", synth.TITLES[1], t3, synth.TITLES[2], t4, "五、存在的主要问题。"])
    document = io_read(str(path))
    assert not any(b.kind == "table" for b in document.blocks)  # page text, not cells
    assert "结 结" in document.text  # a vertical header broken into characters
    result = read_document(document)
    assert_spans(document.text, result)
    expected = {k: v for k, v in syn.expected.items() if not k[0].startswith("proactive.")}
    assert cell_records(result) == expected
    assert not result.notes


def test_tables_pdf_real_city_report_keeps_all_table_records():
    pdf = SHARED / "real-inputs" / "huaian-2024-city-report.pdf"
    gold_path = pdf.with_name("huaian-2024-city-report.gold.json")
    if not pdf.is_file() or not gold_path.is_file():
        pytest.skip("../shared/real-inputs is not beside the repo")
    import gikp_nlp

    report = gikp_nlp.load(overrides={"narrative.engine": "rules"}).extract(str(pdf))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    want = {(r["indicator"], r["applicant"], float(r["value"])) for r in gold["records"] if r["where"] == "table"}
    got = {(m.indicator, m.applicant, float(m.value)) for m in report.mentions if m.source == "table" and not m.blank}
    assert len(want) == 200
    assert want <= got and not got - want
