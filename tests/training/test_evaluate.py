"""The one scorer: micro P/R/F1, seqeval strict entity report, Reports against gold, bootstrap intervals."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gikp_nlp.training.evaluate import evaluate_tagger, prf, seqeval_report, set_prf
from gikp_nlp.report import Mention

DOC = {"id": "t1", "text": "主动公开政府信息171条，收到申请3件。",
       "mentions": [{"start": 8, "end": 11, "text": "171", "indicator": "proactive.total", "applicant": "total",
                     "value": 171, "approx": False},
                    {"start": 17, "end": 18, "text": "3", "indicator": "request.new", "applicant": "total",
                     "value": 3, "approx": False}],
       "implicit": []}


class GoldTagger:
    def __init__(self, drop_last: bool = False) -> None:
        self.drop_last = drop_last

    def tag(self, text, spans, *, folded=None, era=None):  # noqa: ANN001
        ms = [Mention(m["start"], m["end"], m["text"], m["indicator"], m["value"], source="model")
              for m in DOC["mentions"]]
        return ms[:-1] if self.drop_last else ms


def test_evaluate_prf_edges():
    assert prf(0, 0, 0)["f1"] == 1.0
    assert prf(0, 3, 0)["precision"] == 0.0
    assert prf(1, 2, 4) == {"precision": 0.5, "recall": 0.25, "f1": 0.3333, "tp": 1, "predicted": 2, "gold": 4}
    assert set_prf([({1, 2}, {2, 3}), (set(), {4})])["recall"] == 0.3333


def test_evaluate_seqeval_is_strict_entity_level():
    gold = [["B-a", "I-a", "O"]]
    assert seqeval_report(gold, gold)["micro avg"]["f1-score"] == 1.0
    assert seqeval_report(gold, [["I-a", "I-a", "O"]])["micro avg"]["f1-score"] == 0.0  # strict: no B, no entity


def test_evaluate_tagger_perfect_and_partial():
    perfect = evaluate_tagger(GoldTagger(), [DOC])["summary"]
    assert perfect["mention_f1"] == 1.0 and perfect["record"]["f1"] == 1.0
    partial = evaluate_tagger(GoldTagger(drop_last=True), [DOC])["summary"]
    assert partial["record"]["recall"] == 0.5 and partial["record"]["precision"] == 1.0


class _Fixed:
    """A narrative tagger that returns the same mentions whatever the text."""

    engine = "fixed"

    def __init__(self, mentions):
        self.mentions = mentions

    def tag(self, text, spans, *, folded=None, era=None):  # noqa: ANN001
        return [m for m in self.mentions if any(s <= m.start < e for s, e in spans)]


def test_evaluate_reports_count_exact_spans_records_and_implicit():
    """A number tagged one character too wide is a wrong mention but a right
    record; the zero stated in words comes from the pipeline's implicit rules."""
    from gikp_nlp.training.evaluate import extract_golds, extractor_with, score_reports

    text = "收到申请3件。未发生行政复议。"
    gold = {"id": "x", "form": "narrative", "text": text,
            "mentions": [{"start": 4, "end": 5, "indicator": "request.new", "applicant": "total", "value": 3}],
            "implicit": [{"indicator": "review.total", "applicant": "total", "value": 0, "evidence": [7, 13]}]}
    extractor = extractor_with(_Fixed([Mention(3, 5, text[3:5], "request.new", 3)]))
    assert extractor.engine == "fixed"
    scores = score_reports(extract_golds(extractor, [gold]))
    assert scores["narrative"]["mention_f1"] == 0.0
    assert scores["narrative"]["record"]["f1"] == 1.0
    assert scores["implicit_zeros"]["tp"] == 1 and scores["implicit_zeros"]["precision"] == 1.0
    assert scores["per_form"]["narrative"]["documents"] == 1 and scores["tables"]["cells"] == 0


def test_evaluate_bootstrap_interval_is_fixed_and_brackets_the_pooled_score():
    from gikp_nlp.training.evaluate import Counts, bootstrap_interval, pooled_prf

    docs = [Counts(3, 4, 5), Counts(0, 1, 2), Counts(5, 5, 5), Counts(2, 3, 2), Counts(1, 1, 4)]
    low, high = bootstrap_interval(docs)
    assert (low, high) == bootstrap_interval(docs)
    assert low < pooled_prf(docs)["f1"] < high
    assert bootstrap_interval([Counts(2, 2, 2)] * 3) == (1.0, 1.0)


GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "gold"


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/corpus/gold not beside the repo")
def test_evaluate_rules_on_every_shared_gold_document():
    """The rules engine over the whole shared gold corpus, each text extracted
    once: a precision-first baseline, guarded against regressions (measured
    2026-11-27 on 454 documents: narrative record P 0.875, table cells 0.996,
    implicit zeros P 0.969, overall record P 0.948)."""
    from gikp_nlp.pipeline import load
    from gikp_nlp.training.evaluate import extract_golds, score_reports

    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    scores = score_reports(extract_golds(load(overrides={"narrative.engine": "rules"}), golds))
    assert sum(f["documents"] for f in scores["per_form"].values()) == len(golds)
    assert scores["narrative"]["record"]["precision"] >= 0.85
    assert scores["tables"]["cell_accuracy"] >= 0.99
    assert scores["implicit_zeros"]["precision"] >= 0.95
    assert scores["overall_record"]["precision"] >= 0.93
    low, high = scores["overall_record_f1_interval95"]
    assert low <= scores["overall_record"]["f1"] <= high


def test_evaluate_record_errors_lists_false_positives_and_negatives():
    from gikp_nlp.training.evaluate import extract_golds, extractor_with, record_errors

    text = "收到申请3件，办结5件。"
    gold = {"id": "e", "form": "narrative", "text": text, "implicit": [],
            "mentions": [{"start": 4, "end": 5, "indicator": "request.new", "applicant": "total", "value": 3}]}
    wrong = Mention(9, 10, "5", "request.carried_over", 5)
    errors = record_errors(extract_golds(extractor_with(_Fixed([wrong])), [gold]))
    assert errors == [{"doc": "e", "fp": ["request.carried_over", "total", 5.0]},
                      {"doc": "e", "fn": ["request.new", "total", 3.0]}]
