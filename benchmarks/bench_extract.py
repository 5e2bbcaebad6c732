"""Speed of gikp-nlp on the bundled seed reports, as medians of several runs.

    python benchmarks/bench_extract.py [--runs 7] [--engine rules|model|hybrid|both] [--model DIR]

Prints, per engine: median reports/s and chars/s over the five seeds (the whole
pipeline, reading excluded), table-rule parsing alone (reports/s), and, with the
model, end-to-end speed on a 5 000-character report and the peak RSS.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gikp_nlp.config import load_config  # noqa: E402
from gikp_nlp.pipeline import Extractor, resolve_model_path  # noqa: E402
from gikp_nlp.tables import extract_tables  # noqa: E402


def _median_rate(fn, n_items: int, runs: int) -> tuple[float, list[float]]:
    times = []
    fn()  # warm-up (imports, caches, lazy model load)
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return n_items / statistics.median(times), times


def bench(engine: str, runs: int, model: str | None = None) -> dict:
    overrides = {"narrative.engine": engine}
    if model:
        overrides["narrative.model"] = model
    extractor = Extractor(load_config(overrides=overrides))
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("seed-*.txt"))]
    documents = [extractor.read(t) for t in texts]
    chars = sum(len(t) for t in texts)

    def run_all() -> None:
        for doc in documents:
            extractor.process(doc)

    def tables_only() -> None:
        for doc in documents:
            extract_tables(doc, extractor.taxonomy, extractor.config.tables)

    rate, times = _median_rate(run_all, len(texts), runs)
    table_rate, _ = _median_rate(tables_only, len(texts), runs)
    out = {
        "engine": extractor.engine,
        "runs": runs,
        "reports": len(texts),
        "chars": chars,
        "reports_per_s": round(rate, 2),
        "chars_per_s": round(rate * chars / len(texts)),
        "run_seconds": [round(t, 4) for t in times],
        "tables_reports_per_s": round(table_rate, 2),
    }
    # a 5 000-character report: seed text repeated/cut to length
    joined = "\n".join(texts)
    report_5k = (joined * (5000 // len(joined) + 1))[:5000]
    doc_5k = extractor.read(report_5k)
    rate_5k, _ = _median_rate(lambda: extractor.process(doc_5k), 1, runs)
    out["report_5000_chars_per_s"] = round(rate_5k, 2)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--engine", choices=("rules", "model", "hybrid", "both"), default="both")
    parser.add_argument("--model", help="model directory (default: narrative.model of the config), "
                        "e.g. gikp-ner-zh or runs/my-model")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5 (medians of fewer runs are noise)")
    engines = ["rules", "model"] if args.engine == "both" else [args.engine]
    model = args.model or load_config().narrative.model
    if engines != ["rules"] and resolve_model_path(model) is None:
        print(f"no model at {model}: skipping the model engines (pass --model DIR)", file=sys.stderr)
        engines = ["rules"] if args.engine == "both" else []
    for engine in engines:
        result = bench(engine, args.runs, None if engine == "rules" else model)
        print(json.dumps(result, ensure_ascii=False))
        print(f"{result['engine']:>6}: {result['reports_per_s']} reports/s, {result['chars_per_s']} chars/s "
              f"(median of {args.runs}); tables alone {result['tables_reports_per_s']} reports/s; "
              f"5 000-char report {result['report_5000_chars_per_s']} reports/s; peak RSS {result['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
