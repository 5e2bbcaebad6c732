"""What a narrative engine proposes before the relation step decides.

The model predicts (a number span and the indicators it may state, with
probabilities); :mod:`gikp_nlp.narrative.relate` turns candidates into
mentions (evidence, applicant, unit, era). A ground-floor type, so that the
model package and the narrative package share it without importing each other.
"""
from __future__ import annotations

from dataclasses import dataclass

from gikp_nlp.numbers import NumberSpan


@dataclass(frozen=True, slots=True)
class Candidate:
    """``number`` (offsets into the whole text) may state one of ``options``:
    ``(indicator id, probability)``, most probable first."""

    number: NumberSpan
    options: tuple[tuple[str, float], ...]
