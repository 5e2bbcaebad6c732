"""The step budget, the clock's safety stop, the moving average's ramp, and a fold model that learns
its own training documents (what made cross-validation's fold models useless, issue 14)."""
from __future__ import annotations

import json
import logging

import pytest

from gikp_nlp.errors import ConfigError
from gikp_nlp.training.config import load_train_config
from gikp_nlp.training.corpus import cv_documents
from gikp_nlp.training.train import ema_decay_at, planned_steps, train

from tests.training.test_train import TINY

#: a few short real documents with several indicators each (r027: 6 mentions, xl007: 5, r054: 3)
LEARN_IDS = ("r027", "r054", "xl007")


def _training(out):
    return json.loads((out / "meta.json").read_text(encoding="utf-8"))["training"]


def test_train_budget_stops_exactly_at_max_steps(tmp_path):
    out = train(TINY, tmp_path, {"data.synthetic_docs": 12, "train.epochs": 50, "train.max_steps": 7,
                                 "train.log_every": 1000})
    figures = _training(out)
    assert (figures["steps"], figures["planned_steps"], figures["stop"]) == (7, 7, "max_steps")
    assert not figures["stopped_early"] and figures["final_lr"] == 0.0  # the schedule ends at the budget
    assert figures["last_loss"] is not None


def test_train_budget_max_steps_beyond_the_epochs_is_a_cap_only():
    cfg, _ = load_train_config(TINY, {"train.epochs": 2, "train.batch_size": 10, "train.max_steps": 1000})
    assert planned_steps(95, cfg) == 20
    cfg, _ = load_train_config(TINY, {"train.epochs": 2, "train.batch_size": 10, "train.max_steps": 0})
    assert planned_steps(95, cfg) == 20


def test_train_budget_clock_stop_is_loud_and_recorded(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="gikp_nlp.training.train"):
        out = train(TINY, tmp_path, {"data.synthetic_docs": 12, "train.epochs": 50, "train.max_minutes": 1e-9})
    figures = _training(out)
    assert figures["stop"] == "max_minutes" and figures["stopped_early"]
    assert figures["steps"] < figures["planned_steps"] and figures["final_lr"] > 0
    assert any("max_minutes" in r.getMessage() and "under-trained" in r.getMessage() for r in caplog.records)


def test_train_budget_config_checks_the_budget_keys():
    with pytest.raises(ConfigError, match="max_steps"):
        load_train_config(TINY, {"train.max_steps": -1})
    with pytest.raises(ConfigError, match="max_minutes"):
        load_train_config(TINY, {"train.max_minutes": 0})


def test_train_ema_decay_ramps_up_from_a_copy():
    """Update 0 copies the weights; a short run's average covers its last steps, not its untrained start
    (a fixed 0.999 from step 1 kept 0.999**1300 = 27% of the first step's weights after 1 300 steps)."""
    ramp = [ema_decay_at(s, 0.999) for s in range(0, 20000, 50)]
    assert ramp[0] == 0.1 and ema_decay_at(0, 0.5) == 0.1
    assert all(a <= b for a, b in zip(ramp, ramp[1:])) and ramp[-1] == 0.999
    weight_of_first = 1.0
    for s in range(1, 1300):
        weight_of_first *= ema_decay_at(s, 0.999)
    assert weight_of_first < 1e-3


def test_train_fold_model_learns_its_own_real_documents(tmp_path):
    """A model trained on a few real documents (the cross-validation path: ``real_docs``, no synthetic
    data) tags their numbers with their indicators: a misalignment of labels to characters, wrong label
    ids or an average of untrained weights fails here."""
    import gikp_nlp
    from gikp_nlp.training.cv import narrative_counts
    from gikp_nlp.training.evaluate import extract_golds, pooled_prf

    docs, _ = cv_documents()
    real = [d for d in docs if d["id"] in LEARN_IDS]
    assert len(real) == len(LEARN_IDS)
    out = train(TINY, tmp_path, {"data.synthetic_docs": 0, "data.use_real": True, "data.real_repeat": 8,
                                 "vocab.min_freq": 1, "model.hidden_size": 64, "model.intermediate_size": 128,
                                 "model.num_layers": 2, "model.dropout": 0.0, "train.learning_rate": 0.001,
                                 "train.unk_dropout": 0.0, "train.epochs": 100, "train.max_steps": 600,
                                 "train.ema_decay": 0.999, "train.batch_size": 8, "train.log_every": 1000,
                                 "train.max_minutes": 10.0},
                real_docs=real, dev_docs=[])
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert sorted(meta["data"]["real_train_docs"]) == sorted(LEARN_IDS)
    extractor = gikp_nlp.load(overrides={"narrative.engine": "model", "narrative.model": str(out)})
    score = pooled_prf(narrative_counts(item) for item in extract_golds(extractor, real))
    assert score["gold"] >= 10 and score["recall"] >= 0.7 and score["precision"] >= 0.7, score


def test_train_real_table_regions_get_no_labels(taxonomy):
    """With ``data.real_table_labels = false`` the statistics-table cells of a real document are read
    as context but never a loss term (the narrative model never tags inside tables at inference)."""
    from gikp_nlp.model.vocab import CharVocab
    from gikp_nlp.training.train import IGNORE, table_regions, view_spans, windows_dataset

    docs, _ = cv_documents()
    doc = next(d for d in docs if d["id"] == "r084")
    regions = table_regions([doc], taxonomy)[doc["id"]]
    inside = [m for m in doc["mentions"] if any(s <= m["start"] and m["end"] <= e for s, e in regions)]
    outside = [m for m in doc["mentions"] if m not in inside]
    assert inside and outside
    labels = taxonomy.bio_labels()
    vocab = CharVocab.build([view_spans(doc)[0]])
    window = len(doc["text"]) + 1  # one window: positions in it are positions in the view
    plain = windows_dataset([doc], vocab, labels, window, window)[0]["labels"]
    masked = windows_dataset([doc], vocab, labels, window, window, unlabelled={doc["id"]: regions})[0]["labels"]
    kept = [a for a, b in zip(plain, masked) if b != IGNORE]
    assert IGNORE not in plain and 0 < masked.count(IGNORE) < len(masked)
    assert sum(1 for t in kept if labels[t].startswith("B-")) == len(outside)
