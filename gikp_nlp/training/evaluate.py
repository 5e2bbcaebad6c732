"""The one scorer: extraction against gold documents, as JSON-ready dicts.

Figures (issue 5's definitions, one implementation):

- mentions: seqeval, entity level, strict IOB2, per indicator and micro;
- records: (indicator, applicant, value) sets per document, micro P/R/F1;
- implicit zeros: (indicator, applicant) sets per document;
- table cells: a gold mention inside a table region read with the right
  indicator, applicant and value at the right span;
- all of them for the narrative (outside table regions) and the tables apart,
  overall, and per gold ``form`` (narrative, mixed, new_table, ...);
- a pooled-record bootstrap 95% interval (documents resampled, fixed seed).

Scoring works from Reports: :func:`extract_golds` runs each gold text once
through an Extractor; :func:`score_reports` reads the Reports.
:func:`evaluate_tagger` scores a narrative tagger alone over whole texts
(written into the model's meta.json at training time).
"""
from __future__ import annotations

import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gikp_nlp.extras import require
from gikp_nlp.model.bio import spans_to_tags
from gikp_nlp.report import Report

VALUE_DIGITS = 6  # values compare after rounding to this many decimals (money in 万元)
BOOTSTRAP_RESAMPLES = 1000  # resamples of the documents for an interval
BOOTSTRAP_SEED = 13  # fixed: the same scores give the same interval
CONFIDENCE = 0.95  # two-sided interval level

Triple = tuple[str, str, float]
Regions = Sequence[tuple[int, int]]


@dataclass(frozen=True)
class Counts:
    """One document's set-match counts: true positives, predicted, gold."""

    tp: int
    predicted: int
    gold: int


@dataclass(frozen=True)
class GoldReport:
    """A gold document, the Report extracted from its text, and the table regions of that Report."""

    gold: dict[str, Any]
    report: Report
    regions: tuple[tuple[int, int], ...]


def _triple(indicator: str, applicant: str, value: float) -> Triple:
    return (indicator, applicant, round(float(value), VALUE_DIGITS))


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """P/R/F1 from counts; an empty prediction against an empty gold scores 1."""
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def counts(pred: set, gold: set) -> Counts:
    return Counts(len(pred & gold), len(pred), len(gold))


def pooled_prf(per_doc: Iterable[Counts]) -> dict[str, float]:
    """Micro P/R/F1 of pooled per-document counts."""
    docs = list(per_doc)
    return prf(sum(c.tp for c in docs), sum(c.predicted for c in docs), sum(c.gold for c in docs))


def set_prf(pairs: Iterable[tuple[set, set]]) -> dict[str, float]:
    """Micro P/R/F1 over per-document (predicted set, gold set) pairs."""
    return pooled_prf(counts(pred, gold) for pred, gold in pairs)


def bootstrap_interval(per_doc: Sequence[Counts], metric: str = "f1", *, resamples: int = BOOTSTRAP_RESAMPLES,
                       seed: int = BOOTSTRAP_SEED, level: float = CONFIDENCE) -> tuple[float, float]:
    """Percentile interval of a pooled metric (``precision``/``recall``/``f1``)
    over documents resampled with replacement; records of one document move
    together, so the interval reflects the between-document spread. Fixed seed:
    the same counts always give the same interval."""
    if not per_doc:
        return (0.0, 0.0)
    rng = random.Random(seed)
    n = len(per_doc)
    values = sorted(pooled_prf(per_doc[rng.randrange(n)] for _ in range(n))[metric] for _ in range(resamples))
    tail = (1.0 - level) / 2
    low = values[int(tail * (resamples - 1))]
    high = values[int(round((1.0 - tail) * (resamples - 1)))]
    return (low, high)


