"""Every way an annotation can be wrong gives its own error naming task and region."""
from __future__ import annotations

import copy

import pytest

from gikp_nlp.annotations import (
    BadValueError,
    GoldDocument,
    MalformedTaskError,
    OverlapError,
    SpanRangeError,
    SpanTextMismatchError,
    UnknownLabelError,
    gold_to_task,
    task_to_gold,
)
from gikp_nlp.errors import AnnotationError, GikpError

TEXT = "本年度主动公开政府信息171条，收到申请12件，未收取费用。"


def _doc(taxonomy, text=TEXT):
    start = text.index("171")
    req = text.index("12件")
    fee = text.index("未收取费用")
    return GoldDocument.from_dict({
        "id": "tiny", "source": "test", "year": 2020, "agency": None, "form": "narrative", "text": text,
        "mentions": [
            {"start": start, "end": start + 3, "text": "171", "indicator": "proactive.total",
             "applicant": "total", "value": 171, "approx": False},
            {"start": req, "end": req + 2, "text": "12", "indicator": "request.new",
             "applicant": "natural_person", "value": 12, "approx": True, "note": "n"},
        ],
        "implicit": [{"indicator": "fees.collected", "applicant": "total", "value": 0,
                      "evidence": [fee, fee + 5], "evidence_text": "未收取费用"}],
        "left_out": [],
    }, taxonomy)


@pytest.fixture
def task(taxonomy):
    return gold_to_task(_doc(taxonomy))


def _results(task):
    return task["annotations"][0]["result"]


def _region(task, rid):
    return [r for r in _results(task) if r["id"] == rid]


def test_annotations_errors_valid_tiny_task_round_trips(task, taxonomy):
    assert task_to_gold(task, taxonomy) == _doc(taxonomy)


def test_annotations_errors_out_of_range_span(task, taxonomy):
    for res in _region(task, "m000"):
        res["value"]["end"] = len(TEXT) + 5
    with pytest.raises(SpanRangeError, match=r"task 'tiny'.*region 'm000'"):
        task_to_gold(task, taxonomy)


def test_annotations_errors_empty_or_non_integer_span(task, taxonomy):
    bad = copy.deepcopy(task)
    _results(bad)[0]["value"]["start"] = "3"
    with pytest.raises(SpanRangeError):
        task_to_gold(bad, taxonomy)
    for res in _region(task, "m001"):
        res["value"]["end"] = res["value"]["start"]
    with pytest.raises(SpanRangeError, match="region 'm001'"):
        task_to_gold(task, taxonomy)


def test_annotations_errors_text_mismatch(task, taxonomy):
    _results(task)[0]["value"]["text"] = "172"
    with pytest.raises(SpanTextMismatchError, match=r"region 'm000'.*'171'.*'172'"):
        task_to_gold(task, taxonomy)


def test_annotations_errors_utf16_offsets_are_diagnosed(taxonomy):
    text = "😀𠀀" + TEXT  # an emoji and a CJK Ext-B character: 2 UTF-16 units each
    task = gold_to_task(_doc(taxonomy, text))
    for res in _results(task):  # shift every offset as a UTF-16 based tool would
        res["value"]["start"] += 2
        res["value"]["end"] += 2
    with pytest.raises(SpanTextMismatchError, match="UTF-16"):
        task_to_gold(task, taxonomy)


def test_annotations_errors_overlapping_regions(task, taxonomy):
    for res in _region(task, "m001"):  # stretch 12 back over 171's last digit
        res["value"]["start"] = TEXT.index("171") + 2
        if res["type"] != "textarea":
            res["value"]["text"] = TEXT[res["value"]["start"]:res["value"]["end"]]
    with pytest.raises(OverlapError, match=r"'m000'.*'m001'"):
        task_to_gold(task, taxonomy)


def test_annotations_errors_implicit_evidence_may_share_a_span(task, taxonomy):
    clone = [dict(r, id="z999") for r in _region(task, "z000")]
    clone[0] = {**clone[0], "value": {**clone[0]["value"], "labels": ["org.budget"]}}
    _results(task).extend(clone)
    doc = task_to_gold(task, taxonomy)
    assert [z.indicator for z in doc.implicit] == ["fees.collected", "org.budget"]


def test_annotations_errors_unknown_indicator_label(task, taxonomy):
    _results(task)[0]["value"]["labels"] = ["proactive.everything"]
    with pytest.raises(UnknownLabelError, match=r"region 'm000'.*proactive.everything"):
        task_to_gold(task, taxonomy)


