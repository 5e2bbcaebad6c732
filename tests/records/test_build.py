import pytest

from gikp_nlp.records import build_records
from gikp_nlp.report import Mention


def mention(start, indicator, value, *, applicant="total", source="table", blank=False, approx=False):
    text = "" if blank else str(value)
    return Mention(start=start, end=start + len(text), text=text, indicator=indicator, value=value,
                   applicant=applicant, source=source, blank=blank, implicit=blank, approx=approx)


def test_build_same_key_and_value_merges_mentions(taxonomy):
    records, conflicts = build_records(
        [mention(10, "request.new", 12, source="rule"), mention(50, "request.new", 12)], taxonomy
    )
    assert len(records) == 1
    assert [m.start for m in records[0].mentions] == [10, 50]
    assert records[0].sources == ("rule", "table")
    assert records[0].unit == "件" and records[0].label == taxonomy["request.new"].label
    assert conflicts == []


def test_build_conflicting_values_keeps_both_and_flags(taxonomy):
    records, conflicts = build_records(
        [mention(10, "request.new", 12, source="rule"), mention(50, "request.new", 13)], taxonomy
    )
    assert sorted(r.value for r in records) == [12, 13]
    assert len(conflicts) == 1
    assert conflicts[0].kind == "conflict" and not conflicts[0].passed
    assert "12" in conflicts[0].detail and "13" in conflicts[0].detail


def test_build_applicants_are_separate_keys(taxonomy):
    records, conflicts = build_records(
        [mention(1, "request.new", 3, applicant="natural_person"), mention(5, "request.new", 4)], taxonomy
    )
    assert len(records) == 2 and conflicts == []


def test_build_blank_cell_does_not_conflict_with_stated_value(taxonomy):
    records, conflicts = build_records(
        [mention(1, "review.total", 0, blank=True), mention(9, "review.total", 2, source="rule")], taxonomy
    )
    assert conflicts == []
    assert {(r.value, r.blank) for r in records} == {(0, True), (2, False)}


def test_build_records_follow_taxonomy_order(taxonomy):
    records, _ = build_records(
        [mention(1, "training.trainees", 30), mention(9, "proactive.total", 171)], taxonomy
    )
    assert [r.indicator for r in records] == ["proactive.total", "training.trainees"]


def test_build_approx_comes_from_stated_mentions(taxonomy):
    records, _ = build_records([mention(1, "proactive.total", 1100, approx=True, source="rule")], taxonomy)
    assert records[0].approx is True


@pytest.mark.parametrize("values", [(0.38, 0.38), (1, 1.0)])
def test_build_equal_numbers_of_different_types_merge(taxonomy, values):
    a, b = values
    records, conflicts = build_records([mention(1, "fees.collected", a), mention(9, "fees.collected", b)], taxonomy)
    assert len(records) == 1 and conflicts == []
