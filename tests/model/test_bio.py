"""BIO encoding/decoding edge cases (explicit decode, no groupby merging)."""
from __future__ import annotations

from gikp_nlp.model.bio import spans_to_tags, tags_to_spans


def test_bio_roundtrip_adjacent_spans_of_one_label_stay_two():
    spans = [(0, 2, "a"), (2, 4, "a"), (5, 6, "b")]
    tags = spans_to_tags(7, spans)
    assert tags == ["B-a", "I-a", "B-a", "I-a", "O", "B-b", "O"]
    assert tags_to_spans(tags) == spans


def test_bio_decode_stray_inside_starts_a_span():
    assert tags_to_spans(["O", "I-x", "I-x", "O"]) == [(1, 3, "x")]


def test_bio_decode_label_switch_inside_splits():
    assert tags_to_spans(["B-x", "I-y", "I-y"]) == [(0, 1, "x"), (1, 3, "y")]


def test_bio_decode_span_at_end_and_empty():
    assert tags_to_spans(["O", "B-x"]) == [(1, 2, "x")]
    assert tags_to_spans([]) == []


def test_bio_encode_drops_overlaps_and_out_of_range():
    tags = spans_to_tags(4, [(0, 3, "a"), (2, 4, "b"), (3, 9, "c")])
    assert tags == ["B-a", "I-a", "I-a", "O"]
