"""A folded view of the report for matching, with a map back to the original.

Rules match one spelling (simplified, half-width, no spaces inside words, no
pinyin ruby such as ``主動(dòng)``); mentions must index the text the report was
read as. ``FoldedText`` keeps, for every folded character, the index of the
original character it came from, so a folded span maps back exactly.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

#: removed from the folded view: spaces inside lines (line breaks stay: they end sentences)
_DROP = frozenset(" \t\u3000\xa0\u2002\u2003\u2009\u200b\ufeff")
#: pinyin ruby after a character, e.g. 主動(dòng) as some gateways print it
_RUBY = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")


@lru_cache(maxsize=1)
def _variants() -> tuple[dict[str, str], dict[str, str]]:
    from gikp_nlp.narrative.cues import read_data  # one loader, one error message

    data = read_data("variants.yaml")
    words = {k: v for k, v in (data.get("words") or {}).items() if len(k) == len(v)}
    return dict(data["chars"]), words


def _fold_char(ch: str, chars: dict[str, str]) -> str:
    norm = unicodedata.normalize("NFKC", ch)
    ch = norm if len(norm) == 1 else ch
    return chars.get(ch, ch)


@dataclass(frozen=True)
class FoldedText:
    """``folded[i]`` came from ``original[index[i]]``."""

    original: str
    folded: str
    index: tuple[int, ...]

    @classmethod
    def build(cls, text: str, start: int = 0, end: int | None = None) -> "FoldedText":
        chars, words = _variants()
        end = len(text) if end is None else end
        out: list[str] = []
        index: list[int] = []
        pos = start
        while pos < end:
            ch = text[pos]
            if ch in _DROP:
                pos += 1
                continue
            ruby = _RUBY.match(text, pos, end) if out and not out[-1].isascii() else None
            if ruby:
                pos = ruby.end()
                continue
            out.append(_fold_char(ch, chars))
            index.append(pos)
            pos += 1
        folded = "".join(out)
        for word, repl in words.items():
            folded = folded.replace(word, repl)
        return cls(text, folded, tuple(index))

    def span(self, fstart: int, fend: int) -> tuple[int, int]:
        """The original span of folded ``[fstart, fend)`` (non-empty)."""
        return self.index[fstart], self.index[fend - 1] + 1

    def pos(self, fpos: int) -> int:
        """Original index of folded position ``fpos`` (``len`` maps past the last char)."""
        if fpos < len(self.index):
            return self.index[fpos]
        return self.index[-1] + 1 if self.index else 0


def report_year(text: str) -> int | None:
    """The most frequent ``19xx/20xx年`` in the text (ties: the later year): the
    reporting year in practice, used to pick the form era of a cue."""
    years = Counter(int(m.group(1)) for m in _YEAR.finditer(text))
    if not years:
        return None
    best = max(years.values())
    return max(y for y, n in years.items() if n == best)


def bounds(folded: str, pos: int, breaks: str) -> tuple[int, int]:
    """The ``[start, end)`` run around ``pos`` not crossing any char of ``breaks``."""
    start = pos
    while start > 0 and folded[start - 1] not in breaks:
        start -= 1
    end = pos
    while end < len(folded) and folded[end] not in breaks:
        end += 1
    return start, end


class Breaks:
    """Positions of break characters in a string: run bounds in O(log n), so
    long texts without sentence ends cost no quadratic scans."""

    def __init__(self, s: str, chars: str) -> None:
        self.length = len(s)
        self.positions = [i for i, ch in enumerate(s) if ch in chars]

    def bounds(self, pos: int) -> tuple[int, int]:
        """Same as :func:`bounds` for the string and characters given."""
        import bisect

        i = bisect.bisect_left(self.positions, pos)
        start = self.positions[i - 1] + 1 if i > 0 else 0
        end = self.positions[i] if i < len(self.positions) else self.length
        return start, end
