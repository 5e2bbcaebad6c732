"""The 2019 and 2021 forms: table 二 (第二十条), table 三 (requests by applicant)
and table 四 (行政复议 / 行政诉讼), read from one cell stream.

Titles and headers say which table the cells belong to; within a table:

* 二: the column headers under 第二十条第（X）项 name the columns (t2019 and
  t2021 print different ones); row label + column → id. A header cut short
  (本年新 | 本年新) is read by position among the form's columns.
* 三: the applicant header fixes the column order (自然人, the five
  organisations under 法人或其他组织, 总计); each row label takes that many cells.
  法人或其他组织 printed as a column of its own (alone or beside the five) is
  read where the row's identities confirm exactly one order.
* 四: the group headers (行政复议, 未经复议直接起诉, 复议后起诉) × the five result
  headers give the fifteen cells of the one value row; printed transposed (a
  row per result, a column per group), labels pin each cell.

A row whose cells do not fit its columns is not guessed at: a short table 三
row where empty cells print nothing goes to the general aligner
(:func:`.align.unique_alignment`, the table's column arithmetic); what no
label, layout or unique placement pins is left out and noted.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from gikp_nlp.schema.taxonomy import Taxonomy
from gikp_nlp.tables import forms
from gikp_nlp.tables.align import RowContext, ShortRow, certain_cells, unique_alignment
from gikp_nlp.tables.grammar import Entry, Grammar, label_key, money_unit
from gikp_nlp.tables.grid import Tok
from gikp_nlp.tables.runs import Label, Parsed, absorb_units, cell_mention, runs, segment, split_glued

_CONF = forms.CONFIDENCE
#: a table 三/四 alone does not say whether it is the 2019 or the 2021 form
UNKNOWN_ERA = "t2019|t2021"
_TOLERANCE = 1e-6  # sums of printed integers/decimals compared exactly, up to float noise
_CHANGE = "items_change"  # the table 二 column a signed cell belongs to
_RESULT, _RESULT_TOTAL = "request.result", "request.result.total"  # table 三's result rows and their 总计
_BALANCE = ("request.new", "request.carried_over", _RESULT_TOTAL, "request.carried_forward")  # new + over = total + fwd
_T3_ROWS = tuple(dict.fromkeys(indicator for _, indicator in forms.TABLE3["rows"]))
_LEGAL_ENTITY = "legal_entity"  # the applicant id of 法人或其他组织 printed as a column of its own
_OPENERS = ("title", "item", "colstart")  # labels that may leave table 四 (the last table) for another
_PRIORITY = ("title", "item", "colstart", "mark", "row", "app", "orgs", "group", "col", "group4", "leaf")


@dataclass
class _State:
    table: str | None = None
    era: str | None = None
    # table 二
    item: str | None = None
    headers: list[Label] = field(default_factory=list)
    in_header: bool = False
    # table 三
    t3_header: list[tuple[str, ...]] = field(default_factory=list)
    t3_rows_started: bool = False
    # table 四
    t4_groups: list[str] = field(default_factory=list)
    t4_leaves: list[Label] = field(default_factory=list)
    t4_last: Label | None = None  # a result label (结果维持) just read: a transposed row's label
    t4_rows: int = 0  # transposed rows read
    pending: tuple[Label, Entry] | None = None

    def switch(self, table: str) -> None:
        self.table, self.pending = table, None
        if table == "二":
            self.item, self.headers, self.in_header = None, [], False
        elif table == "三":
            self.t3_header, self.t3_rows_started = [], False
        elif table == "四":
            self.t4_groups, self.t4_leaves, self.t4_last, self.t4_rows = [], [], None, 0


def _choose(entries: tuple[Entry, ...], state: _State) -> Entry:
    here = [e for e in entries if e.table == state.table] or list(entries)
    if state.table == "三":
        prefer = "row" if state.t3_rows_started else "app"
        for e in here:
            if e.kind == prefer:
                return e
    return min(here, key=lambda e: _PRIORITY.index(e.kind) if e.kind in _PRIORITY else len(_PRIORITY))


def _take(run: list[Tok], n: int) -> list[Tok] | None:
    """The ``n`` cells of a row from its value run; None when they do not fit.

    Empty cells beyond ``n`` are padding: first those at the end (a row's
    trailing ``| ||``), then those at the start (a label's colspan left empty
    by a markdown conversion). A number beyond ``n`` means the row does not fit.
    """
    cells = [t for t in run if t.kind != "unit"]
    while len(cells) > n and cells[-1].kind == "blank":
        cells = cells[:-1]
    while len(cells) > n and cells[0].kind == "blank":
        cells = cells[1:]
    if len(cells) != n:
        return None
    return cells


def _padded(run: list[Tok], cells: list[Tok]) -> bool:
    """True when :func:`_take` dropped empty cells to fit the row and an empty
    cell is left at an edge of what it kept (``| 184 | 184 | |||||||``): where
    the printed numbers stand is then an inference, which the row's arithmetic
    must confirm. Numbers at both edges pin the window; a row printed with
    exactly its columns is taken as printed (the checks flag a report whose own
    numbers disagree)."""
    trimmed = len([t for t in run if t.kind != "unit"]) != len(cells)
    edge_empty = any(t.kind == "blank" and not t.text for t in (cells[0], cells[-1]))
    return trimmed and edge_empty


def _adds_up(cells: list[Tok], parts: list[bool]) -> bool:
    """The row's own arithmetic: the part cells sum to the total cell (a blank
    is 0). A row that contradicts its total was read into the wrong columns or
    printed collapsed: none of its cells is certain."""
    total = [t for t, part in zip(cells, parts) if not part]
    if len(total) != 1:
        return True
    value = lambda t: t.value if t.kind == "num" else 0  # noqa: E731
    return abs(sum(value(t) for t, part in zip(cells, parts) if part) - value(total[0])) < _TOLERANCE


class _Reader:
    def __init__(self, grammar: Grammar, taxonomy: Taxonomy, text: str, state: _State | None = None,
                 sep: int | None = None, blanks_shown: bool = False) -> None:
        self.g, self.taxonomy, self.text, self.sep = grammar, taxonomy, text, sep
        self.blanks_shown = blanks_shown  # an empty cell is a blank token (pipes, table blocks)
        self.next_start: int | None = None  # start of the cell after the value run being read
        self.state = copy.deepcopy(state) if state is not None else _State()
        self.state.pending = None
        self.out = Parsed("t2019")
        self.t3_values: dict[tuple[str, str], float] = {}  # table 三 cells read so far (blank: 0)
        self.t3_short: list[tuple[Label, Entry, list[Tok], int | None, float]] = []  # short rows left to the aligner

    # -- labels ---------------------------------------------------------------
    def label(self, label: Label) -> None:
        st, out = self.state, self.out
        st.t4_last = None
        if not label.entries:
            if st.table == "二" and st.in_header:  # a column header cut short (本年新)
                st.headers.append(label)
                out.consumed.append((label.start, label.end))
            else:
                st.pending = None
            return
        entry = _choose(label.entries, st)
        if entry.kind == "ignore":
            return
        if st.table == "四" and entry.table != "四" and entry.kind not in _OPENERS:
            st.pending = None  # a broken vertical header piece (其他 of 其他结果) opens no other table
            return
        out.consumed.append((label.start, label.end))
        out.n_labels += 1
        if entry.kind == "title" or (entry.table and entry.table != st.table):
            if st.table == "三":
                self.finish_t3()
            st.switch(entry.table)
        kind = entry.kind
        if kind in ("item", "colstart"):
            if kind == "item":
                st.item = entry.payload[0]
            st.headers, st.in_header, st.pending = [], True, None
        elif kind == "col":
            if not st.in_header:
                st.headers, st.in_header = [], True
            st.headers.append(label)
        elif kind == "app":
            st.t3_header.append(("app", entry.payload[0]))
        elif kind == "orgs":
            st.t3_header.append(("orgs",))
        elif kind == "group4":
            st.t4_groups.append(entry.payload[0])
        elif kind == "leaf":
            st.t4_leaves.append(label)
            st.t4_last = label
        elif kind == "row":
            st.pending = (label, entry)
            if entry.table == "二":
                st.in_header = False
            else:
                st.t3_rows_started = True
        else:  # title, mark, group
            st.pending = None

    # -- values ---------------------------------------------------------------
    def values(self, run: list[Tok], next_start: int | None = None) -> None:
        st = self.state
        self.next_start = next_start
        pending, st.pending = st.pending, None
        if pending is not None and pending[1].table == "二":
            self._table2(pending[0], pending[1], run)
        elif pending is not None and pending[1].table == "三":
            self._table3(pending[0], pending[1], run)
        elif st.table == "四" and any(t.kind == "num" for t in run):
            row, st.t4_last = st.t4_last, None
            if row is None or not self._table4_transposed(row, run):
                self._table4(run)
        else:
            self.out.orphans += [t for t in run if t.kind == "num"]

    def _emit(self, tok: Tok, indicator: str, label: Label | None, confidence: float, *,
              applicant: str = "total", unit: str | None = None) -> None:
        self.out.mentions.append(cell_mention(self.text, tok, indicator, self.taxonomy, label, applicant=applicant,
                                              confidence=confidence, printed_unit=unit))
        self.out.consumed.append((tok.start, max(tok.end, tok.start)))

    def _skip(self, run: list[Tok], why: str) -> None:
        nums = [t for t in run if t.kind == "num"]
        self.out.orphans += nums
        if nums:
            self.out.notes.append(why)

    def _columns(self, item: str, n_cells: int) -> tuple[str, tuple[tuple[str, str], ...], float] | None:
        st = self.state
        by_era = self.g.table2_columns[item]
        keys = [h.key for h in st.headers]
        for era, cols in by_era.items():
            if keys == [label_key(c) for c, _ in cols]:
                return era, cols, _CONF["exact"]
        prefix_fits = [
            (era, cols) for era, cols in by_era.items()
            if keys and len(keys) == len(cols) and all(k and label_key(c).startswith(k) for k, (c, _) in zip(keys, cols))
        ]
        if len(prefix_fits) == 1:
            return (*prefix_fits[0], _CONF["header_prefix"])
        if not keys:
            fits = [(era, cols) for era, cols in by_era.items() if len(cols) == n_cells]
            if st.era in by_era:
                fits = [(st.era, by_era[st.era])] if len(by_era[st.era]) <= n_cells else []
            if len(fits) == 1:
                return (*fits[0], _CONF["default_columns"])
        return None

    def _table2(self, label: Label, entry: Entry, run: list[Tok]) -> None:
        st = self.state
        item, prefix = entry.payload
        n_values = len([t for t in run if t.kind != "unit"])
        resolved = self._columns(item, n_values)
        if resolved is None:
            self._skip(run, f"table 二 row {label.raw!r}: its column headers were not recognised")
            return
        era, cols, confidence = resolved
        cells = _take(run, len(cols))
        suffixes = [suffix for _, suffix in cols]
        placed = list(enumerate(cells)) if cells is not None else self._certain(
            label, run, len(cols), change=suffixes.index(_CHANGE) if _CHANGE in suffixes else None)
        if not placed:
            self._skip(run, f"table 二 row {label.raw!r}: {n_values} cells for {len(cols)} columns")
            return
        st.era = st.era or era
        self.out.formats.add(era)
        units = [money_unit(h.raw) for h in st.headers] if len(st.headers) == len(cols) else [None] * len(cols)
        for column, tok in placed:
            (_, suffix), unit = cols[column], units[column]
            indicator = f"{prefix}.{suffix}"
            if (indicator, era) not in self.g.table2_valid:
                self._skip([tok], f"table 二 row {label.raw!r}: no {era} indicator {indicator}")
                continue
            self._emit(tok, indicator, label, confidence, unit=unit)

    def _t3_order(self) -> tuple[tuple[str, ...], float]:
        header = self.state.t3_header
        default = self.g.table3_order
        orgs = self.g.table3_organisations
        apps = [h[1] for h in header if h[0] == "app"]
        if ("orgs",) in header:
            cut = header.index(("orgs",))
            before = [h[1] for h in header[:cut] if h[0] == "app" and h[1] not in orgs]
            order = before + [a for a in apps if a in orgs] + [a for a in apps if a not in orgs and a not in before]
        else:
            order = apps
        order = list(dict.fromkeys(order))
        if len(order) == len(default) and set(order) == set(default):
            return tuple(order), _CONF["exact"]
        return default, _CONF["default_columns"]

    def _t3_variants(self) -> list[tuple[str, ...]]:
        """Column orders a table 三 header may mean besides the form's own when
        法人或其他组织 is printed as a column of its own (issue 15, layout
        variants): alone (自然人 | 法人或其他组织 | 总计), or beside the five
        organisation columns, as printed or (a span header flattened after its
        columns) in front of them. Each must be confirmed by the row's
        arithmetic, and only where empty cells show (pipes, table blocks): where
        they do not, a row of the 7-column form with empty cells reads the same."""
        if not self.blanks_shown:
            return []
        header = self.state.t3_header
        named = list(dict.fromkeys(_LEGAL_ENTITY if h[0] == "orgs" else h[1] for h in header))
        if _LEGAL_ENTITY not in named or "total" not in named or len(named) < 2:
            return []
        out = [tuple(named)]
        present = [a for a in named if a in self.g.table3_organisations]
        if present and named.index(_LEGAL_ENTITY) > named.index(present[0]):
            moved = [a for a in named if a != _LEGAL_ENTITY]
            moved.insert(moved.index(present[0]), _LEGAL_ENTITY)
            out.append(tuple(moved))
        return out

    def _t3_identity(self, cells: list[Tok], order: tuple[str, ...]) -> bool:
        """The table 三 identities a row must satisfy to be read in a variant
        order: 总计 = 自然人 + 法人或其他组织 (or + the organisation columns), and
        法人或其他组织 = its organisation columns when both are printed. A row
        without a 总计 column has nothing to confirm it."""
        value = {a: (t.value if t.kind == "num" else 0) for t, a in zip(cells, order)}
        if "total" not in value:
            return False
        orgs = [a for a in order if a in self.g.table3_organisations]
        if _LEGAL_ENTITY in value and orgs:
            if abs(value[_LEGAL_ENTITY] - sum(value[a] for a in orgs)) >= _TOLERANCE:
                return False
            parts = [a for a in order if a not in orgs and a != "total"]
        else:
            parts = [a for a in order if a != "total"]
        nonzero = any(value[a] for a in parts)
        return nonzero and abs(value["total"] - sum(value[a] for a in parts)) < _TOLERANCE

    def _table3(self, label: Label, entry: Entry, run: list[Tok]) -> None:
        order, confidence = self._t3_order()
        cells = _take(run, len(order))
        if cells is None or confidence != _CONF["exact"]:
            fits = [(o, c) for o in self._t3_variants() if (c := _take(run, len(o))) is not None]
            fits = [(o, c) for o, c in fits if self._t3_identity(c, o)]
            if len({o for o, _ in fits}) == 1:
                variant, cells = fits[0]
                self._emit_t3(label, entry, list(zip(cells, variant)), _CONF["exact"])
                return
        if cells is None and self._alignable(run, order):
            self.t3_short.append((label, entry, [t for t in run if t.kind != "unit"], self.next_start, confidence))
            return
        if cells is None:
            placed = self._certain(label, run, len(order), total_last=order[-1] == "total")
            if not placed:
                self._skip(run, f"table 三 row {label.raw!r}: {len(run)} cells for {len(order)} applicant columns")
                return
            self._emit_t3(label, entry, [(tok, order[column]) for column, tok in placed], confidence)
            return
        if _padded(run, cells) and not _adds_up(cells, [a != "total" for a in order]):
            self._skip(run, f"table 三 row {label.raw!r}: its applicant cells do not add up to its 总计 "
                            f"(columns shifted or collapsed); row not recorded")
            return
        self._emit_t3(label, entry, list(zip(cells, order)), confidence)

    def _alignable(self, run: list[Tok], order: tuple[str, ...]) -> bool:
        """A short row the general aligner may place: the form's own columns,
        where an empty cell prints nothing (so a missing column is empty)."""
        cells = [t for t in run if t.kind != "unit"]
        return (not self.blanks_shown and tuple(order) == self.g.table3_order and 0 < len(cells) < len(order)
                and all(t.kind == "num" for t in cells))

    def finish_t3(self) -> None:
        """Place the short rows of table 三 (:func:`.align.unique_alignment`):
        the one placement under which every row adds up to its 总计 and every
        column keeps the form's arithmetic (new + carried over = 总计 +
        carried forward; each result = its sub-rows) that the table's rows let
        be checked. No unique placement: each row keeps its certain cells only."""
        short, self.t3_short = self.t3_short, []
        if not short:
            return
        order = self.g.table3_order
        total_at = order.index("total")
        rows = [ShortRow(entry.payload[0], tuple(cells), len(order)) for _, entry, cells, _, _ in short]
        keys = [r.key for r in rows]

        def row_holds(_row: ShortRow, values: list[float]) -> bool:
            return abs(values[total_at] - sum(v for i, v in enumerate(values) if i != total_at)) < _TOLERANCE

        def holds(values: dict) -> bool:  # noqa: ANN001
            grid = dict(self.t3_values)
            for key, by_column in values.items():
                grid.update({(key, a): v for a, v in zip(order, by_column)})
            return _t3_columns_hold(grid, order, _T3_ROWS)

        # one row at a time first (a placement unique under the identities the rows read so far let be
        # checked is the only one under all of them), then the rows left together
        progress = len(set(keys)) == len(keys)
        while progress and short:
            progress = False
            for k, row in enumerate(rows):
                placed = unique_alignment([row], holds, forms.LIMITS["max_alignments"], row_holds)
                if placed is not None:
                    self._place_t3(short.pop(k), placed[0], order)
                    rows.pop(k)
                    progress = True
                    break
        placed = unique_alignment(rows, holds, forms.LIMITS["max_alignments"], row_holds) \
            if short and len(set(keys)) == len(keys) else None
        if placed is None:
            for label, entry, cells, next_start, confidence in short:
                self.next_start = next_start
                cert = self._certain(label, cells, len(order), total_last=order[-1] == "total")
                if not cert:
                    self._skip(cells, f"table 三 row {label.raw!r}: {len(cells)} cells for {len(order)} applicant "
                                      f"columns")
                    continue
                self._emit_t3(label, entry, [(tok, order[column]) for column, tok in cert], confidence)
            return
        for item, row in zip(short, placed):
            self._place_t3(item, row, order)

    def _place_t3(self, item: tuple, row: list[tuple[int, Tok]], order: tuple[str, ...]) -> None:  # noqa: ANN001
        label, entry, cells, _, confidence = item
        self.out.notes.append(f"table 三 row {label.raw!r}: {len(cells)} cells for {len(order)} columns placed "
                              f"where the table's arithmetic admits no other placement (empty cells print nothing)")
        self._emit_t3(label, entry, [(tok, order[column]) for column, tok in row], confidence)

    def _emit_t3(self, label: Label, entry: Entry, cells: list[tuple[Tok, str]], confidence: float) -> None:
        indicator = entry.payload[0]
        era = "t2021" if indicator in self.g.table3_t2021 else None
        if era:
            self.state.era = era
            self.out.formats.add(era)
        for tok, applicant in cells:
            self._emit(tok, indicator, label, confidence, applicant=applicant)
            self.t3_values[(indicator, applicant)] = tok.value if tok.kind == "num" and tok.value is not None else 0

    def _certain(self, label: Label, run: list[Tok], n: int, **pins: object) -> list[tuple[int, Tok]]:
        """The cells of a short row whose column is certain (:mod:`.align`); the
        other numbers are noted and left out."""
        cells = [t for t in run if t.kind != "unit"]
        ctx = RowContext(self.text, self.sep, label.end, self.next_start)
        placed = certain_cells(cells, n, ctx, **pins)  # type: ignore[arg-type]
        if placed:
            kept = {id(t) for _, t in placed}
            left = [t for t in cells if id(t) not in kept]
            self._skip(left, f"row {label.raw!r}: {len(cells)} cells for {n} columns; {len(placed)} placed with "
                             f"certainty (end of text, sign or layout), {len(left)} left out")
        return placed

    def _table4_transposed(self, row: Label, run: list[Tok]) -> bool:
        """Table 四 printed transposed (issue 15, layout variants): the three
        groups (行政复议, 未经复议直接起诉, 复议后起诉) as columns, one row per result
        (结果维持 | 1 | 0 | 2). Read only when the groups were all printed before
        the first result label, each result label is followed by its own row
        (the k-th row after the k-th label: the usual layout prints every result
        label before its one value row) and the row has one cell per group, so
        that labels pin every cell. False: not this layout."""
        st = self.state
        groups = list(dict.fromkeys(st.t4_groups))
        leaf = next((e.payload[0] for e in row.entries if e.kind == "leaf"), None)
        leaves = [h.key for h in st.t4_leaves]
        if leaf is None or len(groups) != len(self.g.table4_groups) or len(leaves) != st.t4_rows + 1:
            return False
        if len(set(leaves)) != len(leaves):
            return False
        cells = _take(run, len(groups))
        if cells is None:
            return False
        st.t4_rows += 1
        for tok, group in zip(cells, groups):
            indicator = f"{group}.{leaf}"
            if indicator not in self.taxonomy:
                self._skip([tok], f"table 四: no indicator {indicator}")
                continue
            self._emit(tok, indicator, row, _CONF["exact"])
        if st.era:
            self.out.formats.add(st.era)
        return True

    def _table4(self, run: list[Tok]) -> None:
        st = self.state
        leaves = [s for _, s in self.g.table4_leaves]
        groups = [p for _, p in self.g.table4_groups]
        n = len(groups) * len(leaves)
        cells = _take(run, n)
        if cells is None:
            self._skip(run, f"table 四: {len(run)} cells for {n} columns")
            return
        seen_groups = list(dict.fromkeys(st.t4_groups))
        seen_leaves = [h.entries and next(e.payload[0] for e in h.entries if e.kind == "leaf") for h in st.t4_leaves]
        if len(seen_groups) == len(groups) and len(seen_leaves) == n:
            ids = [f"{seen_groups[i // len(leaves)]}.{seen_leaves[i]}" for i in range(n)]
            evidence: list[Label | None] = list(st.t4_leaves)
            confidence = _CONF["exact"]
        else:
            ids = [f"{g}.{leaf}" for g in groups for leaf in leaves]
            evidence = [None] * n
            confidence = _CONF["default_columns"]
        totals = [i.endswith(".total") for i in ids]
        width = len(leaves)
        if _padded(run, cells) and not all(_adds_up(cells[g:g + width], [not t for t in totals[g:g + width]]) for g in range(0, n, width)):
            self._skip(run, "table 四: a group's cells do not add up to its 总计 (columns shifted); row not recorded")
            return
        for tok, indicator, label in zip(cells, ids, evidence):
            if indicator not in self.taxonomy:
                self._skip([tok], f"table 四: no indicator {indicator}")
                continue
            self._emit(tok, indicator, label, confidence)
        if st.era:
            self.out.formats.add(st.era)


def _t3_columns_hold(grid: dict[tuple[str, str], float], order: tuple[str, ...], rows: tuple[str, ...]) -> bool:
    """Every column identity of table 三 that ``grid`` lets be checked holds:
    new + carried over = 总计 + carried forward; 总计 = the results, each
    result by its sub-rows where it has them (不予公开 prints no cells of its
    own; 其他处理 has sub-rows on the 2021 form only); a result printed with a
    value of its own = its sub-rows. An identity with a row not in ``grid`` is
    not checked."""
    depth = _RESULT.count(".") + 1
    results = [r for r in rows if r.startswith(_RESULT) and r.count(".") == depth and r != _RESULT_TOTAL]
    children = {r: [c for c in rows if c.startswith(r + ".")] for r in results}
    for applicant in order:
        def get(indicator: str, a: str = applicant) -> float | None:
            return grid.get((indicator, a))
        balance = [get(i) for i in _BALANCE]
        if all(v is not None for v in balance) and abs(balance[0] + balance[1] - balance[2] - balance[3]) >= _TOLERANCE:
            return False
        parts: list[float | None] = []
        for r in results:
            subs = [get(c) for c in children[r]]
            if any(v is not None for v in subs):
                total = None if any(v is None for v in subs) else sum(subs)  # type: ignore[arg-type]
                own = get(r)
                if total is not None and own is not None and abs(own - total) >= _TOLERANCE:
                    return False
                parts.append(total)
            else:
                parts.append(get(r))
        total = get(_RESULT_TOTAL)
        if total is not None and all(v is not None for v in parts) \
                and abs(total - sum(parts)) >= _TOLERANCE:  # type: ignore[arg-type]
            return False
    return True


def parse(toks: list[Tok], grammar: Grammar, taxonomy: Taxonomy, text: str, state: _State | None = None,
          sep: int | None = None, blanks_shown: bool = False) -> Parsed:
    """Read one cell stream; ``state`` continues a table cut in two (a page break
    between two table blocks): its headers still name the columns. ``sep``: line
    breaks between two cells of a one-cell-a-line table (see :mod:`.align`);
    ``blanks_shown``: every empty cell is a blank token (pipes, table blocks)."""
    reader = _Reader(grammar, taxonomy, text, state, sep, blanks_shown)
    stream = list(runs(absorb_units(split_glued(toks, grammar), grammar)))
    for k, (is_label, run) in enumerate(stream):
        if is_label:
            for label in segment(run, grammar):
                reader.label(label)
        else:
            reader.values(run, stream[k + 1][1][0].start if k + 1 < len(stream) else None)
    reader.finish_t3()
    out = reader.out
    if out.mentions and reader.state.era:
        out.formats.add(reader.state.era)
    if out.mentions and not out.formats:
        out.formats.add(UNKNOWN_ERA)
    out.state = reader.state
    return out
