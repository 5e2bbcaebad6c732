"""Broken containers: truncated and bit-flipped DOCX and PDF files, small zip and
PDF bombs, deeply nested HTML. Only GikpError subclasses may escape read_document,
and no read may hang (an alarm fails the test; hypothesis deadlines catch slow ones)."""
from __future__ import annotations

import functools
import signal
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gikp_nlp.errors import GikpError
from gikp_nlp.io import read_document
from tests.io.builders import (
    check_offsets,
    docx_bomb,
    pdf_many_pages,
    write_docx,
    write_html,
    write_pdf,
)

# A hang is a read that takes longer than this (a healthy one takes well under a second).
HANG_SECONDS = 20
FUZZ = settings(max_examples=40, deadline=timedelta(seconds=10), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
TABLE = [["项目", "数量"], ["申请", "12"], ["办结", "10"]]


class ReadHung(AssertionError):
    """read_document ran past HANG_SECONDS."""


def _alarm(signum, frame):  # noqa: ANN001
    raise ReadHung(f"read_document ran past {HANG_SECONDS} s")


def _read(data: bytes, **kwargs) -> None:
    """Read ``data``: a Document that satisfies the offset invariants, or a GikpError."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        document = read_document(data, **kwargs)
    except GikpError:
        return
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    check_offsets(document)


@functools.cache
def _samples() -> dict[str, bytes]:
    """Valid files of every container format, built once."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        blocks = ["一、总体情况", "本年度共收到政府信息公开申请12件。", TABLE, "二、其他"]
        return {
            "docx": write_docx(root / "r.docx", blocks=blocks).read_bytes(),
            "pdf": write_pdf(root / "r.pdf", blocks=blocks).read_bytes(),
            "html": write_html(root / "r.html", blocks=blocks, encoding="gb18030").read_bytes(),
            "docx_bomb": docx_bomb(2),
            "pdf_pages": pdf_many_pages(3),
        }


@st.composite
def _broken(draw, kinds: tuple[str, ...]) -> bytes:  # noqa: ANN001
    """A sample cut short and/or with a few bytes overwritten."""
    data = bytearray(_samples()[draw(st.sampled_from(kinds))])
    if draw(st.booleans()):
        del data[draw(st.integers(1, len(data) - 1)):]
    for _ in range(draw(st.integers(0, 6))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@FUZZ
@given(data=_broken(("docx", "docx_bomb")), fmt=st.sampled_from([None, "docx"]))
def test_fuzz_containers_broken_docx(data, fmt):
    _read(data, format=fmt)


@FUZZ
@given(data=_broken(("pdf", "pdf_pages")), fmt=st.sampled_from([None, "pdf"]))
def test_fuzz_containers_broken_pdf(data, fmt):
    _read(data, format=fmt)


@FUZZ
@given(data=_broken(("pdf",)), limit=st.integers(1, 4096))
def test_fuzz_containers_stream_limit_never_breaks_a_read(data, limit, small_config):
    """Any stream limit, however small, fails only with a GikpError."""
    _read(data, config=small_config(max_pdf_stream_bytes=limit))


@FUZZ
@given(data=_broken(("html",)))
def test_fuzz_containers_broken_html(data):
    _read(data)


TAGS = ["div", "p", "span", "table", "tr", "td", "th", "tbody", "li", "b", "font", "center", "caption"]
_nested = st.recursive(
    st.sampled_from(["申请12件", "办结", "", " ", "&nbsp;", "<br>", "<!-- x -->"]),
    lambda inner: st.tuples(st.sampled_from(TAGS), st.lists(inner, max_size=4), st.booleans()).map(
        lambda t: f"<{t[0]} rowspan=2>" + "".join(t[1]) + (f"</{t[0]}>" if t[2] else "")),
    max_leaves=60,
)


@FUZZ
@given(body=_nested, depth=st.integers(0, 3000), tag=st.sampled_from(TAGS))
def test_fuzz_containers_nested_html(body, depth, tag):
    """Random nesting, inside up to 3 000 unclosed copies of one tag."""
    markup = f"<html><body>{f'<{tag}>' * depth}{body}</body></html>"
    _read(markup.encode("utf-8"))
    _read(markup.encode("utf-8"), format="html")
