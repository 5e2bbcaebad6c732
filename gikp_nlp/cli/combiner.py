"""``gikp combiner``: refit the hybrid's per-number combiner of a model (thin over
:func:`gikp_nlp.training.combiner.refit_shipped`), e.g. after training or fine-tuning changed its weights."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from gikp_nlp.cli.train import DEFAULT_GOLD


def run(args: argparse.Namespace) -> int:
    from gikp_nlp.errors import ConfigError
    from gikp_nlp.training.combiner import cv_summary, refit_shipped  # lazy: torch only when fitting

    cv = None
    if args.cv:
        try:
            cv = cv_summary(json.loads(Path(args.cv).read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ConfigError(f"--cv {args.cv} is not a cv.json of `gikp evaluate --cv`: {exc}") from None
    policy = {} if args.policy is None else {"policy": args.policy}  # an unknown one is a typed error there
    path = refit_shipped(args.model, gold_dir=args.gold, folds_file=args.folds_file, out=args.out,
                         config=args.config, cv=cv, fold_models=args.fold_models, **policy)
    data = json.loads(path.read_text(encoding="utf-8"))
    choice = data["info"]["threshold_choice"]
    f1 = choice["f1_option"]
    precise = choice["precision_option"]
    print(f"wrote {path}: threshold {data['threshold']} (policy {choice['policy']}); inner CV: best F1 "
          f"{f1['f1']:.3f} (P {f1['precision']:.3f}) at {f1['threshold']}; precision ≥ {choice['min_precision']}: "
          + (f"F1 {precise['f1']:.3f} at {precise['threshold']}" if precise else "not reached"))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("combiner", help="refit the hybrid's per-number combiner of a model on the gold "
                                               "documents (after its weights changed)")
    p.add_argument("--model", default="gikp-ner-zh", help="a packaged model name or a model directory "
                   "(default: %(default)s); the combiner is written beside its weights unless --out")
    p.add_argument("--gold", default=DEFAULT_GOLD, help="annotations directory with folds.json (default: "
                   "%(default)s/ in the working directory)")
    p.add_argument("--folds-file", default=None, help="folds JSON (default: <gold>/folds.json)")
    p.add_argument("--fold-models", default=None, metavar="DIR",
                   help="fit on the out-of-fold proposals of DIR/fold-K (the recipe's fold models, `gikp train "
                        "--cv-fold K`): for a model trained on the gold documents themselves")
    p.add_argument("--policy", default=None, metavar="f1|precision",
                   help="threshold: best record F1 (the default), or best F1 at precision ≥ 0.92 (precision)")
    p.add_argument("--cv", default=None, metavar="CV_JSON", help="a cv.json whose figures are recorded in the file")
    p.add_argument("--config", default=None, help="pipeline config the engines run with")
    p.add_argument("--out", default=None, help="where to write (default: combiner.json beside the weights)")
    p.set_defaults(func=run)
