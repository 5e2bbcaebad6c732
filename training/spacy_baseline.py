"""spaCy NER baseline on exactly our training data: ``python -m training.spacy_baseline``.

Exports the synthetic + gold-train documents of configs/gikp-ner-zh.toml to
DocBin, runs ``spacy train configs/spacy-ner.cfg`` (char tokens), then scores
it through the same pipeline and post-processing as our model (numbers as
spans, same evidence and unit rules) on the dev split. Prints one JSON line.
"""
from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from gikp_nlp.candidates import Candidate
from gikp_nlp.config import load_config
from gikp_nlp.lexicon import FoldedText, form_era
from gikp_nlp.narrative.relate import relate
from gikp_nlp.numbers import NumberSpan, find_numbers
from gikp_nlp.report import Mention
from gikp_nlp.schema import get_taxonomy
from gikp_nlp.training.config import load_train_config
from gikp_nlp.training.corpus import gold_documents
from gikp_nlp.training.train import synthetic_documents

REPO_ROOT = Path(__file__).resolve().parents[1]  # this recipe runs from a checkout (configs/, annotations/)

logger = logging.getLogger(__name__)


def to_docbin(nlp: Any, docs: list[dict[str, Any]], repeat: int = 1) -> Any:
    from spacy.tokens import DocBin

    db = DocBin()
    for d in docs:
        doc = nlp.make_doc(d["text"])
        ents = []
        for m in d["mentions"]:
            span = doc.char_span(m["start"], m["end"], label=m["indicator"], alignment_mode="strict")
            if span is not None and not any(span.start < e.end and e.start < span.end for e in ents):
                ents.append(span)
        doc.ents = sorted(ents, key=lambda s: s.start)
        for _ in range(repeat):
            db.add(doc)
    return db


class SpacyTagger:
    """A trained spaCy NER pipeline behind our ``.tag(text, spans)`` interface."""

    engine = "spacy"

    def __init__(self, path: str | Path, taxonomy: Any, config: Any) -> None:
        import spacy

        self.nlp = spacy.load(path)
        self.taxonomy, self.config = taxonomy or get_taxonomy(), config

    def candidates(self, text: str, spans: list[tuple[int, int]] | None = None, *,
                   folded: FoldedText | None = None) -> list[Candidate]:
        """The numbers spaCy's entities fall on, each with the entity's label."""
        out = []
        for lo, hi in [(0, len(text))] if spans is None else spans:
            chunk = text[lo:hi]
            numbers = find_numbers(chunk)
            for ent in self.nlp(chunk).ents:
                number = _snap(numbers, ent.start_char, ent.end_char)
                if number is None or ent.label_ not in self.taxonomy:
                    continue
                number = replace(number, start=lo + number.start, end=lo + number.end)
                out.append(Candidate(number, ((ent.label_, 1.0),)))
        return out

    def tag(self, text: str, spans: list[tuple[int, int]] | None = None, *,
            folded: FoldedText | None = None, era: str | None = None) -> list[Mention]:
        """Mentions through the same relation step as our model."""
        folded = FoldedText.build(text) if folded is None else folded
        era = form_era(text) if era is None else era
        return relate(text, self.candidates(text, spans, folded=folded), self.taxonomy, self.config,
                      folded=folded, era=era)


def _snap(numbers: list[NumberSpan], start: int, end: int) -> NumberSpan | None:
    """The number the predicted span overlaps most (None: the span is not on a number)."""
    best, best_overlap = None, 0
    for n in numbers:
        overlap = min(end, n.end) - max(start, n.start)
        if overlap > best_overlap:
            best, best_overlap = n, overlap
    return best


INFO_FILE = "baseline.json"


def load_baseline(work: Path) -> tuple[Path, dict[str, Any]]:
    """The trained pipeline of a ``main`` run in ``work`` and what the run recorded."""
    info_path = work / INFO_FILE
    info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.is_file() else {}
    return work / "out" / "model-last", info


def main(argv: list[str]) -> None:
    from gikp_nlp.extras import require
    from gikp_nlp.training.evaluate import evaluate, extractor_with

    spacy = require("spacy", "baselines")

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    work = Path(argv[0]) if argv else REPO_ROOT / "runs" / "spacy-ner-baseline"
    split = argv[1] if len(argv) > 1 else "dev"
    cfg, _ = load_train_config(REPO_ROOT / "configs" / "gikp-ner-zh.toml")
    taxonomy = get_taxonomy()
    work.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("zh")
    synthetic = synthetic_documents(cfg.data.synthetic_docs, cfg.data.synthetic_seed, taxonomy)
    train_db = to_docbin(nlp, synthetic)
    gold_dir = REPO_ROOT / "annotations"
    train_db.merge(to_docbin(nlp, gold_documents("train", gold_dir) if cfg.data.use_real else [],
                             cfg.data.real_repeat))
    train_db.to_disk(work / "train.spacy")
    to_docbin(nlp, gold_documents("dev", gold_dir)).to_disk(work / "dev.spacy")
    began = time.monotonic()
    subprocess.run([sys.executable, "-m", "spacy", "train", str(REPO_ROOT / "configs" / "spacy-ner.cfg"),
                    "--output", str(work / "out"), "--paths.train", str(work / "train.spacy"),
                    "--paths.dev", str(work / "dev.spacy"), "--nlp.batch_size", "64"], check=True)
    train_seconds = time.monotonic() - began
    model_dir = work / "out" / "model-last"
    tagger = SpacyTagger(model_dir, taxonomy, load_config().narrative)
    result = evaluate(gold_dir, split, extractor=extractor_with(tagger))
    size = sum(p.stat().st_size for p in model_dir.rglob("*") if p.is_file())
    (work / INFO_FILE).write_text(json.dumps({"train_seconds": round(train_seconds, 1), "config": cfg.to_dict(),
                                              "model_mb": round(size / 2**20, 2)}, ensure_ascii=False, indent=1),
                                  encoding="utf-8")
    print(json.dumps({"split": split, "train_seconds": round(train_seconds, 1), "model_mb": round(size / 2**20, 2),
                      "narrative": {k: result["narrative"][k] for k in ("mention_f1", "record")},
                      "overall_record": result["overall_record"],
                      "reports_per_second": result["reports_per_second"]}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
