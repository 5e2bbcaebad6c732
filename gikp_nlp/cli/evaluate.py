"""``gikp evaluate``: score extraction against gold annotations, as JSON (thin over the library's ``evaluate``)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gikp_nlp.cli._common import add_config_options, pipeline_overrides
from gikp_nlp.cli.train import DEFAULT_GOLD

SPLITS = ("train", "dev", "test", "all")


def run(args: argparse.Namespace) -> int:
    # --model scores that model alone unless --set narrative.engine=… says otherwise
    extra = {"narrative.model": args.model, "narrative.engine": "model"} if args.model else {}
    overrides = pipeline_overrides(args, **extra)
    from gikp_nlp.training.evaluate import evaluate  # lazy: seqeval/torch only when scoring

    result = evaluate(args.gold, args.split, args.config, overrides, splits_dir=args.splits)
    if not args.full:
        for key in ("narrative", "tables"):
            result[key].pop("mentions", None)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("evaluate", help="score extraction against gold annotations (JSON)")
    p.add_argument("--gold", default=DEFAULT_GOLD,
                   help="annotations directory or a folder of gold JSON files (default: %(default)s/ in the "
                        "working directory)")
    p.add_argument("--splits", default=None, help="annotations directory whose splits.json splits a --gold folder "
                   "of JSON files (default: annotations/ in the working directory)")
    p.add_argument("--split", default="dev", choices=SPLITS)
    p.add_argument("--model", default=None,
                   help="model directory (sets narrative.engine=model unless --set narrative.engine=… is given)")
    add_config_options(p)
    p.add_argument("--full", action="store_true", help="include per-indicator seqeval reports")
    p.add_argument("--output", default=None, help="also write the JSON here")
    p.set_defaults(func=run)
