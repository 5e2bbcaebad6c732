"""Plain text: encodings, exact text, paragraph blocks, str vs path."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.io.builders import check_offsets, gbk_safe, seed_paragraphs, write_txt

from gikp_nlp.errors import InputError
from gikp_nlp.io import read_document

SHARED_GOLD = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "gold"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_decodes_every_encoding(tmp_path, seed_texts, encoding):
    text = "\n".join(seed_paragraphs(seed_texts["seed-003"], 40))
    doc = read_document(write_txt(tmp_path / "r.txt", text, encoding))
    assert doc.text == text
    assert doc.format == "text"
    check_offsets(doc)


def test_text_gbk_bytes_report_gb18030(seed_texts):
    text = gbk_safe(seed_texts["seed-001"][:2000])
    doc = read_document(text.encode("gbk"))
    assert doc.text == text
    assert doc.encoding == "gb18030"


def test_text_keeps_crlf_and_blocks_index_it(tmp_path, seed_texts):
    text = "\n".join(seed_paragraphs(seed_texts["seed-004"], 10))
    doc = read_document(write_txt(tmp_path / "r.txt", text, "gbk", newline="\r\n"))
    assert "\r\n" in doc.text
    assert [doc.block_text(b) for b in doc.blocks] == text.split("\n")


def test_text_str_is_used_exactly(seed_texts):
    text = "\u3000\u3000" + seed_texts["seed-002"] + "\r\n  \n"
    doc = read_document(text)
    assert doc.text is text or doc.text == text
    assert doc.source is None
    for block in doc.blocks:
        line = doc.block_text(block)
        assert line == line.strip() and line
    check_offsets(doc)


def test_text_blocks_are_the_non_blank_lines():
    doc = read_document("第一段 12件。\n\n   \n\u3000\u3000第二段3件。  \n")
    assert [doc.block_text(b) for b in doc.blocks] == ["第一段 12件。", "第二段3件。"]


def test_text_path_as_str_and_pathlike(tmp_path, seed_texts):
    path = write_txt(tmp_path / "report.txt", seed_texts["seed-000"], "gbk")
    by_str, by_path = read_document(str(path)), read_document(path)
    assert by_str.text == by_path.text == seed_texts["seed-000"]
    assert by_str.source == str(path)


def test_text_missing_path_like_str_raises_not_found(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_document(str(tmp_path / "missing.txt"))


def test_text_multiline_str_ending_like_a_path_is_text():
    doc = read_document("申请12件\n见附件.pdf")
    assert doc.text.endswith(".pdf")


def test_text_big5_traditional_reports_decode():
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(SHARED_GOLD.glob("*.json"))]
    pairs = [(t, _big5(t)) for t in texts if _is_traditional(t) and _big5(t) is not None]
    if not pairs:
        pytest.skip("no Big5-encodable traditional-script gold document beside the repo")
    for text, encoded in pairs:
        doc = read_document(encoded)
        assert doc.text == text
        assert doc.encoding == "big5hkscs"


def _big5(text: str) -> bytes | None:
    try:
        return text.encode("big5hkscs")
    except UnicodeEncodeError:
        return None


def _is_traditional(text: str) -> bool:
    return sum(text.count(ch) for ch in "與會發開這個對應資訊") > 5


def test_text_accepts_whole_config(seed_texts):
    from gikp_nlp.config import load_config

    assert read_document(seed_texts["seed-002"], config=load_config()).text == seed_texts["seed-002"]
