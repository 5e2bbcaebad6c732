"""Char-level BIO tags: from gold spans to tags, and from tags back to spans.

Decoding is explicit (no groupby merging of equal labels): ``B-x`` opens a span,
``I-x`` extends the open span only when it has the same label, and an ``I-x``
with nothing of label ``x`` open starts a new span (the usual IOB2 repair: a
model that misses the B still found the number).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence


def spans_to_tags(length: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """``O``/``B-x``/``I-x`` per character; overlapping spans: the first one wins."""
    tags = ["O"] * length
    for start, end, label in sorted(spans):
        if start >= end or end > length or any(t != "O" for t in tags[start:end]):
            continue
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def tags_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) spans, end exclusive, in order."""
    spans: list[tuple[int, int, str]] = []
    open_start, open_label = -1, ""
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and open_label == label:
            continue
        if open_label:
            spans.append((open_start, i, open_label))
            open_start, open_label = -1, ""
        if prefix in ("B", "I") and label:
            open_start, open_label = i, label
    if open_label:
        spans.append((open_start, len(tags), open_label))
    return spans
