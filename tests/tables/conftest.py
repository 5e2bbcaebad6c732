"""tests/tables: shared helpers (the table rules over a text, gold table cells)."""
from __future__ import annotations

import pytest

from gikp_nlp.config import load_config
from gikp_nlp.document import Block, Document
from gikp_nlp.tables import extract_tables


@pytest.fixture(scope="session")
def tables_config():
    return load_config().tables


@pytest.fixture(scope="session")
def read_text(taxonomy, tables_config):
    """The table rules over a plain text, as one narrative block."""
    def run(text: str):
        return extract_tables(Document(text, (Block("narrative", 0, len(text)),)), taxonomy, tables_config)
    return run


@pytest.fixture(scope="session")
def read_document(taxonomy, tables_config):
    def run(document: Document):
        return extract_tables(document, taxonomy, tables_config)
    return run


def cell_records(result) -> dict[tuple[str, str], int | float]:
    """(indicator, applicant) → value over the non-blank table mentions; fails on a key stated twice."""
    out: dict[tuple[str, str], int | float] = {}
    for m in result.mentions:
        if m.blank:
            continue
        assert (m.indicator, m.applicant) not in out, f"{m.indicator}/{m.applicant} read twice"
        out[(m.indicator, m.applicant)] = m.value
    return out


def assert_spans(text: str, result) -> None:
    """The invariant: every mention's text is what the report says at its offsets."""
    for m in result.mentions:
        assert text[m.start:m.end] == m.text, m
        assert m.source == "table"
        if m.blank:
            assert m.start == m.end and m.text == "" and m.value == 0 and m.implicit
        assert any(a <= m.start and m.end <= b for a, b in result.regions), m