def seqeval_report(gold_seqs: list[list[str]], pred_seqs: list[list[str]]) -> dict[str, Any]:
    """Entity-level strict IOB2 report per indicator (seqeval called directly)."""
    classification_report = require("seqeval.metrics", "train").classification_report
    iob2 = require("seqeval.scheme", "train").IOB2

    if not any(t != "O" for seq in gold_seqs + pred_seqs for t in seq):
        return {}
    report = classification_report(gold_seqs, pred_seqs, mode="strict", scheme=iob2, output_dict=True,
                                   zero_division=0)
    return {k: {m: (round(float(v), 4) if m != "support" else int(v)) for m, v in scores.items()}
            for k, scores in report.items()}


def evaluate_tagger(tagger: Any, docs: list[dict[str, Any]], taxonomy: Any = None) -> dict[str, Any]:
    """The tagger alone over each whole gold text vs all gold mentions with digits."""
    gold_seqs, pred_seqs, record_pairs = [], [], []
    began = time.monotonic()
    n_chars = 0
    for doc in docs:
        text = doc["text"]
        n_chars += len(text)
        pred = tagger.tag(text, [(0, len(text))])
        gold_seqs.append(spans_to_tags(len(text), ((m["start"], m["end"], m["indicator"]) for m in doc["mentions"])))
        pred_seqs.append(spans_to_tags(len(text), ((m.start, m.end, m.indicator) for m in pred)))
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


def _inside(start: int, end: int, regions: Regions) -> bool:
    return any(s <= start and end <= e for s, e in regions)


def extract_golds(extractor: Any, docs: Iterable[dict[str, Any]]) -> list[GoldReport]:
    """Each gold text extracted once (read as one narrative block, so gold offsets hold)."""
    from gikp_nlp.document import Block, Document

    out = []
    for doc in docs:
        text = doc["text"]
        document = Document(text=text, blocks=(Block("narrative", 0, len(text)),), source=doc["id"])
        report = extractor.process(document)
        out.append(GoldReport(doc, report, report.table_regions))
    return out


@dataclass
class _Part:
    """Accumulates one part (narrative or tables) over documents."""

    gold_tags: list[list[str]]
    pred_tags: list[list[str]]
    records: list[Counts]

    def summary(self, with_mentions: bool = True) -> dict[str, Any]:
        per_label = seqeval_report(self.gold_tags, self.pred_tags)
        micro = per_label.get("micro avg", {})
        out = {"mention_f1": micro.get("f1-score", 0.0), "mention_precision": micro.get("precision", 0.0),
               "mention_recall": micro.get("recall", 0.0), "record": pooled_prf(self.records),
               "record_f1_interval95": list(bootstrap_interval(self.records))}
        if with_mentions:
            out["mentions"] = per_label
        return out


