"""Rule parser for the national statistics tables (t2008, t2019, t2021).

``extract_tables(document, taxonomy, config)`` finds table regions (structured
table blocks and text-flattened tables), recognises the format and maps every
numeric cell to (indicator, applicant) with ``source='table'``.
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


def extract_tables(document, taxonomy, config) -> TableResult:  # noqa: ANN001 - replaced by the rule parser
    return TableResult()
