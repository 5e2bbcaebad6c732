"""Scoring: micro P/R/F1, seqeval strict entity report, a perfect tagger scores 1."""
from __future__ import annotations

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

    def tag(self, text, spans):  # noqa: ANN001
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
