"""Sliding windows over a long text, and stitching their per-character outputs.

Windows of ``window`` characters every ``stride`` characters; the last window is
aligned to the end so every character is covered. Per-character probabilities
from overlapping windows are averaged, then decoded once over the whole text, so
a span that crosses a window boundary comes out as one span.

At inference the windows are laid per line (:func:`line_windows`): a line is
read in a window placed by the text around it, and its rows take only that
window's output, so what the model reads around a number is fixed by the
number's own neighbourhood, not by where it lies in the document (windows every
``stride`` characters from offset 0 cut the same sentence differently in a
report and in that report repeated, and gave it other labels).
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


#: where a sentence ends inside a line (a line longer than a window is read by sentence)
SENTENCE_ENDS = "。！？；!?;"


def _unit_start(text: str, pos: int, lo: int, ends: str) -> int:
    """The start of the unit holding ``pos``: after the last of ``ends`` before it."""
    return max([lo, *(text.rfind(ch, lo, pos) + 1 for ch in ends)])


def _unit_end(text: str, pos: int, hi: int, ends: str) -> int:
    """The end of the unit holding ``pos``: just after the first of ``ends`` from it
    (a ``\n`` ends a unit before itself), else ``hi``."""
    found = [at + (ch != "\n") for ch in ends if (at := text.find(ch, pos, hi)) >= 0]
    return min(found, default=hi)


def _centred(text: str, unit: tuple[int, int], window: int, lo: int, hi: int, ends: str) -> tuple[int, int]:
    """``(start, width)`` of the window centred on ``unit`` (no longer than it),
    its start moved forward to the first unit start the centring allows, then
    clamped to ``[lo, hi)``: whole units before it, the text after it."""
    first = max(lo, (unit[0] + unit[1] - window) // 2)
    if first > lo and text[first - 1] not in ends:
        first = min([unit[0], *(at + 1 for ch in ends if (at := text.find(ch, first, unit[0])) >= 0)])
    last = min(hi, first + window)
    first = max(lo, last - window)
    return first, last - first


def line_windows(text: str, rows: np.ndarray, window: int, stride: int,
                 lo: int = 0, hi: int | None = None) -> list[tuple[int, int, int, int]]:
    """``(start, width, unit_start, unit_end)``: the windows the sorted offsets
    ``rows`` of ``text[lo:hi]`` need, each with the unit whose rows it is read
    for; nothing leaves ``[lo, hi)``.

    The unit of a row is its line (a line ends before its ``\n``) when the line
    fits a window, else its sentence (:data:`SENTENCE_ENDS`). A unit that fits
    is read in one window of ``window`` characters centred on it, from the first
    unit start the centring allows (the model reads whole units before it and
    the text after it, as in training); a longer sentence is read alone,
    :func:`window_starts` from its first character. Either way the window is
    fixed by the text around the row, not by where it lies. Windows that hold no
    row are left out; a row on a ``\n`` itself (only whole-text callers ask for
    one) reads a window of that character alone."""
    hi = len(text) if hi is None else hi
    rows = np.asarray(rows, dtype=np.int64)
    out: list[tuple[int, int, int, int]] = []
    i = 0
    while i < len(rows):
        row = int(rows[i])
        if text[row] == "\n":
            out.append((row, 1, row, row + 1))
            i += 1
            continue
        ends = "\n"
        start, end = _unit_start(text, row, lo, ends), _unit_end(text, row, hi, ends)
        if end - start > window:
            ends = "\n" + SENTENCE_ENDS
            start, end = _unit_start(text, row, start, ends), _unit_end(text, row, end, ends)
        stop = i + int(np.searchsorted(rows[i:], end))
        if end - start <= window:
            out.append((*_centred(text, (start, end), window, lo, hi, ends), start, end))
        else:
            for s in window_starts(end - start, window, stride):
                width = min(window, end - start - s)
                at = int(np.searchsorted(rows[i:stop], start + s))
                if at < stop - i and rows[i + at] < start + s + width:
                    out.append((start + s, width, start, end))
        i = stop
    return out


#: a window's input is padded to a multiple of this many characters: torch sets
#: up kernels per tensor shape (a fresh process paid that for every line length,
#: a 100 000-character report ran 3 times slower), and a line's padded width is
#: still fixed by the line alone
PAD_MULTIPLE = 32


def padded_groups(windows: list[tuple[int, int]], cap: int) -> list[tuple[int, list[tuple[int, int]]]]:
    """The distinct ``windows`` (start, width) grouped by padded width
    (:data:`PAD_MULTIPLE`, at most ``cap``: the window), narrowest first, each
    group in text order: batches of a few shapes."""
    groups: dict[int, set[tuple[int, int]]] = {}
    for start, width in windows:
        groups.setdefault(min(cap, -(-width // PAD_MULTIPLE) * PAD_MULTIPLE), set()).add((start, width))
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

    def add(self, start: int, probs: np.ndarray, keep: tuple[int, int] | None = None) -> None:
        """Add one window's (width, n_labels) probabilities at the rows it covers
        (only those in ``[keep[0], keep[1])`` when given: the line it was read for)."""
        first, last = start, start + probs.shape[0]
        if keep is not None:
            first, last = max(first, keep[0]), min(last, keep[1])
            if last <= first:
                return
        lo, hi = self._range(first, last - first)
        self.total[lo:hi] += probs[self.rows[lo:hi] - start]
        self.count[lo:hi] += 1

    def result(self) -> np.ndarray:
        """The averaged rows (a row no window covered stays zero)."""
        return self.total / np.maximum(self.count, 1)
