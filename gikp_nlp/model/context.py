"""What the words around a tagged number say: its unit, its evidence, its applicant
(applicant words: the narrative rule table's ``applicants``, one table for both engines).

The model decides *which* indicator a number states; these rules only read the
surrounding clause. Evidence is the indicator's name (taxonomy label part, alias
or a cue from :mod:`gikp_nlp.model.cues`) nearest to the number inside its
clause: the model has no relation annotations to learn from, and the taxonomy
names are exactly the words a reviewer looks for.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from gikp_nlp.chars import to_simplified
from gikp_nlp.model.cues import CLAUSE_BREAKS, EVIDENCE_CUES, GATEWAY_WORDS
from gikp_nlp.numbers import APPROX_AFTER
from gikp_nlp.schema import Taxonomy
from gikp_nlp.schema.taxonomy import UNITS

_UNITS_LONGEST = tuple(sorted(UNITS | {"份", "场", "名", "期", "起", "批"}, key=len, reverse=True))
_FILLER = re.compile(r"[\s]*(?:" + "|".join(map(re.escape, APPROX_AFTER)) + r")?[\s]*")
#: a cue found after the number must start within this many characters of it
#: (``2次参加…在线访谈``); before the number the clause bounds the search.
AFTER_WINDOW = 16
PERCENT_SIGNS = ("%", "％", "‰", "个百分点")
#: what follows the number of a list item (``1、``, ``2.``, ``（3）``) and opens it
LIST_MARKER_AFTER = "、.．)）"
LIST_MARKER_BEFORE = "(（"


def fold(text: str) -> str:
    """Traditional → simplified for matching; same length, so offsets still hold.
    Big5 gateway words (资讯 for 信息, 档案 for 文件) fold to their mainland word."""
    text = to_simplified(text)
    for gateway, mainland in GATEWAY_WORDS:
        text = text.replace(gateway, mainland)
    return text


def clause_start(text: str, pos: int, limit: int) -> int:
    """Start of the clause holding ``pos``, at most ``limit`` characters back."""
    lo = max(0, pos - limit)
    for i in range(pos - 1, lo - 1, -1):
        if text[i] in CLAUSE_BREAKS:
            return i + 1
    return lo


def clause_end(text: str, pos: int, limit: int) -> int:
    hi = min(len(text), pos + limit)
    for i in range(pos, hi):
        if text[i] in CLAUSE_BREAKS:
            return i
    return hi


def is_percentage(text: str, end: int) -> bool:
    """A number followed by a percent or per-mille sign (``90%以上``, ``100 ％``)."""
    m = _FILLER.match(text, end)
    pos = m.end() if m else end
    return text.startswith(PERCENT_SIGNS, pos)


def is_list_marker(text: str, start: int, end: int) -> bool:
    """The number of a list item, first on its line (``1、 “同意公开”的122件``,
    ``（2）申请办理情况``): it numbers the item, it counts nothing."""
    if end >= len(text) or text[end] not in LIST_MARKER_AFTER:
        return False
    while start > 0 and text[start - 1] in LIST_MARKER_BEFORE:
        start -= 1
    return text[text.rfind("\n", 0, start) + 1:start].strip() == ""


def read_unit(text: str, end: int) -> str | None:
    """The unit printed after a number (``171条``, ``3 件``, ``1100余篇``), if any."""
    m = _FILLER.match(text, end)
    pos = m.end() if m else end
    for unit in _UNITS_LONGEST:
        if text.startswith(unit, pos):
            return unit
    return None


@lru_cache(maxsize=512)
def evidence_names(taxonomy: Taxonomy, indicator: str) -> tuple[str, ...]:
    """The words that name ``indicator`` (cues and the taxonomy's labels and aliases), longest first."""
    ind = taxonomy.get(indicator)
    names: set[str] = set(EVIDENCE_CUES.get(indicator, ()))
    if ind is not None:
        for name in ind.names:
            names.update(part for part in re.split(r"[\s（）()“”]+", name) if len(part) >= 2)
    return tuple(sorted(names, key=len, reverse=True))


def find_evidence(text: str, start: int, end: int, indicator: str, taxonomy: Taxonomy,
                  max_distance: int) -> tuple[int, int] | None:
    """The span naming ``indicator`` nearest to the number ``text[start:end]``.

    Names are matched in the folded view of the clause (no spaces inside words,
    no pinyin ruby such as ``網(wǎng)站``, one script) — the view the model read —
    and the span is mapped back to ``text``; distances count folded characters."""
    from gikp_nlp.narrative.text import FoldedText

    lo = clause_start(text, start, max_distance)
    hi = clause_end(text, end, AFTER_WINDOW)
    view = FoldedText.build(text, lo, hi)
    folded = fold(view.folded)
    # the number's own place in the folded clause
    num_lo, num_hi = bisect_left(view.index, start), bisect_left(view.index, end)
    best: tuple[int, int, int, int] | None = None  # (distance, -length, s, e) in folded positions
    for name in evidence_names(taxonomy, indicator):
        for m in re.finditer(re.escape(name), folded):
            s, e = m.start(), m.end()
            if s < num_hi and e > num_lo:
                continue
            distance = num_lo - e if e <= num_lo else s - num_hi
            key = (distance, -(e - s), s, e)
            if best is None or key < best:
                best = key
    return view.span(best[2], best[3]) if best else None


def applicant_cue(text: str, start: int, max_distance: int, taxonomy: Taxonomy) -> str | None:
    """An applicant type named in the clause before the number (``公民个人提出申请1030件``)."""
    lo = clause_start(text, start, max_distance)
    # a comma also ends the scope of an applicant word
    cut = max(text.rfind(sep, lo, start) for sep in "，,、")
    lo = max(lo, cut + 1)
    before = fold(text[lo:start])
    # ``8件申请人为公民``: the cue may also follow the number, up to the next separator
    hi = clause_end(text, start, AFTER_WINDOW)
    stops = [i for i in (text.find(sep, start, hi) for sep in "，,、") if i >= 0]
    after = fold(text[start:min(stops, default=hi)])
    from gikp_nlp.narrative.cues import get_table  # one applicant word table for both engines

    for scope in (before, after):
        for applicant, pattern in get_table(taxonomy).applicants:
            if pattern.search(scope):
                return applicant
    return None
