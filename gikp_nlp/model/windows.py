"""Sliding windows over a long text, and stitching their per-character outputs.

Windows of ``window`` characters every ``stride`` characters; the last window is
aligned to the end so every character is covered. Per-character probabilities
from overlapping windows are averaged, then decoded once over the whole text, so
a span that crosses a window boundary comes out as one span.

At inference the windows are laid per line (:func:`line_windows`): a line's
windows start at the line's first character and stop at its last, so what the
model reads around a number is fixed by the number's own line, not by where the
line lies in the document (windows every ``stride`` characters from offset 0
cut the same sentence differently in a report and in that report repeated, and
gave it other labels).
"""
from __future__ import annotations

import numpy as np


def window_starts(length: int, window: int, stride: int) -> list[int]:
    """Start offsets covering ``range(length)``; ``[0]`` for a text that fits."""
    if length <= window:
        return [0]
    starts = list(range(0, length - window + 1, stride))
    if starts[-1] + window < length:
        starts.append(length - window)
    return starts


def line_windows(text: str, rows: np.ndarray, window: int, stride: int,
                 lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """``(start, width)`` of the windows the sorted offsets ``rows`` of
    ``text[lo:hi]`` need: for every line holding a row (a line ends before its
    ``\n`` and never leaves ``[lo, hi)``), :func:`window_starts` over that line
    alone, from its first character; windows that hold no row are left out.

    A row on a ``\n`` itself (only whole-text callers ask for one) reads a
    window of that character alone."""
    hi = len(text) if hi is None else hi
    rows = np.asarray(rows, dtype=np.int64)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(rows):
        row = int(rows[i])
        if text[row] == "\n":
            out.append((row, 1))
            i += 1
            continue
        start = max(lo, text.rfind("\n", lo, row) + 1)
        end = text.find("\n", row, hi)
        end = hi if end < 0 else end
        stop = i + int(np.searchsorted(rows[i:], end))
        for s in window_starts(end - start, window, stride):
            width = min(window, end - start - s)
            first = int(np.searchsorted(rows[i:stop], start + s))
            if first < stop - i and rows[i + first] < start + s + width:
                out.append((start + s, width))
        i = stop
    return out


#: a window's input is padded to a multiple of this many characters: torch sets
#: up kernels per tensor shape (a fresh process paid that for every line length,
#: a 100 000-character report ran 3 times slower), and a line's padded width is
#: still fixed by the line alone
PAD_MULTIPLE = 32


def padded_groups(windows: list[tuple[int, int]], cap: int) -> list[tuple[int, list[tuple[int, int]]]]:
    """``windows`` (start, width) grouped by padded width (:data:`PAD_MULTIPLE`,
    at most ``cap``: the window), narrowest first, each group in text order:
    batches of a few shapes."""
    groups: dict[int, list[tuple[int, int]]] = {}
    for start, width in windows:
        groups.setdefault(min(cap, -(-width // PAD_MULTIPLE) * PAD_MULTIPLE), []).append((start, width))
    return [(padded, sorted(groups[padded])) for padded in sorted(groups)]


def stitch(length: int, starts: list[int], window_probs: list[np.ndarray]) -> np.ndarray:
    """Average the (window_len, n_labels) probability arrays into (length, n_labels)."""
    if not window_probs:
        raise ValueError("stitch needs at least one window")
    stitcher = RowStitcher(np.arange(length), window_probs[0].shape[1])
    for start, probs in zip(starts, window_probs):
        stitcher.add(start, probs)
    return stitcher.result()


class RowStitcher:
    """:func:`stitch` restricted to some rows, fed one window at a time: a long
    text keeps only the rows its callers read (the characters of its numbers), so
    memory follows the window and the rows, not the text's length. Sums run in
    window order, as in the whole-matrix stitch, so the rows are bit-identical."""

    def __init__(self, rows: np.ndarray, n_labels: int) -> None:
        self.rows = np.asarray(rows, dtype=np.int64)  # sorted, distinct offsets
        # float32, as the model outputs them: float64 copies of a 5 000-character
        # report's 1.3 M cells were a fifth of the model engine's time
        self.total = np.zeros((len(self.rows), n_labels), dtype=np.float32)
        self.count = np.zeros((len(self.rows), 1), dtype=np.float32)

    def _range(self, start: int, width: int) -> tuple[int, int]:
        lo = int(np.searchsorted(self.rows, start))
        return lo, int(np.searchsorted(self.rows, start + width))

    def covers(self, start: int, width: int) -> bool:
        """Whether the window ``[start, start + width)`` holds any kept row."""
        lo, hi = self._range(start, width)
        return hi > lo

    def add(self, start: int, probs: np.ndarray) -> None:
        """Add one window's (width, n_labels) probabilities at the rows it covers."""
        lo, hi = self._range(start, probs.shape[0])
        self.total[lo:hi] += probs[self.rows[lo:hi] - start]
        self.count[lo:hi] += 1

    def result(self) -> np.ndarray:
        """The averaged rows (a row no window covered stays zero)."""
        return self.total / np.maximum(self.count, 1)
