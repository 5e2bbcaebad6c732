"""The trained narrative model: a from-scratch char-level transformer tagger.

``NerTagger.from_pretrained(path, taxonomy=..., config=NarrativeConfig)`` then
``.tag(text, spans) -> list[Mention]``. The network only: training and
evaluation live in :mod:`gikp_nlp.training`, the shipped weights in
:mod:`gikp_nlp.models`. torch is imported lazily.
"""
from __future__ import annotations

from gikp_nlp.model.tagger import NerTagger

__all__ = ["NerTagger"]
