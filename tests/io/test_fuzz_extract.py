"""The whole public API on random input: gikp_nlp.extract only ever raises GikpError."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gikp_nlp
from gikp_nlp.errors import GikpError

# the default run fuzzes briefly (each example runs the whole pipeline with the
# model); `-m slow` (.ci/run) runs the long fuzz
FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG_FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text that looks like report sentences, so the rules downstream get exercised.
REPORTISH = st.lists(st.sampled_from(["本年度", "共收到", "政府信息公开申请", "12", "１２", "十二", "余", "件", "。", "，",
                                      "其中", "当面申请", "行政复议", "0", "万元", "（一）", "2019年", "\n", " ", "|"]),
                     max_size=60).map("".join)
TEXTS = st.one_of(st.text(max_size=300), REPORTISH)
BYTES = st.one_of(st.binary(max_size=300), REPORTISH.map(lambda t: t.encode("gb18030")))


def _extract(source) -> None:
    try:
        report = gikp_nlp.extract(source)
    except GikpError:
        return
    for record in report.records:
        for mention in record.mentions:
            assert report.text[mention.start:mention.end] == mention.text


@FUZZ
@given(text=TEXTS)
def test_fuzz_extract_random_text(text):
    _extract(text)


@FUZZ
@given(data=BYTES)
def test_fuzz_extract_random_bytes(data):
    _extract(data)


@pytest.mark.slow
@LONG_FUZZ
@given(text=TEXTS)
def test_fuzz_extract_random_text_long(text):
    _extract(text)


@pytest.mark.slow
@LONG_FUZZ
@given(data=BYTES)
def test_fuzz_extract_random_bytes_long(data):
    _extract(data)
