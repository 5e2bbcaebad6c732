"""Cross-validation: fold selection, pooling, the error classes, and a tiny CV end to end."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gikp_nlp.errors import AnnotationError, ConfigError
from gikp_nlp.report import Mention
from gikp_nlp.training.corpus import cv_documents, fold_split
from gikp_nlp.training.cv import (
    train_fold,
    ERROR_CLASSES,
    FoldRun,
    classify_false_positive,
    classify_miss,
    cross_validate,
    render_markdown,
    summarize,
    write_cv,
)
from gikp_nlp.training.evaluate import Counts, GoldReport, bootstrap_interval, pooled_prf

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "annotations"
TINY = REPO / "configs" / "tiny.toml"
TINY_FOLDS = {"k": 2, "seed": 1, "folds": [["r003", "r006"], ["r009", "r012"]]}


@pytest.fixture
def tiny_folds(tmp_path):
    path = tmp_path / "folds.json"
    path.write_text(json.dumps(TINY_FOLDS), encoding="utf-8")
    return path


def test_cv_fold_split_never_trains_on_the_held_out_fold():
    docs = [{"id": i} for i in ("a", "b", "c", "d", "e")]
    fold_of = {"a": 0, "b": 1, "c": 2, "d": 0}  # e has no fold
    train, held = fold_split(docs, fold_of, 0)
    assert [d["id"] for d in held] == ["a", "d"]
    assert [d["id"] for d in train] == ["b", "c"]


def test_cv_documents_reads_the_folds_file_and_caps_each_fold(tiny_folds):
    docs, folds = cv_documents(ANNOTATIONS, tiny_folds, max_per_fold=1)
    assert folds.k == 2 and folds.folds == (("r003",), ("r009",))
    assert [d["id"] for d in docs] == ["r003", "r009"]
    assert all(d["text"][m["start"]:m["end"]] == m["text"] for d in docs for m in d["mentions"])


def test_cv_documents_missing_folds_file_is_a_coded_error(tmp_path):
    with pytest.raises(AnnotationError, match="folds file not found"):
        cv_documents(ANNOTATIONS, tmp_path / "none.json")


def test_cv_pooled_counts_and_interval_exact():
    per_doc = [Counts(1, 2, 2), Counts(0, 0, 1), Counts(3, 3, 4)]
    assert pooled_prf(per_doc) == {"precision": 0.8, "recall": 0.5714, "f1": 0.6667, "tp": 4, "predicted": 5,
                                   "gold": 7}
    same = [Counts(1, 2, 2)] * 4  # every resample is the same: the interval is the point
    assert bootstrap_interval(same) == (0.5, 0.5)
    low, high = bootstrap_interval(per_doc, "precision")
    assert 0.0 <= low < 0.8 < high <= 1.0  # a resample of only the second document has precision 0
    assert bootstrap_interval(per_doc) == bootstrap_interval(per_doc)  # fixed seed


class _Report:
    """The two fields the scorer reads, for hand-made Reports."""

    def __init__(self, mentions):
        self.mentions = mentions
        self.records = []


def _item(doc_id, text, gold, pred):
    doc = {"id": doc_id, "text": text, "form": "narrative", "implicit": [],
           "mentions": [{"start": s, "end": e, "text": text[s:e], "indicator": i, "applicant": "total",
                         "value": int(text[s:e])} for s, e, i in gold]}
    mentions = [Mention(s, e, text[s:e], i, int(text[s:e])) for s, e, i in pred]
    return GoldReport(doc, _Report(mentions), ())


def test_cv_summarize_pools_documents_over_folds():
    a = _item("a", "收到申请12件，答复5件。", [(4, 6, "request.new"), (10, 11, "request.completed")],
              [(4, 6, "request.new"), (10, 11, "review.total")])
    b = _item("b", "收到申请7件。", [(4, 5, "request.new")], [])
    runs = [FoldRun(0, ("a",), ("b",), None, None, {"rules": (a,)}),
            FoldRun(1, ("b",), ("a",), None, None, {"rules": (b,)})]

    class Folds:
        k, seed, folds = 2, 1, (("a",), ("b",))

    result = summarize(runs, Folds, ["rules"])
    record = result["results"]["rules"]["scores"]["narrative"]["record"]
    assert (record["tp"], record["predicted"], record["gold"]) == (1, 2, 3)
    assert (record["precision"], record["recall"], record["f1"]) == (0.5, 0.3333, 0.4)
    assert [r["narrative_record"]["rules"]["f1"] for r in result["fold_runs"]] == [0.5, 0.0]
    per_ind = result["results"]["rules"]["per_indicator"]
    assert per_ind["request.new"]["recall"] == 0.5 and per_ind["review.total"]["precision"] == 0.0
    classes = result["results"]["rules"]["error_classes"]
    assert classes["scope_of_qizhong"] == {"fp": 1, "fn": 1} and classes["other"] == {"fp": 0, "fn": 1}
    fixed = result["results"]["rules"]["if_fixed"]
    assert fixed["scope_of_qizhong"]["tp"] == 2 and fixed["scope_of_qizhong"]["predicted"] == 2  # FP gone, miss found
    assert fixed["scope_of_qizhong"]["precision"] == 1.0 and fixed["other"]["recall"] == 0.6667
    assert result["acceptance"] is None  # no default engine scored


def _g(text, piece, indicator, value=None, applicant="total", at=0):
    start = text.index(piece, at)
    return {"start": start, "end": start + len(piece), "text": piece, "indicator": indicator,
            "applicant": applicant, "value": value if value is not None else float(piece)}


def test_cv_error_classes_on_tiny_cases():
    t = "全年在门户网站发布信息33条。"
    assert classify_false_positive(t, _g(t, "33", "proactive.total"), [_g(t, "33", "proactive.channel.website")]) \
        == "channel_vs_total"
    t = "行政诉讼3件，其中维持2件。"
    assert classify_false_positive(t, _g(t, "2", "review.upheld"), [_g(t, "2", "litigation.upheld")]) \
        == "scope_of_qizhong"
    t = "主动公开信息50条，其中工作动态20条。"
    assert classify_false_positive(t, _g(t, "20", "proactive.total"), [_g(t, "50", "proactive.total")]) \
        == "topic_breakdown"
    t = "历年累计公开信息900条。"
    assert classify_false_positive(t, _g(t, "900", "proactive.total"), []) == "not_this_year"
    t = "网站访问量12000次。收到申请3件。"
    assert classify_false_positive(t, _g(t, "12000", "proactive.total"), [_g(t, "3", "request.new")]) \
        == "no_indicator"
    t = "收到申请3件，答复3件。"
    assert classify_false_positive(t, _g(t, "3", "request.completed", at=6), [_g(t, "3", "request.new")]) == "other"
    t = "受理自然人申请4件。"
    assert classify_false_positive(t, _g(t, "4", "request.new"),
                                   [_g(t, "4", "request.new", applicant="natural_person")]) == "wrong_applicant"
    t = "发布信息2.4万条。"
    gold = _g(t, "2.4万", "proactive.total", value=24000)
    assert classify_miss(t, gold, [_g(t, "2.4", "proactive.total")]) == "approx_lost"
    assert classify_miss(t, gold, []) == "approx_lost"
    t = "收到申请5件。"
    assert classify_miss(t, _g(t, "5", "request.new"), []) == "other"
    assert set(ERROR_CLASSES) >= {"topic_breakdown", "other"}


def test_cv_rejects_a_k_other_than_the_recorded_one(tiny_folds):
    with pytest.raises(AnnotationError, match="records 2 folds"):
        cross_validate(ANNOTATIONS, k=5, engines=["rules"], folds_file=tiny_folds)


def test_cv_tiny_end_to_end_trains_per_fold_and_writes_the_tables(tiny_folds, tmp_path):
    result = cross_validate(ANNOTATIONS, k=2, train_config=TINY, folds_file=tiny_folds, work_dir=tmp_path / "m",
                            train_overrides={"data.synthetic_docs": 8, "data.use_real": True, "train.epochs": 9,
                                             "train.max_steps": 4})
    assert result["mode"] == "cv" and result["folds"] == TINY_FOLDS["folds"]
    for run in result["fold_runs"]:  # the step budget, not the clock, ended each fold's training
        assert (run["training"]["steps"], run["training"]["stop"], run["training"]["stopped_early"]) == (
            4, "max_steps", False)
    assert result["training"]["seed"] == 13 and result["bootstrap"]["seed"] == 13
    for fold, held in enumerate(TINY_FOLDS["folds"]):
        meta = json.loads((tmp_path / "m" / f"fold-{fold}" / "meta.json").read_text(encoding="utf-8"))
        trained = set(meta["data"]["real_train_docs"])
        assert trained == set(TINY_FOLDS["folds"][1 - fold]) and not trained & set(held)
    for engine in ("model", "hybrid", "rules"):
        assert result["results"][engine]["documents"] == 4
    assert result["acceptance"]["engine"] == "hybrid"
    out = write_cv(result, tmp_path / "out")
    md = (out / "cv.md").read_text(encoding="utf-8")
    assert "| hybrid | 4 |" in md and "## Per error class" in md
    assert "| 4/4 (max_steps) |" in md and "cut by train.max_minutes" not in md
    assert json.loads((out / "cv.json").read_text(encoding="utf-8"))["k"] == 2
    assert (out / "errors.md").is_file()


def test_cv_no_train_names_the_documents_the_model_saw(tiny_folds):
    result = cross_validate(ANNOTATIONS, k=2, engines=["model"], folds_file=tiny_folds, model="gikp-ner-zh")
    assert result["mode"] == "no_train" and "not cross-validation" in result["warning"]
    shipped = json.loads((REPO / "gikp_nlp" / "models" / "gikp-ner-zh" / "meta.json").read_text(encoding="utf-8"))
    saw = set(shipped["data"]["real_train_docs"])
    assert set(result["trained_on"]) == saw & {i for f in TINY_FOLDS["folds"] for i in f}
    assert result["subsets"]["not_trained_on"]["documents"] == 4 - len(result["trained_on"])


def test_cv_markdown_warns_of_a_fold_cut_by_the_clock():
    docs = {"d1": {"id": "d1", "text": "收到申请3件。", "mentions": []}}
    run = FoldRun(0, ("d1",), ("d2",), "m", 1.0, {"rules": (_item("d1", docs["d1"]["text"], [], []),)},
                  {"steps": 5, "planned_steps": 50, "stop": "max_minutes", "stopped_early": True})
    folds = type("F", (), {"k": 1, "seed": 1, "folds": (("d1",),)})()
    result = summarize([run], folds, ["rules"])
    assert result["fold_runs"][0]["training"]["stopped_early"]
    md = render_markdown(result)
    assert "fold(s) 0 was cut by train.max_minutes" in md and "| 5/50 (max_minutes) |" in md


TINY_TRAIN = {"data.synthetic_docs": 8, "data.use_real": True, "train.epochs": 9, "train.max_steps": 4}


def test_cv_fold_models_trained_apart_score_as_the_in_run_training(tmp_path):
    """`gikp train --cv-fold K` per fold, then `--fold-models`: the same models, the same scores as
    training inside the CV run (the recipe is seeded); each fold's combiner is fitted on the other
    folds' out-of-fold proposals (3 folds: two left for its inner threshold CV)."""
    folds = tmp_path / "folds.json"
    three = {"k": 3, "seed": 1, "folds": [["r003", "r006"], ["r009", "r012"], ["r016", "r018"]]}
    folds.write_text(json.dumps(three), encoding="utf-8")
    for fold in range(3):
        train_fold(TINY, fold, tmp_path / "apart" / f"fold-{fold}", TINY_TRAIN, gold_dir=ANNOTATIONS,
                   folds_file=folds)
    apart = cross_validate(ANNOTATIONS, k=3, engines=["model", "hybrid"], folds_file=folds,
                           fold_models=tmp_path / "apart", work_dir=tmp_path / "w1")
    inside = cross_validate(ANNOTATIONS, k=3, engines=["model", "hybrid"], train_config=TINY,
                            train_overrides=TINY_TRAIN, folds_file=folds, work_dir=tmp_path / "w2")
    assert apart["mode"] == "cv" and apart["fold_models"] == str(tmp_path / "apart")
    for engine in ("model", "hybrid"):
        assert (apart["results"][engine]["scores"]["narrative"]["record"]
                == inside["results"][engine]["scores"]["narrative"]["record"])
    assert [c["fitted_on"] for c in apart["combiners"]] == ["out-of-fold"] * 3
    assert [c["documents"] for c in apart["combiners"]] == [4, 4, 4]
    for run in apart["fold_runs"]:
        assert run["trained_on"] == 4 and run["held_out"] == 2


def test_cv_fold_models_that_saw_their_fold_are_refused(tiny_folds, tmp_path):
    for fold in (0, 1):  # each trained on the wrong side: fold-K's model saw fold K
        train_fold(TINY, 1 - fold, tmp_path / "swapped" / f"fold-{fold}", TINY_TRAIN, gold_dir=ANNOTATIONS,
                   folds_file=tiny_folds)
    with pytest.raises(AnnotationError, match="held-out documents in training"):
        cross_validate(ANNOTATIONS, k=2, engines=["model"], folds_file=tiny_folds, fold_models=tmp_path / "swapped")
    with pytest.raises(ConfigError, match="no model for fold"):
        cross_validate(ANNOTATIONS, k=2, engines=["model"], folds_file=tiny_folds, fold_models=tmp_path / "none")


def test_cv_train_fold_out_of_range_is_a_config_error(tiny_folds, tmp_path):
    with pytest.raises(ConfigError, match="out of range"):
        train_fold(TINY, 2, tmp_path / "x", TINY_TRAIN, gold_dir=ANNOTATIONS, folds_file=tiny_folds)
