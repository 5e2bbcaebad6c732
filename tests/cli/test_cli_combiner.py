"""`gikp combiner` and `gikp train --cv-fold`: a recipe's fold models, its all-gold model and the
combiner fitted on the fold models' out-of-fold proposals, end to end with a tiny config."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gikp_nlp.cli import main

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "annotations"
TINY = str(REPO / "configs" / "tiny.toml")
THREE = {"k": 3, "seed": 1, "folds": [["r003", "r006", "r021", "r030"], ["r009", "r012", "r024", "r033"],
                                      ["r016", "r018", "r027", "r036"]]}
SETS = ["--set", "data.synthetic_docs=8", "--set", "data.use_real=true", "--set", "train.epochs=9",
        "--set", "train.max_steps=30"]


@pytest.fixture(scope="module")
def recipe(tmp_path_factory):
    root = tmp_path_factory.mktemp("recipe")
    folds = root / "folds.json"
    folds.write_text(json.dumps(THREE), encoding="utf-8")
    for k in range(3):
        assert main(["train", "--config", TINY, "--gold", str(ANNOTATIONS), "--cv-fold", str(k), "--folds-file",
                     str(folds), "--output", str(root / f"fold-{k}"), *SETS]) == 0
    assert main(["train", "--config", TINY, "--gold", str(ANNOTATIONS), "--output", str(root / "all"), *SETS,
                 "--set", "data.real_split=all"]) == 0
    return root, folds


def test_cli_train_cv_fold_trains_without_its_fold_and_all_on_every_document(recipe):
    root, _ = recipe
    for k, held in enumerate(THREE["folds"]):
        trained = json.loads((root / f"fold-{k}" / "meta.json").read_text(encoding="utf-8"))["data"]
        assert not set(trained["real_train_docs"]) & set(held)
        assert set(trained["real_train_docs"]) == {i for f in THREE["folds"] for i in f} - set(held)
    every = json.loads((root / "all" / "meta.json").read_text(encoding="utf-8"))["data"]["real_train_docs"]
    assert len(every) == len(list((ANNOTATIONS / "tasks").glob("*.json")))


def test_cli_combiner_fits_on_out_of_fold_proposals_for_the_all_gold_model(recipe, capsys):
    root, folds = recipe
    assert main(["combiner", "--model", str(root / "all"), "--gold", str(ANNOTATIONS), "--folds-file", str(folds),
                 "--fold-models", str(root)]) == 0
    assert "wrote" in capsys.readouterr().out
    data = json.loads((root / "all" / "combiner.json").read_text(encoding="utf-8"))
    from gikp_nlp.pipeline import weights_sha256

    assert data["model_sha256"] == weights_sha256(root / "all")  # checked against the all-gold weights
    assert data["info"]["pairs_from"] == "out-of-fold models" and data["info"]["documents"] == 12
    assert "## The hybrid's combiner" in (root / "all" / "README.md").read_text(encoding="utf-8")


def test_cli_combiner_refuses_fold_models_that_saw_their_fold_and_a_bad_policy(recipe, tmp_path, capsys):
    root, folds = recipe
    swapped = tmp_path / "swapped"
    swapped.mkdir()
    for k in range(3):
        (swapped / f"fold-{k}").symlink_to(root / f"fold-{(k + 1) % 3}", target_is_directory=True)
    assert main(["combiner", "--model", str(root / "all"), "--gold", str(ANNOTATIONS), "--folds-file", str(folds),
                 "--fold-models", str(swapped), "--out", str(tmp_path / "c.json")]) == 1
    assert "not out of fold" in capsys.readouterr().err
    assert main(["combiner", "--model", str(root / "all"), "--gold", str(ANNOTATIONS), "--folds-file", str(folds),
                 "--policy", "best", "--out", str(tmp_path / "c.json")]) == 1
    assert "unknown threshold policy" in capsys.readouterr().err
    assert not (tmp_path / "c.json").exists()


def test_cli_evaluate_cv_scores_fold_models_trained_apart(recipe, tmp_path, capsys):
    root, folds = recipe
    assert main(["evaluate", "--gold", str(ANNOTATIONS), "--cv", "3", "--folds-file", str(folds), "--fold-models",
                 str(root), "--engines", "model,hybrid", "--out", str(tmp_path / "cv")]) == 0
    result = json.loads((tmp_path / "cv" / "cv.json").read_text(encoding="utf-8"))
    assert result["mode"] == "cv" and result["fold_models"] == str(root)
    assert [run["model"] for run in result["fold_runs"]] == [str(root / f"fold-{k}") for k in range(3)]
    assert {c["fitted_on"] for c in result["combiners"]} == {"out-of-fold"}
    with pytest.raises(SystemExit, match="--no-train scores one model"):
        main(["evaluate", "--gold", str(ANNOTATIONS), "--cv", "3", "--folds-file", str(folds), "--fold-models",
              str(root), "--no-train"])
