"""``gikp pretrain``: masked-LM pretraining of the narrative tagger's encoder (thin over
:func:`gikp_nlp.training.pretrain.pretrain`); a tagger starts from it with ``model.encoder``."""
from __future__ import annotations

import argparse
import logging

from gikp_nlp.cli._common import parse_sets
from gikp_nlp.cli.train import DEFAULT_GOLD


def _folds(value: str) -> list[int]:
    try:
        return sorted({int(part) for part in value.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"--exclude-folds takes fold numbers such as 0 or 2,3,4, got {value!r}") from None


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("gikp_nlp").setLevel(logging.INFO)  # progress even under gikp's WARNING default
    from gikp_nlp.training.pretrain import pretrain  # lazy: torch only when training

    path = pretrain(args.config, args.output, parse_sets(args.set), gold_dir=args.gold,
                    exclude_folds=args.exclude_folds, folds_file=args.folds_file)
    print(path)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("pretrain", help="pretrain the narrative model's encoder (masked LM) on generated "
                                               "reports and the gold documents' text")
    p.add_argument("--config", required=True, help="pretraining config, e.g. configs/pretrain.toml")
    p.add_argument("--output", default=None, help="encoder directory (default runs/encoder/<name>/)")
    p.add_argument("--gold", default=DEFAULT_GOLD, help="annotations directory whose documents' text is read "
                   "(default: %(default)s/ in the working directory)")
    p.add_argument("--exclude-folds", type=_folds, default=[], metavar="K[,K...]",
                   help="leave out the documents of these recorded folds (the encoder of CV fold K's model)")
    p.add_argument("--folds-file", default=None, help="with --exclude-folds: folds JSON (default: <gold>/folds.json)")
    p.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                   help="override a config value (repeatable), e.g. --set train.max_steps=100")
    p.set_defaults(func=run)
