"""Fixture builders: write a report (paragraphs and tables) as .txt, .html,
.docx or .pdf, so tests generate their inputs instead of shipping blobs.

A *table* is a list of rows; a row is a list of cells; a cell is a ``str`` or
a :class:`Span` (text with rowspan/colspan). Rows use HTML notation: a slot
covered by a span from an earlier row or column is simply left out of the
later row. Reused by the lead's and the tables helper's tests:

    from tests.io.builders import Span, write_txt, write_html, write_docx, write_pdf
    write_html(tmp_path / "r.html", ["第一段。"], [[["项目", "数量"], ["申请", "12"]]], encoding="gbk")
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Union


@dataclass(frozen=True)
class Span:
    text: str
    rowspan: int = 1
    colspan: int = 1


CellLike = Union[str, Span]
Table = Sequence[Sequence[CellLike]]
BlockLike = Union[str, Table]  # a paragraph, or a table

PDF_FONT = "STSong-Light"  # reportlab's built-in CID font: Chinese without a font file
PDF_FONT_SIZE = 10.5
PDF_MARGIN = 56.0  # points (about 2 cm), all four sides
# reportlab's UniGB-UCS2-H encoding has no U+00B7 MIDDLE DOT (it drops it silently) but
# maps U+30FB to the same CID, which reads back as U+00B7: draw that instead.
PDF_CHAR_SUBSTITUTES = {"\u00b7": "\u30fb"}


def _span(cell: CellLike) -> Span:
    return cell if isinstance(cell, Span) else Span(cell)


def _blocks(paragraphs: Sequence[str], tables: Sequence[Table], blocks: Sequence[BlockLike] | None):
    return list(blocks) if blocks is not None else [*paragraphs, *tables]


def resolve_grid(table: Table) -> tuple[list[tuple[int, int, Span]], int, int]:
    """(row, col, span) for every source cell, and the grid size (HTML placement)."""
    occupied: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(table):
        col = 0
        for cell in map(_span, row):
            while (r, col) in occupied:
                col += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((r + dr, col + dc))
            placed.append((r, col, cell))
            col += cell.colspan
    n_rows = max((r + s.rowspan for r, _, s in placed), default=0)
    n_cols = max((c + s.colspan for _, c, s in placed), default=0)
    return placed, n_rows, n_cols


# -- text ----------------------------------------------------------------------
def write_txt(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    """``encoding``: any codec ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16" adds a BOM, "big5")."""
    path = Path(path)
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


