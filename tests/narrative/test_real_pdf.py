"""The real 2024 city report (../shared/real-inputs, issue 14): every narrative record, no false failed check."""
from __future__ import annotations

import json

import pytest

from gikp_nlp.narrative.combine import CombinedTagger

from tests.conftest import SHARED

PDF = SHARED / "real-inputs" / "huaian-2024-city-report.pdf"
GOLD = PDF.with_name("huaian-2024-city-report.gold.json")


@pytest.fixture(scope="module")
def gold():
    if not PDF.is_file() or not GOLD.is_file():
        pytest.skip("../shared/real-inputs is not beside the repo")
    return json.loads(GOLD.read_text(encoding="utf-8"))


def narrative(report):
    return {(m.indicator, m.applicant, float(m.value)) for m in report.mentions
            if m.source != "table" and not m.blank and not m.implicit}


@pytest.mark.parametrize("engine", ["auto", "rules"])
def test_real_pdf_every_narrative_record_and_no_failed_check(gold, engine):
    import gikp_nlp

    extractor = gikp_nlp.load(overrides={"narrative.engine": engine})
    if engine == "auto":  # the default engine: the hybrid decided per number by the shipped combiner
        assert isinstance(extractor.narrative_tagger, CombinedTagger)
    report = extractor.extract(str(PDF))
    want = {(r["indicator"], r["applicant"], float(r["value"])) for r in gold["records"] if r["where"] == "narrative"}
    assert len(want) == 19
    got = narrative(report)
    assert want - got == set()  # all 19 found
    assert got - want == set()  # nothing else (the litigation outcomes are not review.*)
    assert report.checks  # the tables' arithmetic is checked ...
    assert [c for c in report.checks if not c.passed] == []  # ... and no check fails (4 false conflicts before)
