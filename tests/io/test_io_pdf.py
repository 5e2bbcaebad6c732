"""PDF: text in reading order, ruled tables as table blocks, scanned/corrupt errors."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gikp_nlp.errors import InputTooLargeError, MalformedInputError, NoTextLayerError
from gikp_nlp.io import read_document
from tests.io.builders import Span, check_offsets, seed_paragraphs, write_pdf, write_scanned_pdf

_NUMBERED = re.compile(r"^[(（一二三四五六七八九十\d]")
TABLE = [
    ["申请方式", Span("数量", colspan=2)],
    [Span("当面", rowspan=2), "上半年", "179"],
    ["下半年", "26"],
    ["合计", "", "233"],
]


@pytest.fixture(scope="module")
def pdf_with_table(tmp_path_factory, seed_texts):
    paragraphs = seed_paragraphs(seed_texts["seed-003"], 6, max_chars=200)
    path = write_pdf(tmp_path_factory.mktemp("pdf") / "r.pdf", blocks=[*paragraphs[:3], TABLE, *paragraphs[3:]])
    return path, paragraphs


def test_pdf_reads_text_and_table_in_order(pdf_with_table):
    path, paragraphs = pdf_with_table
    doc = read_document(path)
    check_offsets(doc)
    assert doc.format == "pdf"
    assert [b.kind for b in doc.blocks] == ["narrative"] * 3 + ["table"] + ["narrative"] * 3
    narrative = [doc.block_text(b) for b in doc.blocks if b.kind == "narrative"]
    assert ["".join(t.split()) for t in narrative] == ["".join(p.split()) for p in paragraphs]


def test_pdf_table_cells_have_grid_positions(pdf_with_table):
    doc = read_document(pdf_with_table[0])
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    grid = [[c.text if c else None for c in row] for row in table.grid()]
    assert grid == [["申请方式", "数量", "数量"], ["当面", "上半年", "179"], ["当面", "下半年", "26"],
                    ["合计", "", "233"]]


def test_pdf_scanned_raises_no_text_layer_naming_ocr(tmp_path):
    with pytest.raises(NoTextLayerError, match="OCR"):
        read_document(write_scanned_pdf(tmp_path / "scan.pdf", pages=2))


def test_pdf_corrupt_raises_malformed(tmp_path, pdf_with_table):
    data = pdf_with_table[0].read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[:200] + b"\x00garbage" * 50)
    with pytest.raises(MalformedInputError):
        read_document(broken)


def test_pdf_named_pdf_without_header_raises_malformed(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_bytes("这不是PDF,只是文字。".encode("gbk"))
    with pytest.raises(MalformedInputError, match="PDF"):
        read_document(path)


def test_pdf_encrypted_raises_malformed(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    pdf.drawString(72, 720, "locked report 12")
    pdf.save()
    with pytest.raises(MalformedInputError, match="password"):
        read_document(path)


def test_pdf_more_pages_than_config_raises_too_large(tmp_path, small_config):
    path = write_scanned_pdf(tmp_path / "many.pdf", pages=3)
    with pytest.raises(InputTooLargeError, match="max_pdf_pages"):
        read_document(path, config=small_config(max_pdf_pages=2))


def test_pdf_page_number_lines_are_dropped_and_counted(tmp_path, seed_texts):
    paragraphs = seed_paragraphs(seed_texts["seed-004"], 30, max_chars=600)
    doc = read_document(write_pdf(tmp_path / "n.pdf", paragraphs, page_numbers=True))
    assert doc.meta["pages"] >= 2
    assert doc.meta["page_number_lines"] == doc.meta["pages"]
    got = ["".join(doc.block_text(b).split()) for b in doc.blocks]
    assert got == ["".join(p.split()) for p in paragraphs]


def test_pdf_page_of_short_lines_keeps_each_line(tmp_path):
    lines = ["查阅地点:行政审批办公室", "咨询电话:88779532", "传真号码:88779313", "邮政编码:130022"]
    doc = read_document(write_pdf(tmp_path / "short.pdf", lines, paragraph_spacing=0))
    assert [doc.block_text(b) for b in doc.blocks] == lines


def test_pdf_unspaced_paragraphs_reflow_wrapped_lines(tmp_path, seed_texts):
    paragraphs = [p for p in seed_paragraphs(seed_texts["seed-004"], 8, max_chars=600)]
    doc = read_document(write_pdf(tmp_path / "tight.pdf", paragraphs, paragraph_spacing=0))
    got = ["".join(doc.block_text(b).split()) for b in doc.blocks]
    assert "".join(got) == "".join("".join(p.split()) for p in paragraphs)
    assert len(got) <= len(paragraphs) + 1


def test_pdf_paragraph_cut_by_a_page_break_is_joined(tmp_path, seed_texts):
    # the seeds' long paragraphs that open without a section number, run together: over a page
    long = "".join(p for seed in sorted(seed_texts) for p in seed_paragraphs(seed_texts[seed], 100)
                   if 200 < len(p) < 1000 and not _NUMBERED.match(p)) * 3
    doc = read_document(write_pdf(tmp_path / "long.pdf", ["前言。", long, "后记。"]))
    assert doc.meta["pages"] >= 2
    assert ["".join(doc.block_text(b).split()) for b in doc.blocks] == ["前言。", "".join(long.split()), "后记。"]


def test_pdf_page_with_few_characters_is_still_read(tmp_path):
    from reportlab.pdfgen import canvas

    from tests.io.builders import PDF_FONT, _pdf_styles

    _pdf_styles()  # registers the CID font
    path = tmp_path / "few.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont(PDF_FONT, 12)
    pdf.drawString(72, 720, "附件")
    pdf.showPage()
    pdf.setFont(PDF_FONT, 12)
    pdf.drawString(72, 720, "本年度共收到政府信息公开申请12件。")
    pdf.save()
    doc = read_document(path)
    assert doc.text == "附件\n本年度共收到政府信息公开申请12件。"
    assert doc.meta["pages_without_text"] == [1]


def test_pdf_every_page_nearly_empty_is_no_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    from tests.io.builders import PDF_FONT, _pdf_styles

    _pdf_styles()
    path = tmp_path / "stamp.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.setFont(PDF_FONT, 12)
    pdf.drawString(72, 720, "附件")
    pdf.save()
    with pytest.raises(NoTextLayerError, match="OCR"):
        read_document(path)


_ALPHABET = st.sampled_from([*"政府信息公开申请件条万元其中当面网络一二三四五六七八九十", *"0123456789", *"，。、（）：；", *"abcXYZ", " "])
_PARAGRAPH = st.lists(_ALPHABET, min_size=1, max_size=400).map("".join).filter(str.strip)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(paragraphs=st.lists(_PARAGRAPH, min_size=1, max_size=6).filter(
    lambda ps: len("".join("".join(ps).split())) >= 10))
def test_pdf_random_paragraphs_lose_no_characters(paragraphs):
    with tempfile.TemporaryDirectory() as tmp:
        doc = read_document(write_pdf(Path(tmp) / "r.pdf", paragraphs))
    check_offsets(doc)
    assert "".join(doc.text.split()) == "".join("".join(paragraphs).split())
