"""What the narrative model knows of a character beyond its window: the section it
lies in and the report's form era (issue 14, "Document context as input").

A count's indicator often depends on a heading far above it: 维持3件 is a review
outcome under 行政复议 and a litigation outcome under 行政诉讼, 12条 is
proactive under 主动公开. A window of 128 characters rarely holds the heading, so
each character carries a *context id* = its section class (the lexicon's
``section_classes``, of the nearest heading line that has one) and the form era
(2008 form vs 2019/2021 forms), fed to the model as BERT's token-type embedding:
no characters are added to the window, offsets stay the identity.

Headings are lines that start with a numbering marker (一、 第一部分 （一） (一) 1.
1、) at three levels; a heading opens its level and closes the deeper ones; a
heading with no class word keeps its parent's class. Computed on the text the
model reads (the folded view), the same in training and at inference.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from gikp_nlp.lexicon import get_lexicon
from gikp_nlp.lexicon.era import NEW_ERA

#: numbering markers of headings, by level (a line's first characters, after spaces)
_LEVELS = (
    re.compile(r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}(?:部分|章|节))"),
    re.compile(r"[ \t\u3000]*[（(][一二三四五六七八九十]{1,3}[）)]"),
    re.compile(r"[ \t\u3000]*(?:[0-9０-９]{1,2}[、.．](?![0-9０-９])|[（(][0-9０-９]{1,2}[）)])"),
)
NO_SECTION = 0


@lru_cache(maxsize=1)
def section_names() -> tuple[str, ...]:
    """The section classes, id order (0: no classed heading above)."""
    return ("none", *(name for name, _ in get_lexicon().section_classes))


def context_size() -> int:
    """How many context ids there are (section classes × 2 form eras): the model's type-vocabulary size."""
    return 2 * len(section_names())


def heading_class(line: str) -> tuple[int, int] | None:
    """(level, section id) of a heading line, None for a line that is no heading; the id is
    ``NO_SECTION`` when no class word is in its first ``heading_chars`` characters."""
    for level, pattern in enumerate(_LEVELS):
        marker = pattern.match(line)
        if marker:
            head = line[marker.end():marker.end() + get_lexicon().heading_chars]
            for i, (_, words) in enumerate(get_lexicon().section_classes, start=1):
                if any(w in head for w in words):
                    return level, i
            return level, NO_SECTION
    return None


def context_ids(text: str, era: str | None) -> np.ndarray:
    """Per character of ``text``, its context id: section id + (number of sections if the report is
    of the 2019/2021 forms). uint8, one byte a character."""
    out = np.zeros(len(text), dtype=np.uint8)
    offset = len(section_names()) if era == NEW_ERA else 0
    stack = [NO_SECTION] * len(_LEVELS)
    pos = 0
    for line in text.splitlines(keepends=True):
        found = heading_class(line)
        if found is not None:
            level, section = found
            stack[level] = section
            for deeper in range(level + 1, len(stack)):
                stack[deeper] = NO_SECTION
        current = next((s for s in reversed(stack) if s != NO_SECTION), NO_SECTION)
        out[pos:pos + len(line)] = current + offset
        pos += len(line)
    return out
