"""K-fold cross-validation over the gold corpus: the number to choose on (issue 14).

One split of a few documents fitted every choice to those documents; here
every gold document is scored once, in the fold where it is held out. For each
recorded fold (``annotations/folds.json``) a model is trained on the other
folds (plus synthetic data, per the training config), the held-out fold is
extracted once per engine, and the Reports of all folds are pooled per
document into one score (:func:`gikp_nlp.training.evaluate.score_reports`),
a per-indicator table, a per-error-class table and a listing of every false
positive and miss with its context.

``no_train``: a given model (e.g. the shipped one) scores every fold; that is
not cross-validation for the documents it was trained on, so the result names
them and scores the documents it never saw apart.
"""
from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gikp_nlp.errors import AnnotationError, ConfigError
from gikp_nlp.training.evaluate import (
    BOOTSTRAP_RESAMPLES,
    BOOTSTRAP_SEED,
    CONFIDENCE,
    Counts,
    GoldReport,
    _triple,
    bootstrap_interval,
    counts,
    extract_golds,
    pooled_prf,
    score_reports,
)

logger = logging.getLogger(__name__)

ENGINES = ("model", "hybrid", "rules")
#: engines that need a model trained per fold
TRAINED_ENGINES = frozenset({"model", "hybrid"})
#: the engine a user gets by default when a model is found (``narrative.engine = "auto"``)
DEFAULT_ENGINE = "hybrid"
BASELINE_ENGINE = "rules"
#: issue 14's acceptance: the default engine beats the rules by this much narrative record F1 ...
TARGET_F1_GAIN = 0.05
#: ... with at least this narrative record precision, and this narrative record F1
TARGET_PRECISION = 0.92
TARGET_F1 = 0.90
DEFAULT_TRAIN_CONFIG = "configs/cv.toml"  # relative to the working directory (a checkout's root)
CONTEXT_CHARS = 30  # characters of text each side of an error in the listing
TOPIC_WINDOW = 16  # characters before a number searched for a topic-category name
#: a clause ends here (what "in the clause" means for the error classes)
CLAUSE_ENDS = frozenset("。；;！？!?\n")
#: names of the topic categories of published information (guidelines, "Content categories")
TOPIC_MARKERS = ("工作动态", "动态信息", "预决算", "类信息", "政策法规", "政策解读", "通知公告", "人事信息",
                 "规划计划", "机构职能", "重点领域")
#: words that make a number not this year's value
NOT_THIS_YEAR_MARKERS = ("历年", "累计", "同比", "上年", "去年", "以来")
#: words of an approximate or scaled number
APPROX_MARKERS = ("万", "余", "近", "约", "多", "逾", "超")

ERROR_CLASSES = ("topic_breakdown", "channel_vs_total", "scope_of_qizhong", "not_this_year", "no_indicator",
                 "approx_lost", "wrong_applicant", "other")
ERROR_CLASS_RULES = {
    "topic_breakdown": "FP with no gold mention at its span and a topic-category name (工作动态, 预决算, …类信息, …) "
                       f"in the {TOPIC_WINDOW} characters before it, in its clause",
    "channel_vs_total": "a gold mention overlaps, same value or span, but a sibling indicator (same section, e.g. "
                        "proactive.channel.website vs proactive.total)",
    "scope_of_qizhong": "a gold mention overlaps, but the indicator is of another section (e.g. litigation.* vs "
                        "review.*, request.* vs review.*)",
    "not_this_year": "FP with no gold mention at its span, its clause says 历年/累计/同比/上年/去年/以来",
    "no_indicator": "FP with no gold mention at its span whose value is the value of no gold mention of the document",
    "approx_lost": "the other side at the same span has the same indicator but another value and the gold text has "
                   "万/余/近/约/多/逾/超 or approx=true; or a miss of an approximate gold number",
    "wrong_applicant": "the other side at the same span has the same indicator and value but another applicant",
    "other": "none of the above (misses: the number is not found, e.g. the indicator named far before it)",
}


@dataclass(frozen=True)
class FoldRun:
    """One held-out fold: its documents, the model that scored them, the engines' Reports."""

    fold: int
    held_out: tuple[str, ...]
    trained_on: tuple[str, ...]
    model: str | None
    train_seconds: float | None
    items: Mapping[str, tuple[GoldReport, ...]]
    #: the fold model's meta.json ``training`` figures (steps, planned_steps, stop, stopped_early, ...)
    training: Mapping[str, Any] | None = None


