"""The narrative scorer, and the baseline's figures on the real gold corpus as a regression guard."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gikp_nlp.config import load_config
from gikp_nlp.narrative.evaluate import evaluate, pipeline_regions
from gikp_nlp.narrative.rules import RuleTagger
from gikp_nlp.report import Mention

GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "gold"


class _Fixed:
    def __init__(self, mentions):
        self.mentions = mentions

    def tag(self, text, spans):
        return self.mentions


def test_evaluate_counts_exact_spans_records_and_implicit(taxonomy):
    text = "收到申请3件。未发生行政复议。"
    gold = {"id": "x", "form": "narrative", "text": text,
            "mentions": [{"start": 4, "end": 5, "indicator": "request.new", "applicant": "total", "value": 3}],
            "implicit": [{"indicator": "review.total", "applicant": "total", "value": 0, "evidence": [7, 13]}]}
    wrong_span = Mention(3, 5, text[3:5], "request.new", 3)
    score = evaluate([gold], _Fixed([wrong_span]), taxonomy)
    assert (score.mentions.tp, score.mentions.fp, score.mentions.fn) == (0, 1, 1)
    assert (score.records.tp, score.records.fp, score.records.fn) == (1, 0, 0)
    assert score.implicit.tp == 1 and score.implicit.precision == 1.0


def test_evaluate_skips_table_documents_without_regions(taxonomy):
    gold = {"id": "t", "form": "new_table", "text": "表", "mentions": [], "implicit": []}
    score = evaluate([gold], _Fixed([]), taxonomy)
    assert score.skipped == ["t"] and score.documents == []


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/corpus/gold not beside the repo")
def test_evaluate_baseline_precision_on_gold_narratives(taxonomy):
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    tagger = RuleTagger(taxonomy, load_config().narrative)
    score = evaluate(golds, tagger, taxonomy)
    assert len(score.documents) >= 30
    # a baseline that favours precision: guard it against regressions
    assert score.mentions.precision >= 0.9 and score.records.precision >= 0.9
    assert score.mentions.recall >= 0.6
    assert score.implicit.precision >= 0.9 and score.implicit.recall >= 0.8


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/corpus/gold not beside the repo")
def test_evaluate_all_gold_documents_with_pipeline_tables(taxonomy):
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    config = load_config(overrides={"narrative.engine": "rules"})
    score = evaluate(golds, RuleTagger(taxonomy, config.narrative), taxonomy,
                     regions=pipeline_regions(config, taxonomy))
    assert not score.skipped and len(score.documents) == len(golds)
    assert score.mentions.precision >= 0.9 and score.records.precision >= 0.9
