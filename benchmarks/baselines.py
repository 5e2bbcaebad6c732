"""Our model against both baselines in one run, on the real gold splits.

    python benchmarks/baselines.py --model gikp-ner-zh \
        [--spacy runs/spacy-ner-baseline] [--synthetic-only DIR] [--splits dev test] [--runs 5]

Systems: the rules-only narrative engine, the trained model, the model with
the rules filling the numbers it leaves (``narrative.engine = "hybrid"``), the spaCy NER
pipeline trained on the same data (``python -m training.spacy_baseline``) and,
when given, our model trained on synthetic data only. For each: narrative
mention F1 and record F1 and overall record F1 per split (``gikp evaluate``'s
numbers), median reports/s on a 5 000-character report over ``--runs`` runs,
size on disk and training time. Prints a JSON line per system, then a
markdown table.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gikp_nlp.config import load_config  # noqa: E402
from gikp_nlp.pipeline import load  # noqa: E402
from gikp_nlp.models import locate  # noqa: E402
from gikp_nlp.training.evaluate import evaluate, extractor_with  # noqa: E402

GOLD = REPO / "annotations"

REPORT_CHARS = 5000


def _size_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 2)


def _speed(tagger: Any, runs: int) -> float:
    """Median reports/s of the whole pipeline on a 5 000-character real report."""
    base = {"narrative.engine": "rules"}
    extractor = extractor_with(tagger, overrides=base) if tagger is not None else load(overrides=base)
    text = (REPO / "examples" / "seed-004.txt").read_text(encoding="utf-8")[:REPORT_CHARS]
    document = extractor.read(text)
    extractor.process(document)  # warm-up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        extractor.process(document)
        times.append(time.perf_counter() - began)
    return round(1 / statistics.median(times), 2)


def _systems(args: argparse.Namespace) -> list[tuple[str, Any, dict[str, Any]]]:
    from gikp_nlp.model import NerTagger
    from gikp_nlp.narrative.fallback import FallbackTagger
    from gikp_nlp.narrative.relate import ModelEngine
    from gikp_nlp.narrative.rules import RuleTagger
    from gikp_nlp.schema import get_taxonomy

    narrative = load_config().narrative
    out: list[tuple[str, Any, dict[str, Any]]] = [("rules baseline", None, {"size_mb": None, "train_seconds": None})]
    for label, path in (("our model", args.model), ("our model, synthetic data only", args.synthetic_only)):
        if path:
            where = locate(path)
            model = NerTagger.from_pretrained(where, config=narrative)
            tagger = ModelEngine(model)  # the model joined to the relation step
            meta = model.meta.get("training", {})
            figures = {"size_mb": _size_mb(where), "train_seconds": meta.get("total_seconds")}
            out.append((f"{label} ({where.name})", tagger, figures))
            if path == args.model:
                out.append(("our model, rules where it is silent (engine hybrid, the default)",
                            FallbackTagger(tagger, RuleTagger(get_taxonomy(), narrative)), figures))
    if args.spacy:
        from training.spacy_baseline import SpacyTagger, load_baseline

        model_dir, info = load_baseline(Path(args.spacy))
        out.append(("spaCy NER, same data", SpacyTagger(model_dir, None, narrative),
                    {"size_mb": _size_mb(model_dir), "train_seconds": info.get("train_seconds")}))
    return out


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="our model: a packaged name (gikp-ner-zh) or a directory")
    parser.add_argument("--spacy", help="directory written by `python -m training.spacy_baseline`")
    parser.add_argument("--synthetic-only", help="our model trained with data.use_real=false")
    parser.add_argument("--splits", nargs="+", default=["dev", "test"], choices=("dev", "test"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5 (medians of fewer runs are noise)")
    rows = []
    for name, tagger, extra in _systems(args):
        row: dict[str, Any] = {"system": name, **extra}
        for split in args.splits:
            # base engine "rules": the rules row is the rules alone; other rows swap in their tagger
            base = {"narrative.engine": "rules"}
            extractor = extractor_with(tagger, overrides=base) if tagger is not None else None
            result = evaluate(GOLD, split, overrides=base, extractor=extractor)
            row[split] = {"narrative_mention_f1": round(result["narrative"]["mention_f1"], 4),
                          "narrative_record_f1": result["narrative"]["record"]["f1"],
                          "overall_record_f1": result["overall_record"]["f1"]}
        row["reports_per_s_5000_chars"] = _speed(tagger, args.runs)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        rows.append(row)
    head = " | ".join(f"{s} mention F1 | {s} record F1 | {s} overall record F1" for s in args.splits)
    print(f"\n| system | {head} | reports/s (5 000 chars, median of {args.runs}) | size MB | training s |")
    print("|---" * (2 + 3 * len(args.splits) + 2) + "|")
    for row in rows:
        cells = " | ".join(f"{row[s]['narrative_mention_f1']:.2f} | {row[s]['narrative_record_f1']:.2f} | "
                           f"{row[s]['overall_record_f1']:.2f}" for s in args.splits)
        print(f"| {row['system']} | {cells} | {row['reports_per_s_5000_chars']} | "
              f"{row['size_mb'] if row['size_mb'] is not None else '—'} | "
              f"{row['train_seconds'] if row['train_seconds'] is not None else '—'} |")
    return rows


if __name__ == "__main__":
    main()
