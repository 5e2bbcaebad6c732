"""End-to-end speed with the model: ``python -m training.bench_speed [model_dir] [runs]``.

Builds a ~5 000-character report from the seed examples (real text from
examples/), runs ``Extractor.extract`` ``runs`` times and prints the median
reports/s and the peak RSS of the process.
"""
from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

from gikp_nlp.pipeline import load

REPO = Path(__file__).resolve().parent.parent
TARGET_CHARS = 5000


def main(argv: list[str]) -> None:
    model = argv[0] if argv else "models/gikp-ner-zh"
    runs = int(argv[1]) if len(argv) > 1 else 7
    text = (REPO / "examples" / "seed-004.txt").read_text(encoding="utf-8")[:TARGET_CHARS]
    extractor = load(narrative__engine="model", narrative__model=model)
    extractor.extract(text)  # warm-up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        extractor.extract(text)
        times.append(time.perf_counter() - began)
    median = statistics.median(times)
    print(json.dumps({"chars": len(text), "runs": runs, "median_seconds": round(median, 4),
                      "reports_per_second": round(1 / median, 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


if __name__ == "__main__":
    main(sys.argv[1:])
