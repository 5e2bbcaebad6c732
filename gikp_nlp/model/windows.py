"""Sliding windows over a long text, and stitching their per-character outputs.

Windows of ``window`` characters every ``stride`` characters; the last window is
aligned to the end so every character is covered. Per-character probabilities
from overlapping windows are averaged, then decoded once over the whole text, so
a span that crosses a window boundary comes out as one span.
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
