"""Segmentation helpers over the folded view (:class:`gikp_nlp.lexicon.FoldedText`).

Rules match one spelling; the fold itself (and the report year) lives in the
lexicon, shared by every engine. This module only finds the runs between break
characters (sentences, clauses) quickly.
"""
from __future__ import annotations

import bisect


def bounds(folded: str, pos: int, breaks: str) -> tuple[int, int]:
    """The ``[start, end)`` run around ``pos`` not crossing any char of ``breaks``."""
    start = pos
    while start > 0 and folded[start - 1] not in breaks:
        start -= 1
    end = pos
    while end < len(folded) and folded[end] not in breaks:
        end += 1
    return start, end


class Breaks:
    """Positions of break characters in a string: run bounds in O(log n), so
    long texts without sentence ends cost no quadratic scans."""

    def __init__(self, s: str, chars: str) -> None:
        self.length = len(s)
        self.positions = [i for i, ch in enumerate(s) if ch in chars]

    def bounds(self, pos: int) -> tuple[int, int]:
        """Same as :func:`bounds` for the string and characters given."""
        i = bisect.bisect_left(self.positions, pos)
        start = self.positions[i - 1] + 1 if i > 0 else 0
        end = self.positions[i] if i < len(self.positions) else self.length
        return start, end
