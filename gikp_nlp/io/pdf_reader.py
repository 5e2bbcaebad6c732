"""PDF → Document with pdfplumber: narrative lines and ruled tables per page.

Why pdfplumber: it gives characters with positions *and* a ruling-line table
finder (pdfminer.six underneath, pure Python, MIT), so one library yields both
the table cells and the text around them in reading order; PyMuPDF is faster
but AGPL, camelot/tabula need Ghostscript or Java.

Per page: ruled tables become table blocks (cells with spans resolved from
their boxes); the characters outside every table box become text lines, merged
into paragraphs when a line runs to the right margin (or the next line's
first word would not have fitted on it), spans at least half the page, the
next line is not indented, follows at normal line spacing and does not open
with a section number (一、 （二） 3. 一是) after a closed sentence. Paragraphs
and tables are emitted in reading order (by their top edge). Pages are joined
by "\n", except that a paragraph cut by a page break (its last line full and
not closing a sentence, the next page starting flush left without a section
number) is joined like a wrapped line. Borderless tables arrive as text lines (the table rules read them).

Bounded before parsing: pages are counted lazily up to ``io.max_pdf_pages``, and
every Flate stream a page reaches must inflate to at most ``io.max_pdf_stream_bytes``
(checked in chunks; pdfminer itself inflates a stream in one call).
"""
from __future__ import annotations

import io
import itertools
import logging
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from gikp_nlp.config import IOConfig
from gikp_nlp.document import Document
from gikp_nlp.errors import InputTooLargeError, MalformedInputError, NoTextLayerError
from gikp_nlp.io.layout import DocumentBuilder, PlacedCell, is_data_table, squash_spaces

logger = logging.getLogger(__name__)

OCR_HINT = "scanned PDF with no text layer: run OCR first (e.g. `ocrmypdf --language chi_sim in.pdf out.pdf`)"
# Positions closer than this (PDF points) are the same grid line / margin.
SNAP_TOLERANCE = 2.0
# A wrapped line ends within this many character widths of the right margin.
WRAP_MARGIN_CHARS = 2.0
# A line indented more than this many character widths starts a paragraph.
INDENT_CHARS = 1.0
# A wrapped line spans at least this share of the page width (a page of short
# list lines has its own, misleading, right margin).
WRAP_MIN_PAGE_SHARE = 0.5
# A line that opens with a section or list number after a line that closed a
# sentence starts a new paragraph even when nothing else shows it (no indent, no gap).
CLAUSE_END = tuple("。！？；：!?;:")
_NUMBERED_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．)）](?!\d)"
    r"|第[一二三四五六七八九十\d]+[章节部分条]|[一二三四五六七八九十]+是|[①-⑳])")
