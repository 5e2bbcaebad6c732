"""annotations/ against ../shared/corpus/gold: exact round trip, splits, folds, manifest, stats."""
from __future__ import annotations

import hashlib
import json

import pytest

from gikp_nlp.annotations import (
    SPLITS,
    gold_to_task,
    load_documents,
    load_split,
    make_splits,
    read_splits,
    read_task_file,
    stats,
    task_to_gold,
)
from gikp_nlp.annotations.corpus import MANIFEST_FILE, TASKS_SUBDIR, write_corpus
from gikp_nlp.annotations.folds import read_fold_file
from tests.conftest import REPO, SHARED

ANNOTATIONS_DIR = REPO / "annotations"
TASK_FILES = sorted((ANNOTATIONS_DIR / TASKS_SUBDIR).glob("*.json"))
GOLD_DIR = SHARED / "corpus" / "gold"
#: ids of the gold documents added after the train/dev/test splits were drawn
LATER_PREFIX = "x"


def load_gold(doc_id: str) -> dict:
    path = GOLD_DIR / f"{doc_id}.json"
    if not path.is_file():
        pytest.skip(f"{doc_id}: ../shared/corpus/gold is not beside the repo")
    return json.loads(path.read_text(encoding="utf-8"))


def test_annotations_corpus_covers_every_shared_gold_document():
    if not GOLD_DIR.is_dir():
        pytest.skip("../shared/corpus/gold is not beside the repo")
    gold_ids = {p.stem for p in GOLD_DIR.glob("*.json")}
    assert gold_ids == {p.stem for p in TASK_FILES}
    assert {f"seed-00{i}" for i in range(5)} <= gold_ids


@pytest.mark.parametrize("path", TASK_FILES, ids=[p.stem for p in TASK_FILES])
def test_annotations_corpus_task_file_converts_back_to_exact_gold(path, taxonomy):
    (doc,) = read_task_file(path, taxonomy)
    gold = load_gold(path.stem)
    assert doc.to_dict() == gold
    # same keys in the same order, same value types (int stays int, 0.38 stays float)
    assert json.dumps(doc.to_dict(), ensure_ascii=False) == json.dumps(gold, ensure_ascii=False)
    # and the task written from it is the file on disk (the converter made it, not a hand edit)
    assert json.loads(path.read_text(encoding="utf-8")) == [gold_to_task(doc)]


def test_annotations_corpus_task_has_meta_source_year_agency_form(taxonomy):
    for path in TASK_FILES:
        (task,) = json.loads(path.read_text(encoding="utf-8"))
        assert {"source", "year", "agency", "form", "doc_id"} <= set(task["meta"])
        assert task["meta"]["doc_id"] == path.stem


def test_annotations_corpus_splits_are_reproducible_disjoint_and_complete(taxonomy):
    recorded = read_splits(ANNOTATIONS_DIR)
    docs = load_documents(taxonomy, ANNOTATIONS_DIR)
    # the splits were drawn over the first 44 documents (r…, seed-…); the x… documents came later and went to
    # train by the converter's rule, so dev/test never moved (CV folds are what new evaluation uses)
    first = [d for d in docs if not d.id.startswith(LATER_PREFIX)]
    again = make_splits(first, recorded.seed, recorded.dev_share, recorded.test_share)
    assert (again.dev, again.test) == (recorded.dev, recorded.test)
    assert set(recorded.train) == set(again.train) | {d.id for d in docs if d.id.startswith(LATER_PREFIX)}
    ids = [i for s in SPLITS for i in recorded.of(s)]
    assert len(ids) == len(set(ids)) == len(docs)


def test_annotations_corpus_dev_and_test_hold_narrative_and_table_excerpts(taxonomy):
    for split in ("dev", "test"):
        docs = load_split(split, ANNOTATIONS_DIR, taxonomy)
        assert any(d.has_table for d in docs), split
        assert any(d.form == "narrative" for d in docs), split
        assert not any(d.id.startswith("seed-") for d in docs), split
        assert sum(len(d.mentions) for d in docs) > 0


def test_annotations_corpus_manifest_matches_task_files(taxonomy):
    manifest = json.loads((ANNOTATIONS_DIR / MANIFEST_FILE).read_text(encoding="utf-8"))
    splits = read_splits(ANNOTATIONS_DIR)
    folds = read_fold_file(ANNOTATIONS_DIR)
    by_id = {d.id: d for d in load_documents(taxonomy, ANNOTATIONS_DIR)}
    assert [e["id"] for e in manifest["documents"]] == sorted(by_id)
    for entry in manifest["documents"]:
        doc = by_id[entry["id"]]
        assert entry["split"] == splits.split_of(doc.id)
        assert entry["fold"] == folds.fold_of(doc.id) is not None
        assert entry["n_mentions"] == len(doc.mentions) and entry["n_implicit"] == len(doc.implicit)
        assert entry["text_sha256"] == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_annotations_corpus_stats_count_every_label(taxonomy):
    data = stats(taxonomy, ANNOTATIONS_DIR)
    for split in SPLITS:
        docs = load_split(split, ANNOTATIONS_DIR, taxonomy)
        assert data[split]["documents"] == len(docs)
        assert sum(data[split]["labels"].values()) == sum(len(d.mentions) + len(d.implicit) for d in docs)


def test_annotations_corpus_rewrite_is_stable_and_new_documents_go_to_train(tmp_path, taxonomy):
    docs = load_documents(taxonomy, ANNOTATIONS_DIR)
    recorded = read_splits(ANNOTATIONS_DIR)
    small = [d for d in docs if d.id in recorded.dev + recorded.test]
    first = write_corpus(small, taxonomy, tmp_path)
    extra = next(d for d in docs if d.id.startswith("seed-"))
    second = write_corpus([extra], taxonomy, tmp_path)
    assert second.dev == first.dev and second.test == first.test
    assert extra.id in second.train
    reread = {d.id: d for d in load_documents(taxonomy, tmp_path)}
    assert reread[extra.id] == extra and set(reread) == {d.id for d in small} | {extra.id}
    task = json.loads((tmp_path / TASKS_SUBDIR / f"{extra.id}.json").read_text(encoding="utf-8"))[0]
    assert task_to_gold(task, taxonomy) == extra
    folds = read_fold_file(tmp_path)  # drawn over the first documents; the new one joined a fold, none moved
    assert folds.fold_of(extra.id) is not None
    assert sorted(i for ids in folds.folds for i in ids) == sorted(reread)


def test_annotations_corpus_mentions_encode_to_bio_tags_and_decode_back(taxonomy):
    """What training reads: the model's BIO code gives back every gold span (no overlap is dropped)."""
    from gikp_nlp.model.bio import spans_to_tags, tags_to_spans

    for doc in load_documents(taxonomy, ANNOTATIONS_DIR):
        spans = sorted((m.start, m.end, m.indicator) for m in doc.mentions)
        tags = spans_to_tags(len(doc.text), spans)
        assert set(tags) <= set(taxonomy.bio_labels()), doc.id
        assert tags_to_spans(tags) == spans, doc.id
