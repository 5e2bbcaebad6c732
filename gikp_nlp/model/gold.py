"""Gold documents and their train/dev/test split, behind one function.

Gold documents come from the annotations package (``annotations/``: Label
Studio tasks and ``splits.json``), or from a directory of gold JSON files of
the same shape (``../shared/corpus/gold``) split by ``annotations/splits.json``. Training code asks :func:`gold_documents` for the
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
ANNOTATIONS_DIR = REPO_ROOT / "annotations"  # the annotations package takes directories as arguments
SPLITS = ("train", "dev", "test")


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


def _annotation_docs(directory: Path, split: str) -> list[dict[str, Any]]:
    """Gold docs of ``split`` through the annotations package (Label Studio tasks + splits.json)."""
    from gikp_nlp.annotations import load_documents, read_splits
    from gikp_nlp.schema import get_taxonomy

    splits = read_splits(directory)
    ids = [i for s in SPLITS for i in splits.of(s)] if split == "all" else list(splits.of(split))
    return [doc.to_dict() for doc in load_documents(get_taxonomy(), directory, sorted(ids))]


def gold_documents(split: str, gold_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """The gold documents of one split (``train``/``dev``/``test``/``all``), sorted by id.

    ``gold_dir``: ``annotations/`` (default; tasks + splits.json) or a directory of
    gold JSON files like ../shared/corpus/gold, split by annotations/splits.json.
    """
    from gikp_nlp.annotations import read_splits

    if split not in (*SPLITS, "all"):
        raise AnnotationError(f"unknown split {split!r}", hint=f"use one of {SPLITS} or 'all'")
    directory = Path(gold_dir) if gold_dir else Path(ANNOTATIONS_DIR)
    if not directory.is_dir():
        raise AnnotationError(f"gold directory {directory} not found",
                              hint="pass --gold annotations/ (or a directory of gold JSON files)")
    if (directory / "splits.json").is_file():
        return _annotation_docs(directory, split)
    docs = _read_dir(directory)
    splits = read_splits(ANNOTATIONS_DIR)
    unknown = sorted(i for i in docs if splits.split_of(i) is None)
    if unknown:
        logger.warning("gold documents without a split in annotations/splits.json (left out): %s", ", ".join(unknown))
    return [docs[i] for i in sorted(docs) if (split == "all" and i not in unknown) or splits.split_of(i) == split]


def docs_hash(docs: list[dict[str, Any]]) -> str:
    """sha256 over the ids, texts and annotations of ``docs`` (for meta.json)."""
    h = hashlib.sha256()
    for doc in docs:
        h.update(json.dumps({k: doc.get(k) for k in ("id", "text", "mentions", "implicit")},
                            ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()
