"""BIO training data: decoding the tags gives back the gold spans."""
from __future__ import annotations

import pytest

from gikp_nlp.annotations import bio_examples, char_tags, load_documents, tags_to_spans, to_bio_dataset
from gikp_nlp.annotations.bio import windows


@pytest.fixture(scope="module")
def docs(taxonomy):
    return load_documents(taxonomy)


def test_bio_tags_decode_to_gold_spans_for_every_document(docs):
    for doc in docs:
        tags = char_tags(doc)
        assert len(tags) == len(doc.text)
        assert tags_to_spans(tags) == sorted((m.start, m.end, m.indicator) for m in doc.mentions), doc.id


def test_bio_dataset_uses_taxonomy_labels_and_aligns(docs, taxonomy):
    some = [d for d in docs if d.mentions][:6]
    ds = to_bio_dataset(some, taxonomy)
    labels = ds.features["ner_tags"].feature.names
    assert labels == taxonomy.bio_labels()
    for row, doc in zip(ds, some):
        assert "".join(row["tokens"]) == doc.text
        spans = tags_to_spans([labels[i] for i in row["ner_tags"]])
        assert spans == sorted((m.start, m.end, m.indicator) for m in doc.mentions)


def test_bio_windows_cover_text_and_keep_every_mention_whole_somewhere(docs, taxonomy):
    window, stride = 64, 48
    labels = taxonomy.bio_labels()
    for doc in docs:
        rows = [r for r in bio_examples([doc], taxonomy, window=window, stride=stride)]
        covered = set()
        found = set()
        for row in rows:
            assert "".join(row["tokens"]) == doc.text[row["offset"]:row["offset"] + len(row["tokens"])]
            covered.update(range(row["offset"], row["offset"] + len(row["tokens"])))
            for s, e, ind in tags_to_spans([labels[i] for i in row["ner_tags"]]):
                found.add((s + row["offset"], e + row["offset"], ind))
        assert covered == set(range(len(doc.text)))
        assert {(m.start, m.end, m.indicator) for m in doc.mentions} <= found, doc.id


def test_bio_tags_to_spans_is_lenient_about_stray_inside_tags():
    tags = ["O", "I-a", "I-a", "B-a", "I-b", "O", "B-c"]
    assert tags_to_spans(tags) == [(1, 3, "a"), (3, 4, "a"), (4, 5, "b"), (6, 7, "c")]


def test_bio_windows_reject_bad_stride():
    from gikp_nlp.errors import AnnotationError

    assert windows(10, None, None) == [(0, 10)]
    assert windows(10, 4, 4) == [(0, 4), (4, 8), (8, 10)]
    with pytest.raises(AnnotationError):
        windows(10, 4, 5)
