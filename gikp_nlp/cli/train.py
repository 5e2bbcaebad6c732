"""``gikp train``: train the narrative model (thin over the library's ``train``), or fine-tune
one on new annotations (``--from`` + ``--annotations``, over :func:`gikp_nlp.training.finetune.finetune`)."""
from __future__ import annotations

import argparse
import logging

from gikp_nlp.cli._common import parse_sets

#: where the gold corpus is looked for when --gold is not given (relative to the working directory)
DEFAULT_GOLD = "annotations"
#: the fine-tune config when --from is given without --config (relative to the working directory)
DEFAULT_FINETUNE_CONFIG = "configs/finetune.toml"


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("gikp_nlp").setLevel(logging.INFO)  # training progress even under gikp's WARNING default
    if (args.init_from is None) != (args.annotations is None):
        raise SystemExit("gikp train: error: --from and --annotations go together (fine-tuning)")
    if args.init_from is not None:
        if args.cv_fold is not None:
            raise SystemExit("gikp train: error: --cv-fold trains a fold from scratch; not with --from")
        return _finetune(args)
    if args.eval is not None:
        raise SystemExit("gikp train: error: --eval is for fine-tuning (--from/--annotations)")
    if args.config is None:
        raise SystemExit("gikp train: error: --config is required (e.g. configs/gikp-ner-zh.toml)")
    if args.cv_fold is not None:
        from gikp_nlp.training.cv import train_fold  # lazy: torch only when training

        path = train_fold(args.config, args.cv_fold, args.output or f"runs/cv/fold-{args.cv_fold}",
                          parse_sets(args.set), gold_dir=args.gold, folds_file=args.folds_file)
        print(path)
        return 0
    from gikp_nlp.training.train import train  # lazy: torch only when training

    path = train(args.config, args.output, parse_sets(args.set), gold_dir=args.gold, splits_dir=args.splits)
    print(path)
    return 0


def _finetune(args: argparse.Namespace) -> int:
    from gikp_nlp.training.finetune import REFIT_HINT, finetune  # lazy: torch only when training

    path, figures = finetune(args.init_from, args.annotations, args.config or DEFAULT_FINETUNE_CONFIG, args.output,
                             parse_sets(args.set), eval_path=args.eval)
    if figures:
        print(f"held-out narrative record scores on {len(figures['documents'])} document(s):")
        for engine in figures["before"]:
            for when in ("before", "after"):
                s = figures[when][engine]
                print(f"  {s['engine']:<7} {when:<6} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}")
    print(f"note: {path} has no combiner (its weights changed): the hybrid engine runs as the union of model "
          f"and rules until you refit it: {REFIT_HINT.format(path=path)}")
    print(path)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("train", help="train the narrative model from annotations/ + synthetic data, or "
                                            "fine-tune one on new annotations (--from, --annotations)")
    p.add_argument("--config", default=None, help="training config, e.g. configs/gikp-ner-zh.toml (required "
                   f"without --from; with it the default is {DEFAULT_FINETUNE_CONFIG})")
    p.add_argument("--output", default=None, help="model directory (default runs/<name>/)")
    p.add_argument("--gold", default=DEFAULT_GOLD,
                   help="annotations directory or a folder of gold JSON files (default: %(default)s/ in the "
                        "working directory); only its train split is used")
    p.add_argument("--splits", default=None, help="annotations directory whose splits.json splits a --gold folder "
                   "of JSON files (default: annotations/ in the working directory)")
    p.add_argument("--from", dest="init_from", default=None, metavar="NAME|DIR",
                   help="fine-tune this model (a packaged name such as gikp-ner-zh, or a model directory)")
    p.add_argument("--annotations", default=None, metavar="PATH",
                   help="with --from: the new documents, a Label Studio JSON export, a task file or a folder of them")
    p.add_argument("--eval", default=None, metavar="GOLD",
                   help="with --from: held-out gold (JSON folder or task file) scored before and after")
    p.add_argument("--cv-fold", type=int, default=None, metavar="K",
                   help="train the model of CV fold K: on every --gold document of the other recorded folds "
                        "(score the folds with `gikp evaluate --cv N --fold-models DIR`, DIR/fold-K each)")
    p.add_argument("--folds-file", default=None, help="with --cv-fold: folds JSON (default: <gold>/folds.json)")
    p.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                   help="override a training config value (repeatable), e.g. --set train.epochs=1")
    p.set_defaults(func=run)
