"""Pre-annotation: a Report → a Label Studio task whose ``predictions`` are its mentions.

The regions use the converter's representation (gikp_nlp.annotations.tasks),
so an annotator who accepts a prediction submits an annotation the converter
reads back. Each result carries the mention's confidence as ``score``; the
phrase naming the indicator (``Mention.evidence``) becomes an ``evidence``
region linked to the number by a relation.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from gikp_nlp.annotations import tasks as fmt
from gikp_nlp.errors import LabelStudioError
from gikp_nlp.report import Mention, Report

logger = logging.getLogger(__name__)


def model_version(engine: str) -> str:
    from gikp_nlp import __version__

    return f"gikp-nlp-{__version__}-{engine}"


def _keep(mentions: Iterable[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Mentions a region can show: not blank (a blank cell has no characters), and no
    two number regions overlapping (the more confident wins; the other is logged)."""
    kept: list[Mention] = []
    dropped: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-m.confidence, m.start, m.end)):
        if m.blank or m.end <= m.start:
            dropped.append(m)
            continue
        if not m.implicit and any(not k.implicit and m.start < k.end and k.start < m.end for k in kept):
            dropped.append(m)
            continue
        kept.append(m)
    kept.sort(key=lambda m: (m.implicit, m.start, m.end))
    return kept, dropped


def _result(rid: str, m_start: int, m_end: int, text: str, from_name: str, typ: str, extra: dict[str, Any],
            score: float) -> dict[str, Any]:
    return {"id": rid, "from_name": from_name, "to_name": fmt.TO_NAME, "type": typ, "origin": "prediction",
            "score": score, "value": {"start": m_start, "end": m_end, "text": text, **extra}}


def prediction_results(report: Report) -> list[dict[str, Any]]:
    """Result items for every showable mention of ``report``."""
    kept, dropped = _keep(report.mentions)
    if dropped:
        logger.info("pre-annotation leaves out %d blank or overlapping mention(s) of %s", len(dropped),
                    report.source or "the report")
    results: list[dict[str, Any]] = []
    evidence_ids: dict[tuple[int, int], str] = {}
    text = report.text
    for n, m in enumerate(kept):
        if text[m.start:m.end] != m.text:  # the project invariant; a broken stage must not poison a task
            raise LabelStudioError(f"mention {m.indicator} [{m.start},{m.end}) text {m.text!r} does not match the report",
                                   hint="a pipeline stage broke the offset invariant: report it as a bug")
        rid = f"p{n:04d}"
        span_text = text[m.start:m.end]
        flags = [f for f, on in ((fmt.FLAG_APPROX, m.approx), (fmt.FLAG_IMPLICIT, m.implicit)) if on]
        results.append(_result(rid, m.start, m.end, span_text, fmt.INDICATOR, "labels", {"labels": [m.indicator]},
                               m.confidence))
        results.append(_result(rid, m.start, m.end, span_text, fmt.APPLICANT, "choices", {"choices": [m.applicant]},
                               m.confidence))
        value = {"start": m.start, "end": m.end, "text": [json.dumps(m.value)]}
        results.append({"id": rid, "from_name": fmt.VALUE, "to_name": fmt.TO_NAME, "type": "textarea",
                        "origin": "prediction", "score": m.confidence, "value": value})
        if flags:
            results.append(_result(rid, m.start, m.end, span_text, fmt.FLAGS, "choices", {"choices": flags},
                                   m.confidence))
        if m.evidence and not m.implicit and m.evidence[0] < m.evidence[1] and tuple(m.evidence) != (m.start, m.end):
            span = (int(m.evidence[0]), int(m.evidence[1]))
            eid = evidence_ids.get(span)
            if eid is None:
                eid = evidence_ids[span] = f"e{len(evidence_ids):04d}"
                results.append(_result(eid, span[0], span[1], text[span[0]:span[1]], fmt.EVIDENCE, "labels",
                                       {"labels": [fmt.EVIDENCE_LABEL]}, m.confidence))
            results.append({"type": fmt.RELATION_TYPE, "from_id": eid, "to_id": rid, "direction": "right",
                            "labels": [fmt.EVIDENCE_LABEL]})
    return results


def report_to_task(report: Report, *, doc_id: str, engine: str = "rules",
                   meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A task with ``data.text`` = the report text and one prediction holding its mentions."""
    results = prediction_results(report)
    scores = [r["score"] for r in results if r.get("from_name") == fmt.INDICATOR]
    task_meta = {"doc_id": doc_id, "source": report.source, "year": None, "agency": None, "form": None}
    task_meta.update(meta or {})
    return {
        "data": {"text": report.text, "doc_id": doc_id},
        "meta": task_meta,
        "predictions": [{
            "model_version": model_version(engine),
            "score": sum(scores) / len(scores) if scores else 0.0,
            "result": results,
        }],
    }


def predict_tasks(paths: Iterable[str | Path], extractor: Any = None) -> list[dict[str, Any]]:
    """Extract each file and return its pre-annotated task (document id = file stem)."""
    if extractor is None:
        from gikp_nlp.pipeline import Extractor

        extractor = Extractor()
    out = []
    for path in paths:
        path = Path(path)
        report = extractor.extract(path)
        out.append(report_to_task(report, doc_id=path.stem, engine=getattr(extractor, "engine", "rules"),
                                  meta={"source": path.name}))
    return out
