"""Score extraction against gold documents: mentions (seqeval, entity level,
strict IOB2) and records ((indicator, applicant, value)), narrative and tables
apart, implicit zeros apart, as JSON-ready dicts.

``evaluate_tagger`` scores a narrative tagger alone (whole text); ``evaluate``
runs the full pipeline (tables → narrative → implicit zeros) per document.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gikp_nlp.model.bio import spans_to_tags

logger = logging.getLogger(__name__)
VALUE_DIGITS = 6  # values compare after rounding to this many decimals (money in 万元)

Triple = tuple[str, str, float]


def _triple(indicator: str, applicant: str, value: float) -> Triple:
    return (indicator, applicant, round(float(value), VALUE_DIGITS))


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def set_prf(pairs: Iterable[tuple[set, set]]) -> dict[str, float]:
    """Micro P/R/F1 over per-document (predicted set, gold set) pairs."""
    tp = n_pred = n_gold = 0
    for pred, gold in pairs:
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
    return prf(tp, n_pred, n_gold)


def seqeval_report(gold_seqs: list[list[str]], pred_seqs: list[list[str]]) -> dict[str, Any]:
    """Entity-level strict IOB2 report per indicator (seqeval called directly)."""
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    if not any(t != "O" for seq in gold_seqs + pred_seqs for t in seq):
        return {}
    report = classification_report(gold_seqs, pred_seqs, mode="strict", scheme=IOB2, output_dict=True,
                                   zero_division=0)
    return {k: {m: (round(float(v), 4) if m != "support" else int(v)) for m, v in scores.items()}
            for k, scores in report.items()}


def _tags(length: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    return spans_to_tags(length, spans)


def evaluate_tagger(tagger: Any, docs: list[dict[str, Any]], taxonomy: Any = None) -> dict[str, Any]:
    """The tagger alone over each whole gold text vs all gold mentions with digits."""
    gold_seqs, pred_seqs, record_pairs = [], [], []
    began = time.monotonic()
    n_chars = 0
    for doc in docs:
        text = doc["text"]
        n_chars += len(text)
        pred = tagger.tag(text, [(0, len(text))])
        gold_seqs.append(_tags(len(text), ((m["start"], m["end"], m["indicator"]) for m in doc["mentions"])))
        pred_seqs.append(_tags(len(text), ((m.start, m.end, m.indicator) for m in pred)))
        record_pairs.append(({_triple(m.indicator, m.applicant, m.value) for m in pred},
                             {_triple(m["indicator"], m["applicant"], m["value"]) for m in doc["mentions"]}))
    per_label = seqeval_report(gold_seqs, pred_seqs)
    seconds = time.monotonic() - began
    return {
        "summary": {"documents": len(docs),
                    "mention_f1": per_label.get("micro avg", {}).get("f1-score", 0.0),
                    "mention_precision": per_label.get("micro avg", {}).get("precision", 0.0),
                    "mention_recall": per_label.get("micro avg", {}).get("recall", 0.0),
                    "record": set_prf(record_pairs),
                    "chars_per_second": round(n_chars / seconds) if seconds else None},
        "mentions": per_label,
    }


def _inside(start: int, end: int, regions: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in regions)


def evaluate(gold_dir: str | Path | None, split: str, config: str | Path | None = None,
             overrides: dict[str, Any] | None = None, *, narrative_tagger: Any = None) -> dict[str, Any]:
    """Full-pipeline scores for one split: narrative and tables apart, implicit zeros, overall records.

    ``narrative_tagger`` replaces the configured one (baselines: anything with
    ``.tag(text, spans) -> list[Mention]``).
    """
    from gikp_nlp.document import Block, Document
    from gikp_nlp.model.gold import gold_documents
    from gikp_nlp.pipeline import load
    from gikp_nlp.tables import extract_tables

    docs = gold_documents(split, gold_dir)
    extractor = load(config, overrides=dict(overrides or {}))
    if narrative_tagger is not None:
        extractor.narrative_tagger = narrative_tagger
        extractor.engine = getattr(narrative_tagger, "engine", type(narrative_tagger).__name__)
    parts: dict[str, dict[str, list]] = {k: {"gold": [], "pred": [], "records": []} for k in ("narrative", "tables")}
    implicit_pairs, overall_pairs, cells_ok, cells_total = [], [], 0, 0
    began = time.monotonic()
    for doc in docs:
        text = doc["text"]
        document = Document(text=text, blocks=(Block("narrative", 0, len(text)),), source=doc["id"])
        regions = extract_tables(document, extractor.taxonomy, extractor.config.tables).regions \
            if extractor.config.tables.enabled else ()
        report = extractor.process(document)
        mentions = [m for m in report.mentions if not m.blank]
        pred = {"tables": [m for m in mentions if m.source == "table" and not m.implicit],
                "narrative": [m for m in mentions if m.source != "table" and not m.implicit]}
        gold = {"tables": [m for m in doc["mentions"] if _inside(m["start"], m["end"], regions)],
                "narrative": [m for m in doc["mentions"] if not _inside(m["start"], m["end"], regions)]}
        for key in parts:
            parts[key]["gold"].append(_tags(len(text), ((m["start"], m["end"], m["indicator"]) for m in gold[key])))
            parts[key]["pred"].append(_tags(len(text), ((m.start, m.end, m.indicator) for m in pred[key])))
            parts[key]["records"].append(({_triple(m.indicator, m.applicant, m.value) for m in pred[key]},
                                          {_triple(m["indicator"], m["applicant"], m["value"]) for m in gold[key]}))
        by_span = {(m.start, m.end): m for m in pred["tables"]}
        for g in gold["tables"]:
            cells_total += 1
            p = by_span.get((g["start"], g["end"]))
            cells_ok += bool(p and _triple(p.indicator, p.applicant, p.value)
                             == _triple(g["indicator"], g["applicant"], g["value"]))
        implicit_pairs.append(({(r.indicator, r.applicant) for r in report.records if r.implicit and not r.blank},
                               {(z["indicator"], z["applicant"]) for z in doc.get("implicit", [])}))
        overall_pairs.append(({_triple(r.indicator, r.applicant, r.value) for r in report.records if not r.blank},
                              {_triple(m["indicator"], m["applicant"], m["value"]) for m in doc["mentions"]}
                              | {_triple(z["indicator"], z["applicant"], 0) for z in doc.get("implicit", [])}))
    seconds = time.monotonic() - began
    out: dict[str, Any] = {"split": split, "documents": [d["id"] for d in docs], "engine": extractor.engine,
                           "seconds": round(seconds, 2),
                           "reports_per_second": round(len(docs) / seconds, 2) if seconds else None}
    for key, data in parts.items():
        per_label = seqeval_report(data["gold"], data["pred"])
        micro = per_label.get("micro avg", {})
        out[key] = {"mention_f1": micro.get("f1-score", 0.0), "mention_precision": micro.get("precision", 0.0),
                    "mention_recall": micro.get("recall", 0.0), "record": set_prf(data["records"]),
                    "mentions": per_label}
    out["tables"]["cell_accuracy"] = round(cells_ok / cells_total, 4) if cells_total else None
    out["tables"]["cells"] = cells_total
    out["implicit_zeros"] = set_prf(implicit_pairs)
    out["overall_record"] = set_prf(overall_pairs)
    return out