def _part_mentions(item: GoldReport) -> tuple[list[Any], list[dict[str, Any]]]:
    """(predicted, gold) narrative mentions of one document (outside the table regions; as the scorer counts)."""
    regions = item.regions
    pred = [m for m in item.report.mentions if not m.blank and not m.implicit and m.source != "table"]
    gold = [m for m in item.gold["mentions"]
            if not any(s <= m["start"] and m["end"] <= e for s, e in regions)]
    return pred, gold


def narrative_counts(item: GoldReport) -> Counts:
    """One document's narrative record counts (as :func:`score_reports` counts them)."""
    pred, gold = _part_mentions(item)
    return counts({_triple(m.indicator, m.applicant, m.value) for m in pred},
                  {_triple(m["indicator"], m["applicant"], m["value"]) for m in gold})


def per_indicator(items: Sequence[GoldReport]) -> dict[str, dict[str, float]]:
    """Narrative record P/R/F1 per indicator, pooled over documents (indicators sorted)."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for item in items:
        pred_m, gold_m = _part_mentions(item)
        pred = {_triple(m.indicator, m.applicant, m.value) for m in pred_m}
        gold = {_triple(m["indicator"], m["applicant"], m["value"]) for m in gold_m}
        for t in pred:
            n_pred[t[0]] += 1
        for t in gold:
            n_gold[t[0]] += 1
        for t in pred & gold:
            tp[t[0]] += 1
    return {ind: pooled_prf([Counts(tp[ind], n_pred[ind], n_gold[ind])]) for ind in sorted(set(n_pred) | set(n_gold))}


def _clause_start(text: str, start: int) -> int:
    left = start
    while left > 0 and text[left - 1] not in CLAUSE_ENDS:
        left -= 1
    return left


def clause_of(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``: from after the last clause end before it to the next one."""
    left = _clause_start(text, start)
    right = end
    while right < len(text) and text[right] not in CLAUSE_ENDS:
        right += 1
    return text[left:right]


def _section(indicator: str) -> str:
    return indicator.split(".", 1)[0]


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _is_approx(gold: Mapping[str, Any]) -> bool:
    return bool(gold.get("approx")) or any(c in gold["text"] for c in APPROX_MARKERS)


def _confusion(indicator: str, applicant: str, value: float, other: Mapping[str, Any],
               gold_side: Mapping[str, Any]) -> str | None:
    """The class of an error whose span overlaps ``other`` (a mention of the other side), if a rule tells."""
    if other["indicator"] != indicator:
        return "channel_vs_total" if _section(other["indicator"]) == _section(indicator) else "scope_of_qizhong"
    if _triple(indicator, "", value)[2] == _triple(indicator, "", other["value"])[2]:
        return "wrong_applicant" if other["applicant"] != applicant else None
    return "approx_lost" if _is_approx(gold_side) else None


def classify_false_positive(text: str, mention: Mapping[str, Any], gold: Sequence[Mapping[str, Any]]) -> str:
    """The error class (``ERROR_CLASSES``) of a predicted mention whose record is not in the gold.

    ``mention`` and the gold mentions are dicts with start/end/text/indicator/applicant/value."""
    start, end = mention["start"], mention["end"]
    for g in gold:
        if _overlaps(start, end, g["start"], g["end"]):
            found = _confusion(mention["indicator"], mention["applicant"], mention["value"], g, g)
            if found:
                return found
    clause = clause_of(text, start, end)
    if any(w in clause for w in NOT_THIS_YEAR_MARKERS):
        return "not_this_year"
    before = text[max(_clause_start(text, start), start - TOPIC_WINDOW):start]  # before the number, in its clause
    if any(w in before for w in TOPIC_MARKERS):
        return "topic_breakdown"
    value = _triple("", "", mention["value"])[2]
    if all(_triple("", "", g["value"])[2] != value for g in gold):
        return "no_indicator"
    return "other"


