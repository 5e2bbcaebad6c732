"""Refit the hybrid's per-number combiner of a model on every gold document (issue 14).

    python benchmarks/fit_combiner.py                         # the shipped model: gikp_nlp/models/gikp-ner-zh/combiner.json
    python benchmarks/fit_combiner.py --model runs/x          # a trained model directory: runs/x/combiner.json
    python benchmarks/fit_combiner.py --cv /tmp/cv/cv.json    # also record the figures of a CV run in the file

Run it after the model's weights change: the model's probabilities are features, and the pipeline falls back
to the union of model and rules (with a warning) when the combiner was fitted for other weights. The weights are
fitted on all documents of annotations/ with a recorded fold; the threshold by an inner cross-validation over
those folds (gikp_nlp.training.combiner). About 2 minutes on 2 cores. Beside a model's weights, the model card
(README.md) is re-rendered with the combiner's section.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the checkout's package, not whatever an editable install points at


def main(argv: list[str] | None = None) -> int:
    from gikp_nlp.training.combiner import DEFAULT_POLICY, POLICIES, refit_shipped

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="gikp-ner-zh", help="a packaged model name or a model directory")
    parser.add_argument("--gold-dir", default=None, help="annotations directory (default ./annotations)")
    parser.add_argument("--folds-file", default=None)
    parser.add_argument("--out", default=None, help="where to write (default: combiner.json beside the weights)")
    parser.add_argument("--policy", default=DEFAULT_POLICY, choices=POLICIES)
    parser.add_argument("--fold-models", default=None, metavar="DIR",
                        help="fit on the out-of-fold proposals of DIR/fold-K (the recipe's fold models): for a model "
                             "trained on every gold document")
    parser.add_argument("--cv", default=None, help="a cv.json whose narrative figures are recorded in the file")
    args = parser.parse_args(argv)
    cv = None
    if args.cv:
        result = json.loads(Path(args.cv).read_text(encoding="utf-8"))
        cv = {"engines": {e: {k: r["scores"]["narrative"][k] for k in ("record", "record_f1_interval95",
                                                                         "record_precision_interval95")}
                          for e, r in result["results"].items()},
              # no machine paths in a shipped file: the model by its folder name, the fold combiners' files left out
              "per_fold": [{**run, "model": Path(run["model"]).name if run.get("model") else None}
                           for run in result["fold_runs"]],
              "combiners": [{k: v for k, v in c.items() if k != "file"} for c in result.get("combiners", [])],
              "subsets": {name: {e: s["scores"]["narrative"]["record"] for e, s in sub["results"].items()}
                          for name, sub in result["subsets"].items()}}
    path = refit_shipped(args.model, gold_dir=args.gold_dir, folds_file=args.folds_file, out=args.out,
                         policy=args.policy, cv=cv, fold_models=args.fold_models)
    meta = path.parent / "meta.json"
    if meta.is_file() and (path.parent / "model.safetensors").is_file():  # beside the weights: the card shows it
        from gikp_nlp.training.card import render_card

        card = render_card(json.loads(meta.read_text(encoding="utf-8")), path.parent)
        (path.parent / "README.md").write_text(card, encoding="utf-8")
    data = json.loads(path.read_text(encoding="utf-8"))
    choice = data["info"]["threshold_choice"]
    print(f"wrote {path}: threshold {data['threshold']} ({choice['policy']}); inner CV f1 option "
          f"{choice['f1_option']}; precision option {choice['precision_option']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
