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
        taken = [(m.start, m.end) for m in first]
        extra = [m for m in self.fallback.tag(text, spans, folded=folded, era=era)
                 if not any(m.start < end and start < m.end for start, end in taken)]
        return sorted([*first, *extra], key=lambda m: (m.start, m.end))
