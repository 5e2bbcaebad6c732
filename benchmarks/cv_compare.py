"""Compare two `gikp evaluate --cv` runs error by error, with the sites each change falls on.

    python benchmarks/cv_compare.py BASE_DIR NEW_DIR [--engine hybrid] [--min-sites 2] [--gold DIR]

BASE_DIR and NEW_DIR hold the runs' cv.json. Prints the base and new narrative record
P/R/F1, the new figures with the fixes of indicators seen on fewer than --min-sites
sites undone (rules are written while reading every gold document: a cautious figure
for unread reports), and every change with its documents and sites.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gikp_nlp.annotations.corpus import read_gold_dir
from gikp_nlp.annotations.folds import site_of
from gikp_nlp.errors import GikpError
from gikp_nlp.schema import get_taxonomy
from gikp_nlp.training.compare import DEFAULT_MIN_SITES, compare_runs, render_comparison

DEFAULT_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "gold"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--engine", default="hybrid")
    ap.add_argument("--min-sites", type=int, default=DEFAULT_MIN_SITES)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="the gold documents (their sources give the sites)")
    args = ap.parse_args(argv)
    try:
        site = {d.id: site_of(d) for d in read_gold_dir(args.gold, get_taxonomy())}
        base, new = (json.loads((p / "cv.json").read_text(encoding="utf-8")) for p in (args.base, args.new))
        print(render_comparison(compare_runs(base, new, args.engine, site, args.min_sites)), end="")
    except (GikpError, OSError, ValueError) as err:
        print(f"cv_compare: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
