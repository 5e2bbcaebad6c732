"""One report saved as UTF-8 .txt, GBK .txt, GBK .html, .docx and .pdf reads
back as the same narrative paragraphs (and gives the same records)."""
from __future__ import annotations

import pytest

from gikp_nlp.io import read_document
from tests.io.builders import check_offsets, gbk_safe, seed_paragraphs, write_docx, write_html, write_pdf, write_txt

SEEDS = ("seed-001", "seed-003", "seed-004")
PARAGRAPHS_PER_SEED = 12
# Longer paragraphs would not fit on one PDF page (the builder keeps a paragraph on one page).
MAX_PARAGRAPH_CHARS = 600


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _write_all(directory, paragraphs):
    text = "\n".join(paragraphs)
    return {
        "utf8.txt": write_txt(directory / "r-utf8.txt", text, "utf-8"),
        "gbk.txt": write_txt(directory / "r-gbk.txt", text, "gbk"),
        "gbk.html": write_html(directory / "r-gbk.html", paragraphs, encoding="gbk"),
        "docx": write_docx(directory / "r.docx", paragraphs),
        "pdf": write_pdf(directory / "r.pdf", paragraphs),
    }


@pytest.fixture(scope="module", params=SEEDS)
def saved(request, tmp_path_factory, seed_texts):
    paragraphs = [_normalised(gbk_safe(p)) for p in
                  seed_paragraphs(seed_texts[request.param], PARAGRAPHS_PER_SEED, MAX_PARAGRAPH_CHARS)]
    return paragraphs, _write_all(tmp_path_factory.mktemp(request.param), paragraphs)


def test_same_narrative_paragraphs_in_every_format(saved):
    paragraphs, paths = saved
    for name, path in paths.items():
        doc = read_document(path)
        check_offsets(doc)
        got = [_normalised(doc.block_text(b)) for b in doc.blocks if b.kind == "narrative"]
        if name == "pdf":  # PDF text has no spaces between wrapped CJK lines; compare without whitespace
            got, want = ["".join(g.split()) for g in got], ["".join(p.split()) for p in paragraphs]
        else:
            want = paragraphs
        assert got == want, name


def test_same_narrative_records_in_every_format(saved):
    import gikp_nlp

    paragraphs, paths = saved
    reference = _records(gikp_nlp.extract("\n".join(paragraphs)))
    for name, path in paths.items():
        report = gikp_nlp.extract(path)
        for record in report.records:
            for mention in record.mentions:
                assert report.text[mention.start:mention.end] == mention.text
        assert _records(report) == reference, name


def _records(report):
    return sorted((r.indicator, r.applicant, r.value) for r in report.records)
