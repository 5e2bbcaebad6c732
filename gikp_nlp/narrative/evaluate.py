"""Score narrative mentions against gold documents (the ../shared/corpus/gold shape).

Three figures, as issue 5 defines them, restricted to the narrative (text
outside recognised tables):

- mentions: exact (start, end, indicator) matches;
- records: (indicator, applicant, value) sets per document;
- implicit zeros: (indicator, applicant) sets per document.

Used by the tests and by whoever benchmarks an engine (``rules`` or ``model``);
works for any tagger with ``tag(text, spans) -> list[Mention]``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from gikp_nlp.document import spans_outside
from gikp_nlp.errors import AnnotationError
from gikp_nlp.narrative.implicit import find_implicit_zeros
from gikp_nlp.report import Mention
from gikp_nlp.schema import Taxonomy

Regions = Callable[[dict[str, Any]], "list[tuple[int, int]] | None"]


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: set, gold: set) -> None:
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class NarrativeScore:
    mentions: PRF = field(default_factory=PRF)
    records: PRF = field(default_factory=PRF)
    implicit: PRF = field(default_factory=PRF)
    documents: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)  # every FP/FN, for reading

    def to_dict(self) -> dict[str, Any]:
        return {"documents": len(self.documents), "skipped": self.skipped,
                "mentions": self.mentions.to_dict(), "records": self.records.to_dict(),
                "implicit": self.implicit.to_dict()}


def _value(v: float) -> float:
    return round(float(v), 6)


def _inside(start: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in spans)


def score_document(gold: dict[str, Any], predicted: list[Mention], implicit: list[Mention],
                   spans: list[tuple[int, int]], score: NarrativeScore) -> None:
    """Add one document's counts to ``score`` (gold restricted to ``spans``)."""
    doc_id = gold.get("id", "?")
    gold_m = [m for m in gold["mentions"] if _inside(m["start"], spans)]
    gold_i = [m for m in gold["implicit"] if _inside(m["evidence"][0], spans)]
    pm = {(m.start, m.end, m.indicator) for m in predicted if not m.implicit}
    gm = {(m["start"], m["end"], m["indicator"]) for m in gold_m}
    pr = {(m.indicator, m.applicant, _value(m.value)) for m in predicted if not m.implicit}
    gr = {(m["indicator"], m["applicant"], _value(m["value"])) for m in gold_m}
    pi = {(m.indicator, m.applicant) for m in implicit}
    gi = {(m["indicator"], m["applicant"]) for m in gold_i}
    score.mentions.add(pm, gm)
    score.records.add(pr, gr)
    score.implicit.add(pi, gi)
    score.documents.append(doc_id)
    for kind, pred, ref in (("mention", pm, gm), ("record", pr, gr), ("implicit", pi, gi)):
        score.errors += [{"doc": doc_id, "kind": kind, "fp": list(k)} for k in sorted(pred - ref, key=str)]
        score.errors += [{"doc": doc_id, "kind": kind, "fn": list(k)} for k in sorted(ref - pred, key=str)]


def evaluate(golds: Iterable[dict[str, Any]], tagger: Any, taxonomy: Taxonomy,
             regions: Regions | None = None) -> NarrativeScore:
    """Run ``tagger`` and the implicit-zero rules on each gold document and score them.

    ``regions(gold)`` returns the table regions of a document (e.g. from the
    table rules); narrative = the rest. Without it, or when it returns None,
    only ``form == "narrative"`` documents are scored (whole text) and the
    others are listed in ``skipped``: a table scored as narrative would
    measure the wrong thing.
    """
    score = NarrativeScore()
    for gold in golds:
        text = gold["text"]
        table = regions(gold) if regions else None
        if table is None and gold.get("form") != "narrative":
            score.skipped.append(gold.get("id", "?"))
            continue
        spans = spans_outside(len(text), table or [])
        predicted = tagger.tag(text, spans)
        implicit = find_implicit_zeros(text, spans, taxonomy)
        score_document(gold, predicted, implicit, spans, score)
    return score


def pipeline_regions(config: Any = None, taxonomy: Taxonomy | None = None) -> Regions:
    """``regions`` for :func:`evaluate` as the pipeline finds them: the gold text
    read as plain text, then the table rules; narrative is what they leave."""
    from gikp_nlp.config import load_config
    from gikp_nlp.io import read_document
    from gikp_nlp.schema import get_taxonomy
    from gikp_nlp.tables import extract_tables

    config = config or load_config()
    taxonomy = taxonomy or get_taxonomy()

    def regions(gold: dict[str, Any]) -> list[tuple[int, int]]:
        document = read_document(gold["text"], format="text", config=config.io)
        if document.text != gold["text"]:  # a reader that changed the text would shift every offset
            raise AnnotationError(f"{gold.get('id')}: reading the gold text changed it, so gold offsets would not match",
                                  hint="evaluate with regions=None (narrative-form documents only)")
        return list(extract_tables(document, taxonomy, config.tables).regions)

    return regions
