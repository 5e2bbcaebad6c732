"""HTML pages → Document: visible text, tables as cells with spans resolved.

Why beautifulsoup4 + lxml: real report pages are malformed (unclosed tags,
Word-exported markup, GBK bytes labelled gb2312); lxml's HTML parser repairs
them like a browser and is fast, bs4 gives a simple tree to walk. We decode
the bytes ourselves (:mod:`gikp_nlp.io.decode`) so that GBK pages decode as
GB18030 whatever their label says.

Rendering: what a browser shows (script/style/head/nav and elements hidden
by ``hidden`` or an inline ``display:none`` are dropped); block elements (p, div, br, li, h1…) end a line; each line is one
narrative block. A ``<table>`` with at least 2×2 slots and no table inside it
is a data table: one line per ``<tr>``, cells joined by " | ", every cell a
:class:`~gikp_nlp.document.Cell` with rowspan/colspan resolved. A table that
contains another table, or is a single row/column, is *layout*: its cells are
rendered in document order as ordinary content, so a page wrapped in a
one-cell table (or a data table nested in layout tables) keeps its text and
only the innermost real data table gets structure.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gikp_nlp.config import IOConfig
from gikp_nlp.document import Document
from gikp_nlp.errors import EmptyInputError, InputTooLargeError, MalformedInputError
from gikp_nlp.io.decode import decode_bytes
from gikp_nlp.io.layout import CellSpec, DocumentBuilder, is_data_table, place_cells, squash_spaces

# Never visible, or page furniture rather than report text.
DROP_TAGS = frozenset({
    "script", "style", "head", "nav", "noscript", "template", "iframe", "object", "embed",
    "svg", "math", "canvas", "select", "option", "button", "input", "textarea", "map", "audio", "video",
})
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "aside", "header", "footer", "address", "blockquote",
    "pre", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "form",
    "fieldset", "legend", "figure", "figcaption", "center", "body", "html", "caption", "details",
    "summary", "tr", "td", "th", "thead", "tbody", "tfoot",
})
# Inline styles that hide an element (mirror sites hide injected spam this way).
_HIDDEN_STYLE = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)
CELL_TAGS = ("td", "th")
ROW_GROUP_TAGS = ("thead", "tbody", "tfoot")
CHARSET_SNIFF_BYTES = 16384
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares (``<meta charset>``, http-equiv content-type, XML decl)."""
    head = data[:CHARSET_SNIFF_BYTES]
    match = _XML_ENCODING.match(head) or _CHARSET.search(head)
    return match.group(1).decode("ascii", errors="ignore") if match else None


@dataclass(frozen=True, slots=True)
class _Break:
    """A line break in the flow (a block element started or ended)."""


_BREAK = _Break()


def _span(tag, name: str) -> int:  # noqa: ANN001 - bs4 Tag
    value = str(tag.get(name) or "1").strip()
    digits = re.match(r"\d+", value)
    return max(1, int(digits.group())) if digits else 1


def _hidden(tag) -> bool:  # noqa: ANN001 - bs4 Tag
    """Not rendered by a browser: the ``hidden`` attribute or an inline display:none."""
    attrs = tag.attrs or {}
    return "hidden" in attrs or bool(_HIDDEN_STYLE.search(str(attrs.get("style") or "")))


class _CloseMarker:
    """Placed after a block element's children; the walker turns it into a break."""


def _closing(tag) -> Iterator[object]:  # noqa: ANN001
    """The children of a block tag followed by a marker that closes its line."""
    yield from tag.children
    yield _CloseMarker


