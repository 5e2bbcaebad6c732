"""Gold documents → character-level BIO training examples, and tags → spans back.

One token per character of the original text (whitespace included), so token
index == character offset and a decoded span indexes the report text
directly. Tags are over indicator ids; the label list is
``Taxonomy.bio_labels()``, never read from the data. Implicit zeros have no
digits to tag and are left out (they are scored apart from mentions).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from gikp_nlp.annotations.errors import OverlapError
from gikp_nlp.annotations.gold import GoldDocument
from gikp_nlp.errors import AnnotationError
from gikp_nlp.schema.taxonomy import Taxonomy

if TYPE_CHECKING:  # pragma: no cover
    import datasets

OUTSIDE = "O"


def char_tags(doc: GoldDocument) -> list[str]:
    """One BIO tag string per character of ``doc.text``."""
    tags = [OUTSIDE] * len(doc.text)
    for m in doc.mentions:
        if any(tag != OUTSIDE for tag in tags[m.start:m.end]):
            raise OverlapError(f"gold document {doc.id!r}: mention [{m.start},{m.end}) overlaps another mention")
        tags[m.start] = f"B-{m.indicator}"
        for i in range(m.start + 1, m.end):
            tags[i] = f"I-{m.indicator}"
    return tags


def tags_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, indicator)`` spans of a BIO tag sequence.

    An ``I-`` after ``O`` or after another indicator starts a new span (the
    usual lenient reading of model output).
    """
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, OUTSIDE]):
        prefix, _, name = tag.partition("-")
        continues = prefix == "I" and name == label and start is not None
        if continues:
            continue
        if start is not None:
            spans.append((start, i, label))  # type: ignore[arg-type]
            start, label = None, None
        if prefix in ("B", "I"):
            start, label = i, name
    return spans


def windows(length: int, window: int | None, stride: int | None) -> list[tuple[int, int]]:
    """Character windows ``(start, end)`` covering ``[0, length)``; one window if ``window`` is None."""
    if window is None or length <= window:
        return [(0, length)]
    step = stride or window
    if not 0 < step <= window:
        raise AnnotationError(f"stride must be in (0, window], got stride={stride} window={window}")
    out, pos = [], 0
    while True:
        out.append((pos, min(pos + window, length)))
        if pos + window >= length:
            return out
        pos += step


def bio_examples(docs: Iterable[GoldDocument], taxonomy: Taxonomy, *, window: int | None = None,
                 stride: int | None = None) -> list[dict[str, Any]]:
    """Plain dict examples: ``id, doc_id, offset, tokens, ner_tags`` (tag ids into ``bio_labels()``).

    With ``window``, each document is cut into overlapping windows; a mention
    cut by a window edge keeps only its part inside (its tags restart with B-).
    """
    labels = taxonomy.bio_labels()
    index = {label: i for i, label in enumerate(labels)}
    out = []
    for doc in docs:
        tags = char_tags(doc)
        missing = {t for t in tags if t not in index}
        if missing:
            raise AnnotationError(f"gold document {doc.id!r}: tags {sorted(missing)} are not in the taxonomy")
        for start, end in windows(len(doc.text), window, stride):
            piece = tags[start:end]
            if piece and piece[0].startswith("I-"):
                piece[0] = "B-" + piece[0][2:]
            out.append({
                "id": f"{doc.id}@{start}",
                "doc_id": doc.id,
                "offset": start,
                "tokens": list(doc.text[start:end]),
                "ner_tags": [index[t] for t in piece],
            })
    return out


def to_bio_dataset(docs: Iterable[GoldDocument], taxonomy: Taxonomy, *, window: int | None = None,
                   stride: int | None = None) -> datasets.Dataset:
    """A ``datasets.Dataset`` of :func:`bio_examples`, ``ner_tags`` as ClassLabel over ``bio_labels()``."""
    from gikp_nlp.extras import require

    datasets = require("datasets", "train")

    features = datasets.Features({
        "id": datasets.Value("string"),
        "doc_id": datasets.Value("string"),
        "offset": datasets.Value("int32"),
        "tokens": datasets.Sequence(datasets.Value("string")),
        "ner_tags": datasets.Sequence(datasets.ClassLabel(names=taxonomy.bio_labels())),
    })
    rows = bio_examples(docs, taxonomy, window=window, stride=stride)
    columns = {name: [row[name] for row in rows] for name in features}
    return datasets.Dataset.from_dict(columns, features=features)
