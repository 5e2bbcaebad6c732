"""Pre-annotation: a Report's mentions become predictions the converter reads back."""
from __future__ import annotations

import copy

import pytest

from gikp_nlp.annotations import task_to_gold
from gikp_nlp.errors import LabelStudioError
from gikp_nlp.labelstudio.predict import report_to_task
from gikp_nlp.records import build_records
from gikp_nlp.report import Mention, Report
from gikp_nlp.schema import get_taxonomy

TEXT = "本年度主动公开政府信息1100余条，收到申请12件，其中自然人申请8件。未收取费用。"


def _at(sub, start=0):
    i = TEXT.index(sub, start)
    return i, i + len(sub)


def _mentions():
    s1, e1 = _at("1100")
    ev1 = _at("主动公开政府信息")
    s2, e2 = _at("12")
    s3, e3 = _at("8")
    z = _at("未收取费用")
    return [
        Mention(s1, e1, "1100", "proactive.total", 1100, approx=True, confidence=0.9, evidence=ev1,
                evidence_text=TEXT[ev1[0]:ev1[1]], source="model"),
        Mention(s2, e2, "12", "request.new", 12, confidence=0.8),
        Mention(s3, e3, "8", "request.new", 8, applicant="natural_person", confidence=0.7),
        Mention(z[0], z[1], "未收取费用", "fees.collected", 0, implicit=True, evidence=z, evidence_text="未收取费用"),
        # a blank table cell has no characters to show: left out of the task
        Mention(5, 5, "", "org.budget", 0, implicit=True, blank=True),
        # overlapping, less confident than 1100: left out
        Mention(s1, s1 + 2, "11", "proactive.channel.website", 11, confidence=0.1),
    ]


def _report(mentions):
    records, _ = build_records(mentions, get_taxonomy())
    return Report(text=TEXT, records=tuple(records), source="tiny.txt")


def test_labelstudio_predict_task_has_predictions_with_scores_and_version():
    task = report_to_task(_report(_mentions()), doc_id="tiny", engine="model")
    assert task["data"]["text"] == TEXT and task["meta"]["doc_id"] == "tiny"
    (pred,) = task["predictions"]
    assert pred["model_version"].endswith("model")
    labels = [r for r in pred["result"] if r.get("from_name") == "indicator"]
    assert sorted(r["value"]["text"] for r in labels) == sorted(["1100", "12", "8", "未收取费用"])
    assert all(0 <= r["score"] <= 1 for r in labels)
    assert pred["score"] == pytest.approx(sum(r["score"] for r in labels) / len(labels))


def test_labelstudio_predict_evidence_region_and_relation():
    task = report_to_task(_report(_mentions()), doc_id="tiny")
    result = task["predictions"][0]["result"]
    evidence = [r for r in result if r.get("from_name") == "evidence"]
    assert [r["value"]["text"] for r in evidence] == ["主动公开政府信息"]
    (rel,) = [r for r in result if r.get("type") == "relation"]
    target = next(r for r in result if r.get("id") == rel["to_id"] and r.get("from_name") == "indicator")
    assert rel["from_id"] == evidence[0]["id"] and target["value"]["text"] == "1100"


def test_labelstudio_predict_accepted_prediction_converts_to_gold(taxonomy):
    task = report_to_task(_report(_mentions()), doc_id="tiny")
    # an annotator accepts the prediction as is: Label Studio copies its result into an annotation
    task["annotations"] = [{"id": 1, "result": copy.deepcopy(task["predictions"][0]["result"])}]
    doc = task_to_gold(task, taxonomy)
    assert [(m.text, m.indicator, m.applicant, m.value, m.approx) for m in doc.mentions] == [
        ("1100", "proactive.total", "total", 1100, True),
        ("12", "request.new", "total", 12, False),
        ("8", "request.new", "natural_person", 8, False),
    ]
    assert [(z.indicator, z.value, z.evidence_text) for z in doc.implicit] == [("fees.collected", 0, "未收取费用")]
    for m in doc.mentions:
        assert TEXT[m.start:m.end] == m.text


def test_labelstudio_predict_rejects_a_mention_off_the_text():
    bad = [Mention(0, 2, "99", "proactive.total", 99)]
    with pytest.raises(LabelStudioError, match="does not match"):
        report_to_task(_report(bad), doc_id="bad")
