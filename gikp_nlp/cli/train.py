"""``gikp train``: train the narrative model (thin over the library's ``train``)."""
from __future__ import annotations

import argparse
import logging

from gikp_nlp.cli._common import parse_sets

#: where the gold corpus is looked for when --gold is not given (relative to the working directory)
DEFAULT_GOLD = "annotations"


def run(args: argparse.Namespace) -> int:
    from gikp_nlp.training.train import train  # lazy: torch only when training

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("gikp_nlp").setLevel(logging.INFO)  # training progress even under gikp's WARNING default
    path = train(args.config, args.output, parse_sets(args.set), gold_dir=args.gold, splits_dir=args.splits)
    print(path)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("train", help="train the narrative model from annotations/ + synthetic data")
    p.add_argument("--config", required=True, help="training config, e.g. configs/gikp-ner-zh.toml")
    p.add_argument("--output", default=None, help="model directory (default runs/<name>/)")
    p.add_argument("--gold", default=DEFAULT_GOLD,
                   help="annotations directory or a folder of gold JSON files (default: %(default)s/ in the "
                        "working directory); only its train split is used")
    p.add_argument("--splits", default=None, help="annotations directory whose splits.json splits a --gold folder "
                   "of JSON files (default: annotations/ in the working directory)")
    p.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                   help="override a training config value (repeatable), e.g. --set train.epochs=1")
    p.set_defaults(func=run)
