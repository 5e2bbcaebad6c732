"""``python -m gikp_nlp.training.synth [n] [seed] [hard]``: generate and print corpus diversity."""
from __future__ import annotations

import statistics
import sys

from gikp_nlp.training.synth import generate
from gikp_nlp.training.synth.diversity import diversity


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 2000
    seed = int(argv[1]) if len(argv) > 1 else 13
    hard = float(argv[2]) if len(argv) > 2 else 0.0
    docs = generate(n, seed, hard=hard)
    div = diversity(docs)
    chars = sum(len(d["text"]) for d in docs)
    mentions = sum(len(d["mentions"]) for d in docs)
    print(f"{n} docs, {chars} chars, {mentions} mentions, {len(div)} indicators covered")
    print(f"distinct phrasings per indicator: median {statistics.median(div.values())}, min {min(div.values())}")
    for indicator, count in div.items():
        print(f"  {indicator:48s} {count}")


if __name__ == "__main__":
    main(sys.argv[1:])