def classify_miss(text: str, gold: Mapping[str, Any], predicted: Sequence[Mapping[str, Any]]) -> str:
    """The error class of a gold mention whose record was not extracted (see :func:`classify_false_positive`)."""
    for p in predicted:
        if _overlaps(gold["start"], gold["end"], p["start"], p["end"]):
            found = _confusion(gold["indicator"], gold["applicant"], gold["value"], p, gold)
            if found:
                return found
    return "approx_lost" if _is_approx(gold) else "other"


def _context(text: str, start: int, end: int) -> str:
    return (text[max(0, start - CONTEXT_CHARS):start] + "【" + text[start:end] + "】"
            + text[end:end + CONTEXT_CHARS]).replace("\n", "⏎")


def _as_dict(m: Any) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": m.text, "indicator": m.indicator, "applicant": m.applicant,
            "value": m.value}


def narrative_errors(items: Sequence[GoldReport]) -> list[dict[str, Any]]:
    """Every narrative false positive (``fp``) and miss (``fn``) record, one row per record (the first
    mention of it by position), with its class and context; sorted by document, kind, position."""
    out: list[dict[str, Any]] = []
    for item in items:
        text = item.gold["text"]
        pred_m, gold_m = _part_mentions(item)
        pred = [_as_dict(m) for m in sorted(pred_m, key=lambda m: (m.start, m.end))]
        gold = sorted(gold_m, key=lambda m: (m["start"], m["end"]))
        gold_set = {_triple(g["indicator"], g["applicant"], g["value"]) for g in gold}
        pred_set = {_triple(p["indicator"], p["applicant"], p["value"]) for p in pred}
        seen: set[tuple[str, str, float]] = set()
        for kind, side, other_set in (("fp", pred, gold_set), ("fn", gold, pred_set)):
            for m in side:
                t = _triple(m["indicator"], m["applicant"], m["value"])
                if t in other_set or (kind, t) in seen:
                    continue
                seen.add((kind, t))
                cls = classify_false_positive(text, m, gold) if kind == "fp" else classify_miss(text, m, pred)
                out.append({"doc": item.gold["id"], "kind": kind, "class": cls, "indicator": m["indicator"],
                            "applicant": m["applicant"], "value": m["value"], "start": m["start"], "end": m["end"],
                            "text": m["text"], "context": _context(text, m["start"], m["end"])})
    return out


def error_table(errors: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """``{class: {"fp": n, "fn": n}}`` for every class of ``ERROR_CLASSES``."""
    table = {cls: {"fp": 0, "fn": 0} for cls in ERROR_CLASSES}
    for e in errors:
        table[e["class"]][e["kind"]] += 1
    return table


def if_fixed(record: Mapping[str, Any], table: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, float]]:
    """Narrative record P/R/F1 if one class were fixed: its false positives not predicted, its misses found
    (what each class costs; the classes of one engine add up to predicted - tp and gold - tp)."""
    out = {}
    for cls, n in table.items():
        out[cls] = pooled_prf([Counts(record["tp"] + n["fn"], record["predicted"] - n["fp"] + n["fn"],
                                      record["gold"])])
    return out


def engine_scores(items: Sequence[GoldReport]) -> dict[str, Any]:
    """The pooled scores of one engine over all folds (per document, then pooled)."""
    scores = score_reports(items)
    narrative = [narrative_counts(i) for i in items]
    scores["narrative"]["record_precision_interval95"] = list(bootstrap_interval(narrative, "precision"))
    scores["narrative"]["record_recall_interval95"] = list(bootstrap_interval(narrative, "recall"))
    errors = narrative_errors(items)
    table = error_table(errors)
    return {"documents": len(items), "scores": scores, "per_indicator": per_indicator(items),
            "error_classes": table, "if_fixed": if_fixed(scores["narrative"]["record"], table), "errors": errors}


