"""The consistency checks over what the table rules read: the seeds' tables
agree with themselves; the real inconsistencies of the seeds are flagged."""
from __future__ import annotations

import pytest

from gikp_nlp.config import load_config
from gikp_nlp.records import build_records, run_checks
from tests.conftest import SEED_IDS


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_tables_checks_seed_tables_are_consistent(seed_id, seed_texts, read_text, taxonomy):
    """Every rule the seeds' tables allow (sums, table 三 balance, row totals) passes
    on the table cells alone: a failing check on a seed would be a parser error."""
    records, conflicts = build_records(list(read_text(seed_texts[seed_id]).mentions), taxonomy)
    checks = run_checks(records, taxonomy, load_config().records)
    assert not conflicts
    assert [c for c in checks if not c.passed] == []


def test_tables_checks_seed004_table3_balances(seed_texts, read_text, taxonomy):
    records, _ = build_records(list(read_text(seed_texts["seed-004"]).mentions), taxonomy)
    checks = run_checks(records, taxonomy, load_config().records)
    balance = {c.applicant for c in checks if c.rule == "identity:request.balance"}
    assert balance == {"natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org",
                       "total"}
    assert sum(c.kind == "row_total" for c in checks) == 23  # one per table 三 row with values


@pytest.mark.parametrize("seed_id, indicator, values", [
    ("seed-000", "litigation.total", {0.0, 1.0}),   # table 五、行政诉讼数量 1 vs 没有…行政诉讼
    ("seed-003", "litigation.other", {1.0, 3.0}),   # table (三)其他情形数 3 vs 其他情形1件
])
def test_tables_checks_real_inconsistencies_flagged(seed_id, indicator, values, seed_texts):
    from gikp_nlp.pipeline import Extractor

    report = Extractor(load_config(overrides={"narrative.engine": "rules"})).extract(seed_texts[seed_id])
    flagged = [c for c in report.failed_checks if c.indicator == indicator]
    assert flagged and {flagged[0].expected, flagged[0].actual} == values
    table_keys = {(m.indicator, m.applicant) for m in report.mentions if m.source == "table"}
    assert (indicator, "total") in table_keys
