"""The trained narrative model: a from-scratch char-level transformer tagger.

``NerTagger.from_pretrained(path, taxonomy=..., config=NarrativeConfig)`` then
``.candidates(text, spans, *, folded=None) -> list[Candidate]`` (numbers with the
indicators they may state); the pipeline joins it to the relation step
(:class:`gikp_nlp.narrative.relate.ModelEngine`). The network only: training
and evaluation live in :mod:`gikp_nlp.training`, the shipped weights in
:mod:`gikp_nlp.models`. torch is imported lazily.
"""
from __future__ import annotations

from gikp_nlp.model.tagger import NerTagger

__all__ = ["NerTagger"]
