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
    n_labels = window_probs[0].shape[1]
    # float32, as the model outputs them: a 5 000-character report has 1.3 M cells,
    # and float64 copies of them were a fifth of the model engine's time
    total = np.zeros((length, n_labels), dtype=np.float32)
    count = np.zeros((length, 1), dtype=np.float32)
    for start, probs in zip(starts, window_probs):
        end = start + probs.shape[0]
        total[start:end] += probs
        count[start:end] += 1
    total /= np.maximum(count, 1)
    return total
