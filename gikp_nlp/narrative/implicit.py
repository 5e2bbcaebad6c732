"""Implicit zeros (placeholder until the rules land)."""
from __future__ import annotations

from gikp_nlp.report import Mention


def find_implicit_zeros(text: str, spans: list[tuple[int, int]], taxonomy) -> list[Mention]:  # noqa: ANN001
    return []
