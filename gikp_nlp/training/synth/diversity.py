"""How varied the synthetic corpus is: distinct phrasings per indicator.

A phrasing is the mention's left context (up to the clause start, at most
``CONTEXT`` characters) and the two characters after it, with digits masked, so
two sentences that differ only in their numbers count once.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

CONTEXT = 10
_DIGITS = re.compile(r"[0-9０-９.,，]+")


def phrasing(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT):start]
    left = re.split(r"[。；\n]", left)[-1]
    return _DIGITS.sub("#", left) + "_" + _DIGITS.sub("#", text[end:end + 2])


def diversity(docs: list[dict[str, Any]]) -> dict[str, int]:
    """indicator → number of distinct phrasings, most varied first."""
    seen: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for m in doc["mentions"]:
            seen[m["indicator"]].add(phrasing(doc["text"], m["start"], m["end"]))
    return dict(sorted(((k, len(v)) for k, v in seen.items()), key=lambda kv: -kv[1]))
