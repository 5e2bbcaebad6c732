"""annotations/ against ../shared/corpus/gold: exact round trip, splits, manifest, stats."""
from __future__ import annotations

import hashlib
import json

import pytest

from gikp_nlp.annotations import (
    ANNOTATIONS_DIR,
    SHARED_GOLD_DIR,
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

TASK_FILES = sorted((ANNOTATIONS_DIR / TASKS_SUBDIR).glob("*.json"))
GOLD_DIR = SHARED_GOLD_DIR


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
    recorded = read_splits()
    docs = load_documents(taxonomy)
    again = make_splits(docs, recorded.seed, recorded.dev_share, recorded.test_share)
    assert again == recorded
    ids = [i for s in SPLITS for i in recorded.of(s)]
    assert len(ids) == len(set(ids)) == len(docs)


def test_annotations_corpus_dev_and_test_hold_narrative_and_table_excerpts(taxonomy):
    for split in ("dev", "test"):
        docs = load_split(split, taxonomy)
        assert any(d.has_table for d in docs), split
        assert any(d.form == "narrative" for d in docs), split
        assert not any(d.id.startswith("seed-") for d in docs), split
        assert sum(len(d.mentions) for d in docs) > 0


def test_annotations_corpus_manifest_matches_task_files(taxonomy):
    manifest = json.loads((ANNOTATIONS_DIR / MANIFEST_FILE).read_text(encoding="utf-8"))
    splits = read_splits()
    by_id = {d.id: d for d in load_documents(taxonomy)}
    assert [e["id"] for e in manifest["documents"]] == sorted(by_id)
    for entry in manifest["documents"]:
        doc = by_id[entry["id"]]
        assert entry["split"] == splits.split_of(doc.id)
        assert entry["n_mentions"] == len(doc.mentions) and entry["n_implicit"] == len(doc.implicit)
        assert entry["text_sha256"] == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_annotations_corpus_stats_count_every_label(taxonomy):
    data = stats(taxonomy)
    for split in SPLITS:
        docs = load_split(split, taxonomy)
        assert data[split]["documents"] == len(docs)
        assert sum(data[split]["labels"].values()) == sum(len(d.mentions) + len(d.implicit) for d in docs)


def test_annotations_corpus_rewrite_is_stable_and_new_documents_go_to_train(tmp_path, taxonomy):
    docs = load_documents(taxonomy)
    small = [d for d in docs if d.id in read_splits().dev + read_splits().test]
    first = write_corpus(small, taxonomy, tmp_path)
    extra = next(d for d in docs if d.id.startswith("seed-"))
    second = write_corpus([extra], taxonomy, tmp_path)
    assert second.dev == first.dev and second.test == first.test
    assert extra.id in second.train
    reread = {d.id: d for d in load_documents(taxonomy, tmp_path)}
    assert reread[extra.id] == extra and set(reread) == {d.id for d in small} | {extra.id}
    task = json.loads((tmp_path / TASKS_SUBDIR / f"{extra.id}.json").read_text(encoding="utf-8"))[0]
    assert task_to_gold(task, taxonomy) == extra
