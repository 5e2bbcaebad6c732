"""Rule parser for the national statistics tables (t2008, t2019, t2021).

``extract_tables(document, taxonomy, config)`` finds table regions (structured
table blocks and text-flattened tables), recognises the format and maps every
numeric cell to (indicator, applicant) with ``source='table'``.

Layout: :mod:`.forms` (the grammars as data), :mod:`.grammar` (loaded and
checked against the taxonomy, label folding), :mod:`.detect` (text zones,
one-cell-a-line tables included), :mod:`.grid` (cells with offsets, per
flattening; page furniture dropped), :mod:`.t2008` and :mod:`.t2019`
(row/column grammars, with the layout variants: 法人或其他组织 as a column of
its own, a transposed table 四), :mod:`.align` (the cells of a short row placed
only where certain: pinned by text or layout, or the one placement the form's
arithmetic admits), :mod:`.parse` (putting it together).

Never a wrong cell: a row whose cells do not fit its columns is placed only
where an end of text, a sign or the layout pins them (:mod:`.align`); a row
placed by dropping empty padding must add up to its own total; what is not
placed is left out and said in a note.

Confidence of a mention (``forms.CONFIDENCE``): 1.0 when its row label and its
column header matched in full; 0.9 when a truncated header (本年新) was read by
position among the form's columns; 0.8 when no usable header was found and the
form's column order was assumed; 0.7 when a label printed in two sections
(被依法纠错数) stood where no section had been opened. A blank cell (empty, ——,
/, -) of a recognised row and column is an implicit zero: ``implicit=True,
blank=True, value=0``, ``start == end`` at the cell, ``text == ""``; its
``evidence`` is the row label. Other mentions carry the row label as evidence.
"""
from __future__ import annotations

from dataclasses import dataclass

from gikp_nlp.report import Mention


@dataclass(frozen=True)
class TableResult:
    """What the table rules found in one document.

    ``regions``: (start, end) spans of Document.text consumed by recognised
    tables; the narrative path skips them. ``formats``: the formats recognised
    (``t2008``/``t2019``/``t2021``). ``notes``: human-readable remarks, e.g. a
    region that looked like a table but matched no grammar.
    """

    mentions: tuple[Mention, ...] = ()
    regions: tuple[tuple[int, int], ...] = ()
    formats: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def extract_tables(document, taxonomy, config) -> TableResult:  # noqa: ANN001 - Document, Taxonomy, TablesConfig
    """Every statistics-table cell of ``document`` as a ``source='table'`` Mention."""
    if not config.enabled:
        return TableResult()
    from gikp_nlp.tables.parse import read_tables

    return read_tables(document, taxonomy, config)


__all__ = ["TableResult", "extract_tables"]
