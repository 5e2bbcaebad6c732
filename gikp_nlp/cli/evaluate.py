"""``gikp evaluate``: score extraction against gold annotations, as JSON (thin over the library's ``evaluate``)."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from gikp_nlp.cli._common import add_config_options, pipeline_overrides
from gikp_nlp.cli.train import DEFAULT_GOLD

SPLITS = ("train", "dev", "test", "all")
DEFAULT_CV_OUT = "runs/cv"  # relative to the working directory
DEFAULT_NO_TRAIN_MODEL = "gikp-ner-zh"  # --no-train without --model: the shipped model


def run_cv(args: argparse.Namespace) -> int:
    """``--cv K``: cross-validation (or ``--no-train``: one model on every fold) into ``--out``."""
    from gikp_nlp.cli._common import parse_sets

    overrides = pipeline_overrides(args)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    subsets = None
    if args.no_train and args.fold_models:
        raise SystemExit("gikp evaluate: error: --no-train scores one model; --fold-models one per fold")
    if args.no_train and not args.model:
        args.model = DEFAULT_NO_TRAIN_MODEL
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("gikp_nlp.training").setLevel(logging.INFO)
    from gikp_nlp.training.cv import cross_validate, render_markdown, write_cv  # lazy: torch only when scoring

    if args.subset_prefix:
        from gikp_nlp.training.corpus import cv_documents

        docs, _ = cv_documents(args.gold, args.folds_file, args.max_docs)
        subsets = {f"{args.subset_prefix}*": [d["id"] for d in docs if d["id"].startswith(args.subset_prefix)]}
    out = Path(args.out)
    result = cross_validate(args.gold, k=args.cv, engines=engines, train_config=args.train_config,
                            train_overrides=parse_sets(args.train_set), config=args.config, overrides=overrides,
                            folds_file=args.folds_file, model=args.model if args.no_train else None,
                            max_per_fold=args.max_docs, work_dir=out / "models", subsets=subsets,
                            fold_models=args.fold_models)
    write_cv(result, out)
    sys.stdout.write(render_markdown(result).split("## Per fold")[0])
    sys.stdout.write(f"written: {out / 'cv.json'}, {out / 'cv.md'}, {out / 'errors.md'}\n")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.cv is not None:
        return run_cv(args)
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
    cv = p.add_argument_group("cross-validation (--cv K: train per fold on the other folds, score the held-out one)")
    cv.add_argument("--cv", type=int, default=None, metavar="K",
                    help="k-fold cross-validation over every document of --gold with its recorded folds "
                         "(K must equal the folds file's k)")
    cv.add_argument("--engines", default="model,hybrid,rules", help="comma-separated engines (default: %(default)s)")
    cv.add_argument("--train-config", default=None,
                    help="training config per fold (default: configs/cv.toml in the working directory)")
    cv.add_argument("--train-set", action="append", default=[], metavar="SECTION.KEY=VALUE",
                    help="override a training config value (repeatable), e.g. --train-set train.max_minutes=2")
    cv.add_argument("--out", default=DEFAULT_CV_OUT, help="output directory: cv.json, cv.md, errors.md, fold models "
                    "(default: %(default)s)")
    cv.add_argument("--folds-file", default=None, help="folds JSON (default: <gold>/folds.json)")
    cv.add_argument("--no-train", action="store_true",
                    help="score --model (default: the shipped model) on every fold: not CV for the documents it "
                         "was trained on (the output names them and scores the others apart)")
    cv.add_argument("--fold-models", default=None, metavar="DIR",
                    help="no training here: fold K is scored by DIR/fold-K, trained apart with `gikp train --cv-fold "
                         "K` (checked never to have seen fold K)")
    cv.add_argument("--max-docs", type=int, default=None, metavar="N",
                    help="tiny runs: keep the first N documents (by id) of each fold")
    cv.add_argument("--subset-prefix", default=None, metavar="PREFIX",
                    help="also score the documents whose id starts with PREFIX apart (e.g. x)")
    p.set_defaults(func=run)
