"""Gold documents by split, from directories passed in (nothing points into a checkout)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gikp_nlp.errors import AnnotationError
from gikp_nlp.training.corpus import docs_hash, gold_documents

ANNOTATIONS = Path(__file__).resolve().parents[2] / "annotations"


def _gold(doc_id: str) -> dict:
    return {"id": doc_id, "text": "收到申请3件。", "mentions": [], "implicit": []}


def test_corpus_gold_json_dir_is_split_by_the_given_splits_file(tmp_path):
    splits = json.loads((ANNOTATIONS / "splits.json").read_text(encoding="utf-8"))
    train_id, dev_id = splits["train"][0], splits["dev"][0]
    gold = tmp_path / "gold"
    gold.mkdir()
    for doc_id in (train_id, dev_id, "not-in-any-split"):
        (gold / f"{doc_id}.json").write_text(json.dumps(_gold(doc_id)), encoding="utf-8")
    shutil.copy2(ANNOTATIONS / "splits.json", tmp_path / "splits.json")
    assert [d["id"] for d in gold_documents("train", gold, tmp_path)] == [train_id]
    assert [d["id"] for d in gold_documents("all", gold, tmp_path)] == sorted([train_id, dev_id])


def test_corpus_defaults_are_relative_to_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AnnotationError, match="gold directory annotations not found"):
        gold_documents("train")
    (tmp_path / "gold").mkdir()
    with pytest.raises(AnnotationError, match="no splits.json"):
        gold_documents("train", tmp_path / "gold")
    with pytest.raises(AnnotationError, match="unknown split"):
        gold_documents("validation", tmp_path / "gold")


def test_corpus_docs_hash_changes_with_the_annotations():
    a, b = _gold("x"), {**_gold("x"), "mentions": [{"start": 4, "end": 5}]}
    assert docs_hash([a]) == docs_hash([dict(a)]) and docs_hash([a]) != docs_hash([b])