def acceptance(engines: Mapping[str, Mapping[str, Any]]) -> dict[str, Any] | None:
    """How far the default engine is from issue 14's narrative targets (None without both engines)."""
    if DEFAULT_ENGINE not in engines or BASELINE_ENGINE not in engines:
        return None
    mine = engines[DEFAULT_ENGINE]["scores"]["narrative"]["record"]
    base = engines[BASELINE_ENGINE]["scores"]["narrative"]["record"]
    gain = round(mine["f1"] - base["f1"], 4)
    return {"engine": DEFAULT_ENGINE, "baseline": BASELINE_ENGINE, "f1": mine["f1"], "baseline_f1": base["f1"],
            "f1_gain": gain, "target_f1_gain": TARGET_F1_GAIN,
            "f1_gain_short_by": round(max(0.0, TARGET_F1_GAIN - gain), 4),
            "precision": mine["precision"], "target_precision": TARGET_PRECISION,
            "precision_short_by": round(max(0.0, TARGET_PRECISION - mine["precision"]), 4),
            "target_f1": TARGET_F1, "f1_short_by": round(max(0.0, TARGET_F1 - mine["f1"]), 4),
            "met": gain >= TARGET_F1_GAIN and mine["precision"] >= TARGET_PRECISION}


def train_fold(train_config: str | Path, fold: int, output: str | Path, overrides: Mapping[str, Any] | None = None,
               *, gold_dir: str | Path | None = None, folds_file: str | Path | None = None,
               max_per_fold: int | None = None) -> Path:
    """Train the model of one CV fold: on the documents of every other recorded fold (plus the config's
    synthetic data), none of fold ``fold``; saved at ``output``. Folds can so train apart (in parallel, on
    another machine) and be scored by ``cross_validate(fold_models=...)``."""
    from gikp_nlp.training.config import load_train_config
    from gikp_nlp.training.corpus import cv_documents, fold_split
    from gikp_nlp.training.pretrain import check_encoder_not_leaked
    from gikp_nlp.training.train import train

    docs, folds = cv_documents(gold_dir, folds_file, max_per_fold)
    if not 0 <= fold < folds.k:
        raise ConfigError(f"fold {fold} out of range: the folds file records {folds.k} folds",
                          hint=f"use 0..{folds.k - 1}")
    training, held = fold_split(docs, folds.as_mapping(), fold)
    logger.info("fold %d/%d: training on %d documents, %d held out", fold + 1, folds.k, len(training), len(held))
    cfg, _ = load_train_config(train_config, dict(overrides or {}))
    check_encoder_not_leaked(cfg.model.encoder, fold, [d["id"] for d in held])  # before an hour of training
    path = train(train_config, output, dict(overrides or {}), real_docs=training, dev_docs=[], fold=f"fold-{fold}")
    _check_not_leaked(path, fold, held)
    return path


