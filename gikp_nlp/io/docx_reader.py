"""DOCX → Document with python-docx: paragraphs and tables in body order.

Why python-docx: the maintained pure-Python reader of the OOXML package; we
walk its lxml body element directly (``w:p``, ``w:tbl``, content controls) to
keep paragraphs and tables interleaved as in the document, and read merges
from the XML (``gridSpan``, ``vMerge``, ``gridBefore``) so a merged cell
appears once with its rowspan/colspan. Tables follow the HTML rule: a table
holding another table, or a single row/column, is layout and its cells are
rendered as ordinary paragraphs. Automatic list numbers ("一、", "（二）") are
computed and put before their paragraph's text (:mod:`.docx_numbering`);
numbers inside data-table cells are not. Headers, footers, footnotes and
text boxes are not read. The package is unpacked in bounded memory first
(:mod:`.archive`): python-docx only ever sees stored, size-checked members.
"""
from __future__ import annotations

import io

from gikp_nlp.config import IOConfig
from gikp_nlp.document import Document
from gikp_nlp.errors import EmptyInputError, MalformedInputError
from gikp_nlp.io.archive import unpack_docx
from gikp_nlp.io.docx_numbering import Numbering
from gikp_nlp.io.layout import DocumentBuilder, PlacedCell, is_data_table, squash_spaces

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Elements whose children are body content (content controls, tracked insertions, custom XML).
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}smartTag"})


def _paragraph_text(p) -> str:  # noqa: ANN001 - CT_P
    """Visible text of a paragraph: runs (also inside hyperlinks/insertions), tabs and breaks."""
    parts = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}delText"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}delText":
            continue  # deleted in tracked changes: not part of the report
        else:
            parts.append(" ")
    return "".join(parts)


def _content(element):  # noqa: ANN001, ANN202
    """Paragraphs and tables under a body/cell element, unwrapping content controls."""
    for child in element.iterchildren():
        if child.tag == f"{_W}p" or child.tag == f"{_W}tbl":
            yield child
        elif child.tag in _WRAPPERS:
            yield from _content(child)


def _cell_text(tc) -> str:  # noqa: ANN001 - CT_Tc
    return squash_spaces(" ".join(_paragraph_text(p) for p in tc.iter(f"{_W}p")))


def _table_rows(tbl) -> list[list[PlacedCell]]:  # noqa: ANN001 - CT_Tbl
    rows: list[list[PlacedCell]] = []
    open_cells: dict[int, PlacedCell] = {}  # grid column → the cell a vMerge would continue
    growth: dict[int, int] = {}  # id of the origin cell → extra rows
    for r, tr in enumerate(tbl.tr_lst):
        col = tr.grid_before
        row: list[PlacedCell] = []
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span)
            if tc.vMerge == "continue" and col in open_cells:
                above = open_cells[col]
                growth[id(above)] = growth.get(id(above), 0) + 1
            else:
                cell = PlacedCell(r, col, _cell_text(tc), 1, span)
                row.append(cell)
                for c in range(col, col + span):
                    open_cells[c] = cell
            col += span
        rows.append(row)
    for r, row in enumerate(rows):
        rows[r] = [PlacedCell(c.row, c.col, c.text, 1 + growth.get(id(c), 0), c.colspan) for c in row]
    return rows


def _render(element, builder: DocumentBuilder, numbering: Numbering) -> None:  # noqa: ANN001
    for child in _content(element):
        if child.tag == f"{_W}p":
            # the label first: an empty numbered paragraph still advances Word's counter
            builder.paragraph(squash_spaces(numbering.label(child) + _paragraph_text(child)))
            continue
        nested = child.find(f".//{_W}tbl") is not None
        rows = [] if nested else _table_rows(child)
        if not nested and is_data_table(rows):
            builder.table(rows)
            continue
        for tr in child.tr_lst:  # layout table: its cells' content as ordinary content
            for tc in tr.tc_lst:
                if tc.vMerge != "continue":
                    _render(tc, builder, numbering)


def read_docx(data: bytes, config: IOConfig, *, source: str | None) -> Document:
    import docx

    what = source or "DOCX input"
    package = unpack_docx(data, config, what)  # bounded: a zip bomb stops here
    try:
        word = docx.Document(io.BytesIO(package))
        body = word.element.body
    except Exception as exc:  # python-docx/lxml/zipfile raise assorted types
        raise MalformedInputError(f"{what} is not a readable DOCX ({type(exc).__name__}: {exc})",
                                  hint="open and re-save it in Word/LibreOffice as .docx") from None
    builder = DocumentBuilder()
    try:
        _render(body, builder, Numbering.from_document(word))
    except (AttributeError, ValueError, TypeError, KeyError) as exc:
        raise MalformedInputError(f"{what} has a body python-docx cannot walk ({exc})",
                                  hint="open and re-save it in Word/LibreOffice as .docx") from None
    document = builder.build(format="docx", source=source, encoding=None)
    if not document.text.strip():
        raise EmptyInputError(f"{what} has no text in its body",
                              hint="check the file; text in text boxes or images is not read (run OCR for images)")
    return document
