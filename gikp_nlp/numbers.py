"""Read the numbers a report writes, without changing the text.

``171``, ``１７１``, ``3,330,146``, ``1.2万``, ``6万余``, ``三``, ``十二``,
``一百零五``, ``两千``: each found as a span of the caller's text with its value.
Normalisation happens on copies; every span indexes the original string.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gikp_nlp.lexicon.data import read_data

# numeral words and approximation words: the lexicon's (gikp_nlp/lexicon/data/words.yaml),
# read from the data file directly: the typed lexicon checks ids against the
# taxonomy, which numbers need not load
_WORDS = read_data("words.yaml")
_CN_DIGITS: dict[str, int] = dict(_WORDS["numerals"]["digits"])
_CN_UNITS: dict[str, int] = dict(_WORDS["numerals"]["units"])
_CN_BIG: dict[str, int] = dict(_WORDS["numerals"]["big"])

#: words after (or before) a number that make it approximate (guidelines: 余/多/近/约/左右/超过;
#: 超 alone and 逾/大约 too).
APPROX_AFTER: tuple[str, ...] = tuple(_WORDS["approx_after"])
APPROX_BEFORE: tuple[str, ...] = tuple(_WORDS["approx_before"])

_DIGIT = r"[0-9０-９]"
_ARABIC = re.compile(
    rf"(?<![0-9０-９.．])"
    rf"{_DIGIT}{{1,3}}(?:[,，]{_DIGIT}{{3}})+(?:[.．]{_DIGIT}+)?"  # 3,330,146
    rf"|{_DIGIT}+(?:[.．]{_DIGIT}+)?"
)
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)
_BIG_CHARS = "".join(_CN_BIG)
_CHINESE = re.compile(rf"[{_CN_CHARS}][{_CN_CHARS}{_BIG_CHARS}]*")
_BIG_SUFFIX = re.compile(rf"\s*(余|多)?\s*([{_BIG_CHARS}])")


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """A number in the text: ``text[start:end]`` is what is written (digits only,
    without unit or 余/多), ``value`` what it means (``1.2万`` → 12000; the span
    then covers ``1.2万``)."""

    start: int
    end: int
    text: str
    value: int | float
    approx: bool
    chinese: bool


def _tidy(value: float) -> int | float:
    if abs(value - round(value)) < 1e-9:
        return int(round(value))
    return round(value, 6)


def arabic_value(raw: str) -> int | float | None:
    """Value of an Arabic-digit string (full-width and separators allowed)."""
    norm = unicodedata.normalize("NFKC", raw).replace(",", "").replace("，", "")
    try:
        return _tidy(float(norm)) if "." in norm else int(norm)
    except ValueError:
        return None


def _small_chinese(raw: str) -> int | None:
    """Value below 10 000 (``十二``, ``一百零五``, ``两千三百``); None if malformed."""
    total, digit = 0, None
    for ch in raw:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def chinese_value(raw: str) -> int | None:
    """Value of a Chinese numeral (``三``, ``十二``, ``一百零五``, ``两千三百``, ``一万二千``,
    ``一二三``); None for a string that is not one."""
    if not raw:
        return None
    if all(ch in _CN_DIGITS for ch in raw):
        if len(raw) == 1:
            return _CN_DIGITS[raw]
        # 二〇二〇 style digit strings
        return int("".join(str(_CN_DIGITS[ch]) for ch in raw))
    for big in ("亿", "億", "万", "萬"):  # split at the largest unit present: high part × unit + rest
        if big in raw:
            head, _, rest = raw.rpartition(big)
            if not head:  # 万 or 亿 alone is a unit, not a number
                return None
            high = chinese_value(head)
            low = chinese_value(rest) if rest else 0
            if high is None or low is None:
                return None
            return high * _CN_BIG[big] + low
    return _small_chinese(raw)


def parse_number(raw: str) -> int | float | None:
    """Value of a whole string that is one number (``171``, ``１７１``, ``三``, ``1.2万``); else None."""
    raw = raw.strip()
    if not raw:
        return None
    value = arabic_value(raw)
    if value is not None:
        return value
    m = re.fullmatch(rf"({_DIGIT}+(?:[.．]{_DIGIT}+)?)\s*([{_BIG_CHARS}])", raw)
    if m:
        base = arabic_value(m.group(1))
        return None if base is None else _tidy(base * _CN_BIG[m.group(2)])
    return chinese_value(raw)


#: 30件左右 / 200人次以上: the approximation follows a unit word
_UNIT_CHARS = "".join(_WORDS["approx_unit_chars"])
_APPROX_AFTER_UNIT = re.compile(rf"\s*[{_UNIT_CHARS}]{{1,2}}(?:{'|'.join(map(re.escape, _WORDS['approx_after_unit']))})")


#: spaces a PDF's text puts between a number and its 余/多 (``5500 余条``), never a line break
_INLINE_SPACE = " \u3000\u00a0"


def _approx_around(text: str, start: int, end: int) -> bool:
    """约/近/超/逾 before the number, 余/多/左右 after it (or after its unit): the
    number is approximate; the span stays on the digits either way."""
    after = text[end : end + 2 + len(_INLINE_SPACE)].lstrip(_INLINE_SPACE)
    before = text[max(0, start - 4 - len(_INLINE_SPACE)) : start].rstrip(_INLINE_SPACE)
    return (after.startswith(APPROX_AFTER) or before.endswith(APPROX_BEFORE)
            or _APPROX_AFTER_UNIT.match(text, end) is not None)


def find_numbers(text: str, start: int = 0, end: int | None = None, *, chinese: bool = True) -> list[NumberSpan]:
    """All numbers in ``text[start:end]`` as spans of ``text``.

    ``6万余`` gives a span over ``6万`` with value 60000 and ``approx``; for
    Chinese numerals only runs that parse are returned (callers decide by
    context whether ``一`` in 一是/进一步 is a count).
    """
    end = len(text) if end is None else end
    found: list[NumberSpan] = []
    for m in _ARABIC.finditer(text, start, end):
        s, e = m.start(), m.end()
        value = arabic_value(m.group())
        if value is None:
            continue
        big = _BIG_SUFFIX.match(text, e, end)
        if big and big.group(1) is None:  # 1.2万 → 12000 (6万余: the 万 binds first, 余 follows)
            value = _tidy(value * _CN_BIG[big.group(2)])
            e = big.end()
        elif big and big.group(1):  # 20余万条: 200000, approximate; the span stays on the digits (余 splits them)
            value = _tidy(value * _CN_BIG[big.group(2)])
        found.append(NumberSpan(s, e, text[s:e], value, _approx_around(text, s, e), False))
    if chinese:
        for m in _CHINESE.finditer(text, start, end):
            raw = m.group()
            # trim trailing big-unit chars that don't belong (e.g. 三万 is fine, 万 alone is not a number)
            value = chinese_value(raw)
            if value is None:
                continue
            s, e = m.start(), m.end()
            found.append(NumberSpan(s, e, raw, value, _approx_around(text, s, e), True))
    found.sort(key=lambda n: (n.start, n.end))
    return found
