"""Random bytes and text: read_document raises only GikpError subclasses, and
whatever it returns satisfies the offset invariants."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gikp_nlp.errors import GikpError
from gikp_nlp.io import read_document
from tests.io.builders import check_offsets

# Prefixes that steer random bytes into every reader, not only the text decoder.
PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"<table><tr><td>", b"\xef\xbb\xbf",
            b"\xff\xfe", b"\xfe\xff", "申请".encode("gbk"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

markup = st.lists(st.sampled_from(["<p>", "</p>", "<table>", "<tr>", "<td rowspan=3>", "<td colspan=2>", "</td>",
                                   "</tr>", "</table>", "<br>", "申请", "12件", " ", "\n", "<b>", "<!--", "-->"]),
                  max_size=40).map("".join)


def _read(source, **kwargs):
    try:
        document = read_document(source, **kwargs)
    except GikpError:
        return None
    check_offsets(document)
    return document


def _names_a_file(text):
    """Hypothesis also draws the string constants of the code under test ("README.md")."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=400))
def test_fuzz_random_bytes_raise_only_gikp_errors(prefix, body):
    _read(prefix + body)


@FUZZ
@given(text=st.text(max_size=300))
def test_fuzz_random_text_raises_only_gikp_errors(text):
    document = _read(text)
    if document is not None and not _names_a_file(text):  # a str naming a file is read as a path (by design)
        assert document.text == text  # any other str is used exactly as given


@FUZZ
@given(text=markup, encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_fuzz_random_markup_raises_only_gikp_errors(text, encoding):
    _read(text.encode(encoding))
    _read(text, format="html")
