"""Assertions shared by the table-rule tests."""
from __future__ import annotations


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
