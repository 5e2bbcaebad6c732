"""Refit the hybrid's per-number combiner of a model (issue 14): the same as ``gikp combiner``.

    python benchmarks/fit_combiner.py                          # the shipped model: gikp_nlp/models/gikp-ner-zh/combiner.json
    python benchmarks/fit_combiner.py --model runs/x           # a trained model directory: runs/x/combiner.json
    python benchmarks/fit_combiner.py --model runs/r/all --fold-models runs/r --cv runs/r/cv/cv.json
                                                                # an all-gold model: out-of-fold proposals

Kept for the commands written in earlier notes; the command is ``gikp combiner`` (gikp_nlp/cli/combiner.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the checkout's package, not whatever an editable install points at


def main(argv: list[str] | None = None) -> int:
    from gikp_nlp.cli import main as cli

    return cli(["combiner", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(main())