def test_annotations_errors_unknown_applicant_flag_and_control(task, taxonomy):
    cases = []
    for field, new in (("choices", ["martian"]), ("flags", ["maybe"])):
        bad = copy.deepcopy(task)
        target = "applicant" if field == "choices" else "flags"
        res = next(r for r in _results(bad) if r["from_name"] == target)
        res["value"]["choices"] = new
        cases.append(bad)
    bad = copy.deepcopy(task)
    _results(bad)[1]["from_name"] = "sentiment"
    cases.append(bad)
    for bad in cases:
        with pytest.raises(UnknownLabelError, match="region"):
            task_to_gold(bad, taxonomy)


def test_annotations_errors_bad_value(task, taxonomy):
    res = next(r for r in _region(task, "m000") if r["from_name"] == "value")
    res["value"]["text"] = ["lots"]
    with pytest.raises(BadValueError, match="region 'm000'"):
        task_to_gold(task, taxonomy)


def test_annotations_errors_missing_value_is_read_from_the_span(task, taxonomy):
    task["annotations"][0]["result"] = [r for r in _results(task) if r["from_name"] != "value"]
    doc = task_to_gold(task, taxonomy)
    assert [m.value for m in doc.mentions] == [171, 12]
    assert [z.value for z in doc.implicit] == [0]


def test_annotations_errors_structure(task, taxonomy):
    no_ann = dict(task, annotations=[{"result": [], "was_cancelled": True}])
    with pytest.raises(MalformedTaskError, match="no .*annotation"):
        task_to_gold(no_ann, taxonomy)
    orphan = copy.deepcopy(task)
    orphan["annotations"][0]["result"] = [r for r in _results(orphan) if r["from_name"] != "indicator"]
    with pytest.raises(MalformedTaskError, match="region 'm000'"):
        task_to_gold(orphan, taxonomy)
    with pytest.raises(MalformedTaskError):
        task_to_gold({"data": {}}, taxonomy)


def test_annotations_errors_are_gikp_errors_with_a_fix(task, taxonomy):
    _results(task)[0]["value"]["text"] = "999"
    with pytest.raises(AnnotationError) as info:
        task_to_gold(task, taxonomy)
    assert isinstance(info.value, GikpError) and "Fix:" in str(info.value)


def test_annotations_errors_gold_dict_checks(taxonomy):
    good = _doc(taxonomy).to_dict()
    bad = copy.deepcopy(good)
    bad["mentions"][0]["text"] = "17"
    with pytest.raises(SpanTextMismatchError, match="gold document 'tiny', mention 0"):
        GoldDocument.from_dict(bad, taxonomy)
    bad = copy.deepcopy(good)
    bad["implicit"][0]["indicator"] = "nope"
    with pytest.raises(UnknownLabelError, match="implicit 0"):
        GoldDocument.from_dict(bad, taxonomy)
    bad = dict(good, extra_key=1)
    with pytest.raises(MalformedTaskError, match="extra_key"):
        GoldDocument.from_dict(bad, taxonomy)


def test_annotations_errors_latest_non_cancelled_annotation_wins(task, taxonomy):
    older = copy.deepcopy(task["annotations"][0])
    newer = copy.deepcopy(task["annotations"][0])
    older.update(id=1, ground_truth=False, updated_at="2026-01-01T00:00:00Z")
    newer.update(id=2, ground_truth=False, updated_at="2026-02-01T00:00:00Z")
    newer["result"] = [r for r in newer["result"] if r["id"] != "m000"]
    cancelled = dict(copy.deepcopy(older), id=3, was_cancelled=True, updated_at="2026-03-01T00:00:00Z")
    task["annotations"] = [older, newer, cancelled]
    assert [m.text for m in task_to_gold(task, taxonomy).mentions] == ["12"]


def test_annotations_errors_utf16_offsets_convert_when_asked(taxonomy):
    text = "😀𠀀" + TEXT
    doc = _doc(taxonomy, text)
    task = gold_to_task(doc)
    for res in _results(task):
        res["value"]["start"] += 2
        res["value"]["end"] += 2
    assert task_to_gold(task, taxonomy, utf16_offsets=True) == doc
    _results(task)[0]["value"]["start"] = 1  # inside the emoji's surrogate pair
    with pytest.raises(SpanRangeError, match="boundary"):
        task_to_gold(task, taxonomy, utf16_offsets=True)


def test_annotations_errors_unsafe_document_id(task, taxonomy):
    task["meta"]["doc_id"] = "../outside"
    with pytest.raises(MalformedTaskError, match="unsafe"):
        task_to_gold(task, taxonomy)