# -- html ----------------------------------------------------------------------
def html_table(table: Table) -> str:
    rows = []
    for row in table:
        cells = []
        for cell in map(_span, row):
            attrs = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
            cells.append(f"<td{attrs}>{escape(cell.text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1">\n' + "\n".join(rows) + "\n</table>"


def html_markup(paragraphs: Sequence[str] = (), tables: Sequence[Table] = (), encoding: str = "utf-8", *,
                blocks: Sequence[BlockLike] | None = None, layout_wrapper: bool = False,
                charset_label: str | None = None) -> str:
    """A page with a ``<meta charset>`` (``charset_label`` overrides the label, e.g. "gb2312"),
    script/style/nav noise, and optionally wrapped in one-cell layout tables."""
    body = []
    for block in _blocks(paragraphs, tables, blocks):
        body.append(f"<p>{escape(block)}</p>" if isinstance(block, str) else html_table(block))
    content = "\n".join(body)
    if layout_wrapper:
        content = f'<table width="100%"><tr><td><table><tr><td>\n{content}\n</td></tr></table></td></tr></table>'
    label = charset_label or encoding
    return (f'<!DOCTYPE html>\n<html><head><meta charset="{label}"><title>报告标题不算正文</title>'
            "<style>p { margin: 0 }</style><script>var x = '脚本不算正文';</script></head>\n"
            f"<body><nav>首页 | 导航</nav>\n{content}\n</body></html>\n")


def write_html(path: Path, paragraphs: Sequence[str] = (), tables: Sequence[Table] = (),
               encoding: str = "utf-8", **kwargs) -> Path:
    path = Path(path)
    path.write_bytes(html_markup(paragraphs, tables, encoding, **kwargs).encode(encoding))
    return path


# -- docx ----------------------------------------------------------------------
def write_docx(path: Path, paragraphs: Sequence[str] = (), tables: Sequence[Table] = (), *,
               blocks: Sequence[BlockLike] | None = None) -> Path:
    """Paragraphs and tables in order; spans become real Word merges (gridSpan/vMerge)."""
    import docx

    document = docx.Document()
    for block in _blocks(paragraphs, tables, blocks):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        placed, n_rows, n_cols = resolve_grid(block)
        table = document.add_table(rows=n_rows, cols=n_cols)
        for r, c, span in placed:
            cell = table.cell(r, c)
            if span.rowspan > 1 or span.colspan > 1:
                cell = cell.merge(table.cell(r + span.rowspan - 1, c + span.colspan - 1))
            cell.text = span.text
    path = Path(path)
    document.save(str(path))
    return path


_NUMBERING_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."))


def write_numbered_docx(path: Path, items: Sequence[tuple[int | None, str]], *, num_id: int = 90) -> Path:
    """Paragraphs with Word *automatic* numbering: ``(level, text)``, level 0 → "一、",
    1 → "（一）", 2 → "1.", None → an unnumbered paragraph. The labels are not in
    the paragraph text, only in numbering.xml, as in real Word files."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:suff w:val="nothing"/></w:lvl>' for i, (fmt, text) in enumerate(_NUMBERING_LEVELS))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    for level, text in items:
        paragraph = document.add_paragraph(text)
        if level is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    path = Path(path)
    document.save(str(path))
    return path


# -- pdf -----------------------------------------------------------------------
def _pdf_styles(paragraph_spacing: float = PDF_FONT_SIZE):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    return ParagraphStyle("zh", fontName=PDF_FONT, fontSize=PDF_FONT_SIZE, leading=PDF_FONT_SIZE * 1.6,
                          wordWrap="CJK", spaceAfter=paragraph_spacing)


def _pdf_text(text: str) -> str:
    return escape("".join(PDF_CHAR_SUBSTITUTES.get(ch, ch) for ch in text))


PDF_CELL_PADDING = 6.0  # reportlab's default left+right (and top+bottom) cell padding


def _pdf_col_widths(placed, n_cols: int, available: float) -> list[float]:
    """Natural widths (widest line of the unspanned cells, spanned cells' excess
    spread over their columns); when too wide for the page, every column keeps
    its widest unbreakable token (a number, one CJK character) and the rest is
    shared in proportion, so cells wrap between characters, never inside numbers."""
    import re

    from reportlab.pdfbase.pdfmetrics import stringWidth

    def width(text: str) -> float:
        return stringWidth(text, PDF_FONT, PDF_FONT_SIZE) + PDF_CELL_PADDING * 2

    def natural(text: str) -> float:
        return max(width(line) for line in text.split("\n"))

    def token(text: str) -> float:
        return max((width(t) for t in re.findall(r"[A-Za-z0-9.,%]+|\S", text)), default=width(""))

    nat = [PDF_FONT_SIZE * 3] * n_cols
    least = [PDF_FONT_SIZE * 2] * n_cols
    for _, c, span in placed:
        if span.colspan == 1:
            nat[c] = max(nat[c], natural(span.text))
            least[c] = max(least[c], token(span.text))
    for _, c, span in placed:
        if span.colspan > 1:
            excess = natural(span.text) - sum(nat[c:c + span.colspan])
            for k in range(c, c + span.colspan):
                nat[k] += max(0.0, excess) / span.colspan
    if sum(nat) <= available:
        return nat
    if sum(least) >= available:
        return [w * available / sum(least) for w in least]
    share = (available - sum(least)) / (sum(nat) - sum(least))
    return [lo + (n - lo) * share for lo, n in zip(least, nat)]


def _pdf_row_heights(placed, cells, widths: list[float], n_rows: int) -> list[float]:
    """Each row as tall as its tallest wrapped unspanned cell; a row-spanning cell
    taller than its rows grows its last row (reportlab ignores spanned cells)."""
    heights = [PDF_FONT_SIZE * 2] * n_rows

    def height(r, c, span) -> float:  # noqa: ANN001
        width = sum(widths[c:c + span.colspan]) - PDF_CELL_PADDING * 2
        return cells[(r, c)].wrap(width, 1e6)[1] + PDF_CELL_PADDING * 2

    for r, c, span in placed:
        if span.rowspan == 1:
            heights[r] = max(heights[r], height(r, c, span))
    for r, c, span in placed:
        if span.rowspan > 1:
            last = r + span.rowspan - 1
            heights[last] += max(0.0, height(r, c, span) - sum(heights[r:last + 1]))
    return heights


def write_pdf(path: Path, paragraphs: Sequence[str] = (), tables: Sequence[Table] = (), *,
              blocks: Sequence[BlockLike] | None = None, page_numbers: bool = False,
              paragraph_spacing: float = PDF_FONT_SIZE) -> Path:
    """A text PDF (reportlab, CID font STSong-Light): paragraphs wrap at the right
    margin and are kept on one page each; tables are ruled grids with SPAN merges,
    fitted to the page width, cells wrapping ("\n" in a cell text is a line break),
    kept on one page (pages grow taller than A4 for a table that needs it);
    ``page_numbers`` prints "- N -" at the foot of every page; ``paragraph_spacing=0``
    sets paragraphs line after line, as many real reports do."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate
    from reportlab.platypus import Table as PdfTable
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import TableStyle

    style = _pdf_styles(paragraph_spacing)
    flow = []
    tallest = 0.0
    for block in _blocks(paragraphs, tables, blocks):
        if isinstance(block, str):
            paragraph = Paragraph(_pdf_text(block), style)
            frame = (A4[0] - 2 * PDF_MARGIN, A4[1] - 2 * PDF_MARGIN)
            fits = paragraph.wrap(*frame)[1] < frame[1] - PDF_MARGIN
            # on one page when it fits; a longer one must be splittable (KeepTogether would let it overflow)
            flow.append(KeepTogether([paragraph]) if fits else paragraph)
            continue
        placed, n_rows, n_cols = resolve_grid(block)
        cell_style = ParagraphStyle("cell", parent=style, spaceAfter=0, leading=PDF_FONT_SIZE * 1.2)
        cells = {(r, c): Paragraph(_pdf_text(span.text).replace("\n", "<br/>"), cell_style) for r, c, span in placed}
        data = [[cells.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]
        widths = _pdf_col_widths(placed, n_cols, A4[0] - 2 * PDF_MARGIN)
        commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for r, c, span in placed:
            corner = (c + span.colspan - 1, r + span.rowspan - 1)
            # a BOX per cell, not GRID: reportlab's GRID drops whole rules that cross a SPAN
            commands.append(("BOX", (c, r), corner, 0.5, (0, 0, 0)))
            if span.rowspan > 1 or span.colspan > 1:
                commands.append(("SPAN", (c, r), corner))
        # explicit sizes: reportlab gives a row or column holding only spanned cells zero size
        heights = _pdf_row_heights(placed, cells, widths, n_rows)
        tallest = max(tallest, sum(heights))
        table = PdfTable(data, colWidths=widths, rowHeights=heights, style=TableStyle(commands))
        flow.append(KeepTogether([table]))  # one page when it fits; longer tables split by rows
        flow.append(Paragraph("", style))

    def footer(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback
        if page_numbers:
            canvas.setFont(PDF_FONT, PDF_FONT_SIZE)
            canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    # a table taller than an A4 page (a row-spanning cell cannot be split) gets taller pages
    pagesize = (A4[0], max(A4[1], tallest + 3 * PDF_MARGIN))
    path = Path(path)
    SimpleDocTemplate(str(path), pagesize=pagesize, leftMargin=PDF_MARGIN, rightMargin=PDF_MARGIN, topMargin=PDF_MARGIN,
                      bottomMargin=PDF_MARGIN).build(flow, onFirstPage=footer, onLaterPages=footer)
    return path


def write_scanned_pdf(path: Path, pages: int = 1) -> Path:
    """What a scan looks like to a reader: pages with only drawings (no text objects)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = Path(path)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        pdf.rect(72, 600 - 10 * page, 300, 100, fill=1)
        pdf.line(72, 500, 500, 500)
        pdf.circle(300, 300, 50, fill=0)
        pdf.showPage()
    pdf.save()
    return path


def seed_paragraphs(text: str, limit: int, max_chars: int | None = None) -> list[str]:
    """The first ``limit`` non-blank lines of a seed (optionally only lines up to ``max_chars``)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if max_chars is not None:
        lines = [ln for ln in lines if len(ln) <= max_chars]
    return lines[:limit]


def check_offsets(document) -> None:  # noqa: ANN001 - gikp_nlp.document.Document
    """Assert the reader invariant: every block and cell indexes Document.text."""
    text = document.text
    previous_end = 0
    for block in document.blocks:
        assert 0 <= block.start <= block.end <= len(text), block
        assert block.start >= previous_end, "blocks overlap or are out of order"
        previous_end = block.end
        for cell in block.cells:
            assert block.start <= cell.start <= cell.end <= block.end, cell
            assert text[cell.start:cell.end] == cell.text, cell
        if block.kind == "table":
            block.grid()  # spans fit the grid


def gbk_safe(text: str) -> str:
    """``text`` with the characters GBK cannot encode (e.g. U+00A0) replaced by a space,
    so one string can be written as UTF-8 and as GBK and compared."""
    return "".join(ch if _gbk_ok(ch) else " " for ch in text)


def _gbk_ok(ch: str) -> bool:
    try:
        ch.encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


# -- hostile containers ----------------------------------------------------------
MIB = 1 << 20
BOMB_PARAGRAPH = "<w:p><w:r><w:t>申请</w:t></w:r></w:p>".encode()
_ZIP_DEFLATED = 8


def zip_from_members(members: Sequence[tuple[str, int, int, bytes, int]]) -> bytes:
    """A zip from ``(name, method, crc, stored data, inflated size)`` written by hand:
    zipfile cannot store data that is already deflated, nor a size that lies."""
    import struct

    local, central = bytearray(), bytearray()
    for name, method, crc, data, size in members:
        raw = name.encode("utf-8")
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc, len(data), size,
                             len(raw), 0) + raw + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, method, 0, 0x21, crc, len(data),
                               size, len(raw), 0, 0, 0, 0, 0, offset) + raw
    count = len(members) & 0xFFFF  # what writers without ZIP64 put in the 16-bit field
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(local), 0)
    return bytes(local + central + end)


