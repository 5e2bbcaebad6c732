"""PDF bombs fail fast: page counts are read before pages are built, and a
compressed stream that inflates past io.max_pdf_stream_bytes is refused."""
from __future__ import annotations

import time
import tracemalloc

import pytest

from gikp_nlp.errors import InputTooLargeError
from gikp_nlp.io import read_document
from tests.conftest import SHARED
from tests.io.builders import MIB, pdf_many_pages, pdf_stream_bomb

BOMB_MIB = 200
# Inflating up to the 16 MiB limit in chunks, under tracemalloc: about 0.2 s here.
SECONDS = 2.0
# Generous for a loaded CI machine; building 20 000 pages took 35 s before.
PAGES_SECONDS = 5.0
PEAK_BYTES = 50 * MIB


def test_pdf_bounds_stream_bomb_rejected_fast_in_bounded_memory():
    data = pdf_stream_bomb(BOMB_MIB)
    assert len(data) < 300_000
    read_document(pdf_many_pages(1))  # imports pdfplumber outside the timing
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="max_pdf_stream_bytes"):
        read_document(data)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < SECONDS
    assert peak < PEAK_BYTES


def test_pdf_bounds_stream_limit_is_a_config_knob(small_config):
    with pytest.raises(InputTooLargeError, match="page 1"):
        read_document(pdf_stream_bomb(2), config=small_config(max_pdf_stream_bytes=MIB))


@pytest.mark.parametrize("declared", [None, 1])  # the page tree's /Count: true, or a lie
def test_pdf_bounds_page_count_checked_before_pages_are_built(io_config, declared):
    data = pdf_many_pages(20_000 if declared is None else io_config.max_pdf_pages + 100, declared=declared)
    start = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="max_pdf_pages"):
        read_document(data)
    assert time.perf_counter() - start < PAGES_SECONDS


def test_pdf_bounds_small_page_count_reads(small_config):
    document = read_document(pdf_many_pages(3), config=small_config(max_pdf_pages=3))
    assert document.meta["pages"] == 3
    assert document.text.count("Annual report 2024") == 3


def test_pdf_bounds_real_report_still_reads():
    path = SHARED / "real-inputs" / "huaian-2024-city-report.pdf"
    if not path.is_file():
        pytest.skip("../shared/real-inputs is not beside the repo")
    document = read_document(path)
    assert document.meta["pages"] == 6
    assert any(block.kind == "table" for block in document.blocks)
