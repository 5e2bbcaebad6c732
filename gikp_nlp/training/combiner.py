"""Fitting the hybrid's per-number combiner (:mod:`gikp_nlp.narrative.combine`) on gold documents.

Every pair the two engines propose on a gold document is one row: its features
and a label (its (indicator, applicant, value) is a gold narrative record of
the document, matched as the scorer matches: :mod:`gikp_nlp.training.evaluate`).
The weights are an L2 logistic regression (numpy, Newton steps); the threshold
is chosen by an *inner* cross-validation over the training documents' recorded
folds (each inner fold scored by weights fitted on the others, the selection
per number simulated exactly), never on documents the combiner is judged on:
the highest record F1 whose precision reaches ``min_precision`` when some
threshold reaches it (policy ``precision``), else (or with policy ``f1``) the
highest record F1. Both options are recorded in the combiner's ``info``.

Refit the shipped combiner after the model changes: ``gikp combiner --model <name|dir>``
(:func:`refit_shipped`; ``--fold-models`` for a model trained on every gold document).
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from gikp_nlp.errors import ConfigError
from gikp_nlp.narrative.combine import COMBINER_FILE, FEATURES, Combiner, Pair, propose
from gikp_nlp.training.evaluate import Triple, _triple

logger = logging.getLogger(__name__)

#: L2 penalty on the standardised weights (not on the bias)
L2 = 1.0
#: Newton steps of the logistic fit, and the change of the loss at which it stops
MAX_STEPS = 50
TOLERANCE = 1e-8
#: thresholds tried for the selection (scores are probabilities)
THRESHOLDS = tuple(round(0.05 + 0.01 * i, 2) for i in range(91))
#: issue 14's precision target for the narrative records
MIN_PRECISION = 0.92
POLICIES = ("precision", "f1")
#: max F1: on the shipped model, precision ≥ 0.92 is reachable only at recall ≈ 0.48 (F1 ≈ 0.63, far below the
#: rules), see the model card; ``precision`` stays one argument away
DEFAULT_POLICY = "f1"


@dataclass(frozen=True)
class DocPairs:
    """One gold document's proposals: per number, its pairs' records and features; the gold records."""

    doc_id: str
    fold: int | None
    groups: tuple[tuple[tuple[Triple, tuple[float, ...]], ...], ...]
    gold: frozenset[Triple]


class _Recorder:
    """A narrative engine that proposes, records the pairs and states nothing (fitting reads the pairs)."""

    engine = "hybrid"

    def __init__(self, predictor: Any, rules: Any, taxonomy: Any, config: Any) -> None:
        self.predictor, self.rules, self.taxonomy, self.config = predictor, rules, taxonomy, config
        self.last: list[list[Pair]] = []

    def tag(self, text: str, spans: list[tuple[int, int]] | None = None, *, folded: Any = None,
            era: str | None = None) -> list[Any]:
        from gikp_nlp.lexicon import FoldedText, form_era

        folded = FoldedText.build(text) if folded is None else folded
        era = form_era(text) if era is None else era
        self.last = propose(text, spans, folded=folded, era=era, predictor=self.predictor, rules=self.rules,
                            taxonomy=self.taxonomy, config=self.config)
        return []


def collect(model: str | Path, docs: Sequence[Mapping[str, Any]], *, fold_of: Mapping[str, int] | None = None,
            config: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> list[DocPairs]:
    """The pairs of every gold document with the model at ``model`` (each text read as one narrative
    block through the whole pipeline, so the table regions and gold offsets are the scorer's)."""
    from gikp_nlp.config import load_config
    from gikp_nlp.document import Block, Document
    from gikp_nlp.narrative.rules import RuleTagger
    from gikp_nlp.pipeline import Extractor

    cfg = load_config(config, {**dict(overrides or {}), "narrative.engine": "model", "narrative.model": str(model)})
    model_engine = Extractor(cfg).narrative_tagger
    recorder = _Recorder(model_engine, RuleTagger(model_engine.taxonomy, cfg.narrative), model_engine.taxonomy,
                         cfg.narrative)
    extractor = Extractor(cfg, narrative_tagger=recorder)
    out = []
    for doc in docs:
        text = doc["text"]
        recorder.last = []
        report = extractor.process(Document(text=text, blocks=(Block("narrative", 0, len(text)),), source=doc["id"]))
        regions = report.table_regions
        gold = frozenset(_triple(m["indicator"], m["applicant"], m["value"]) for m in doc["mentions"]
                         if not any(s <= m["start"] and m["end"] <= e for s, e in regions))
        groups = tuple(tuple((_triple(p.mention.indicator, p.mention.applicant, p.mention.value), p.features)
                             for p in pairs) for pairs in recorder.last)
        out.append(DocPairs(doc["id"], (fold_of or {}).get(doc["id"]), groups, gold))
    return out


# -- the logistic model -------------------------------------------------------------------
def design(data: Sequence[DocPairs]) -> tuple[np.ndarray, np.ndarray]:
    """(features, labels) of every pair of ``data``; label 1 when its record is gold."""
    rows = [f for d in data for g in d.groups for _, f in g]
    labels = [float(t in d.gold) for d in data for g in d.groups for t, _ in g]
    return np.array(rows, dtype=np.float64).reshape(-1, len(FEATURES)), np.array(labels)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """(weights, bias, mean, scale) of an L2 logistic regression on standardised features (Newton's method).

    A constant feature gets scale 1 (its weight is then held at 0 by the penalty)."""
    if len(x) == 0 or len(set(y.tolist())) < 2:
        raise ConfigError("the combiner needs pairs of both kinds (gold and not) to fit",
                          hint="fit on more gold documents")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-12] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    last = np.inf
    for _ in range(MAX_STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -50.0, 50.0)))
        eps = 1e-12
        loss = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + 0.5 * np.sum(penalty * w * w)
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(w))
        w = w - np.linalg.solve(hess, grad)
        if abs(last - loss) < TOLERANCE * max(1.0, abs(loss)):
            break
        last = loss
    return w[:-1], float(w[-1]), mean, scale


