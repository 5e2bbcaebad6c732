"""Place the cells of a row printed with fewer cells than its form has columns,
and only where the place is certain (issue 15: a wrong cell is worse than a
missing one; never guess a cell).

A row of the national forms has a fixed number of columns in a fixed order.
Real flattenings lose cells (an empty cell of a one-cell-a-line page leaves
only extra blank lines, or nothing at all; an excerpt ends inside a row). The
row grammars (:mod:`.t2019`) take a row whose cell count fits; for the others
they ask :func:`certain_cells`, which pins a cell to its column by one of:

* **end of text**: the row is the last thing in the text and every cell
  followed the one before it directly (no missing cell in between): the cells
  are the row's first columns, in order (an excerpt cut inside a row) — unless
  the row closes with ``|`` and its last cell could be its total (a whole row
  with a lost cell reads the same);
* **sign**: a signed cell (``+4``, ``-2``, ``减3``) is the form's change column
  (本年增/减); its neighbours are the columns on either side;
* **layout** (one cell a line, where an empty cell shows as extra blank
  lines): a cell right after the row label (the usual line gap, no extra blank
  line) is the first column; a cell right before the next label is the last
  column when it is the row's total (the cells before it add up to it).

Cells that nothing pins are left out; the caller notes them.

The general path (:func:`unique_alignment`), where an empty cell prints nothing
(space-separated text, one cell a line): every order-keeping placement of a
short row's cells over the form's columns (the columns left over empty) is
tried against the form's own arithmetic, with every row read in full as a
fixed point; a placement is taken only when it is the one that holds. The
table 三 reader (:mod:`.t2019`) runs it one row at a time, then over the rows
left together, and falls back to :func:`certain_cells`.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, product

from gikp_nlp.tables.grid import Tok

_SIGNS = "+-－＋−"
_TRAILING = " \t\r\n|｜"  # what may follow the last cell of a text cut inside a row
_CHANGE_WORDS = "增减減"
_TOLERANCE = 1e-6  # printed integers/decimals compared exactly, up to float noise


@dataclass(frozen=True, slots=True)
class RowContext:
    """Where a row's cells stand in the text.

    ``sep``: line breaks between two consecutive cells of a one-cell-a-line
    table (None for other flattenings); ``label_end``: end of the row label;
    ``next_start``: start of the cell after the row (None: nothing follows).
    """

    text: str
    sep: int | None
    label_end: int
    next_start: int | None


def _breaks(text: str, start: int, end: int) -> int:
    return text.count("\n", start, end)


def _signed(text: str, tok: Tok) -> bool:
    return tok.kind == "num" and (tok.text[:1] in _SIGNS or text[tok.start - 1:tok.start] in _CHANGE_WORDS)


def _adjacent(ctx: RowContext, cells: list[Tok]) -> bool:
    """Every cell directly follows the one before it (and the first the label)."""
    if ctx.sep is None:
        return True
    ends = [ctx.label_end, *(c.end for c in cells[:-1])]
    return all(_breaks(ctx.text, e, c.start) == ctx.sep for e, c in zip(ends, cells))


def _closed(tail: str, cells: list[Tok]) -> bool:
    """A pipe row that closes with ``|`` and whose last cell is the sum of the
    others may be a whole row with a cell lost inside (``1 | 2 | 3 | 4 | 5 | 15 |``),
    not a row cut by the end of the text."""
    return any(p in tail for p in "|｜") and abs(sum(_value(c) for c in cells[:-1]) - _value(cells[-1])) < _TOLERANCE


def _value(tok: Tok) -> float:
    return tok.value if tok.kind == "num" and tok.value is not None else 0


def certain_cells(cells: list[Tok], n: int, ctx: RowContext, *, change: int | None = None,
                  total_last: bool = False) -> list[tuple[int, Tok]]:
    """(column index, cell) for every cell of ``cells`` whose column is certain.

    ``change``: index of the form's change column (本年增/减), if it has one;
    ``total_last``: the last column is the row's total (table 三).
    """
    if not cells or len(cells) >= n:
        return []
    text = ctx.text
    tail = text[cells[-1].end:]
    at_end = ctx.next_start is None and not tail.strip(_TRAILING)
    if at_end and _adjacent(ctx, cells) and (ctx.sep is not None or not _closed(tail, cells)):
        return list(enumerate(cells))
    signed = [i for i, c in enumerate(cells) if _signed(text, c)]
    if change is not None and len(signed) == 1:
        offset = change - signed[0]
        placed = [(i + offset, c) for i, c in enumerate(cells)]
        return placed if all(0 <= i < n for i, _ in placed) else []
    if ctx.sep is None or not total_last:
        return []
    out: list[tuple[int, Tok]] = []
    first_pinned = _breaks(text, ctx.label_end, cells[0].start) == ctx.sep
    last = cells[-1]
    last_pinned = (ctx.next_start is not None and _breaks(text, last.end, ctx.next_start) == ctx.sep
                   and last.kind == "num")
    if len(cells) == 1:
        return [(0, last)] if first_pinned and not last_pinned else []
    if first_pinned:
        out.append((0, cells[0]))
    if last_pinned and abs(sum(_value(c) for c in cells[:-1]) - _value(last)) < _TOLERANCE:
        out.append((n - 1, last))
    return out


# -- the general path: a unique alignment the form's arithmetic confirms -------------------------------


@dataclass(frozen=True, slots=True)
class ShortRow:
    """A row printed with fewer cells than its ``n`` columns, where an empty
    cell prints nothing (space-separated text, one cell a line): its cells keep
    their order, and a column no cell lands in is empty (0)."""

    key: object  # the caller's name for the row (its indicator)
    cells: tuple[Tok, ...]
    n: int


def placements(row: ShortRow) -> list[tuple[int, ...]]:
    """Every order-keeping choice of columns for the row's cells."""
    return list(combinations(range(row.n), len(row.cells)))


def unique_alignment(rows: list[ShortRow], holds, max_tries: int,  # noqa: ANN001 - Callable
                     row_holds=None) -> list[list[tuple[int, Tok]]] | None:  # noqa: ANN001
    """The one joint placement of ``rows`` under which ``holds`` (the form's
    arithmetic over every row, given {row key: values by column}) is true;
    None when there is none, more than one, or more than ``max_tries``
    combinations to try. ``row_holds`` (one row's own arithmetic) prunes first.

    Uniqueness is what makes a placement certain: the report's own numbers admit
    no other reading (issue 15: never guess a cell)."""
    options: list[list[tuple[int, ...]]] = []
    for row in rows:
        choices = [p for p in placements(row) if row_holds is None or row_holds(row, _by_column(row, p))]
        if not choices:
            return None
        options.append(choices)
    total = 1
    for choices in options:
        total *= len(choices)
        if total > max_tries:
            return None
    found = None
    for combo in product(*options):
        values = {row.key: _by_column(row, p) for row, p in zip(rows, combo)}
        if holds(values):
            if found is not None:
                return None
            found = combo
    if found is None:
        return None
    return [list(zip(p, row.cells)) for row, p in zip(rows, found)]


def _by_column(row: ShortRow, columns: tuple[int, ...]) -> list[float]:
    values = [0.0] * row.n
    for column, tok in zip(columns, row.cells):
        values[column] = _value(tok)
    return values
