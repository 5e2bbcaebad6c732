"""Gold documents and their train/dev/test split, behind one function.

Gold documents come from the annotations package when it provides them
(``annotations/`` with a split manifest), else straight from
``../shared/corpus/gold/*.json`` (same shape) with the provisional split in
``training/splits.json``. Training code asks :func:`gold_documents` for the
``train`` split only, so dev/test documents are never trained on.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from gikp_nlp.errors import AnnotationError

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
SPLITS = ("train", "dev", "test")
PROVISIONAL_SPLIT_FILE = REPO_ROOT / "training" / "splits.json"


def shared_gold_dir() -> Path:
    return REPO_ROOT.parent / "shared" / "corpus" / "gold"


def _read_dir(directory: Path) -> dict[str, dict[str, Any]]:
    docs = {}
    for path in sorted(directory.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"gold file {path} is not valid JSON: {exc}") from None
        if not isinstance(doc, dict) or "text" not in doc or "mentions" not in doc:
            continue  # manifests and other files beside the gold docs
        docs[doc.get("id", path.stem)] = doc
    return docs


def _from_annotations(directory: Path) -> tuple[dict[str, dict[str, Any]], dict[str, str]] | None:
    """Gold docs + split from the annotations package, when it is there."""
    try:
        from gikp_nlp import annotations as ann  # written by the annotations helper
    except ImportError:
        return None
    loader = getattr(ann, "load_gold_split", None)
    if loader is None:
        return None
    docs, split = {}, {}
    for name in SPLITS:
        for doc in loader(directory, name):
            docs[doc["id"]] = doc
            split[doc["id"]] = name
    return docs, split


def load_split(path: Path = PROVISIONAL_SPLIT_FILE) -> dict[str, str]:
    """doc id → split name, from a ``{"train": [...], "dev": [...], "test": [...]}`` file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnotationError(f"no split file at {path}",
                              hint="write one with `python -m training.splits` or pass a gold dir with a manifest") from None
    return {doc_id: name for name in SPLITS for doc_id in data.get(name, [])}


def gold_documents(split: str, gold_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """The gold documents of one split (``train``/``dev``/``test``/``all``), sorted by id."""
    if split not in (*SPLITS, "all"):
        raise AnnotationError(f"unknown split {split!r}", hint=f"use one of {SPLITS} or 'all'")
    directory = Path(gold_dir) if gold_dir else shared_gold_dir()
    if not directory.is_dir():
        raise AnnotationError(f"gold directory {directory} not found",
                              hint="pass --gold <dir> (annotations/ or ../shared/corpus/gold)")
    found = _from_annotations(directory) if not list(directory.glob("r*.json")) else None
    if found is None:
        docs, assignment = _read_dir(directory), load_split()
    else:
        docs, assignment = found
    unknown = sorted(set(docs) - set(assignment))
    if unknown:
        logger.warning("gold documents without a split (left out): %s", ", ".join(unknown))
    return [docs[i] for i in sorted(docs) if split == "all" or assignment.get(i) == split]


def provisional_split(ids: list[str], dev_share: float, test_share: float) -> dict[str, list[str]]:
    """A deterministic split by hash of the id (stable when documents are added)."""
    ranked = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    n_dev, n_test = round(len(ids) * dev_share), round(len(ids) * test_share)
    return {"train": sorted(ranked[n_dev + n_test:]), "dev": sorted(ranked[:n_dev]),
            "test": sorted(ranked[n_dev:n_dev + n_test])}


def docs_hash(docs: list[dict[str, Any]]) -> str:
    """sha256 over the ids, texts and annotations of ``docs`` (for meta.json)."""
    h = hashlib.sha256()
    for doc in docs:
        h.update(json.dumps({k: doc.get(k) for k in ("id", "text", "mentions", "implicit")},
                            ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()
