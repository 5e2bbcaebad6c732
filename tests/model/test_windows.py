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


def test_windows_line_windows_centre_short_lines_and_cut_long_ones_from_their_start():
    """A line that fits is read in one full window centred on it from a line
    start (clamped to the text); a longer line alone, from its first character;
    each window names the line it is read for; lines without a row get none."""
    from gikp_nlp.model.windows import line_windows

    text = "a" * 10 + "\n" + "b" * 150 + "\n" + "c" * 5 + "\n" + "d" * 30
    rows = np.array([3, 11, 160, 170])
    assert line_windows(text, rows, 64, 48) == [
        (0, 64, 0, 10),                        # centred, clamped to the text's start
        (11, 64, 11, 161), (97, 64, 11, 161),  # the long line: its first and last windows
        (134, 64, 168, 198),                   # centred, clamped to the text's end
    ]
    assert line_windows(text, np.array([3]), 64, 48, lo=2, hi=6) == [(2, 4, 2, 6)]
    mid = "x" * 40 + "\n" + "y" * 40 + "\n" + "z" * 20 + "\n" + "w" * 40 + "\n" + "v" * 40
    start = mid.index("z")
    (first, width, line_start, line_end), = line_windows(mid, np.array([start + 3]), 64, 48)
    assert (line_start, line_end) == (start, start + 20) and width == 64
    assert first <= start and first + width >= start + 20 and mid[first - 1] == "\n"


def test_windows_line_windows_do_not_depend_on_where_the_line_lies():
    """The windows of a line are the same, shifted, whatever lies beyond its
    neighbourhood (windows every ``stride`` characters from offset 0 were not)."""
    from gikp_nlp.model.windows import line_windows

    context = "一、总体情况\n" + "本机关全年主动公开政府信息。\n" * 6
    body = "全年主动公开政府信息171条，其中门户网站公开120条。\n" + "收到申请12件。" * 12 + "\n短行3条\n"
    rows = np.array([i for i, ch in enumerate(body) if ch.isdigit()])
    seen = set()
    for k in (0, 1, 5, 47, 200):
        prefix = "x" * k + "\n" + context
        shift = len(prefix)
        wins = line_windows(prefix + body + context, rows + shift, 64, 48)
        seen.add(tuple((s - shift, w, a - shift, b - shift) for s, w, a, b in wins))
    assert len(seen) == 1


def test_windows_padded_groups_keep_every_window_once_in_few_shapes():
    from gikp_nlp.model.windows import PAD_MULTIPLE, padded_groups

    wins = [(0, 5), (10, 64), (100, 33), (200, 31), (300, 100), (10, 64)]
    groups = padded_groups(wins, cap=100)
    assert sorted(w for _, g in groups for w in g) == sorted(set(wins))
    assert [p for p, _ in groups] == [PAD_MULTIPLE, 2 * PAD_MULTIPLE, 100]
    assert all(w <= p for p, g in groups for _, w in g)


def test_windows_row_stitcher_keeps_only_the_rows_of_the_line_read():
    from gikp_nlp.model.windows import RowStitcher

    stitcher = RowStitcher(np.array([1, 5, 9]), 2)
    stitcher.add(0, np.ones((10, 2), dtype=np.float32), keep=(4, 8))
    stitcher.add(0, np.ones((10, 2), dtype=np.float32), keep=(20, 30))
    assert stitcher.count.ravel().tolist() == [0, 1, 0]
