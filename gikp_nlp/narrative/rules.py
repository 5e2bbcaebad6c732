"""Rules-only narrative baseline (placeholder until the baseline lands)."""
from __future__ import annotations

from gikp_nlp.report import Mention


class RuleTagger:
    def __init__(self, taxonomy, config) -> None:  # noqa: ANN001
        self.taxonomy = taxonomy
        self.config = config

    def tag(self, text: str, spans: list[tuple[int, int]]) -> list[Mention]:
        return []
