"""Cut a table, however it arrived, into one stream of cells with offsets.

Three flattenings give the same stream:

* ``pipe``: cells separated by ``|`` (one cell a line with ``|`` lines between,
  ``a |`` lines with trailing ``| ||||`` runs, markdown rows, ``a | b | c`` rows);
  line breaks inside a cell split it into label pieces that the grammar joins
  again; an empty cell between two pipes is a blank cell.
* ``space``: a table run together on long lines (labels, units and values
  separated by spaces only): every whitespace-separated token is a cell; blank
  cells cannot be seen there.
* ``grid``: a structured :class:`~gikp_nlp.document.Block` (rowspan/colspan
  resolved), read row by row, each source cell once.

Every cell keeps ``start``/``end`` into ``Document.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from gikp_nlp.document import Block
from gikp_nlp.numbers import arabic_value, chinese_value
from gikp_nlp.schema.taxonomy import UNITS
from gikp_nlp.tables import forms

PIPES = "|｜"
_PIPE = re.compile(r"[|｜]")
_SPACE_TOKEN = re.compile(r"[^\s|｜]+")
_LINE_PIECE = re.compile(r"[^\r\n]+")
_SIGN = "+\\-－＋−"
_NUMBER = re.compile(
    rf"([{_SIGN}]?[0-9０-９]+(?:[,，][0-9０-９]{{3}})*(?:[.．][0-9０-９]+)?)\s*"
    rf"({'|'.join(sorted(UNITS, key=len, reverse=True))})?"
)
_CHANGE = re.compile(r"([增减減])\s*([0-9０-９]+)")
#: a page header/footer line of a PDF inside a table: Page 9 - …, P. 9, - 1 -, 第 3 页 (共 6 页)
_FURNITURE = re.compile(r"\s*(?:(?:Page|PAGE)\s*\d+(?:\s*[-—–]\s*\S.*)?|P\.\s*\d+|[-—－–]\s*\d+\s*[-—－–]"
                        r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)\s*")
_MD_RULE = re.compile(r":?-{3,}:?")
_CN_NUMERAL = re.compile(r"[零〇○一二两兩三四五六七八九十百千万萬]*[零〇○一二两兩三四五六七八九][零〇○一二两兩三四五六七八九十百千万萬]*")
_CN_ZEROS = "零〇○"
_BLANKS = frozenset(forms.BLANK_MARKS)


@dataclass(frozen=True, slots=True)
class Tok:
    """One cell: ``kind`` is ``label``, ``num``, ``unit`` or ``blank``.

    For ``num`` the span covers the number only (sign included, unit not);
    ``unit`` is a unit printed in the same cell. A ``blank`` has ``start ==
    end`` where its value would stand (``text`` keeps a printed ——, / or -).
    """

    kind: str
    start: int
    end: int
    text: str
    value: int | float | None = None
    unit: str | None = None

    @property
    def is_value(self) -> bool:
        return self.kind != "label"


def fold_sign(word: str) -> bool:
    """True for 减 (減): a decrease."""
    return word in "减減"


def _signed_value(raw: str) -> int | float | None:
    negative = raw[:1] in "-－−"
    body = raw.lstrip(_SIGN.replace("\\", ""))
    value = arabic_value(body)
    if value is None:
        return None
    return -value if negative else value


def classify(text: str, start: int, end: int) -> Tok | None:
    """A cell of ``text[start:end]`` (already stripped); None for a markdown rule."""
    cell = text[start:end]
    if not cell:
        return Tok("blank", start, start, "")
    if _MD_RULE.fullmatch(cell):
        return None
    if cell in _BLANKS:
        return Tok("blank", start, start, cell)
    if cell in UNITS:
        return Tok("unit", start, end, cell)
    m = _CHANGE.fullmatch(cell)
    if m:  # 减3 / 增2 in a 本年增/减 cell: the word is the sign, the span the digits
        value = arabic_value(m.group(2))
        if value is not None:
            sign = -1 if fold_sign(m.group(1)) else 1
            return Tok("num", start + m.start(2), start + m.end(2), m.group(2), sign * value, None)
    m = _NUMBER.fullmatch(cell)
    if m:
        value = _signed_value(m.group(1))
        if value is not None:
            return Tok("num", start, start + m.end(1), m.group(1), value, m.group(2))
    value = chinese_cell(cell)
    if value is not None:
        return Tok("num", start, end, cell, value)
    return Tok("label", start, end, cell)


def chinese_cell(cell: str) -> int | None:
    """Value of a cell written as a Chinese numeral (一百零五, 〇, 十二); None for
    one that is not, for 一 … 十 alone (a row's section number, not a value) and
    for a unit character alone (百, 千: a piece of a broken header)."""
    if not _CN_NUMERAL.fullmatch(cell):
        return None
    value = chinese_value(cell)
    if value is None or (value <= forms.LIMITS["max_section_number"] and not any(z in cell for z in _CN_ZEROS)):
        return None
    return value


def is_furniture(line: str) -> bool:
    """A page number or running header printed inside a table: not a cell."""
    return _FURNITURE.fullmatch(line) is not None


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def rows_open_with_pipe(text: str, start: int, end: int) -> bool:
    """True for markdown-like rows (``| a | b |``), where ``|`` + line break + ``|``
    is the boundary between two rows; elsewhere (one cell a line, ``cell |``
    lines) a line holding only ``|`` closes an empty cell."""
    opening = with_pipe = 0
    for m in _LINE_PIECE.finditer(text, start, end):
        line = m.group().strip()
        if _PIPE.search(line):
            with_pipe += 1
            opening += len(line) > 1 and line[0] in PIPES
    return with_pipe > 0 and opening * 2 > with_pipe


def _cell_pieces(text: str, pieces: list[tuple[int, int]]) -> list[Tok]:
    """The lines of one cell. Several lines are a wrapped label (the grammar joins
    them): a unit word among them is the label's tail (属于行政查询事 / 项)."""
    toks = [tok for ps, pe in pieces if (tok := classify(text, *_stripped(text, ps, pe))) is not None]
    if len(toks) > 1 and any(t.kind == "label" for t in toks):
        toks = [Tok("label", t.start, t.end, t.text) if t.kind == "unit" else t for t in toks]
    return toks


def rejoin_wrapped_units(toks: list[Tok]) -> list[Tok]:
    """A unit word between two labels is the tail of a wrapped label (规范性文 / 件),
    not a unit cell: a unit cell is followed by its value or an empty cell."""
    out = list(toks)
    for i, tok in enumerate(out):
        if tok.kind != "unit" or i == 0 or out[i - 1].kind != "label":
            continue
        if i + 1 == len(out) or out[i + 1].kind == "label":
            out[i] = Tok("label", tok.start, tok.end, tok.text)
    return out


def pipe_tokens(text: str, start: int, end: int) -> list[Tok]:
    """Cells of a pipe-separated zone ``text[start:end]``."""
    markdown_rows = rows_open_with_pipe(text, start, end)
    bounds = [start - 1] + [m.start() for m in _PIPE.finditer(text, start, end)] + [end]
    toks: list[Tok] = []
    for i in range(len(bounds) - 1):
        s, e = bounds[i] + 1, bounds[i + 1]
        lines = [m for m in _LINE_PIECE.finditer(text, s, e) if m.group().strip()]
        pieces = [(m.start(), m.end()) for m in lines if not is_furniture(m.group())]
        if pieces:
            toks += _cell_pieces(text, pieces)
            continue
        if lines:
            continue  # only page furniture between two pipes: no cell
        between_pipes = 0 < i < len(bounds) - 2
        has_break = "\n" in text[s:e] or "\r" in text[s:e]
        if between_pipes and not (markdown_rows and has_break):
            toks.append(Tok("blank", s, s, ""))
    return rejoin_wrapped_units(toks)


def space_tokens(text: str, start: int, end: int) -> list[Tok]:
    """Cells of a table run together with spaces only (seed 000)."""
    toks = []
    for line in _LINE_PIECE.finditer(text, start, end):
        if is_furniture(line.group()):
            continue
        for m in _SPACE_TOKEN.finditer(text, line.start(), line.end()):
            tok = classify(text, m.start(), m.end())
            if tok is not None:
                toks.append(tok)
    return rejoin_wrapped_units(toks)


def block_tokens(text: str, block: Block) -> list[Tok]:
    """Cells of a structured table block, row by row, each source cell once."""
    seen: set[tuple[int, int]] = set()
    toks: list[Tok] = []
    for row in block.grid():
        for cell in row:
            if cell is None or (cell.row, cell.col) in seen:
                continue
            seen.add((cell.row, cell.col))
            s, e = _stripped(text, cell.start, cell.end)
            pieces = [(m.start(), m.end()) for m in _LINE_PIECE.finditer(text, s, e)] or [(s, e)]
            toks += _cell_pieces(text, pieces)
    return rejoin_wrapped_units(toks)
