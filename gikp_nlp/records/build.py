"""Merge mentions into records.

Same (indicator, applicant, value) → one record with every mention that states
it. Different values for one (indicator, applicant) → all kept, and a
``conflict`` check says so: the library reports disagreements, it never picks.
"""
from __future__ import annotations

from collections import defaultdict

from gikp_nlp.report import CheckResult, Mention, Record
from gikp_nlp.schema import Taxonomy


def _value_key(value: int | float) -> int | float:
    return round(float(value), 6)


def build_records(mentions: list[Mention], taxonomy: Taxonomy) -> tuple[list[Record], list[CheckResult]]:
    grouped: dict[tuple[str, str, float], list[Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[(mention.indicator, mention.applicant, _value_key(mention.value))].append(mention)
    records = []
    for (indicator, applicant, _), group in grouped.items():
        group.sort(key=lambda m: (m.start, m.end))
        ind = taxonomy[indicator]
        stated = [m for m in group if not m.blank]
        records.append(
            Record(
                indicator=indicator,
                label=ind.label,
                applicant=applicant,
                value=group[0].value,
                unit=ind.unit,
                approx=any(m.approx for m in stated) if stated else False,
                implicit=all(m.implicit for m in group),
                blank=not stated,
                mentions=tuple(group),
            )
        )
    order = {ind_id: i for i, ind_id in enumerate(taxonomy.ids)}
    records.sort(key=lambda r: (order[r.indicator], r.applicant, r.mentions[0].start))

    by_key: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in records:
        if not record.blank:
            by_key[record.key].append(record)
    conflicts = []
    for (indicator, applicant), group in by_key.items():
        if len(group) < 2:
            continue
        values = ", ".join(
            f"{r.value} ({'+'.join(r.sources)} at {r.mentions[0].start})" for r in group
        )
        conflicts.append(
            CheckResult(
                rule=f"conflict:{indicator}",
                kind="conflict",
                passed=False,
                indicator=indicator,
                applicant=applicant,
                expected=float(group[0].value),
                actual=float(group[1].value),
                detail=f"{indicator}/{applicant} is stated with different values: {values}",
            )
        )
    return records, conflicts