def score_reports(items: Sequence[GoldReport]) -> dict[str, Any]:
    """Scores of Reports against their gold documents (see the module doc)."""
    parts = {k: _Part([], [], []) for k in ("narrative", "tables")}
    implicit: list[Counts] = []
    overall: list[Counts] = []
    by_form: dict[str, dict[str, list[Counts]]] = {}
    cells_ok = cells_total = 0
    for item in items:
        doc, report, regions = item.gold, item.report, item.regions
        text = doc["text"]
        mentions = [m for m in report.mentions if not m.blank]
        pred = {"tables": [m for m in mentions if m.source == "table" and not m.implicit],
                "narrative": [m for m in mentions if m.source != "table" and not m.implicit]}
        gold = {"tables": [m for m in doc["mentions"] if _inside(m["start"], m["end"], regions)],
                "narrative": [m for m in doc["mentions"] if not _inside(m["start"], m["end"], regions)]}
        form = by_form.setdefault(doc.get("form") or "unknown", {"narrative": [], "tables": [], "overall": []})
        for key, part in parts.items():
            part.gold_tags.append(spans_to_tags(len(text), ((m["start"], m["end"], m["indicator"]) for m in gold[key])))
            part.pred_tags.append(spans_to_tags(len(text), ((m.start, m.end, m.indicator) for m in pred[key])))
            c = counts({_triple(m.indicator, m.applicant, m.value) for m in pred[key]},
                       {_triple(m["indicator"], m["applicant"], m["value"]) for m in gold[key]})
            part.records.append(c)
            form[key].append(c)
        by_span = {(m.start, m.end): m for m in pred["tables"]}
        for g in gold["tables"]:
            cells_total += 1
            p = by_span.get((g["start"], g["end"]))
            cells_ok += bool(p and _triple(p.indicator, p.applicant, p.value)
                             == _triple(g["indicator"], g["applicant"], g["value"]))
        implicit.append(counts({(r.indicator, r.applicant) for r in report.records if r.implicit and not r.blank},
                               {(z["indicator"], z["applicant"]) for z in doc.get("implicit", [])}))
        whole = counts({_triple(r.indicator, r.applicant, r.value) for r in report.records if not r.blank},
                       {_triple(m["indicator"], m["applicant"], m["value"]) for m in doc["mentions"]}
                       | {_triple(z["indicator"], z["applicant"], 0) for z in doc.get("implicit", [])})
        overall.append(whole)
        form["overall"].append(whole)
    out: dict[str, Any] = {key: part.summary() for key, part in parts.items()}
    out["tables"]["cell_accuracy"] = round(cells_ok / cells_total, 4) if cells_total else None
    out["tables"]["cells"] = cells_total
    out["implicit_zeros"] = pooled_prf(implicit)
    out["overall_record"] = pooled_prf(overall)
    out["overall_record_f1_interval95"] = list(bootstrap_interval(overall))
    out["per_form"] = {form: {"documents": len(c["overall"]), "narrative_record": pooled_prf(c["narrative"]),
                              "tables_record": pooled_prf(c["tables"]), "overall_record": pooled_prf(c["overall"])}
                       for form, c in sorted(by_form.items())}
    return out


def record_errors(items: Sequence[GoldReport], part: str = "narrative") -> list[dict[str, Any]]:
    """Every false positive and false negative record of ``part`` (``narrative``
    or ``tables``), per document, sorted: what to read after a score moves."""
    out: list[dict[str, Any]] = []
    for item in items:
        doc, regions = item.gold, item.regions
        in_tables = part == "tables"
        pred = {_triple(m.indicator, m.applicant, m.value) for m in item.report.mentions
                if not m.blank and not m.implicit and (m.source == "table") == in_tables}
        gold = {_triple(m["indicator"], m["applicant"], m["value"]) for m in doc["mentions"]
                if _inside(m["start"], m["end"], regions) == in_tables}
        out += [{"doc": doc["id"], "fp": list(t)} for t in sorted(pred - gold)]
        out += [{"doc": doc["id"], "fn": list(t)} for t in sorted(gold - pred)]
    return out


def extractor_with(narrative_tagger: Any, config: str | Path | None = None,
                   overrides: dict[str, Any] | None = None) -> Any:
    """An Extractor whose narrative engine is ``narrative_tagger`` (baselines:
    anything with ``engine`` and ``.tag(text, spans) -> list[Mention]``)."""
    from gikp_nlp.config import load_config
    from gikp_nlp.pipeline import Extractor

    return Extractor(load_config(config, overrides=dict(overrides or {})), narrative_tagger=narrative_tagger)


def evaluate(gold_dir: str | Path | None, split: str, config: str | Path | None = None,
             overrides: dict[str, Any] | None = None, *, extractor: Any = None,
             splits_dir: str | Path | None = None) -> dict[str, Any]:
    """Full-pipeline scores for one split (:func:`score_reports`), with the
    configured Extractor or the one given (e.g. :func:`extractor_with`)."""
    from gikp_nlp.pipeline import load
    from gikp_nlp.training.corpus import gold_documents

    docs = gold_documents(split, gold_dir, splits_dir)
    extractor = extractor or load(config, overrides=dict(overrides or {}))
    began = time.monotonic()
    items = extract_golds(extractor, docs)
    seconds = time.monotonic() - began
    return {"split": split, "documents": [d["id"] for d in docs], "engine": extractor.engine,
            "seconds": round(seconds, 2), "reports_per_second": round(len(docs) / seconds, 2) if seconds else None,
            **score_reports(items)}