def _check_not_leaked(path: Path, fold: int, held: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The fold model's meta.json; a typed error when it was trained on a document it is to score."""
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    trained = set(meta.get("data", {}).get("real_train_docs", []))
    trained |= set(meta.get("init_encoder", {}).get("real_docs", []))  # text its pretrained encoder read
    leaked = sorted(trained & {d["id"] for d in held})
    if leaked:  # a fold's model must never have seen a document it scores
        raise AnnotationError(f"fold {fold}: held-out documents in training of {path}: {', '.join(leaked)}",
                              hint="train each fold with `gikp train --cv-fold K` on the same folds file")
    return meta


def cross_validate(gold_dir: str | Path | None = None, *, k: int | None = None,
                   engines: Sequence[str] = ENGINES, train_config: str | Path | None = None,
                   train_overrides: Mapping[str, Any] | None = None, config: str | Path | None = None,
                   overrides: Mapping[str, Any] | None = None, folds_file: str | Path | None = None,
                   model: str | Path | None = None, max_per_fold: int | None = None,
                   work_dir: str | Path | None = None,
                   subsets: Mapping[str, Sequence[str]] | None = None,
                   fold_models: str | Path | None = None) -> dict[str, Any]:
    """Cross-validate ``engines`` over the gold documents of ``gold_dir`` with their recorded folds.

    ``k``: the number of folds expected (an error if the folds file records another);
    ``train_config``/``train_overrides``: the training run per fold (default ``configs/cv.toml``);
    ``config``/``overrides``: the pipeline config the engines run with; ``model``: no training, this model
    (a directory or a packaged name) scores every fold; ``fold_models``: no training either, fold K is scored
    by ``<fold_models>/fold-K`` (trained apart by :func:`train_fold`; checked not to have seen fold K);
    ``work_dir``: where the fold models and combiners are saved; ``subsets``: named id lists also scored apart
    (``not_trained_on`` is added with ``model``).

    With a model per fold the hybrid's combiner of fold K is fitted on the *out-of-fold* proposals of the
    other folds' documents (each proposed on by the model that never saw it), as the shipped combiner is
    (``refit_shipped(fold_models=...)``): a model's proposals on its own training documents are too sure.
    Returns a JSON-ready dict (see :func:`write_cv`).
    """
    from gikp_nlp.pipeline import load, resolve_model_path
    from gikp_nlp.training.corpus import cv_documents, fold_split

    unknown = [e for e in engines if e not in ENGINES]
    if unknown or not engines:
        raise ConfigError(f"unknown engine(s) {unknown}", hint=f"use some of {', '.join(ENGINES)}")
    if model is not None and fold_models is not None:
        raise ConfigError("give a model for every fold or fold models, not both")
    docs, folds = cv_documents(gold_dir, folds_file, max_per_fold)
    if k is not None and k != folds.k:
        raise AnnotationError(f"--cv {k} but the folds file records {folds.k} folds",
                              hint="use the recorded number, or pass --folds-file with other folds")
    fold_of = folds.as_mapping()
    began = time.monotonic()
    trains = bool(TRAINED_ENGINES & set(engines)) and model is None and fold_models is None
    train_cfg = Path(train_config or DEFAULT_TRAIN_CONFIG)
    model_path: Path | None = None
    trained_on_shipped: list[str] = []
    if model is not None:
        model_path = resolve_model_path(str(model))
        if model_path is None:
            raise ConfigError(f"no trained model at {model!r}", hint="give a model directory or a packaged name")
        meta = json.loads((model_path / "meta.json").read_text(encoding="utf-8"))
        trained_on_shipped = sorted(set(meta.get("data", {}).get("real_train_docs", [])) & set(fold_of))
    if trains:
        from gikp_nlp.training.config import load_train_config

        load_train_config(train_cfg, dict(train_overrides or {}))  # a bad config fails before fold 0
    out_root = Path(work_dir) if work_dir else Path("runs") / "cv"
    base = dict(overrides or {})
    splits = [fold_split(docs, fold_of, fold) for fold in range(folds.k)]

    # 1. the model of each fold: trained here, given per fold, or one model for all
    paths: list[Path | None] = []
    seconds: list[float | None] = []
    figures: list[Any] = []
    for fold, (training, held) in enumerate(splits):
        path, took, fig = model_path, None, None
        if trains or fold_models is not None:
            if trains:
                t0 = time.monotonic()
                path = train_fold(train_cfg, fold, out_root / f"fold-{fold}", train_overrides, gold_dir=gold_dir,
                                  folds_file=folds_file, max_per_fold=max_per_fold)
                took = round(time.monotonic() - t0, 1)
            else:
                path = resolve_model_path(str(Path(str(fold_models)) / f"fold-{fold}"))
                if path is None:
                    raise ConfigError(f"no model for fold {fold} at {Path(fold_models) / f'fold-{fold}'}",
                                      hint="train it with `gikp train --config <cfg> --cv-fold "
                                           f"{fold} --output {Path(fold_models) / f'fold-{fold}'}`")
            fold_meta = _check_not_leaked(path, fold, held)
            fig = fold_meta["training"]
            if fig.get("stopped_early"):  # the clock, not the step budget, ended it: the fold is under-trained
                logger.warning("fold %d: training cut by train.max_minutes at step %d of %d: this fold's scores "
                               "are of an under-trained model", fold, fig["steps"], fig["planned_steps"])
        paths.append(path)
        seconds.append(took)
        figures.append(fig)

    # 2. the hybrid's combiner of each fold, fitted on documents of the other folds only
    combiners: list[dict[str, Any]] = []
    fold_bases: list[dict[str, Any]] = [dict(base) for _ in splits]
    if "hybrid" in engines and any(p is not None for p in paths):
        from gikp_nlp.narrative.combine import NO_COMBINER
        from gikp_nlp.training.combiner import fit_and_save, fold_combiner, out_of_fold

        per_fold_models = trains or fold_models is not None
        oof: dict[str, Any] = {}
        if per_fold_models:  # every document proposed on by the model that never saw it (<root>/fold-K)
            root = out_root if trains else Path(str(fold_models))
            oof = {p.doc_id: p for p in out_of_fold(root, docs, fold_of, config=config, overrides=base)}
        pair_cache: dict[str, Any] = {}  # one model scores every fold: each document's pairs are collected once
        for fold, ((training, _), path) in enumerate(zip(splits, paths)):
            if per_fold_models:
                file, info = fit_and_save([oof[d["id"]] for d in training], path, out_root / f"fold-{fold}")
            else:
                file, info = fold_combiner(path, training, out_root / f"fold-{fold}", fold_of, config=config,
                                           overrides=base, cache=pair_cache)
            combiners.append({"fold": fold, "file": str(file) if file else None,
                              "fitted_on": "out-of-fold" if per_fold_models else "one model", **info})
            fold_bases[fold]["narrative.combiner"] = str(file) if file else NO_COMBINER

    # 3. every engine on every held-out fold
    extractors: dict[str, Any] = {}
    if BASELINE_ENGINE in engines:
        extractors[BASELINE_ENGINE] = load(config, overrides={**base, "narrative.engine": BASELINE_ENGINE})
    runs: list[FoldRun] = []
    for fold, ((training, held), path) in enumerate(zip(splits, paths)):
        items: dict[str, tuple[GoldReport, ...]] = {}
        per_fold = model_path is None
        for engine in engines:
            if engine in TRAINED_ENGINES and (per_fold or engine not in extractors or engine == "hybrid"):
                extractors[engine] = load(config, overrides={**fold_bases[fold], "narrative.engine": engine,
                                                             "narrative.model": str(path)})
            items[engine] = tuple(extract_golds(extractors[engine], held))
        runs.append(FoldRun(fold, tuple(d["id"] for d in held),
                            tuple(d["id"] for d in training) if per_fold and path is not None else (),
                            str(path) if path else None, seconds[fold], items, figures[fold]))
    result = summarize(runs, folds, engines, model=str(model_path) if model_path else None,
                       trained_on=trained_on_shipped, subsets=subsets, seconds=time.monotonic() - began,
                       train_config=str(train_cfg) if trains else None, train_overrides=dict(train_overrides or {}))
    if fold_models is not None:
        result["fold_models"] = str(fold_models)
    if combiners:
        result["combiners"] = combiners
    return result


def summarize(runs: Sequence[FoldRun], folds: Any, engines: Sequence[str], *, model: str | None = None,
              trained_on: Sequence[str] = (), subsets: Mapping[str, Sequence[str]] | None = None,
              seconds: float = 0.0, train_config: str | None = None,
              train_overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Pool the fold runs per document into the result dict :func:`write_cv` writes."""
    pooled = {e: [item for run in runs for item in run.items[e]] for e in engines}
    result: dict[str, Any] = {
        "mode": "no_train" if model else "cv",
        "k": folds.k,
        "fold_seed": folds.seed,
        "folds": [list(run.held_out) for run in runs],
        "bootstrap": {"resamples": BOOTSTRAP_RESAMPLES, "seed": BOOTSTRAP_SEED, "level": CONFIDENCE},
        "engines": list(engines),
        "seconds": round(seconds, 1),
        "error_class_rules": ERROR_CLASS_RULES,
        "fold_runs": [{"fold": r.fold, "held_out": len(r.held_out), "trained_on": len(r.trained_on),
                       "model": r.model, "train_seconds": r.train_seconds, "training": r.training,
                       "narrative_record": {e: pooled_prf(narrative_counts(i) for i in r.items[e]) for e in engines}}
                      for r in runs],
    }
    if train_config:
        from gikp_nlp.training.config import load_train_config

        cfg, sha = load_train_config(train_config, dict(train_overrides or {}))
        result["training"] = {"config": train_config, "overrides": dict(train_overrides or {}), "config_sha256": sha,
                              "seed": cfg.train.seed, "synthetic_seed": cfg.data.synthetic_seed,
                              "synthetic_docs": cfg.data.synthetic_docs}
    sets = {name: set(ids) for name, ids in (subsets or {}).items()}
    if model:
        result["model"] = model
        result["trained_on"] = list(trained_on)
        result["warning"] = (f"not cross-validation: the model {model} was trained on {len(trained_on)} of these "
                             "documents; see the not_trained_on subset for documents it never saw")
        sets["not_trained_on"] = {i for ids in folds.folds for i in ids} - set(trained_on)
    result["results"] = {e: engine_scores(items) for e, items in pooled.items()}
    result["acceptance"] = acceptance(result["results"])
    result["subsets"] = {}
    for name, ids in sorted(sets.items()):
        per_engine = {e: engine_scores([i for i in items if i.gold["id"] in ids]) for e, items in pooled.items()}
        for scores in per_engine.values():
            scores.pop("errors")
        result["subsets"][name] = {"documents": len({i for i in ids if i in {d for f in folds.folds for d in f}}),
                                   "results": per_engine, "acceptance": acceptance(per_engine)}
    return result


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _interval(pair: Sequence[float]) -> str:
    return f"[{pair[0]:.3f}, {pair[1]:.3f}]"


def _summary_table(results: Mapping[str, Any]) -> list[str]:
    lines = ["| engine | docs | narrative P | R | F1 | F1 95% | P 95% | overall F1 | overall 95% | implicit-zero F1 "
             "| table cells |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for engine, r in results.items():
        s = r["scores"]
        n = s["narrative"]
        lines.append(f"| {engine} | {r['documents']} | {_fmt(n['record']['precision'])} "
                     f"| {_fmt(n['record']['recall'])} "
                     f"| {_fmt(n['record']['f1'])} | {_interval(n['record_f1_interval95'])} "
                     f"| {_interval(n['record_precision_interval95'])} | {_fmt(s['overall_record']['f1'])} "
                     f"| {_interval(s['overall_record_f1_interval95'])} | {_fmt(s['implicit_zeros']['f1'])} "
                     f"| {_fmt(s['tables']['cell_accuracy'])} ({s['tables']['cells']}) |")
    return lines


def _acceptance_lines(acc: Mapping[str, Any] | None) -> list[str]:
    if not acc:
        return []
    return [f"Acceptance (issue 14): {acc['engine']} narrative record F1 {acc['f1']:.3f} vs {acc['baseline']} "
            f"{acc['baseline_f1']:.3f}: gain {acc['f1_gain']:+.3f} (target ≥ {acc['target_f1_gain']}, short by "
            f"{acc['f1_gain_short_by']:.3f}); precision {acc['precision']:.3f} (target ≥ {acc['target_precision']}, "
            f"short by {acc['precision_short_by']:.3f}); F1 short of {acc['target_f1']} by {acc['f1_short_by']:.3f}. "
            f"Met: {'yes' if acc['met'] else 'no'}.", ""]


def render_markdown(result: Mapping[str, Any]) -> str:
    """cv.md: the tables of a :func:`cross_validate` result (the error listing is errors.md)."""
    engines = list(result["results"])
    head = "Cross-validation" if result["mode"] == "cv" else "Every fold scored by one given model (no training)"
    lines = [f"# {head}: {result['k']} folds, {sum(len(f) for f in result['folds'])} documents", ""]
    if result["mode"] == "no_train":
        lines += [f"**{result['warning']}.**", ""]
    else:
        t = result.get("training")
        if t:
            lines += [f"Training per fold: `{t['config']}` overrides {t['overrides'] or 'none'} (seed {t['seed']}, "
                      f"synthetic seed {t['synthetic_seed']}, {t['synthetic_docs']} synthetic documents).", ""]
    b = result["bootstrap"]
    lines += [f"Folds recorded with seed {result['fold_seed']}; intervals: {b['resamples']} bootstrap resamples of "
              f"the documents, seed {b['seed']}, level {b['level']}. Wall time {result['seconds']} s.", "",
              "## Pooled scores (records; narrative = outside table regions)", ""]
    lines += _summary_table(result["results"]) + [""]
    lines += _acceptance_lines(result["acceptance"])
    if result.get("combiners"):
        lines += ["The hybrid's combiner per fold (fitted on the other folds; threshold by inner CV): "
                  + "; ".join(f"fold {c['fold']}: threshold {c['threshold']:.2f} ({c['policy']})" if c["file"]
                              else f"fold {c['fold']}: none (union: {c['union']})"
                              for c in result["combiners"]) + ".", ""]
    for name, sub in result["subsets"].items():
        lines += [f"### Subset `{name}` ({sub['documents']} documents)", ""]
        lines += _summary_table(sub["results"]) + [""] + _acceptance_lines(sub["acceptance"])
    cut = [r["fold"] for r in result["fold_runs"] if (r.get("training") or {}).get("stopped_early")]
    if cut:
        lines += [f"**Warning: the training of fold(s) {', '.join(map(str, cut))} was cut by train.max_minutes "
                  "before its step budget: those fold models are under-trained.**", ""]
    lines += ["## Per fold (narrative record F1)", "", "| fold | held out | trained on | train s | steps | "
              + " | ".join(engines) + " |", "|---|---|---|---|---|" + "---|" * len(engines)]
    for r in result["fold_runs"]:
        trained = r["trained_on"] if result["mode"] == "cv" else "–"
        fig = r.get("training")
        steps = f"{fig['steps']}/{fig['planned_steps']} ({fig.get('stop', '?')})" if fig else "–"
        lines.append(f"| {r['fold']} | {r['held_out']} | {trained} | {r['train_seconds'] or '–'} | {steps} | "
                     + " | ".join(_fmt(r["narrative_record"][e]["f1"]) for e in engines) + " |")
    lines += ["", "## Per form (narrative record F1 / overall record F1)", "",
              "| form | docs | " + " | ".join(engines) + " |", "|---|---|" + "---|" * len(engines)]
    forms = result["results"][engines[0]]["scores"]["per_form"]
    for form, f0 in forms.items():
        cells = [f"{_fmt(result['results'][e]['scores']['per_form'][form]['narrative_record']['f1'])} / "
                 f"{_fmt(result['results'][e]['scores']['per_form'][form]['overall_record']['f1'])}" for e in engines]
        lines.append(f"| {form} | {f0['documents']} | " + " | ".join(cells) + " |")
    lines += ["", "## Per error class (narrative records: false positives / misses → P / F1 if the class were "
              "fixed)", "", "| class | " + " | ".join(engines) + " |", "|---|" + "---|" * len(engines)]
    for cls in ERROR_CLASSES:
        cells = []
        for e in engines:
            n, fixed = result["results"][e]["error_classes"][cls], result["results"][e]["if_fixed"][cls]
            cells.append(f"{n['fp']} / {n['fn']} → {_fmt(fixed['precision'])} / {_fmt(fixed['f1'])}")
        lines.append(f"| {cls} | " + " | ".join(cells) + " |")
    lines += ["", "Rules of the classes (the first that applies):", ""]
    lines += [f"- `{cls}`: {rule}" for cls, rule in result["error_class_rules"].items()]
    lines += ["", "## Per indicator (narrative records: gold, then P / R / F1 per engine)", "",
              "| indicator | gold | " + " | ".join(engines) + " |", "|---|---|" + "---|" * len(engines)]
    indicators = sorted({i for e in engines for i in result["results"][e]["per_indicator"]})
    for ind in indicators:
        cells, gold = [], 0
        for e in engines:
            s = result["results"][e]["per_indicator"].get(ind)
            gold = s["gold"] if s else gold
            cells.append(f"{_fmt(s['precision'])} / {_fmt(s['recall'])} / {_fmt(s['f1'])}" if s else "–")
        lines.append(f"| {ind} | {gold} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_errors(result: Mapping[str, Any]) -> str:
    """errors.md: every narrative false positive and miss per engine, with its class and context."""
    lines = ["# Narrative errors (every false positive and miss, pooled over the folds)", ""]
    for engine, r in result["results"].items():
        lines += [f"## {engine} ({len(r['errors'])} errors)", "",
                  "| doc | kind | class | indicator | applicant | value | context |", "|---|---|---|---|---|---|---|"]
        for e in r["errors"]:
            context = e["context"].replace("|", "\\|")
            lines.append(f"| {e['doc']} | {e['kind']} | {e['class']} | {e['indicator']} | {e['applicant']} "
                         f"| {e['value']} | {context} |")
        lines.append("")
    return "\n".join(lines)


def write_cv(result: Mapping[str, Any], out_dir: str | Path) -> Path:
    """Write cv.json (everything, folds and seeds included), cv.md (the tables) and errors.md into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "cv.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "cv.md").write_text(render_markdown(result), encoding="utf-8")
    (out / "errors.md").write_text(render_errors(result), encoding="utf-8")
    return out
