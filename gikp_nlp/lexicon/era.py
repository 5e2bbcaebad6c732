"""The form era of a report, read from its words once.

The 2008 form and the 2019/2021 forms print some concepts under different ids;
which ids a report uses follows its reporting year, the most frequent
``19xx/20xx年`` in practice (a window of text cannot see it, the whole report can).
"""
from __future__ import annotations

import re
from collections import Counter

from gikp_nlp.lexicon.words import get_lexicon

_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")
OLD_ERA, NEW_ERA = "t2008", "t2019"


def report_year(text: str) -> int | None:
    """The most frequent ``19xx/20xx年`` in the text (ties: the later year)."""
    years = Counter(int(m.group(1)) for m in _YEAR.finditer(text))
    if not years:
        return None
    best = max(years.values())
    return max(y for y, n in years.items() if n == best)


def era_of_year(year: int | None) -> str | None:
    """``t2008`` before the 2019 form's first year, else ``t2019``; None for no year."""
    if year is None:
        return None
    return OLD_ERA if year < get_lexicon().new_form_from_year else NEW_ERA


def form_era(text: str) -> str | None:
    """``t2008`` or ``t2019`` for the report ``text``; None when it states no year."""
    return era_of_year(report_year(text))
