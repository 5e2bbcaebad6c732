"""The gold corpus in Label Studio format: converter, splits, CV folds.

Every directory is an argument (the package knows no checkout)::

    >>> from gikp_nlp.annotations import load_documents, read_folds   # doctest: +SKIP
    >>> from gikp_nlp.schema import get_taxonomy                      # doctest: +SKIP
    >>> docs = load_documents(get_taxonomy(), "annotations")          # doctest: +SKIP
    >>> folds = read_folds("annotations")                             # doctest: +SKIP
"""
from __future__ import annotations

from gikp_nlp.annotations.corpus import (
    SPLITS,
    Splits,
    load_documents,
    load_split,
    make_splits,
    read_gold_dir,
    read_splits,
    read_task_file,
    stats,
    write_corpus,
)
from gikp_nlp.annotations.errors import (
    BadValueError,
    MalformedTaskError,
    OverlapError,
    SpanRangeError,
    SpanTextMismatchError,
    UnknownLabelError,
)
from gikp_nlp.annotations.folds import Folds, extend_folds, make_folds, read_fold_file, read_folds, site_of
from gikp_nlp.annotations.gold import GoldDocument, GoldImplicit, GoldMention
from gikp_nlp.annotations.tasks import gold_to_task, pick_annotation, task_to_gold

__all__ = [
    "SPLITS",
    "BadValueError",
    "Folds",
    "GoldDocument",
    "GoldImplicit",
    "GoldMention",
    "MalformedTaskError",
    "OverlapError",
    "SpanRangeError",
    "SpanTextMismatchError",
    "Splits",
    "UnknownLabelError",
    "extend_folds",
    "gold_to_task",
    "load_documents",
    "load_split",
    "make_folds",
    "make_splits",
    "pick_annotation",
    "read_fold_file",
    "read_folds",
    "read_gold_dir",
    "read_splits",
    "read_task_file",
    "site_of",
    "stats",
    "task_to_gold",
    "write_corpus",
]
