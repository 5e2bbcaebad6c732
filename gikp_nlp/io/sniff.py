"""Which reader a file needs: magic bytes first, the file name second.

Content beats the name because government sites serve HTML error pages as
``.pdf`` and GBK text as ``.doc``; the extension only decides when the bytes
carry no signature.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from gikp_nlp.errors import MalformedInputError, UnsupportedFormatError

FORMATS = ("text", "html", "pdf", "docx")
FORMAT_ALIASES = {"txt": "text", "htm": "html", "plain": "text"}
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".csv": "text",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
PATH_LIKE_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx", ".doc")
# The PDF header may follow a little junk (the spec allows it within 1 KiB).
PDF_HEADER_WINDOW = 1024
HTML_SNIFF_BYTES = 2048
DOCX_MAIN_PART = "word/document.xml"


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A signature we recognise but cannot read, and what to do about it."""

    magic: bytes
    what: str
    hint: str


UNSUPPORTED = (
    Unsupported(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office (OLE) file such as .doc or .xls",
                "convert it to .docx, e.g. `libreoffice --headless --convert-to docx FILE`"),
    Unsupported(b"{\\rtf", "an RTF document",
                "convert it to .docx, e.g. `libreoffice --headless --convert-to docx FILE`"),
    Unsupported(b"\x89PNG", "a PNG image", "run OCR on it and pass the text, or a PDF made by ocrmypdf"),
    Unsupported(b"\xff\xd8\xff", "a JPEG image", "run OCR on it and pass the text, or a PDF made by ocrmypdf"),
    Unsupported(b"GIF8", "a GIF image", "run OCR on it and pass the text"),
    Unsupported(b"II*\x00", "a TIFF image", "run OCR on it (e.g. ocrmypdf) and pass the result"),
    Unsupported(b"MM\x00*", "a TIFF image", "run OCR on it (e.g. ocrmypdf) and pass the result"),
    Unsupported(b"Rar!", "a RAR archive", "unpack it and pass the report files"),
    Unsupported(b"7z\xbc\xaf\x27\x1c", "a 7z archive", "unpack it and pass the report files"),
    Unsupported(b"\x1f\x8b", "a gzip archive", "unpack it and pass the report files"),
    Unsupported(b"%!PS", "a PostScript file", "convert it to PDF (ps2pdf) first"),
    Unsupported(b"MIME-Version:", "an MHTML web archive (.mht)", "open it in a browser and save it as .html"),
    Unsupported(b"From: <Saved by", "an MHTML web archive (.mht)", "open it in a browser and save it as .html"),
)
ZIP_MAGIC = b"PK\x03\x04"
_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|span"
    rb"|font|center|br|h[1-6]|style|script|link|form)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


def canonical_format(name: str | None) -> str | None:
    """A caller's ``format=`` → one of FORMATS (or None to sniff)."""
    if name is None:
        return None
    key = str(name).strip().lower().lstrip(".")
    key = FORMAT_ALIASES.get(key, key)
    if key not in FORMATS:
        raise UnsupportedFormatError(f"unknown format {name!r}",
                                     hint=f"use one of {', '.join(FORMATS)} or leave format=None to detect it")
    return key


def _html_head(data: bytes) -> bytes:
    head = data[:HTML_SNIFF_BYTES]
    for bom, codec in ((b"\xef\xbb\xbf", None), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            body = head[len(bom):]
            if codec is None:
                return body
            return body.decode(codec, errors="ignore").encode("ascii", errors="ignore")
    return head


def _zip_kind(data: bytes, suffix: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        what = "DOCX" if suffix == ".docx" else "zip archive"
        raise MalformedInputError(f"corrupt {what}: {exc}",
                                  hint="re-save or re-download the file; open and save it in Word/LibreOffice") from None
    if DOCX_MAIN_PART in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        raise UnsupportedFormatError("an Excel workbook (.xlsx), not a report document",
                                     hint="export the sheet as .html or .csv text, or paste it into a .docx")
    if any(n.startswith("ppt/") for n in names):
        raise UnsupportedFormatError("a PowerPoint file (.pptx), not a report document",
                                     hint="export it as PDF")
    raise UnsupportedFormatError(f"a zip archive that is not a DOCX (no {DOCX_MAIN_PART})",
                                 hint="unpack it and pass the report files inside")


def sniff_format(data: bytes, suffix: str = "") -> str:
    """The reader for ``data``; ``suffix`` is the lower-cased file extension or ''."""
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data, suffix)
    for sig in UNSUPPORTED:
        if data.startswith(sig.magic):
            raise UnsupportedFormatError(f"the input is {sig.what}", hint=sig.hint)
    if _HTML_START.match(_html_head(data)):
        return "html"
    by_name = EXTENSIONS.get(suffix)
    if by_name == "pdf":
        raise MalformedInputError("the file is named .pdf but has no %PDF header: it is not a PDF "
                                  "(often a saved error page or a truncated download)",
                                  hint="download the report again, or pass it with the right extension")
    if by_name == "docx":
        raise MalformedInputError("the file is named .docx but is not a zip/DOCX container",
                                  hint="open and re-save it in Word/LibreOffice as .docx")
    if suffix == ".doc":
        return "text"  # some sites save plain/GBK text as .doc; the text checks catch real binaries
    return by_name or "text"
