"""Readers: report text, a path or bytes → one :class:`~gikp_nlp.document.Document`.

``read_document(source, format=None, config=None)`` is the one entry point.

Formats and the libraries behind them (why each is in its module docstring):

- text (.txt): our decode chain (:mod:`.decode`): BOM → UTF-8 → GB18030 →
  Big5 → charset-normalizer; Document.text is the decoded string exactly.
- html (.html/.htm): beautifulsoup4 + lxml (:mod:`.html_reader`); charset from
  BOM/``<meta>``, gb2312/gbk labels decoded as GB18030.
- pdf: pdfplumber (:mod:`.pdf_reader`): text lines and ruled tables per page;
  no text layer → :class:`~gikp_nlp.errors.NoTextLayerError` naming OCR.
- docx: python-docx (:mod:`.docx_reader`): body in document order, merged
  cells resolved.

A ``str`` source is report text, used exactly as given (offsets index the
caller's string), unless it is one short line naming an existing file; a
``str`` that looks like a file name (.txt/.html/.htm/.pdf/.docx/.doc) but names
nothing raises "file not found". Hostile inputs fail fast in bounded memory,
each limit an ``[io]`` key: DOCX archives are checked and inflated in chunks
(:mod:`.archive`), PDF page counts and stream sizes are checked before parsing,
HTML tags are counted before parsing, and decoded bytes must be mostly common
characters (``io.min_plausible_share``). Every failure is an
:class:`~gikp_nlp.errors.InputError` subclass with a fix in its message.
Tables are rendered one line per row, cells joined by " | "; every block
and cell satisfies ``document.text[x.start:x.end] == x.text``.
"""
from __future__ import annotations

import logging
import os
import warnings

from gikp_nlp.config import IOConfig, load_config
from gikp_nlp.document import Document
from gikp_nlp.errors import GikpError, InputError, MalformedInputError, UnsupportedFormatError
from gikp_nlp.io.decode import check_plausible, check_text, decode_bytes
from gikp_nlp.io.archive import check_entry_count
from gikp_nlp.io.sniff import FORMATS, ZIP_MAGIC, canonical_format, sniff_format
from gikp_nlp.io.source import RawInput, resolve_source
from gikp_nlp.io.text_reader import text_document

logger = logging.getLogger(__name__)

Source = str | bytes | os.PathLike

__all__ = ["FORMATS", "read_document", "sniff_format"]


def read_document(source: Source, *, format: str | None = None, config: IOConfig | None = None) -> Document:
    """Read a report. ``format``: None to detect, or one of "text", "html", "pdf", "docx".

    ``config``: the ``[io]`` section (``load_config().io``); a whole Config is accepted too.
    """
    config = config or load_config().io
    config = getattr(config, "io", config)
    fmt = canonical_format(format)
    raw = resolve_source(source, config)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # parser chatter (bs4, pdfminer) is not the caller's business
            document = _dispatch(raw, fmt, config)
    except GikpError:
        raise
    except RecursionError:
        raise MalformedInputError(f"{raw.path or 'input'} is nested too deeply to parse",
                                  hint="save it as .txt or re-save it with an office program") from None
    except Exception as exc:  # a reader bug must still surface as a GikpError, loudly
        logger.exception("unexpected error reading %s", raw.path or "input")
        raise InputError(f"could not read {raw.path or 'input'}: {type(exc).__name__}: {exc}",
                         hint="please report this file to the gikp-nlp maintainers") from exc
    check_text(document.text, config, raw.path or "input", binary=document.format in ("text", "html"))
    if raw.data is not None and document.format in ("text", "html"):  # we decoded it: is it text?
        check_plausible(document.text, config, raw.path or "input", document.encoding)
    return document


def _dispatch(raw: RawInput, fmt: str | None, config: IOConfig) -> Document:
    if raw.text is not None:
        if fmt in (None, "text"):
            check_text(raw.text, config, "text")
            return text_document(raw.text, source=None, encoding=None)
        if fmt == "html":
            from gikp_nlp.io.html_reader import read_html_text

            check_text(raw.text, config, "HTML text", size=False)
            return read_html_text(raw.text, source=None, encoding=None, config=config)
        raise UnsupportedFormatError(f"format={fmt!r} needs the file's bytes or path, not a str of text",
                                     hint="pass the path (or bytes) of the file")
    data = raw.data
    assert data is not None
    if fmt in (None, "docx") and data.startswith(ZIP_MAGIC):
        check_entry_count(data, config, raw.path or "input")  # before zipfile reads the whole directory
    fmt = fmt or sniff_format(data, raw.suffix)
    what = raw.path or f"{fmt} input"
    if fmt == "text":
        decoded = decode_bytes(data, config, what=what)
        return text_document(decoded.text, source=raw.path, encoding=decoded.encoding)
    if fmt == "html":
        from gikp_nlp.io.html_reader import read_html_bytes

        return read_html_bytes(data, config, source=raw.path)
    if fmt == "pdf":
        from gikp_nlp.io.pdf_reader import read_pdf

        return read_pdf(data, config, source=raw.path)
    from gikp_nlp.io.docx_reader import read_docx

    return read_docx(data, config, source=raw.path)
