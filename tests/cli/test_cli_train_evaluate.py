"""`gikp train` and `gikp evaluate` pass --set/--config/--gold through to the library unchanged."""
from __future__ import annotations

import json

import pytest

from gikp_nlp.cli import main


def test_cli_train_passes_overrides_as_toml_scalars(monkeypatch, tmp_path, capsys):
    seen = {}

    def fake_train(config, output, overrides, *, gold_dir, splits_dir):
        seen.update(config=config, output=output, overrides=overrides, gold_dir=gold_dir)
        return tmp_path / "model"

    monkeypatch.setattr("gikp_nlp.training.train.train", fake_train)
    assert main(["train", "--config", "configs/tiny.toml", "--set", "train.epochs=1",
                 "--set", "train.precision=bf16", "--set", "train.lr=0.001"]) == 0
    assert seen == {"config": "configs/tiny.toml", "output": None, "gold_dir": "annotations",
                    "overrides": {"train.epochs": 1, "train.precision": "bf16", "train.lr": 0.001}}
    assert capsys.readouterr().out.strip() == str(tmp_path / "model")


@pytest.mark.parametrize("argv, engine", [(["--model", "models/m"], "model"),
                                          (["--model", "models/m", "--set", "narrative.engine=hybrid"], "hybrid")])
def test_cli_evaluate_model_sets_the_engine_unless_set_says_otherwise(monkeypatch, capsys, argv, engine):
    seen = {}

    def fake_evaluate(gold, split, config, overrides, *, splits_dir):
        seen.update(gold=gold, split=split, config=config, overrides=overrides)
        return {"narrative": {"mentions": []}, "tables": {"mentions": []}}

    monkeypatch.setattr("gikp_nlp.training.evaluate.evaluate", fake_evaluate)
    assert main(["evaluate", "--split", "test", *argv]) == 0
    assert seen["overrides"] == {"narrative.model": "models/m", "narrative.engine": engine}
    assert (seen["gold"], seen["split"], seen["config"]) == ("annotations", "test", None)
    assert json.loads(capsys.readouterr().out) == {"narrative": {}, "tables": {}}


def test_cli_evaluate_bad_override_fails_before_scoring(monkeypatch, capsys):
    monkeypatch.setattr("gikp_nlp.training.evaluate.evaluate", lambda *a: pytest.fail("scored"))
    assert main(["evaluate", "--set", "narrative.engine=rulez"]) == 1
    assert "[E200]" in capsys.readouterr().err
