"""Fitting the hybrid's combiner: logistic weights, the per-number selection, the inner-CV threshold."""
from __future__ import annotations

import numpy as np
import pytest

from gikp_nlp.errors import ConfigError
from gikp_nlp.narrative.combine import FEATURES, Combiner
from gikp_nlp.training.combiner import (
    DocPairs,
    combiner_card,
    choose_threshold,
    doc_scores,
    fit_combiner,
    fit_logistic,
    record_prf,
)

N = len(FEATURES)
PROB = FEATURES.index("m_prob")
AGREE = FEATURES.index("agree")


def vec(**values: float) -> tuple[float, ...]:
    f = [0.0] * N
    for name, v in values.items():
        f[FEATURES.index(name)] = v
    return tuple(f)


def synthetic(n_docs: int = 30, folds: int = 3, seed: int = 0) -> list[DocPairs]:
    """Documents whose gold pairs have agreement and a high probability; the others neither (with noise)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n_docs):
        groups, gold = [], set()
        for j in range(6):
            good = ("a.x", "total", float(j + 10 * i))
            bad = ("a.y", "total", float(j + 10 * i))
            is_gold = bool(rng.random() < 0.6)
            if is_gold:
                gold.add(good)
            groups.append(((good, vec(m_prob=rng.uniform(0.6, 1.0) if is_gold else rng.uniform(0.0, 0.5),
                                      agree=float(is_gold))),
                           (bad, vec(m_prob=rng.uniform(0.0, 0.4)))))
        gold.add(("a.z", "total", 999.0 + i))  # a gold record no engine proposes: a miss in every threshold
        out.append(DocPairs(f"d{i}", i % folds, tuple(groups), frozenset(gold)))
    return out


def test_combiner_fit_logistic_separates_a_synthetic_feature_set():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, N))
    y = (x[:, PROB] + 0.5 * x[:, AGREE] > 0).astype(float)
    w, b, mean, scale = fit_logistic(x, y, l2=0.1)
    c = Combiner(FEATURES, tuple(w), b, tuple(mean), tuple(scale), 0.5)
    accuracy = np.mean((c.scores(x) >= 0.5) == (y == 1))
    assert accuracy > 0.97
    assert w[PROB] > 0 and w[AGREE] > 0 and abs(w[PROB]) > abs(w[FEATURES.index("r_none")])


def test_combiner_fit_needs_both_labels():
    with pytest.raises(ConfigError):
        fit_logistic(np.zeros((3, N)), np.zeros(3))


def test_combiner_record_prf_keeps_the_best_pair_per_number_above_threshold():
    doc = DocPairs("d", 0, (((("a", "total", 1.0), vec()), (("b", "total", 1.0), vec())),
                            ((("c", "total", 2.0), vec()),)),
                   frozenset({("b", "total", 1.0), ("d", "total", 5.0)}))
    scores = [[np.array([0.3, 0.8]), np.array([0.6])]]
    high = record_prf([doc], scores, 0.7)
    assert (high["tp"], high["predicted"], high["gold"]) == (1, 1, 2)
    low = record_prf([doc], scores, 0.5)
    assert (low["tp"], low["predicted"], low["gold"]) == (1, 2, 2)


def test_combiner_threshold_by_inner_cv_reports_both_options():
    data = synthetic()
    choice = choose_threshold(data, policy="precision", min_precision=0.95)
    assert choice["inner_folds"] == [0, 1, 2]
    assert choice["precision_option"]["precision"] >= 0.95
    assert choice["f1_option"]["f1"] >= choice["precision_option"]["f1"]
    assert choice["threshold"] == choice["precision_option"]["threshold"]
    unreachable = choose_threshold(data, policy="precision", min_precision=1.01)
    assert unreachable["precision_option"] is None
    assert unreachable["threshold"] == unreachable["f1_option"]["threshold"]
    with pytest.raises(ConfigError):
        choose_threshold(data, policy="recall")
    with pytest.raises(ConfigError):
        choose_threshold([d for d in data if d.fold == 0])


def test_combiner_fitted_combiner_selects_the_gold_pairs_on_new_documents():
    c = fit_combiner(synthetic(), model_sha256="f" * 64)
    new = synthetic(n_docs=10, seed=7)
    r = record_prf(new, doc_scores(new, c), c.threshold)
    assert r["precision"] >= 0.95
    gold_proposed = sum(len(d.gold) - 1 for d in new)  # the unproposed record of each document is a miss
    assert r["tp"] >= 0.95 * gold_proposed
    assert c.model_sha256 == "f" * 64 and c.info["documents"] == 30
    assert Combiner.from_dict(c.to_dict()) == c


def test_combiner_card_section_shows_the_threshold_options(tmp_path):
    assert combiner_card(tmp_path) == ""
    fit_combiner(synthetic(), policy="precision", min_precision=0.95).save(tmp_path / "combiner.json")
    card = combiner_card(tmp_path)
    assert "policy `precision`" in card and "- `f1`: threshold" in card and "- `precision`: threshold" in card