def _deflate(data: bytes) -> bytes:
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def docx_bomb(inflated_mib: int, *, declared_mib: int | None = None) -> bytes:
    """A real .docx whose word/document.xml inflates to about ``inflated_mib`` MiB of
    identical paragraphs (about 3 KB of deflate per MiB). Built in milliseconds: after
    one chunk of periodic text the compressor emits the same block for every further
    chunk, so that block is repeated instead of compressing gigabytes.
    ``declared_mib``: the size the headers claim (default: the true size)."""
    import io
    import zipfile
    import zlib

    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    with zipfile.ZipFile(template) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    head, tail = parts["word/document.xml"].split(b"<w:body>", 1)
    head += b"<w:body>"
    chunk = BOMB_PARAGRAPH * (MIB // len(BOMB_PARAGRAPH))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = [packer.compress(head) + packer.flush(zlib.Z_SYNC_FLUSH)]
    first = packer.compress(chunk) + packer.flush(zlib.Z_SYNC_FLUSH)
    repeated = packer.compress(chunk) + packer.flush(zlib.Z_SYNC_FLUSH)
    stream += [first] + [repeated] * (inflated_mib - 1)
    stream.append(packer.compress(tail) + packer.flush())
    crc = zlib.crc32(head)
    for _ in range(inflated_mib):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(chunk) * inflated_mib + len(tail)
    declared = size if declared_mib is None else declared_mib * MIB
    members = [(name, _ZIP_DEFLATED, zlib.crc32(data), _deflate(data), len(data))
               for name, data in parts.items() if name != "word/document.xml"]
    members.append(("word/document.xml", _ZIP_DEFLATED, crc, b"".join(stream), declared & 0xFFFFFFFF))
    return zip_from_members(members)


def pdf_from_objects(objects: Sequence[bytes]) -> bytes:
    """A PDF whose object ``i + 1`` is ``objects[i]`` (object 1 the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_PDF_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PDF_TEXT = b"BT /F1 12 Tf 72 712 Td (Annual report 2024: 12 requests) Tj ET\n"


def _pdf_page(parent: int, contents: int, font: int) -> bytes:
    return (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (parent, font, contents))


def pdf_stream_bomb(inflated_mib: int) -> bytes:
    """A one-page PDF whose content stream (one line of text, then ``q Q`` pairs)
    inflates to about ``inflated_mib`` MiB; built by repeating one deflate block."""
    import zlib

    chunk = b"q Q\n" * (MIB // 4)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(_PDF_TEXT + chunk) + packer.flush(zlib.Z_SYNC_FLUSH)
    repeated = packer.compress(chunk) + packer.flush(zlib.Z_SYNC_FLUSH)
    check = zlib.adler32(_PDF_TEXT + chunk)
    for _ in range(inflated_mib - 1):
        check = zlib.adler32(chunk, check)
    body = b"\x78\xda" + first + repeated * (inflated_mib - 1) + packer.flush() + check.to_bytes(4, "big")
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    return pdf_from_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                             _pdf_page(2, 4, 5), stream, _PDF_FONT])


def pdf_many_pages(count: int, *, declared: int | None = None) -> bytes:
    """A PDF of ``count`` pages sharing one small content stream (a page-count bomb);
    ``declared``: the /Count its page tree claims (default: the truth)."""
    content = b"<< /Length %d >>\nstream\n" % len(_PDF_TEXT) + _PDF_TEXT + b"\nendstream"
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
    pages = [_pdf_page(2, 3, 4) for _ in range(count)]
    return pdf_from_objects([b"<< /Type /Catalog /Pages 2 0 R >>",
                             b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % (declared or count),
                             content, _PDF_FONT, *pages])