def _combiner(x: np.ndarray, y: np.ndarray, l2: float, threshold: float = 0.5, **kw: Any) -> Combiner:
    w, b, mean, scale = fit_logistic(x, y, l2)
    return Combiner(FEATURES, tuple(map(float, w)), b, tuple(map(float, mean)), tuple(map(float, scale)), threshold,
                    **kw)


# -- the selection, simulated -----------------------------------------------------------------
def doc_scores(data: Sequence[DocPairs], combiner: Combiner) -> list[list[np.ndarray]]:
    """Each document's pair scores, per number."""
    return [[combiner.scores(np.array([f for _, f in g])) for g in d.groups] for d in data]


def record_prf(data: Sequence[DocPairs], scores: Sequence[Sequence[np.ndarray]], threshold: float) -> dict[str, float]:
    """Pooled narrative record P/R/F1 when each number keeps its best pair scoring ≥ ``threshold``."""
    from gikp_nlp.training.evaluate import pooled_prf, counts

    per_doc = []
    for d, doc_s in zip(data, scores):
        chosen = set()
        for g, s in zip(d.groups, doc_s):
            best = int(np.argmax(s))
            if s[best] >= threshold:
                chosen.add(g[best][0])
        per_doc.append(counts(chosen, set(d.gold)))
    return pooled_prf(per_doc)


def choose_threshold(data: Sequence[DocPairs], *, l2: float = L2, min_precision: float = MIN_PRECISION,
                     policy: str = DEFAULT_POLICY) -> dict[str, Any]:
    """The threshold by inner cross-validation over the documents' folds (leave one fold out).

    Returns both options (``precision``: best F1 with P ≥ ``min_precision``, None if no threshold reaches it;
    ``f1``: best F1) with their inner-CV P/R/F1, and the one ``policy`` picks (``precision`` falls back to
    ``f1`` when unreachable)."""
    if policy not in POLICIES:
        raise ConfigError(f"unknown threshold policy {policy!r}", hint=f"use one of {POLICIES}")
    folds = sorted({d.fold for d in data if d.fold is not None})
    if len(folds) < 2:
        raise ConfigError("choosing the threshold needs documents of at least two recorded folds")
    oof: list[list[np.ndarray]] = [[] for _ in data]
    for f in folds:
        inner = [d for d in data if d.fold != f]
        x, y = design(inner)
        fitted = _combiner(x, y, l2)
        for i, d in enumerate(data):
            if d.fold == f:
                oof[i] = doc_scores([d], fitted)[0]
    scored = [(d, s) for d, s in zip(data, oof) if d.fold is not None]
    docs, scores = [d for d, _ in scored], [s for _, s in scored]
    table = {t: record_prf(docs, scores, t) for t in THRESHOLDS}
    best_f1 = max(THRESHOLDS, key=lambda t: (table[t]["f1"], -t))
    precise = [t for t in THRESHOLDS if table[t]["precision"] >= min_precision]
    best_precise = max(precise, key=lambda t: (table[t]["f1"], -t)) if precise else None
    chosen = best_precise if policy == "precision" and best_precise is not None else best_f1
    return {"inner_folds": folds, "min_precision": min_precision, "policy": policy,
            "precision_option": None if best_precise is None else {"threshold": best_precise, **table[best_precise]},
            "f1_option": {"threshold": best_f1, **table[best_f1]},
            "threshold": chosen, "curve": {str(t): table[t] for t in THRESHOLDS[::5]}}


