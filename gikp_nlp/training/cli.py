"""``gikp train`` and ``gikp evaluate``: ``register(subparsers)`` adds them to the main CLI."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any


def _overrides(items: list[str]) -> dict[str, Any]:
    """``key=value`` pairs; values parsed as JSON when they can be (numbers, true/false)."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep:
            raise SystemExit(f"override {item!r} must be key=value")
        try:
            out[key] = json.loads(raw)
        except json.JSONDecodeError:
            out[key] = raw
    return out


def _train(args: argparse.Namespace) -> int:
    from gikp_nlp.training.train import train

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("gikp_nlp").setLevel(logging.INFO)  # training progress even under gikp's WARNING default
    path = train(args.config, args.output, _overrides(args.set), gold_dir=args.gold, splits_dir=args.splits)
    print(path)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from gikp_nlp.training.evaluate import evaluate

    overrides = _overrides(args.set)
    if args.model:
        overrides["narrative.model"] = args.model
        overrides.setdefault("narrative.engine", "model")
    if args.engine:
        overrides["narrative.engine"] = args.engine
    result = evaluate(args.gold, args.split, args.config, overrides, splits_dir=args.splits)
    if not args.full:
        for key in ("narrative", "tables"):
            result[key].pop("mentions", None)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    sys.stdout.write(text + "\n")
    return 0


def register(subparsers: Any) -> None:
    """Add ``train`` and ``evaluate`` to an argparse subparsers object."""
    p = subparsers.add_parser("train", help="train the narrative model from annotations/ + synthetic data")
    p.add_argument("--config", required=True, help="training config, e.g. configs/gikp-ner-zh.toml")
    p.add_argument("--output", default=None, help="model directory (default ./runs/<name>/)")
    p.add_argument("--gold", default=None, help="gold dir (default ./annotations); only its train split is used")
    p.add_argument("--splits", default=None, help="annotations dir whose splits.json splits a --gold dir of JSON "
                   "files (default ./annotations)")
    p.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                   help="override a config value, e.g. --set train.epochs=1")
    p.set_defaults(func=_train)

    e = subparsers.add_parser("evaluate", help="score extraction against gold annotations (JSON)")
    e.add_argument("--gold", default=None, help="./annotations (default) or a directory of gold JSON files")
    e.add_argument("--splits", default=None, help="annotations dir whose splits.json splits a --gold dir of JSON "
                   "files (default ./annotations)")
    e.add_argument("--split", default="dev", choices=["train", "dev", "test", "all"])
    e.add_argument("--config", default=None, help="pipeline config TOML")
    e.add_argument("--model", default=None, help="packaged model name or model directory (sets narrative.engine=model unless --engine is given)")
    e.add_argument("--engine", default=None, choices=["auto", "hybrid", "model", "rules"])
    e.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE")
    e.add_argument("--full", action="store_true", help="include per-indicator seqeval reports")
    e.add_argument("--output", default=None, help="also write the JSON here")
    e.set_defaults(func=_evaluate)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gikp-model")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