def _events(node) -> Iterator[object]:  # noqa: ANN001
    """Text strings, breaks and tables under ``node`` in document order (iterative:
    malformed pages nest thousands of unclosed tags)."""
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    stack: list[Iterator] = [iter(node.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child is _CloseMarker:
            yield _BREAK
            continue
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):  # comments, doctype, CDATA, PIs
                yield str(child)
            continue
        if not isinstance(child, Tag):
            continue
        name = (child.name or "").lower()
        if name in DROP_TAGS or _hidden(child):
            continue
        if name == "table":
            yield child
            continue
        if name == "br":
            yield _BREAK
            continue
        if name == "pre":  # preformatted: its line breaks are real (text tables live here)
            yield _BREAK
            for line in child.get_text().splitlines():
                yield line
                yield _BREAK
            continue
        if name in BLOCK_TAGS:
            yield _BREAK
            stack.append(_closing(child))
            continue
        stack.append(iter(child.children))


def _lines(node) -> list[str]:  # noqa: ANN001
    """The visible lines under ``node`` (tables inside rendered as their cells' text)."""
    lines: list[str] = []
    buffer: list[str] = []
    for event in _events(node):
        if isinstance(event, str):
            buffer.append(event)
            continue
        if buffer:
            lines.append(squash_spaces("".join(buffer)))
            buffer = []
        if event is not _BREAK:  # a table inside a cell of a data table: should not happen
            lines.extend(_lines(event))
    if buffer:
        lines.append(squash_spaces("".join(buffer)))
    return [line for line in lines if line]


def _child_tags(node, names: tuple[str, ...] | None = None) -> list:  # noqa: ANN001
    """The element children of ``node`` (named ``names``), as ``find_all(names, recursive=False)``
    gives them, without the filter bs4 builds per call (that set-up was most of the
    renderer's time on a page of 5 000 small tables)."""
    from bs4 import Tag

    return [c for c in node.children if isinstance(c, Tag) and (names is None or c.name in names)]


def _has_table_inside(table) -> bool:  # noqa: ANN001
    from bs4 import Tag

    return any(isinstance(d, Tag) and d.name == "table" for d in table.descendants)


def _own_rows(table) -> list:  # noqa: ANN001
    rows = []
    for child in _child_tags(table):
        name = (child.name or "").lower()
        if name == "tr":
            rows.append(child)
        elif name in ROW_GROUP_TAGS:
            rows.extend(_child_tags(child, ("tr",)))
    return rows


def _render_flow(node, builder: DocumentBuilder) -> None:  # noqa: ANN001
    buffer: list[str] = []
    for event in _events(node):
        if isinstance(event, str):
            buffer.append(event)
            continue
        builder.paragraph(squash_spaces("".join(buffer)))
        buffer = []
        if event is not _BREAK:
            _render_table(event, builder)
    builder.paragraph(squash_spaces("".join(buffer)))


def _stray_text(table) -> str:  # noqa: ANN001
    """Text standing in a table outside any cell (browsers show it before the table)."""
    from bs4 import NavigableString
    from bs4.element import PreformattedString

    containers = [table, *_child_tags(table, ROW_GROUP_TAGS), *_own_rows(table)]
    return squash_spaces(" ".join(str(child) for node in containers for child in node.children
                                  if isinstance(child, NavigableString)
                                  and not isinstance(child, PreformattedString)))


def _stray_tables(table) -> list:  # noqa: ANN001
    """Tables standing in ``table`` outside any cell: what lxml makes of a ``<table>``
    opened before the previous one closed (browsers show it after that one)."""
    containers = [table, *_child_tags(table, ROW_GROUP_TAGS), *_own_rows(table)]
    return [t for node in containers for t in _child_tags(node, ("table",))]


def _render_table(table, builder: DocumentBuilder) -> None:  # noqa: ANN001
    """Render ``table``, then the tables standing in it outside its cells, in order
    (iteratively: a page can leave thousands of tables unclosed, one inside the other)."""
    pending = [table]
    while pending:
        current = pending.pop()
        _render_one_table(current, builder)
        pending.extend(reversed(_stray_tables(current)))


def _render_one_table(table, builder: DocumentBuilder) -> None:  # noqa: ANN001
    builder.paragraph(_stray_text(table))
    rows = _own_rows(table)
    cell_tags = [_child_tags(row, CELL_TAGS) for row in rows]
    nested = any(_has_table_inside(cell) for row in cell_tags for cell in row)  # a table in a cell: layout
    specs = [[CellSpec(" ".join(_lines(c)), _span(c, "rowspan"), _span(c, "colspan")) for c in row]
             for row in cell_tags] if not nested else []
    placed = place_cells(specs)
    if not nested and is_data_table(placed):
        captions = _child_tags(table, ("caption",))
        if captions:
            builder.paragraph(" ".join(_lines(captions[0])))
        builder.table(placed)
        return
    # layout table: its content in document order, cell by cell
    for child in _child_tags(table):
        name = (child.name or "").lower()
        if name == "caption":
            _render_flow(child, builder)
        elif name in ROW_GROUP_TAGS or name == "tr":
            for row in ([child] if name == "tr" else _child_tags(child, ("tr",))):
                for cell in _child_tags(row, CELL_TAGS):
                    _render_flow(cell, builder)


def count_start_tags(markup: str) -> int:
    """An upper bound on the elements a parse of ``markup`` builds (without parsing it)."""
    return markup.count("<") - markup.count("</")


def check_elements(markup: str, config: IOConfig, what: str) -> None:
    """bs4 costs about 1 KB and 30 µs per element: refuse a page too big to parse in bounded memory."""
    tags = count_start_tags(markup)
    if tags > config.max_html_elements:
        raise InputTooLargeError(
            f"{what} has about {tags:,} HTML tags, more than io.max_html_elements={config.max_html_elements:,}",
            hint="split the page, save the report text as .txt, or raise io.max_html_elements in your config")


def read_html_text(markup: str, *, source: str | None, encoding: str | None,
                   meta: dict | None = None, config: IOConfig | None = None) -> Document:
    """Parse decoded markup and render it (``markup`` is never indexed by offsets).

    ``config``: when given, its ``max_html_elements`` is checked before parsing.
    """
    from bs4 import BeautifulSoup

    if config is not None:
        check_elements(markup, config, source or "HTML input")

    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception as exc:  # lxml/bs4 raise assorted types on hopeless input
        raise MalformedInputError(f"HTML could not be parsed: {exc}",
                                  hint="open the page in a browser and save it again, or save it as .txt") from None
    builder = DocumentBuilder()
    _render_flow(soup, builder)
    document = builder.build(format="html", source=source, encoding=encoding, meta=meta)
    if not document.text.strip():
        raise EmptyInputError("the HTML page has no visible text", hint="check that this is the report page "
                              "(not a frame or script-only shell); save the report text as .txt")
    return document


def read_html_bytes(data: bytes, config: IOConfig, *, source: str | None) -> Document:
    declared = declared_charset(data)
    decoded = decode_bytes(data, config, declared=declared, what=source or "HTML input", limit_chars=False)
    meta = {"declared_charset": declared} if declared else {}
    return read_html_text(decoded.text, source=source, encoding=decoded.encoding, meta=meta, config=config)
