"""Rendering blocks into one text with offsets: the part every reader shares.

Readers do not concatenate strings themselves: they hand paragraphs and tables
to a :class:`DocumentBuilder`, which writes ``Document.text`` and records each
block's and cell's offsets as it writes, so ``text[start:end]`` is right by
construction. Rendering rule (the same for HTML, PDF and DOCX): blocks are
separated by ``"\\n"``; a table is one line per source row, the cells that
start in that row joined by ``" | "``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gikp_nlp.document import Block, Cell, Document

BLOCK_SEPARATOR = "\n"
ROW_SEPARATOR = "\n"
CELL_SEPARATOR = " | "
# HTML caps colspan at 1000 (and rowspan at the table's end); a hostile page
# must not make us allocate a huge grid.
MAX_COLSPAN = 1000

_SPACE_RUN = re.compile(r"\s+")


def squash_spaces(text: str) -> str:
    """Collapse whitespace runs to one space and strip, as a browser renders text."""
    return _SPACE_RUN.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class CellSpec:
    """A source cell before placement: text and its spans (HTML/DOCX notation)."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class PlacedCell:
    """A cell with its grid position resolved (top-left slot it covers)."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


def place_cells(rows: Sequence[Sequence[CellSpec]]) -> list[list[PlacedCell]]:
    """Resolve HTML-style rows (slots covered by a rowspan from above are
    omitted in the source) into grid positions, the way browsers do."""
    n_rows = len(rows)
    occupied: set[tuple[int, int]] = set()
    placed_rows: list[list[PlacedCell]] = []
    for r, row in enumerate(rows):
        col = 0
        placed: list[PlacedCell] = []
        for spec in row:
            while (r, col) in occupied:
                col += 1
            rowspan = max(1, min(spec.rowspan, n_rows - r))
            colspan = max(1, min(spec.colspan, MAX_COLSPAN))
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied.add((r + dr, col + dc))
            placed.append(PlacedCell(r, col, spec.text, rowspan, colspan))
            col += colspan
        placed_rows.append(placed)
    return placed_rows


def grid_shape(rows: Sequence[Sequence[PlacedCell]]) -> tuple[int, int]:
    cells = [c for row in rows for c in row]
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    n_cols = max((c.col + c.colspan for c in cells), default=0)
    return n_rows, n_cols


def is_data_table(rows: Sequence[Sequence[PlacedCell]]) -> bool:
    """A structured table needs at least 2 rows and 2 columns with some text;
    anything smaller is layout (a page or a caption wrapped in a table)."""
    n_rows, n_cols = grid_shape(rows)
    has_text = any(c.text for row in rows for c in row)
    return n_rows >= 2 and n_cols >= 2 and has_text


class DocumentBuilder:
    """Writes Document.text block by block and records every offset."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self._blocks: list[Block] = []

    @property
    def n_blocks(self) -> int:
        return len(self._blocks)

    def _write(self, text: str) -> None:
        self._parts.append(text)
        self._pos += len(text)

    def _separate(self) -> None:
        if self._pos:
            self._write(BLOCK_SEPARATOR)

    def paragraph(self, text: str) -> None:
        """One narrative block; blank text is skipped (nothing to point at)."""
        text = text.strip()
        if not text:
            return
        self._separate()
        start = self._pos
        self._write(text)
        self._blocks.append(Block("narrative", start, self._pos))

    def table(self, rows: Sequence[Sequence[PlacedCell]]) -> None:
        """One table block; each non-empty source row is one line."""
        if not any(c.text for row in rows for c in row):
            return
        self._separate()
        start = self._pos
        cells: list[Cell] = []
        first_line = True
        for row in rows:
            if not row:
                continue  # every slot covered by a rowspan from above
            if not first_line:
                self._write(ROW_SEPARATOR)
            first_line = False
            for i, cell in enumerate(sorted(row, key=lambda c: c.col)):
                if i:
                    self._write(CELL_SEPARATOR)
                cell_start = self._pos
                self._write(cell.text)
                cells.append(Cell(cell.row, cell.col, cell_start, self._pos, cell.text,
                                  cell.rowspan, cell.colspan))
        self._blocks.append(Block("table", start, self._pos, tuple(cells)))

    def text(self) -> str:
        return "".join(self._parts)

    def build(self, *, format: str, source: str | None, encoding: str | None,
              meta: dict | None = None) -> Document:
        return Document(text=self.text(), blocks=tuple(self._blocks), format=format,
                        source=source, encoding=encoding, meta=dict(meta or {}))
