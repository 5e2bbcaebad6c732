"""`gikp evaluate --cv K` passes its options to the library and writes the tables."""
from __future__ import annotations

import json

from gikp_nlp.cli import main


def test_cli_evaluate_cv_passes_the_options_through(monkeypatch, tmp_path, capsys):
    seen = {}

    def fake_cv(gold_dir, **kwargs):
        seen.update(gold_dir=gold_dir, **kwargs)
        return {"marker": 1}

    monkeypatch.setattr("gikp_nlp.training.cv.cross_validate", fake_cv)
    monkeypatch.setattr("gikp_nlp.training.cv.write_cv", lambda result, out: seen.update(written=(result, out)))
    monkeypatch.setattr("gikp_nlp.training.cv.render_markdown", lambda result: "# tables\n")
    assert main(["evaluate", "--cv", "5", "--engines", "model, rules", "--train-config", "configs/tiny.toml",
                 "--train-set", "train.epochs=1", "--set", "narrative.min_confidence=0.6", "--out", str(tmp_path),
                 "--max-docs", "2", "--no-train"]) == 0
    assert seen["k"] == 5 and seen["engines"] == ["model", "rules"] and seen["max_per_fold"] == 2
    assert seen["train_overrides"] == {"train.epochs": 1} and seen["overrides"] == {"narrative.min_confidence": 0.6}
    assert seen["model"] == "gikp-ner-zh"  # --no-train without --model: the shipped model
    assert seen["written"] == ({"marker": 1}, tmp_path)
    assert capsys.readouterr().out.startswith("# tables")


def test_cli_evaluate_cv_rules_on_two_tiny_folds(tmp_path, capsys):
    folds = tmp_path / "folds.json"
    folds.write_text(json.dumps({"k": 2, "seed": 1, "folds": [["r003"], ["r006"]]}), encoding="utf-8")
    out = tmp_path / "cv"
    assert main(["evaluate", "--cv", "2", "--engines", "rules", "--folds-file", str(folds), "--out", str(out)]) == 0
    result = json.loads((out / "cv.json").read_text(encoding="utf-8"))
    assert result["folds"] == [["r003"], ["r006"]] and result["results"]["rules"]["documents"] == 2
    assert "| rules | 2 |" in (out / "cv.md").read_text(encoding="utf-8")
    assert "| rules | 2 |" in capsys.readouterr().out