_CID = re.compile(r"\(cid:\d+\)")
# Bytes inflated per step when bounding a stream's size.
STREAM_CHUNK_BYTES = 1 << 16
# Keys that lead away from a page's own content (up the page tree, to other pages).
PDF_WALK_SKIP_KEYS = frozenset({"Parent", "P", "Annots", "B", "Dest", "Next", "Prev", "First", "Last"})
# A page's first or last line that is only a decorated page number ("- 3 -", "第3页 共10页",
# "3/10"; never a bare number: text-flattened tables put one cell value on a line)
# is furniture, not report text: dropped and counted in Document.meta["page_number_lines"].
PAGE_NUMBER = re.compile(
    r"^\s*(?:[\-—–－]+\s*\d+\s*[\-—–－]+|第\s*\d+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)\s*$", re.IGNORECASE)
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_CJK_EDGE = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def _center_inside(obj: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _snap(values: Sequence[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > SNAP_TOLERANCE:
            out.append(value)
    return out


def _index(lines: list[float], value: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - value))


def _table_rows(table) -> list[list[PlacedCell]]:  # noqa: ANN001 - pdfplumber Table
    """Cells with grid positions from their boxes (a merged cell spans the grid
    lines its box crosses); the text is pdfplumber's own per-cell extraction
    (characters whose centre lies in the box), lines joined."""
    boxes = list(table.cells)
    xs = _snap([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _snap([b[1] for b in boxes] + [b[3] for b in boxes])
    texts: dict[tuple[float, ...], str] = {}
    for row, extracted in zip(table.rows, table.extract()):
        for box, text in zip(row.cells, extracted):
            if box is not None:
                texts[tuple(box)] = text or ""
    by_row: dict[int, list[PlacedCell]] = {}
    for box in boxes:
        row, col = _index(ys, box[1]), _index(xs, box[0])
        rowspan = max(1, _index(ys, box[3]) - row)
        colspan = max(1, _index(xs, box[2]) - col)
        text = squash_spaces(_join_lines(texts.get(tuple(box), "").splitlines()))
        by_row.setdefault(row, []).append(PlacedCell(row, col, text, rowspan, colspan))
    return [sorted(by_row[r], key=lambda c: c.col) for r in sorted(by_row)]


def _join_lines(lines: Sequence[str]) -> str:
    """Join wrapped lines: a space only between two latin words (writers break
    those at spaces); CJK text and numbers wrapped in a narrow cell join directly."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and _LATIN_LETTER.match(out[-1]) and _LATIN_LETTER.match(line[0]):
            out += " "
        out += line
    return out


def _first_token_width(line: dict) -> float:
    """Width of the line's first word (a latin run, or one CJK character): had it
    fitted at the end of the previous line, the writer would have put it there."""
    width = 0.0
    for char in line.get("chars", ()):
        text = char.get("text", "")
        if not text or text.isspace():
            break
        width += char["x1"] - char["x0"]
        if _CJK_EDGE.match(text):
            break
    return width


@dataclass(frozen=True, slots=True)
class _Para:
    """A paragraph of one page; ``open_start``/``open_end`` say whether it could
    continue the previous page's last paragraph / go on to the next page."""

    top: float
    text: str
    open_start: bool
    open_end: bool


def _paragraphs(lines: list[dict], page_width: float) -> list[_Para]:
    """Paragraphs from pdfplumber text lines of one page."""
    lines = [ln for ln in lines if ln["text"].strip()]
    if not lines:
        return []
    right = max(ln["x1"] for ln in lines)
    left = min(ln["x0"] for ln in lines)

    def char_width(line: dict) -> float:
        return max((line["x1"] - line["x0"]) / max(len(line["text"].strip()), 1), SNAP_TOLERANCE)

    def wide(line: dict) -> bool:
        return line["x1"] - left >= WRAP_MIN_PAGE_SHARE * page_width

    def full(line: dict) -> bool:
        return wide(line) and line["x1"] >= right - WRAP_MARGIN_CHARS * char_width(line)

    def flush_left(line: dict) -> bool:
        return line["x0"] <= left + INDENT_CHARS * char_width(line)

    groups: list[list[dict]] = []
    prev = None
    for line in lines:
        text = line["text"].strip()
        width = char_width(line)
        continues = (
            prev is not None
            and (full(prev) or (wide(prev) and prev["x1"] + _first_token_width(line) >= right - width))
            and flush_left(line)
            and not (prev["text"].rstrip().endswith(CLAUSE_END) and _NUMBERED_START.match(text))
            and line["top"] - prev["bottom"] < (line["bottom"] - line["top"])
        )
        if continues:
            groups[-1].append(line)
        else:
            groups.append([line])
        prev = line
    return [_Para(top=group[0]["top"],
                  text=squash_spaces(_join_lines([ln["text"] for ln in group])),
                  open_start=flush_left(group[0]) and not _NUMBERED_START.match(group[0]["text"].strip()),
                  open_end=full(group[-1]) and not group[-1]["text"].rstrip().endswith(CLAUSE_END))
            for group in groups]


def _drop_page_numbers(lines: list[dict]) -> tuple[list[dict], int]:
    dropped = 0
    for index in (-1, 0):
        if lines and PAGE_NUMBER.match(lines[index]["text"].strip()):
            lines = lines[:-1] if index == -1 else lines[1:]
            dropped += 1
    return lines, dropped


def _page_items(page) -> tuple[list[object], int]:  # noqa: ANN001
    """A page's paragraphs (:class:`_Para`) and tables (rows of cells) in reading
    order, and the number of page-number lines dropped."""
    tables = [t for t in page.find_tables() if t.cells]
    bboxes = [t.bbox for t in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char"
                          or not any(_center_inside(obj, b) for b in bboxes)) if bboxes else page
    lines, dropped = _drop_page_numbers(outside.extract_text_lines(return_chars=True))
    items: list[tuple[float, int, object]] = [(p.top, 0, p) for p in _paragraphs(lines, float(page.width))]
    for table in tables:
        rows = _table_rows(table)
        if is_data_table(rows):
            items.append((table.bbox[1], 1, rows))
        else:  # a framed box of text: keep it as narrative
            items.extend((table.bbox[1], 1, _Para(table.bbox[1], c.text, False, False)) for row in rows for c in row)
    return [item for _, _, item in sorted(items, key=lambda it: (it[0], it[1]))], dropped


def _append_page(items: list[object], page_items: list[object]) -> None:
    """Add a page's items; a paragraph cut by the page break is joined like a wrapped line."""
    if (items and page_items and isinstance(items[-1], _Para) and isinstance(page_items[0], _Para)
            and items[-1].open_end and page_items[0].open_start):
        last, first = items.pop(), page_items[0]
        page_items = [_Para(last.top, _join_lines([last.text, first.text]), last.open_start, first.open_end),
                      *page_items[1:]]
    items.extend(page_items)


def _caused_by(exc: BaseException, kind: type) -> bool:
    """pdfplumber wraps pdfminer errors; look through args, cause and context."""
    seen: list[BaseException] = []
    todo: list[object] = [exc]
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or any(item is s for s in seen):
            continue
        if isinstance(item, kind):
            return True
        seen.append(item)
        todo.extend([*item.args, item.__cause__, item.__context__])
    return False


def _inflated_size_exceeds(data: bytes, limit: int) -> bool:
    """Whether a Flate stream inflates past ``limit`` bytes, found in bounded chunks."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        while not inflater.eof:
            out = inflater.decompress(data, STREAM_CHUNK_BYTES)
            data = inflater.unconsumed_tail
            total += len(out)
            if total > limit:
                return True
            if not out and not data:
                break
    except zlib.error:
        return False  # corrupt: pdfminer recovers what it can, no more than we counted
    return False


def _check_streams(root: object, config: IOConfig, seen: set[tuple[str, int]], what: str, number: int) -> None:
    """Every Flate stream reachable from a page (contents, form XObjects, fonts, CMaps)
    must inflate to at most io.max_pdf_stream_bytes: pdfminer inflates each in one zlib
    call, so a 1 MB stream holding 1 GB would cost a gigabyte before we could stop it.
    ``seen``: references and streams checked already (resources are shared between pages)."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFObjRef, PDFStream

    todo: list[object] = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, PDFObjRef):
            if ("ref", item.objid) in seen:
                continue
            seen.add(("ref", item.objid))
            item = item.resolve()
        if isinstance(item, dict):
            todo.extend(value for key, value in item.items() if key not in PDF_WALK_SKIP_KEYS)
        elif isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, PDFStream):
            if ("stream", id(item)) in seen:
                continue
            seen.add(("stream", id(item)))
            if getattr(item.attrs.get("Subtype"), "name", None) == "Image":
                continue  # pdfminer never inflates images (pdfplumber hands them over undecoded)
            todo.extend(value for key, value in item.attrs.items() if key not in PDF_WALK_SKIP_KEYS)
            filters = item.get_filters()
            if item.rawdata is None or not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
                continue
            raw = item.rawdata
            if item.decipher:
                raw = item.decipher(item.objid, item.genno, raw, item.attrs)
            if _inflated_size_exceeds(raw, config.max_pdf_stream_bytes):
                raise InputTooLargeError(
                    f"{what}: page {number} has a compressed stream that inflates past "
                    f"io.max_pdf_stream_bytes={config.max_pdf_stream_bytes:,} bytes (a decompression bomb, "
                    "not a report page)",
                    hint="re-save it with a PDF printer, or raise io.max_pdf_stream_bytes in your config")


def _count_pages(pdf, limit: int) -> int:  # noqa: ANN001 - pdfplumber PDF
    """The page tree's declared /Count when it is past ``limit``, else the pages counted
    lazily up to ``limit + 1`` (pdfplumber's ``pages`` builds every page; /Count can lie low)."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    tree = resolve1(pdf.doc.catalog.get("Pages"))
    declared = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
    if isinstance(declared, int) and declared > limit:
        return declared
    return sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limit + 1))


def read_pdf(data: bytes, config: IOConfig, *, source: str | None) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    what = source or "PDF input"
    items: list[object] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        if _count_pages(pdf, config.max_pdf_pages) > config.max_pdf_pages:
            # raised outside ``with``: pdfplumber's close() would build every page first
            raise InputTooLargeError(
                f"{what} has more than io.max_pdf_pages={config.max_pdf_pages} pages",
                hint="split the PDF, or raise io.max_pdf_pages in your config")
        with pdf:
            pages = pdf.pages
            without_text: list[int] = []
            page_number_lines = 0
            checked: set[tuple[str, int]] = set()
            for number, page in enumerate(pages, start=1):
                _check_streams(page.page_obj.attrs, config, checked, what, number)
                chars = "".join(c["text"] for c in page.chars)
                if len(_CID.findall(chars)) * 2 > len(page.chars):
                    without_text.append(number)  # glyphs without a Unicode mapping: as good as an image
                    continue
                if len(page.chars) < config.min_text_chars_per_page:
                    without_text.append(number)  # a scan, or a page with only a stray mark
                if not chars.strip():
                    continue
                page_items, dropped = _page_items(page)
                _append_page(items, page_items)
                page_number_lines += dropped
                page.flush_cache()
            n_pages = len(pages)
    except (InputTooLargeError, NoTextLayerError):
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        if _caused_by(exc, PDFPasswordIncorrect):
            raise MalformedInputError(f"{what} is encrypted with a password",
                                      hint="remove the password (e.g. `qpdf --decrypt in.pdf out.pdf`)") from None
        raise MalformedInputError(f"{what} is not a readable PDF ({type(exc).__name__}: {exc})",
                                  hint="download it again or re-save it with a PDF printer") from None
    if n_pages == 0:
        raise MalformedInputError(f"{what} has no pages", hint="download it again or re-save it with a PDF printer")
    if len(without_text) == n_pages:
        raise NoTextLayerError(f"{what}: no page has extractable text ({n_pages} page(s))", hint=OCR_HINT)
    builder = DocumentBuilder()
    for item in items:
        if isinstance(item, _Para):
            builder.paragraph(item.text)
        else:
            builder.table(item)
    if without_text:
        logger.warning("%s: pages %s have (almost) no text layer, probably scanned: run OCR to read them",
                       what, without_text)
    return builder.build(format="pdf", source=source, encoding=None,
                         meta={"pages": n_pages, "pages_without_text": without_text,
                               "page_number_lines": page_number_lines})
