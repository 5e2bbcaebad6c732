"""Gold documents ↔ Label Studio tasks (JSON export format), lossless both ways.

One region per mention (or implicit zero). A region is several results that
share one ``id`` (Label Studio's per-region controls):

- ``indicator`` (``labels``): value.start/end/text and ``labels: [indicator id]``;
- ``applicant`` (``choices``, per region): one applicant id;
- ``value`` (``textarea``, per region): the number as read, JSON-encoded
  (``"171"``, ``"0.38"``), so int/float survive the round trip;
- ``flags`` (``choices``, per region): ``approx`` and/or ``implicit``; an
  implicit zero's region is its evidence span;
- ``note`` (``textarea``, per region): the annotator's note, when there is one.

Pre-annotations may also carry ``evidence`` regions (the phrase naming the
indicator) and ``relation`` results; they are checked and not part of gold.
annotations/README.md documents the same representation for annotators.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gikp_nlp.annotations.errors import BadValueError, MalformedTaskError, SpanRangeError, UnknownLabelError
from gikp_nlp.annotations.gold import (
    DOC_ID,
    GoldDocument,
    GoldImplicit,
    GoldMention,
    check_labels,
    check_overlaps,
    check_span,
    is_number,
)
from gikp_nlp.numbers import parse_number
from gikp_nlp.schema.taxonomy import Taxonomy

logger = logging.getLogger(__name__)

#: control names of the labeling config (gikp_nlp.labelstudio.config writes the same names).
TO_NAME = "text"
INDICATOR = "indicator"
APPLICANT = "applicant"
VALUE = "value"
FLAGS = "flags"
NOTE = "note"
EVIDENCE = "evidence"
FLAG_APPROX = "approx"
FLAG_IMPLICIT = "implicit"
EVIDENCE_LABEL = "evidence"
RELATION_TYPE = "relation"
#: task-level meta keys (guidelines: source, year, agency, form) plus the document id.
META_KEYS: tuple[str, ...] = ("doc_id", "source", "year", "agency", "form")


def _region_ids(prefix: str, n: int) -> list[str]:
    width = max(3, len(str(n)))
    return [f"{prefix}{i:0{width}d}" for i in range(n)]


def _results(rid: str, start: int, end: int, text: str, label_from: str, label: str, applicant: str,
             value: int | float, flags: list[str], note: str | None) -> list[dict[str, Any]]:
    span = {"start": start, "end": end, "text": text}

    def item(from_name: str, typ: str, extra: dict[str, Any]) -> dict[str, Any]:
        return {"id": rid, "from_name": from_name, "to_name": TO_NAME, "type": typ, "origin": "manual",
                "value": {**span, **extra}}

    out = [
        item(label_from, "labels", {"labels": [label]}),
        item(APPLICANT, "choices", {"choices": [applicant]}),
        item(VALUE, "textarea", {"text": [json.dumps(value)]}),
    ]
    if flags:
        out.append(item(FLAGS, "choices", {"choices": flags}))
    if note is not None:
        out.append(item(NOTE, "textarea", {"text": [note]}))
    return out


def gold_to_results(doc: GoldDocument) -> list[dict[str, Any]]:
    """The annotation ``result`` list for a gold document (mentions first, then implicit zeros)."""
    results: list[dict[str, Any]] = []
    for rid, m in zip(_region_ids("m", len(doc.mentions)), doc.mentions):
        results += _results(rid, m.start, m.end, m.text, INDICATOR, m.indicator, m.applicant, m.value,
                            [FLAG_APPROX] if m.approx else [], m.note)
    for rid, z in zip(_region_ids("z", len(doc.implicit)), doc.implicit):
        results += _results(rid, z.evidence[0], z.evidence[1], z.evidence_text, INDICATOR, z.indicator,
                            z.applicant, z.value, [FLAG_IMPLICIT], z.note)
    return results


def gold_to_task(doc: GoldDocument) -> dict[str, Any]:
    """A Label Studio task (export format) holding ``doc`` as one ground-truth annotation."""
    return {
        "data": {"text": doc.text, "doc_id": doc.id, "left_out": list(doc.left_out)},
        "meta": {"doc_id": doc.id, "source": doc.source, "year": doc.year, "agency": doc.agency, "form": doc.form},
        "annotations": [{"result": gold_to_results(doc), "was_cancelled": False, "ground_truth": True}],
        "predictions": [],
    }


def task_ref(task: Mapping[str, Any]) -> str:
    """How messages name a task: its document id and, for server tasks, the task id."""
    data = task.get("data") if isinstance(task.get("data"), Mapping) else {}
    meta = task.get("meta") if isinstance(task.get("meta"), Mapping) else {}
    doc_id = meta.get("doc_id") or data.get("doc_id")
    parts = [f"task {doc_id!r}" if doc_id else "task"]
    if task.get("id") is not None:
        parts.append(f"(Label Studio id {task['id']})")
    return " ".join(parts)


def pick_annotation(task: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The annotation that counts: not cancelled; ground truth first, then the latest."""
    candidates = [a for a in task.get("annotations") or () if isinstance(a, Mapping) and not a.get("was_cancelled")]
    if not candidates:
        return None
    return max(candidates, key=lambda a: (bool(a.get("ground_truth")), str(a.get("updated_at") or ""),
                                          a.get("id") if isinstance(a.get("id"), int) else -1))


