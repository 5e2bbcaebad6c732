"""The trained narrative model: a from-scratch char-level transformer tagger.

``NerTagger.from_pretrained(path, taxonomy=..., config=NarrativeConfig)`` then
``.tag(text, spans) -> list[Mention]``. Training: :mod:`gikp_nlp.model.train`;
evaluation: :mod:`gikp_nlp.model.evaluate`. torch is imported lazily.
"""
from __future__ import annotations

from gikp_nlp.model.tagger import NerTagger

__all__ = ["NerTagger"]
