"""The model tags narrative numbers; the rules speak only where it is silent.

``FallbackTagger(primary, fallback).tag(text, spans, *, folded, era)``: every mention of the
primary tagger, plus the fallback's mentions on numbers the primary left
untagged. Each mention keeps its ``source`` (``model`` or ``rule``), so a user
sees which engine stated a count. Used by ``narrative.engine = "hybrid"`` (and
``"auto"`` when a model is shipped): the trained model decides wherever it
finds a count, and the phrasings the rule table knows are not lost where it
does not.
"""
from __future__ import annotations

import bisect
import itertools

from gikp_nlp.lexicon import FoldedText, form_era
from gikp_nlp.narrative.relate import NarrativeTagger
from gikp_nlp.report import Mention


class FallbackTagger:
    """Two narrative engines joined: ``primary`` first, ``fallback`` on the rest."""

    engine = "hybrid"

    def __init__(self, primary: NarrativeTagger, fallback: NarrativeTagger) -> None:
        self.primary = primary
        self.fallback = fallback

    def tag(self, text: str, spans: list[tuple[int, int]] | None = None, *,
            folded: FoldedText | None = None, era: str | None = None) -> list[Mention]:
        """Both engines on one folded view and one form era (built here when not given)."""
        folded = FoldedText.build(text) if folded is None else folded
        era = form_era(text) if era is None else era
        first = self.primary.tag(text, spans, folded=folded, era=era)
        taken = sorted((m.start, m.end) for m in first)
        starts = [start for start, _ in taken]
        reach = list(itertools.accumulate((end for _, end in taken), max))
        extra = [m for m in self.fallback.tag(text, spans, folded=folded, era=era)
                 if not _overlaps(starts, reach, m)]
        return sorted([*first, *extra], key=lambda m: (m.start, m.end))


def _overlaps(starts: list[int], reach: list[int], mention: Mention) -> bool:
    """Whether ``mention`` overlaps a taken span: ``starts`` are the spans' sorted starts, ``reach[i]`` the
    furthest end among the first i + 1 of them. Among the spans starting before the mention ends, one
    overlaps it iff the furthest end passes its start: n log n on a long text, not n²."""
    i = bisect.bisect_left(starts, mention.end) - 1
    return i >= 0 and reach[i] > mention.start