@dataclass
class _Region:
    rid: str
    span: tuple[int, int] | None = None
    text: str | None = None
    label_from: str | None = None
    label: str | None = None
    applicant: str | None = None
    value: str | None = None
    flags: tuple[str, ...] = ()
    note: str | None = None


def _single(items: object, where: str, what: str) -> str:
    if not isinstance(items, list) or len(items) != 1 or not isinstance(items[0], str):
        raise MalformedTaskError(f"{where}: {what} must hold exactly one string, got {items!r}",
                                 hint="a region carries one indicator label, one applicant, one value")
    return items[0]


def utf16_to_codepoints(text: str) -> dict[int, int]:
    """UTF-16 code-unit offset → code-point offset, for every character boundary of ``text``."""
    out, units = {}, 0
    for i, ch in enumerate(text):
        out[units] = i
        units += 2 if ord(ch) > 0xFFFF else 1
    out[units] = len(text)
    return out


def _from_utf16(value: Mapping[str, Any], table: dict[int, int], where: str) -> dict[str, Any]:
    converted = dict(value)
    for key in ("start", "end"):
        offset = value.get(key)
        if isinstance(offset, int) and not isinstance(offset, bool):
            if offset not in table:
                raise SpanRangeError(f"{where}: UTF-16 offset {key}={offset} is not a character boundary of the text",
                                     hint="the region splits a surrogate pair or lies outside the text")
            converted[key] = table[offset]
    return converted


def _collect(results: Sequence[Any], text: str, where: str, utf16_offsets: bool = False) -> list[_Region]:
    """Group results by region id (first-seen order), checking every span."""
    regions: dict[str, _Region] = {}
    table = utf16_to_codepoints(text) if utf16_offsets else None
    for n, res in enumerate(results):
        if not isinstance(res, Mapping):
            raise MalformedTaskError(f"{where}, result {n}: expected an object")
        if res.get("type") == RELATION_TYPE:
            continue
        rid = res.get("id")
        value = res.get("value")
        if not isinstance(rid, str) or not isinstance(value, Mapping):
            raise MalformedTaskError(f"{where}, result {n}: a region result needs a string 'id' and a 'value'")
        rw = f"{where}, region {rid!r}"
        region = regions.setdefault(rid, _Region(rid))
        if table is not None:
            value = _from_utf16(value, table, rw)
        if "start" in value or "end" in value:
            # a per-region textarea keeps its typed text in value.text: only labels/choices state the span text
            stored = value.get("text")
            if not isinstance(stored, str):
                start, end = value.get("start"), value.get("end")
                ok = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
                stored = text[start:end] if ok else None
            span = check_span(text, value.get("start"), value.get("end"), stored, rw)
            if region.span is not None and region.span != span:
                raise MalformedTaskError(f"{rw}: results of one region have different spans {region.span} and {span}")
            region.span = span
            region.text = text[span[0]:span[1]]
        from_name, typ = res.get("from_name"), res.get("type")
        if typ == "labels" and from_name in (INDICATOR, EVIDENCE):
            region.label_from, region.label = from_name, _single(value.get("labels"), rw, "labels")
        elif typ == "choices" and from_name == APPLICANT:
            region.applicant = _single(value.get("choices"), rw, "applicant choices")
        elif typ == "textarea" and from_name == VALUE:
            region.value = _single(value.get("text"), rw, "the value text")
        elif typ == "choices" and from_name == FLAGS:
            flags = value.get("choices")
            if not isinstance(flags, list) or not set(flags) <= {FLAG_APPROX, FLAG_IMPLICIT}:
                raise UnknownLabelError(f"{rw}: unknown flags {flags!r}",
                                        hint=f"flags are {FLAG_APPROX!r} and {FLAG_IMPLICIT!r}")
            region.flags = tuple(flags)
        elif typ == "textarea" and from_name == NOTE:
            texts = value.get("text")
            if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
                raise MalformedTaskError(f"{rw}: note must be a list of strings")
            region.note = "\n".join(texts)
        else:
            raise UnknownLabelError(f"{rw}: unknown control {from_name!r} of type {typ!r}",
                                    hint="use the labeling config from `gikp labelstudio config`")
    return list(regions.values())


