"""The gold corpus in Label Studio format: converter, splits, BIO training data.

    >>> from gikp_nlp.annotations import load_split, to_bio_dataset   # doctest: +SKIP
    >>> from gikp_nlp.schema import get_taxonomy                      # doctest: +SKIP
    >>> ds = to_bio_dataset(load_split("train"), get_taxonomy())      # doctest: +SKIP
"""
from __future__ import annotations

from gikp_nlp.annotations.bio import bio_examples, char_tags, tags_to_spans, to_bio_dataset
from gikp_nlp.annotations.corpus import (
    ANNOTATIONS_DIR,
    SHARED_GOLD_DIR,
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
from gikp_nlp.annotations.gold import GoldDocument, GoldImplicit, GoldMention
from gikp_nlp.annotations.tasks import gold_to_task, pick_annotation, task_to_gold

__all__ = [
    "ANNOTATIONS_DIR",
    "SHARED_GOLD_DIR",
    "SPLITS",
    "BadValueError",
    "GoldDocument",
    "GoldImplicit",
    "GoldMention",
    "MalformedTaskError",
    "OverlapError",
    "SpanRangeError",
    "SpanTextMismatchError",
    "Splits",
    "UnknownLabelError",
    "bio_examples",
    "char_tags",
    "gold_to_task",
    "load_documents",
    "load_split",
    "make_splits",
    "pick_annotation",
    "read_gold_dir",
    "read_splits",
    "read_task_file",
    "stats",
    "tags_to_spans",
    "task_to_gold",
    "to_bio_dataset",
    "write_corpus",
]
