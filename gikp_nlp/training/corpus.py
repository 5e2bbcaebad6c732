"""Gold documents and their train/dev/test split, behind one function.

Gold documents come from an annotations directory (Label Studio tasks and
``splits.json``, like the checkout's ``annotations/``), or from a directory of
gold JSON files of the same shape split by an annotations directory's
``splits.json``. Both directories are arguments (defaults relative to the
working directory): nothing here points into a checkout. Training code asks
:func:`gold_documents` for the ``train`` split only, so dev/test documents are
never trained on. Cross-validation asks :func:`cv_documents` for every
document with its recorded fold and :func:`fold_split` for one fold's training
and held-out documents, so a held-out document is never trained on.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from gikp_nlp.errors import AnnotationError

logger = logging.getLogger(__name__)

SPLITS = ("train", "dev", "test")
DEFAULT_ANNOTATIONS = "annotations"  # relative to the working directory (a checkout's root)


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


def gold_documents(split: str, gold_dir: str | Path | None = None,
                   splits_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """The gold documents of one split (``train``/``dev``/``test``/``all``), sorted by id.

    ``gold_dir``: an annotations directory (tasks + splits.json; default
    ``./annotations``) or a directory of gold JSON files, split by the
    ``splits.json`` of ``splits_dir`` (default ``./annotations``).
    """
    from gikp_nlp.annotations import read_splits

    if split not in (*SPLITS, "all"):
        raise AnnotationError(f"unknown split {split!r}", hint=f"use one of {SPLITS} or 'all'")
    directory = Path(gold_dir or DEFAULT_ANNOTATIONS)
    if not directory.is_dir():
        raise AnnotationError(f"gold directory {directory} not found",
                              hint="pass --gold <annotations dir> (or a directory of gold JSON files)")
    if (directory / "splits.json").is_file():
        return _annotation_docs(directory, split)
    docs = _read_dir(directory)
    splits_at = Path(splits_dir or DEFAULT_ANNOTATIONS)
    if not (splits_at / "splits.json").is_file():
        raise AnnotationError(f"no splits.json in {splits_at} to split the gold files of {directory}",
                              hint="pass the annotations directory whose splits.json assigns the ids")
    splits = read_splits(splits_at)
    unknown = sorted(i for i in docs if splits.split_of(i) is None)
    if unknown:
        logger.warning("gold documents without a split in %s (left out): %s", splits_at / "splits.json",
                       ", ".join(unknown))
    return [docs[i] for i in sorted(docs) if (split == "all" and i not in unknown) or splits.split_of(i) == split]


def docs_hash(docs: list[dict[str, Any]]) -> str:
    """sha256 over the ids, texts and annotations of ``docs`` (for meta.json)."""
    h = hashlib.sha256()
    for doc in docs:
        h.update(json.dumps({k: doc.get(k) for k in ("id", "text", "mentions", "implicit")},
                            ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def cv_documents(gold_dir: str | Path | None = None, folds_file: str | Path | None = None,
                 max_per_fold: int | None = None) -> tuple[list[dict[str, Any]], Any]:
    """Every gold document of an annotations directory that has a recorded fold
    (sorted by id) and the :class:`~gikp_nlp.annotations.Folds` they come from.

    ``folds_file``: a folds JSON file (default ``<gold_dir>/folds.json``);
    ``max_per_fold``: keep only the first documents (by id) of each fold (tiny runs).
    """
    from gikp_nlp.annotations import Folds, load_documents
    from gikp_nlp.annotations.folds import FOLDS_FILE
    from gikp_nlp.schema import get_taxonomy

    directory = Path(gold_dir or DEFAULT_ANNOTATIONS)
    path = Path(folds_file) if folds_file else directory / FOLDS_FILE
    try:
        folds = Folds.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise AnnotationError(f"folds file not found: {path}", hint="run `gikp annotations convert` to record "
                              "the CV folds, or pass --folds-file") from None
    except json.JSONDecodeError as exc:
        raise AnnotationError(f"{path} is not valid JSON: {exc}") from None
    if max_per_fold is not None:
        if max_per_fold < 1:
            raise AnnotationError(f"max_per_fold must be >= 1, got {max_per_fold}")
        folds = type(folds)(folds.k, folds.seed, tuple(tuple(sorted(ids)[:max_per_fold]) for ids in folds.folds))
    ids = sorted(i for ids in folds.folds for i in ids)
    return [doc.to_dict() for doc in load_documents(get_taxonomy(), directory, ids)], folds


def fold_split(docs: Sequence[dict[str, Any]], fold_of: Mapping[str, int],
               held_out: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(training documents: those of every other fold, held-out documents: those of fold ``held_out``).

    A document without a fold goes to neither: it could not be held out anywhere."""
    train = [d for d in docs if d["id"] in fold_of and fold_of[d["id"]] != held_out]
    held = [d for d in docs if fold_of.get(d["id"]) == held_out]
    return train, held
