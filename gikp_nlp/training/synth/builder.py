"""Build a text piece by piece while recording exact annotation offsets."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Builder:
    parts: list[str] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def mention(self, text: str, indicator: str, applicant: str, value: int | float, approx: bool) -> None:
        self.mentions.append({"start": self.length, "end": self.length + len(text), "text": text,
                              "indicator": indicator, "applicant": applicant, "value": value, "approx": approx})
        self.add(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)
