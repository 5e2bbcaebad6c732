"""DOCX: body order, merged cells, layout tables, corrupt containers."""
from __future__ import annotations

import io
import zipfile

import pytest

from gikp_nlp.errors import MalformedInputError, UnsupportedFormatError
from gikp_nlp.io import read_document
from tests.io.builders import Span, check_offsets, seed_paragraphs, write_docx, write_numbered_docx

TABLE = [
    ["申请方式", Span("数量", colspan=2)],
    [Span("当面", rowspan=2), "上半年", "179"],
    ["下半年", "26"],
    ["合计", "", "233"],
]


def test_docx_paragraphs_and_tables_in_document_order(tmp_path, seed_texts):
    paragraphs = seed_paragraphs(seed_texts["seed-004"], 4)
    path = write_docx(tmp_path / "r.docx", blocks=[paragraphs[0], TABLE, *paragraphs[1:]])
    doc = read_document(path)
    check_offsets(doc)
    assert doc.format == "docx"
    assert [b.kind for b in doc.blocks] == ["narrative", "table", "narrative", "narrative", "narrative"]
    assert [doc.block_text(b) for b in doc.blocks if b.kind == "narrative"] == [
        " ".join(p.split()) for p in paragraphs]


def test_docx_merged_cells_become_spans(tmp_path):
    doc = read_document(write_docx(tmp_path / "t.docx", tables=[TABLE]))
    (table,) = doc.blocks
    grid = [[c.text if c else None for c in row] for row in table.grid()]
    assert grid == [["申请方式", "数量", "数量"], ["当面", "上半年", "179"], ["当面", "下半年", "26"],
                    ["合计", "", "233"]]
    spans = {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in table.cells}
    assert spans["数量"] == (0, 1, 1, 2) and spans["当面"] == (1, 0, 2, 1)
    assert len(table.cells) == 10


def test_docx_one_cell_layout_table_is_narrative(tmp_path):
    doc = read_document(write_docx(tmp_path / "t.docx", blocks=["前言。", [["被表格包住的正文12件。"]]]))
    assert [b.kind for b in doc.blocks] == ["narrative", "narrative"]
    assert doc.text == "前言。\n被表格包住的正文12件。"


def test_docx_corrupt_document_xml_raises_malformed(tmp_path):
    source = write_docx(tmp_path / "ok.docx", ["正文。"]).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    with pytest.raises(MalformedInputError):
        read_document(out.getvalue())


def test_docx_truncated_zip_raises_malformed(tmp_path):
    data = write_docx(tmp_path / "ok.docx", ["正文。"]).read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[:300])
    with pytest.raises(MalformedInputError, match="DOCX"):
        read_document(cut)


def test_docx_zip_that_is_not_docx_raises_unsupported():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("report.txt", "本年度收到申请12件。")
    with pytest.raises(UnsupportedFormatError, match="not a DOCX"):
        read_document(out.getvalue())


def test_docx_legacy_doc_names_conversion(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(UnsupportedFormatError, match="docx"):
        read_document(path)


def test_docx_automatic_numbering_is_rendered(tmp_path):
    items = [(0, "基本情况"), (None, "正文。"), (1, "主动公开"), (2, "网站"), (2, "微博"), (1, "依申请公开"),
             (0, "存在问题"), (1, "问题一")]
    doc = read_document(write_numbered_docx(tmp_path / "n.docx", items))
    assert doc.text.splitlines() == ["一、基本情况", "正文。", "（一）主动公开", "1.网站", "2.微博", "（二）依申请公开",
                                     "二、存在问题", "（一）问题一"]


def test_docx_list_style_numbering_and_bullets(tmp_path):
    import docx

    document = docx.Document()
    for text in ("甲", "乙"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("要点", style="List Bullet")
    document.save(str(tmp_path / "s.docx"))
    assert read_document(tmp_path / "s.docx").text.splitlines() == ["1. 甲", "2. 乙", "要点"]


@pytest.mark.parametrize(("n", "fmt", "label"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
    (20, "chineseCountingThousand", "二十"), (105, "chineseCounting", "一百零五"), (3, "ideographTraditional", "丙"),
    (4, "upperRoman", "IV"), (27, "lowerLetter", "aa"), (3, "decimalEnclosedCircle", "③"), (7, "decimal", "7"),
])
def test_docx_numbering_formats(n, fmt, label):
    from gikp_nlp.io.docx_numbering import format_number

    assert format_number(n, fmt) == label