def fit_combiner(data: Sequence[DocPairs], *, l2: float = L2, min_precision: float = MIN_PRECISION,
                 policy: str = DEFAULT_POLICY, model_sha256: str | None = None,
                 info: Mapping[str, Any] | None = None) -> Combiner:
    """Weights fitted on every pair of ``data``, the threshold by inner CV (:func:`choose_threshold`)."""
    choice = choose_threshold(data, l2=l2, min_precision=min_precision, policy=policy)
    x, y = design(data)
    return _combiner(x, y, l2, choice["threshold"], model_sha256=model_sha256,
                     info={"documents": len(data), "pairs": int(len(y)), "gold_pairs": int(y.sum()), "l2": l2,
                           "threshold_choice": choice, **dict(info or {})})


def fold_combiner(model: str | Path, training: Sequence[Mapping[str, Any]], out_dir: str | Path,
                  fold_of: Mapping[str, int], *, config: str | Path | None = None,
                  overrides: Mapping[str, Any] | None = None,
                  cache: MutableMapping[str, DocPairs] | None = None) -> tuple[Path | None, dict[str, Any]]:
    """A combiner for one CV fold, fitted on its ``training`` documents only, saved as
    ``out_dir/combiner.json``; ``cache``: pairs collected with the same model, by document id (read and
    filled: when one model scores every fold, each document is proposed on once).
    Returns the file and what the fold's threshold choice was; no file (the hybrid of the fold is then the
    union of model and rules) when the training documents cannot fit one (fewer than two recorded folds
    for the inner CV, or no pair of one kind)."""
    from gikp_nlp.pipeline import resolve_model_path, weights_sha256

    path = resolve_model_path(str(model))
    if path is None:
        raise ConfigError(f"no trained model at {model!r}")
    store: MutableMapping[str, DocPairs] = {} if cache is None else cache
    missing = [d for d in training if d["id"] not in store]
    if missing:
        store.update({p.doc_id: p for p in collect(path, missing, fold_of=fold_of, config=config,
                                                   overrides=overrides)})
    return fit_and_save([store[d["id"]] for d in training], path, out_dir)


def fit_and_save(data: Sequence[DocPairs], model: str | Path, out_dir: str | Path) -> tuple[Path | None, dict[str, Any]]:
    """A combiner fitted on ``data`` for the weights of ``model``, saved as ``out_dir/combiner.json``; no file
    (the hybrid is then the union) when ``data`` cannot fit one. Returns the file and the threshold choice."""
    from gikp_nlp.pipeline import weights_sha256

    try:
        combiner = fit_combiner(data, model_sha256=weights_sha256(Path(model)))
    except ConfigError as err:
        logger.warning("no combiner for %s: %s; the hybrid is the union of model and rules", out_dir, err)
        return None, {"threshold": None, "documents": len(data), "policy": None, "union": str(err)}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    file = combiner.save(out / COMBINER_FILE)
    choice = combiner.info["threshold_choice"]
    return file, {"threshold": combiner.threshold, "documents": len(data), "policy": choice["policy"],
                  "precision_option": choice["precision_option"], "f1_option": choice["f1_option"]}


