"""THE fold: one view of a report that every engine matches words on.

Reports come in both scripts, with full-width digits, spaces inside words and
pinyin ruby (``主動(dòng)``); rules, the model's input, the relation step,
implicit zeros, table label keys and the generator's checks all read one
spelling. :class:`FoldedText` keeps, for every folded character, the index of
the original character it came from, so a folded span maps back exactly. It is
built once per document and sliced to sub-ranges without folding again.

The character table is ``data/fold.yaml``'s ``chars`` over OpenCC's
traditional → simplified table (``TSCharacters.txt`` of the
``opencc-python-reimplemented`` dependency, single-character targets only).
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from gikp_nlp.errors import ConfigError
from gikp_nlp.lexicon.data import read_data

OPENCC_TABLE = "dictionary/TSCharacters.txt"


@lru_cache(maxsize=1)
def opencc_table() -> dict[int, str]:
    """``str.translate`` table: traditional code point → its first simplified form."""
    try:
        lines = resources.files("opencc").joinpath(OPENCC_TABLE).read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise ConfigError(f"the traditional→simplified table is missing ({exc})",
                          hint="pip install opencc-python-reimplemented (a dependency of gikp-nlp)") from None
    table: dict[int, str] = {}
    for line in lines:
        source, _, targets = line.partition("\t")
        first = targets.split()[0] if targets.split() else ""
        if len(source) == 1 and len(first) == 1 and source != first:
            table[ord(source)] = first
    return table


@dataclass(frozen=True)
class FoldRules:
    """The fold as data: character map, equal-length word replacements, dropped characters, ruby."""

    chars: dict[str, str]
    table: dict[int, str]  # ``chars`` for ``str.translate``
    words: tuple[tuple[str, str], ...]
    drop: frozenset[str]
    ruby: re.Pattern[str]


@lru_cache(maxsize=1)
def fold_rules() -> FoldRules:
    """``data/fold.yaml`` over OpenCC (the yaml's ``chars`` win)."""
    data = read_data("fold.yaml")
    chars = {chr(k): v for k, v in opencc_table().items()}
    chars.update(data["chars"])
    words = tuple((k, v) for k, v in (data.get("words") or {}).items() if len(k) == len(v))
    table = {ord(k): v for k, v in chars.items()}
    return FoldRules(chars, table, words, frozenset(data["drop"]), re.compile(data["ruby"]))


def fold_char(ch: str) -> str:
    """One character folded (NFKC when it gives one character, then the table)."""
    norm = unicodedata.normalize("NFKC", ch)
    ch = norm if len(norm) == 1 else ch
    return fold_rules().chars.get(ch, ch)


def fold_words(text: str) -> str:
    """The equal-length word replacements (资讯 → 信息, 档案 → 文件) on folded text."""
    for word, repl in fold_rules().words:
        text = text.replace(word, repl)
    return text


def fold_label(text: str) -> str:
    """A short string folded without an index (table labels, generator phrases):
    NFKC on the whole string, then the character table and the words."""
    return fold_words(unicodedata.normalize("NFKC", text).translate(fold_rules().table))


# Folded characters gathered before they are joined into one string: the list of
# one-character strings costs ~60 bytes a character, so it is flushed in pieces
# and a long document's fold peaks at a few bytes a character.
_FLUSH_CHARS = 1 << 12


def _index_dtype(length: int) -> type:
    """int32 offsets (4 bytes a character) for any text shorter than 2**31
    (``array("i")`` is a C int: 4 bytes wherever numpy's int32 is)."""
    return np.int32 if length < 2**31 and array("i").itemsize == 4 else np.int64


@dataclass(frozen=True)
class FoldedText:
    """``folded[i]`` came from ``original[index[i]]``.

    ``index`` is a read-only numpy integer array (a tuple of Python ints took
    ~36 bytes a character: a third of a GB for a million-character report);
    :meth:`span`, :meth:`pos` and :meth:`locate` return plain ``int``."""

    original: str
    folded: str
    index: np.ndarray

    @classmethod
    def build(cls, text: str, start: int = 0, end: int | None = None) -> "FoldedText":
        """The folded view of ``text[start:end]`` (indices into the whole ``text``)."""
        rules = fold_rules()
        chars, drop, ruby_re = rules.chars, rules.drop, rules.ruby
        end = len(text) if end is None else end
        pieces: list[str] = []
        out: list[str] = []
        last = ""  # the last folded character (the ruby rule reads it)
        dtype = _index_dtype(len(text))
        index = array("i" if dtype is np.int32 else "q")
        pos = start
        while pos < end:
            ch = text[pos]
            if ch in drop:
                pos += 1
                continue
            ruby = ruby_re.match(text, pos, end) if last and not last.isascii() else None
            if ruby:
                pos = ruby.end()
                continue
            norm = unicodedata.normalize("NFKC", ch)
            ch = norm if len(norm) == 1 else ch
            last = chars.get(ch, ch)
            out.append(last)
            index.append(pos)
            pos += 1
            if len(out) >= _FLUSH_CHARS:
                pieces.append("".join(out))
                out.clear()
        pieces.append("".join(out))
        folded = "".join(pieces)
        del pieces, out
        return cls(text, fold_words(folded), _frozen(np.frombuffer(index, dtype=dtype)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FoldedText):
            return NotImplemented
        return (self.original == other.original and self.folded == other.folded
                and np.array_equal(self.index, other.index))

    def __hash__(self) -> int:
        return hash((self.original, self.folded))

    def span(self, fstart: int, fend: int) -> tuple[int, int]:
        """The original span of folded ``[fstart, fend)`` (non-empty)."""
        return int(self.index[fstart]), int(self.index[fend - 1]) + 1

    def pos(self, fpos: int) -> int:
        """Original index of folded position ``fpos`` (``len`` maps past the last char)."""
        if fpos < len(self.index):
            return int(self.index[fpos])
        return int(self.index[-1]) + 1 if len(self.index) else 0

    def locate(self, start: int, end: int) -> tuple[int, int]:
        """The folded ``[fstart, fend)`` holding the original ``[start, end)``."""
        lo, hi = np.searchsorted(self.index, (start, end), side="left")
        return int(lo), int(hi)

    def slice(self, start: int, end: int) -> "FoldedText":
        """The view of ``original[start:end]`` alone (offsets relative to ``start``),
        cut from this one: no folding again."""
        fstart, fend = self.locate(start, end)
        part = self.index[fstart:fend] - np.asarray(start, dtype=self.index.dtype)
        return FoldedText(self.original[start:end], self.folded[fstart:fend], _frozen(part))


def _frozen(index: np.ndarray) -> np.ndarray:
    """``index`` made read-only: the view is shared by every engine of a document."""
    index.flags.writeable = False
    return index