def _parse_value(region: _Region, implicit: bool, where: str) -> int | float:
    if region.value is None:  # an annotator may leave the value box empty: read the span
        if implicit:
            return 0
        parsed = parse_number(region.text or "")
        if parsed is None:
            raise BadValueError(f"{where}: no value given and {region.text!r} is not a number",
                                hint="type the value in the region's value box")
        return parsed
    try:
        value = json.loads(region.value)
    except json.JSONDecodeError:
        value = parse_number(region.value)
    if not is_number(value):
        raise BadValueError(f"{where}: value {region.value!r} is not a number",
                            hint="type the number as read, e.g. 171 or 0.38 (money in the indicator's unit)")
    return value


def task_meta(task: Mapping[str, Any]) -> dict[str, Any]:
    """Task-level meta (fallback: ``data``), so tasks whose meta was dropped still convert."""
    meta = task.get("meta") if isinstance(task.get("meta"), Mapping) else {}
    data = task.get("data") if isinstance(task.get("data"), Mapping) else {}
    return {key: meta.get(key, data.get(key)) for key in META_KEYS}


def task_to_gold(task: Mapping[str, Any], taxonomy: Taxonomy, *, annotation: Mapping[str, Any] | None = None,
                 doc_id: str | None = None, utf16_offsets: bool = False) -> GoldDocument:
    """The gold document of a task's annotation (see :func:`pick_annotation`).

    Raises an AnnotationError subclass naming the task and region for any
    bad span, unknown label, bad value or overlap. ``utf16_offsets=True``
    reads start/end as UTF-16 code units (what a JavaScript front end counts
    for emoji / CJK Ext-B characters) and converts them to code points.
    """
    where = task_ref(task)
    data = task.get("data")
    if not isinstance(data, Mapping) or not isinstance(data.get("text"), str):
        raise MalformedTaskError(f"{where}: task has no data.text", hint="tasks are {'data': {'text': ...}, ...}")
    text = data["text"]
    meta = task_meta(task)
    doc_id = doc_id or meta["doc_id"]
    if not isinstance(doc_id, str) or not DOC_ID.fullmatch(doc_id):
        raise MalformedTaskError(f"{where}: missing or unsafe document id {doc_id!r} (meta.doc_id or data.doc_id)",
                                 hint="a document id is a file name stem: letters, digits, '.', '_', '-'")
    if annotation is None:
        annotation = pick_annotation(task)
    if annotation is None:
        raise MalformedTaskError(f"{where}: task has no (non-cancelled) annotation",
                                 hint="annotate and submit it in Label Studio, or leave it out")
    results = annotation.get("result")
    if not isinstance(results, list):
        raise MalformedTaskError(f"{where}: annotation has no result list")
    mentions: list[GoldMention] = []
    mention_ids: list[str] = []
    implicit: list[GoldImplicit] = []
    for region in _collect(results, text, where, utf16_offsets):
        rw = f"{where}, region {region.rid!r}"
        if region.span is None or region.label is None:
            raise MalformedTaskError(f"{rw}: per-region fields without a labelled span",
                                     hint="every region needs an indicator label over a span of the text")
        if region.label_from == EVIDENCE:
            if region.label != EVIDENCE_LABEL:
                raise UnknownLabelError(f"{rw}: unknown evidence label {region.label!r}")
            continue  # the phrase naming an indicator: pre-annotation context, not gold
        applicant = region.applicant or "total"
        check_labels(taxonomy, region.label, applicant, rw)
        is_implicit = FLAG_IMPLICIT in region.flags
        value = _parse_value(region, is_implicit, rw)
        if is_implicit:
            if FLAG_APPROX in region.flags:
                raise BadValueError(f"{rw}: an implicit zero cannot be approximate")
            implicit.append(GoldImplicit(region.label, applicant, value, region.span, region.text or "", region.note))
        else:
            mentions.append(GoldMention(region.span[0], region.span[1], region.text or "", region.label, applicant,
                                        value, FLAG_APPROX in region.flags, region.note))
            mention_ids.append(repr(region.rid))
    check_overlaps(mentions, where, mention_ids)
    left_out = data.get("left_out") or ()
    if isinstance(left_out, str) or not all(isinstance(x, str) for x in left_out):
        raise BadValueError(f"{where}: data.left_out must be a list of strings")
    year = meta["year"]
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise BadValueError(f"{where}: meta.year must be an integer or null, got {year!r}")
    return GoldDocument(id=doc_id, source=meta["source"], year=year, agency=meta["agency"], form=meta["form"],
                        text=text, mentions=tuple(mentions), implicit=tuple(implicit), left_out=tuple(left_out))


def load_tasks(obj: Any, where: str) -> list[Mapping[str, Any]]:
    """Tasks from parsed JSON: a list of tasks (export format) or one task."""
    if isinstance(obj, Mapping):
        return [obj]
    if isinstance(obj, list) and all(isinstance(t, Mapping) for t in obj):
        return obj
    raise MalformedTaskError(f"{where}: expected a Label Studio task or a list of tasks")