def out_of_fold(fold_models: str | Path, docs: Sequence[Mapping[str, Any]], fold_of: Mapping[str, int], *,
                config: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> list[DocPairs]:
    """Every document's pairs proposed by the model of its own fold (``<fold_models>/fold-K``, trained
    without fold K): what a model trained on all of them proposes on a document it never saw."""
    from gikp_nlp.pipeline import resolve_model_path

    out: list[DocPairs] = []
    for fold in sorted(set(fold_of.values())):
        held = [d for d in docs if fold_of.get(d["id"]) == fold]
        path = resolve_model_path(str(Path(fold_models) / f"fold-{fold}"))
        if path is None:
            raise ConfigError(f"no model for fold {fold} in {fold_models}",
                              hint="train it with `gikp train --config <cfg> --cv-fold K --output <dir>/fold-K`")
        trained = set(json.loads((path / "meta.json").read_text(encoding="utf-8"))["data"]["real_train_docs"])
        if trained & {d["id"] for d in held}:
            raise ConfigError(f"{path} was trained on documents of fold {fold}: its proposals are not out of fold")
        out += collect(path, held, fold_of=fold_of, config=config, overrides=overrides)
    return sorted(out, key=lambda p: p.doc_id)


def refit_shipped(model: str = "gikp-ner-zh", *, gold_dir: str | Path | None = None,
                  folds_file: str | Path | None = None, out: str | Path | None = None,
                  policy: str = DEFAULT_POLICY, config: str | Path | None = None,
                  cv: Mapping[str, Any] | None = None, fold_models: str | Path | None = None) -> Path:
    """Fit the combiner of ``model`` on every gold document with a recorded fold and save it beside the
    weights (or at ``out``); ``cv``: figures of a cross-validation to record with it.

    ``fold_models``: a model trained on all of those documents proposes too surely on them; the pairs are
    then the out-of-fold proposals of the recipe's fold models (:func:`out_of_fold`) and the weights the
    combiner is checked against are still ``model``'s."""
    from gikp_nlp.pipeline import resolve_model_path, weights_sha256
    from gikp_nlp.training.corpus import cv_documents

    path = resolve_model_path(model)
    if path is None:
        raise ConfigError(f"no trained model at {model!r}")
    began = time.monotonic()
    docs, folds = cv_documents(gold_dir, folds_file)
    if fold_models is None:
        data = collect(path, docs, fold_of=folds.as_mapping(), config=config)
    else:
        data = out_of_fold(fold_models, docs, folds.as_mapping(), config=config)
    combiner = fit_combiner(data, policy=policy, model_sha256=weights_sha256(path),
                            info={"model": path.name, "fold_seed": folds.seed, "k": folds.k,
                                  "pairs_from": "out-of-fold models" if fold_models else "this model",
                                  "fit_seconds": round(time.monotonic() - began, 1), "cv": dict(cv or {})})
    saved = combiner.save(Path(out) if out else path / COMBINER_FILE)
    meta = saved.parent / "meta.json"
    if meta.is_file() and (saved.parent / "model.safetensors").is_file():  # beside the weights: the card shows it
        from gikp_nlp.training.card import render_card

        card = render_card(json.loads(meta.read_text(encoding="utf-8")), saved.parent)
        (saved.parent / "README.md").write_text(card, encoding="utf-8")
    return saved


def cv_summary(result: Mapping[str, Any]) -> dict[str, Any]:
    """The narrative figures of a cross-validation result (``cv.json``) recorded in a combiner file, with no
    machine paths (models by folder name, the fold combiners' files left out): a shipped file travels."""
    return {"engines": {e: {k: r["scores"]["narrative"][k] for k in ("record", "record_f1_interval95",
                                                                     "record_precision_interval95")}
                        for e, r in result["results"].items()},
            "per_fold": [{**run, "model": Path(run["model"]).name if run.get("model") else None}
                         for run in result["fold_runs"]],
            "combiners": [{k: v for k, v in c.items() if k != "file"} for c in result.get("combiners", [])],
            "subsets": {name: {e: s["scores"]["narrative"]["record"] for e, s in sub["results"].items()}
                        for name, sub in result.get("subsets", {}).items()},
            "fold_models": Path(result["fold_models"]).name if result.get("fold_models") else None}


def combiner_card(directory: str | Path) -> str:
    """The model card's section on the combiner in ``directory`` ("" without one): what it does, how to refit
    it, its threshold options and the CV figures recorded with it (``gikp combiner --cv``)."""

    path = Path(directory) / COMBINER_FILE
    if not path.is_file():
        return ""
    data = json.loads(path.read_text(encoding="utf-8"))
    info = data.get("info", {})
    choice = info.get("threshold_choice", {})
    lines = ["", "## The hybrid's combiner (`combiner.json`, issue 14)", "",
             "The default engine (`hybrid`, and `auto` with this model) decides **per number** with both engines "
             "(`gikp_nlp/narrative/combine.py`): for every narrative number the model or the rules propose, the "
             "candidate (indicator, applicant, value) pairs are the model's most probable indicators that words in "
             "the clause name and the rules' mention; each pair gets "
             f"{len(data['features'])} features (the model's probability, margin and pick; the rules' verdict on "
             "this pair, another or nothing; agreement; evidence distance and side; `其中`; applicant words; the "
             "lexicon's error-class cue lists `hybrid_cues`, outside the pair's own naming words; one channel vs "
             "several, and the channels named since the previous number against the pair's channel or total; a name "
             "joined to another by a conjunction (a combined category); the 行政复议/行政诉讼 scope of "
             "the sentence, a review id in a litigation sentence weighed as its litigation twin). A logistic model "
             "scores them; a number keeps its best pair when the score reaches the threshold, else nothing, and a "
             "report keeps one value per (indicator, applicant), the best-scored (`narrative.one_value`). The file "
             "records the sha256 of the weights it was fitted for: with other weights (or no file) the pipeline warns "
             "and falls back to the union of model and rules (`narrative.combiner = \"none\"`: the union, silently).",
             "",
             "Refit after the weights change (a few minutes on 2 cores; every gold document with a recorded fold): "
             "`gikp combiner --model <this dir> [--fold-models <the recipe's fold models>] [--cv <cv.json>]`; it "
             "re-renders this card. A model trained on every gold document proposes too surely on them, so its "
             "combiner is fitted on the out-of-fold proposals of its recipe's fold models (`--fold-models`).",
             "",
             f"Fitted on {info.get('documents')} documents ({info.get('pairs')} pairs, {info.get('gold_pairs')} of "
             f"them gold), L2 {info.get('l2')}; threshold **{data['threshold']}**, policy `{choice.get('policy')}`, "
             f"chosen by inner CV over folds {choice.get('inner_folds')}. Options (inner-CV narrative record "
             "figures):", ""]
    for name in ("f1_option", "precision_option"):
        opt = choice.get(name)
        lines.append(f"- `{name.split('_')[0]}`: " + (
            f"threshold {opt['threshold']}, P {opt['precision']:.3f} R {opt['recall']:.3f} F1 {opt['f1']:.3f}"
            if opt else f"precision {choice.get('min_precision')} not reached"))
    cv = info.get("cv") or {}
    if cv.get("engines") and cv.get("fold_models"):
        lines += ["", "**Cross-validation of this recipe** (`gikp evaluate --cv 5 --fold-models`): each fold scored by "
                  "the recipe's model trained without it; each fold's hybrid by a combiner fitted on the other folds' "
                  "out-of-fold proposals. Narrative records, all shared gold documents:", "",
                  "| engine | narrative P | R | F1 | F1 95% |", "|---|---|---|---|---|"]
    elif cv.get("engines"):
        lines += ["", "Cross-validation recorded with it (`gikp evaluate --cv 5 --no-train`; the hybrid of each fold "
                  "uses a combiner fitted on the other folds only):", "",
                  "| engine | narrative P | R | F1 | F1 95% |", "|---|---|---|---|---|"]
    if cv.get("engines"):
        for engine, r in cv["engines"].items():
            rec, ci = r["record"], r["record_f1_interval95"]
            lines.append(f"| {engine} | {rec['precision']:.3f} | {rec['recall']:.3f} | {rec['f1']:.3f} "
                         f"| [{ci[0]:.3f}, {ci[1]:.3f}] |")
        for name, sub in (cv.get("subsets") or {}).items():
            lines.append(f"| {name}: " + ", ".join(f"{e} F1 {s['f1']:.3f} (P {s['precision']:.3f})"
                                                   for e, s in sub.items()) + " | | | | |")
        folds = cv.get("per_fold") or []
        if folds:
            engines = list(folds[0]["narrative_record"])
            lines += ["", "Per fold (narrative record F1, " + " / ".join(engines) + "): " + "; ".join(
                " / ".join(f"{f['narrative_record'][e]['f1']:.3f}" for e in engines) for f in folds) + "."]
    return "\n".join(lines) + "\n"
