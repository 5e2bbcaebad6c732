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


def test_windows_line_windows_start_at_the_line_and_stay_in_it():
    """Each line is windowed from its own first character and never past its end
    or the ``[lo, hi)`` bounds; lines without a row get no window."""
    from gikp_nlp.model.windows import line_windows

    text = "a" * 10 + "\n" + "b" * 150 + "\n" + "c" * 5 + "\n" + "d" * 30
    rows = np.array([3, 11 + 0, 11 + 149, 11 + 151 + 6 + 2])
    wins = line_windows(text, rows, 64, 48)
    assert wins[0] == (0, 10)
    assert [w for w in wins if 11 <= w[0] < 161] == [(11, 64), (11 + 150 - 64, 64)]
    assert wins[-1] == (168, 30)
    assert not any(s <= 162 < s + w for s, w in wins)  # the "ccccc" line holds no row
    for s, w in wins:
        assert "\n" not in text[s:s + w]
    assert line_windows(text, np.array([3]), 64, 48, lo=2, hi=6) == [(2, 4)]


def test_windows_line_windows_do_not_depend_on_where_the_line_lies():
    """The windows of a line are the same, shifted, whatever comes before it
    (windows every ``stride`` characters from offset 0 were not)."""
    from gikp_nlp.model.windows import line_windows

    line = "全年主动公开政府信息171条，其中门户网站公开120条。" * 9
    rows = np.array([line.index("171"), len(line) - 5])
    base = line_windows(line, rows, 64, 48)
    for prefix in ("x\n", "前言" * 17 + "\n", "y" * 200 + "\n\n"):
        shift = len(prefix)
        assert line_windows(prefix + line + "\n尾", rows + shift, 64, 48) == [(s + shift, w) for s, w in base]


def test_windows_padded_groups_keep_every_window_in_few_shapes():
    from gikp_nlp.model.windows import PAD_MULTIPLE, padded_groups

    wins = [(0, 5), (10, 64), (100, 33), (200, 31), (300, 100)]
    groups = padded_groups(wins, cap=100)
    assert sorted(w for _, g in groups for w in g) == sorted(wins)
    assert [p for p, _ in groups] == [PAD_MULTIPLE, 2 * PAD_MULTIPLE, 100]
    assert all(w <= p for p, g in groups for _, w in g)
