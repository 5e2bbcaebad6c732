"""A tiny-config training run end to end: train → save → load → tag, in seconds."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gikp_nlp.errors import ConfigError
from gikp_nlp.model import NerTagger
from gikp_nlp.training.config import load_train_config
from gikp_nlp.training.train import train

TINY = Path(__file__).resolve().parents[2] / "configs" / "tiny.toml"


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("tiny")
    return train(TINY, out, {"data.synthetic_docs": 12, "train.epochs": 1})


def test_train_tiny_config_saves_a_loadable_model(tiny_model, taxonomy):
    for name in ("config.json", "model.safetensors", "vocab.json", "meta.json", "README.md"):
        assert (tiny_model / name).is_file()
    meta = json.loads((tiny_model / "meta.json").read_text(encoding="utf-8"))
    assert meta["config"]["model"]["hidden_size"] == 16
    assert meta["data"]["synthetic_docs"] == 12 and len(meta["config_sha256"]) == 64
    tagger = NerTagger.from_pretrained(tiny_model, taxonomy=taxonomy)
    text = "全年主动公开政府信息171条。"
    from gikp_nlp.narrative.relate import ModelEngine

    assert all(text[m.start:m.end] == m.text for m in ModelEngine(tagger).tag(text, [(0, len(text))]))


def test_train_is_reproducible_with_fixed_seeds(tiny_model, tmp_path, taxonomy):
    again = train(TINY, tmp_path, {"data.synthetic_docs": 12, "train.epochs": 1})
    a = NerTagger.from_pretrained(tiny_model, taxonomy=taxonomy)
    b = NerTagger.from_pretrained(again, taxonomy=taxonomy)
    text = "收到政府信息公开申请12件，予以公开3件。"
    assert (a.predict_probs(text) - b.predict_probs(text)).max() < 1e-5


def test_train_config_rejects_unknown_keys(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(TINY.read_text(encoding="utf-8").replace("[vocab]", "[vocab]\nmin_freqq = 3"), encoding="utf-8")
    with pytest.raises(ConfigError, match="min_freqq"):
        load_train_config(bad)
    with pytest.raises(ConfigError, match="override"):
        load_train_config(TINY, {"nosuchsection": 1})


def test_train_config_checks_precision(tmp_path):
    with pytest.raises(ConfigError, match="precision"):
        load_train_config(TINY, {"train.precision": "fp16"})
    config, _ = load_train_config(TINY, {"train.precision": "bf16"})
    assert config.train.precision == "bf16"


@pytest.mark.parametrize("key", ["model.dropout", "model.attention_dropout"])
def test_train_config_checks_dropout_range(key):
    with pytest.raises(ConfigError, match=key):
        load_train_config(TINY, {key: 1.0})


def test_train_attention_dropout_reaches_the_model(tmp_path):
    """Hidden and attention dropout are separate knobs (attention dropout off
    saves a third of a training step on CPU); the saved config says which is which."""
    out = train(TINY, tmp_path, {"data.synthetic_docs": 2, "train.epochs": 1,
                                 "model.dropout": 0.2, "model.attention_dropout": 0.0})
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert (config["hidden_dropout_prob"], config["attention_probs_dropout_prob"]) == (0.2, 0.0)


def test_train_bf16_autocast_saves_fp32_weights(tmp_path, taxonomy):
    """bfloat16 is for the arithmetic of training; what is saved (and loaded for
    inference) stays float32."""
    from safetensors import safe_open

    out = train(TINY, tmp_path, {"data.synthetic_docs": 4, "train.epochs": 1, "train.precision": "bf16"})
    with safe_open(str(out / "model.safetensors"), framework="pt") as f:
        assert {str(f.get_tensor(k).dtype) for k in f.keys()} == {"torch.float32"}
    tagger = NerTagger.from_pretrained(out, taxonomy=taxonomy)
    probs = tagger.predict_probs("收到政府信息公开申请12件。")
    assert abs(probs.sum(axis=1) - 1).max() < 1e-4


def test_train_ema_saves_averaged_weights(tiny_model, tmp_path, taxonomy):
    """With ema_decay the saved weights are the moving average: they differ from
    the same run's last step (the tiny_model fixture, no average), and still tag."""
    with pytest.raises(ConfigError, match="ema_decay"):
        load_train_config(TINY, {"train.ema_decay": 1.0})
    averaged = train(TINY, tmp_path, {"data.synthetic_docs": 12, "train.epochs": 1, "train.ema_decay": 0.9})
    a = NerTagger.from_pretrained(tiny_model, taxonomy=taxonomy)
    b = NerTagger.from_pretrained(averaged, taxonomy=taxonomy)
    text = "收到政府信息公开申请12件，予以公开3件。"
    last, mean = a.model.state_dict(), b.model.state_dict()
    assert max((last[k] - mean[k]).abs().max().item() for k in last) > 1e-4  # the weights (the tiny model's
    assert abs(b.predict_probs(text).sum(axis=1) - 1).max() < 1e-4           # probabilities are near uniform)


def test_train_augment_real_rewrites_numbers_exactly(taxonomy):
    from gikp_nlp.training.train import augment_real

    doc = {"id": "d", "text": "主动公开政府信息171条，收到申请3件。",
           "mentions": [{"start": 8, "end": 11, "text": "171", "indicator": "proactive.total",
                         "applicant": "total", "value": 171, "approx": False},
                        {"start": 17, "end": 18, "text": "3", "indicator": "request.new",
                         "applicant": "total", "value": 3, "approx": False}]}
    out = augment_real([doc], 4, seed=1)
    assert out[0] is doc and len(out) == 4
    assert out == augment_real([doc], 4, seed=1)
    for variant in out[1:]:
        assert [m["indicator"] for m in variant["mentions"]] == ["proactive.total", "request.new"]
        for m in variant["mentions"]:
            assert variant["text"][m["start"]:m["end"]] == m["text"]
        assert variant["text"].startswith("主动公开政府信息") and variant["text"].endswith("件。")


def test_baselines_benchmark_scores_rules_and_model_in_one_run(tiny_model, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("baselines", Path(TINY).parents[1] / "benchmarks" / "baselines.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.main(["--model", str(tiny_model), "--splits", "dev", "--runs", "5"])
    assert [r["system"].split(" (")[0].split(",")[0] for r in rows] == ["rules baseline", "our model", "our model"]
    rules, model, _hybrid = rows
    assert rules["dev"]["narrative_record_f1"] > 0.5  # the rules read the dev narrative
    assert 0.0 <= model["dev"]["narrative_record_f1"] <= 1.0 and model["size_mb"] > 0
    assert all(r["reports_per_s_5000_chars"] > 0 for r in rows)
    assert "| rules baseline |" in capsys.readouterr().out


def test_hybrid_engine_loads_the_model_and_keeps_offsets(tiny_model):
    import gikp_nlp

    with pytest.warns(UserWarning, match="no combiner"):  # a model fresh from training: the union of both engines
        extractor = gikp_nlp.load(overrides={"narrative.engine": "hybrid", "narrative.model": str(tiny_model)})
    assert extractor.engine == "hybrid"
    text = "全年主动公开政府信息171条。本年度共收到政府信息公开申请12件。"
    report = extractor.extract(text)
    assert ("request.new", "total", 12) in {(r.indicator, r.applicant, r.value) for r in report.records}
    assert all(text[m.start:m.end] == m.text for m in report.mentions)
