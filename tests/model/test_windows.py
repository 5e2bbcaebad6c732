"""Sliding windows cover the text and stitch into one decode."""
from __future__ import annotations

import numpy as np

from gikp_nlp.model.bio import tags_to_spans
from gikp_nlp.model.windows import stitch, window_starts


def test_windows_cover_every_character():
    for length in (1, 10, 64, 65, 200, 1001):
        starts = window_starts(length, 64, 48)
        covered = set()
        for s in starts:
            covered.update(range(s, min(length, s + 64)))
        assert covered == set(range(length))
        assert all(s + 64 <= max(length, 64) for s in starts)


def test_windows_span_across_boundary_decodes_once():
    """A span crossing the end of window 1 (chars 60..68) comes out as one span."""
    length, window, stride, labels = 120, 64, 48, ["O", "B-x", "I-x"]
    gold = ["O"] * length
    gold[60], gold[61:68] = "B-x", ["I-x"] * 7
    starts = window_starts(length, window, stride)
    probs = []
    for s in starts:
        chunk = np.full((min(window, length - s), 3), 0.01)
        for i in range(chunk.shape[0]):
            chunk[i, labels.index(gold[s + i])] = 0.98
        probs.append(chunk)
    stitched = stitch(length, starts, probs)
    tags = [labels[i] for i in stitched.argmax(axis=1)]
    assert tags_to_spans(tags) == [(60, 68, "x")]
    assert np.allclose(stitched.sum(axis=1), stitched.sum(axis=1)[0])


def test_windows_row_stitcher_keeps_only_its_rows_and_equals_stitch():
    from gikp_nlp.model.windows import RowStitcher

    rng = np.random.default_rng(1)
    length, window, stride = 300, 64, 48
    starts = window_starts(length, window, stride)
    probs = [rng.random((min(window, length - s), 5)).astype(np.float32) for s in starts]
    rows = np.array([0, 47, 48, 63, 64, 150, 299])
    stitcher = RowStitcher(rows, 5)
    assert not stitcher.covers(1, 40) and stitcher.covers(40, 10)
    for start, p in zip(starts, probs):
        stitcher.add(start, p)
    assert stitcher.total.shape == (len(rows), 5)
    assert np.array_equal(stitcher.result(), stitch(length, starts, probs)[rows])
