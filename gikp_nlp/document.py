"""What a reader produces: the text a report was read as, cut into blocks.

Every block and every cell knows its character offsets in ``Document.text``
(Python code points, end exclusive), so anything found later can point back at
the characters that state it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["narrative", "table"]


def spans_outside(length: int, regions: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``range(length)`` not covered by ``regions`` (sorted, merged):
    the narrative text left once the table rules have claimed their regions."""
    spans, pos = [], 0
    for start, end in sorted(regions):
        if start > pos:
            spans.append((pos, start))
        pos = max(pos, end)
    if pos < length:
        spans.append((pos, length))
    return spans


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell as laid out in the source (rowspan/colspan resolved by the reader).

    ``start``/``end`` cover the cell's stripped text in ``Document.text``;
    an empty cell has ``start == end`` at the place it would stand.
    """

    row: int
    col: int
    start: int
    end: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class Block:
    """A narrative paragraph, or a table whose cells are known structurally.

    Text-flattened tables (pipes, one cell a line) arrive as narrative blocks;
    the table rules detect them from the text. ``cells`` is empty for
    narrative blocks.
    """

    kind: BlockKind
    start: int
    end: int
    cells: tuple[Cell, ...] = ()

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def grid(self) -> list[list[Cell | None]]:
        """Rows × columns with spanned cells repeated in every slot they cover."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    grid[r][c] = cell
        return grid


@dataclass(frozen=True)
class Document:
    """A report as read: ``text`` plus ``blocks`` in reading order."""

    text: str
    blocks: tuple[Block, ...]
    format: str = "text"
    source: str | None = None
    encoding: str | None = None
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]
