"""A character vocabulary: one character of the report = one token.

Offsets stay the identity (token i is character i of the caller's text). Only the
*lookup key* is normalised: full-width digits and letters fold to ASCII so that
``１７１`` and ``171`` share embeddings, and traditional characters fold to
simplified (the lexicon's one fold, :func:`gikp_nlp.lexicon.fold_char`) so that
``主動公開`` reads as ``主动公开``; the text itself is never changed.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gikp_nlp.errors import ModelLoadError
from gikp_nlp.lexicon.fold import fold_rules

PAD, UNK = "[PAD]", "[UNK]"
SPECIALS = (PAD, UNK)
VOCAB_FILE = "vocab.json"


def lookup_key(ch: str) -> str:
    """The key a character is looked up by: full-width ASCII forms → ASCII, any
    whitespace → one space, traditional → simplified; one char in, one char out."""
    if "\uff01" <= ch <= "\uff5e":
        return unicodedata.normalize("NFKC", ch)
    if ch.isspace():
        return " " if ch not in "\n\r" else "\n"
    return fold_rules().chars.get(ch, ch)


@dataclass(frozen=True)
class CharVocab:
    """Token list with ``[PAD]`` = 0 and ``[UNK]`` = 1."""

    tokens: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.tokens[: len(SPECIALS)] != SPECIALS:
            raise ModelLoadError("vocabulary must start with [PAD], [UNK]",
                                 hint="rebuild it with CharVocab.build")
        object.__setattr__(self, "_index", {t: i for i, t in enumerate(self.tokens)})

    @property
    def pad_id(self) -> int:
        return 0

    @property
    def unk_id(self) -> int:
        return 1

    def __len__(self) -> int:
        return len(self.tokens)

    def encode(self, text: str) -> list[int]:
        index = self._index  # type: ignore[attr-defined]
        return [index.get(lookup_key(ch), 1) for ch in text]

    @classmethod
    def build(cls, texts: Iterable[str], min_freq: int = 1) -> "CharVocab":
        """Every lookup key seen at least ``min_freq`` times, most frequent first (ties by char)."""
        counts = Counter(lookup_key(ch) for text in texts for ch in text)
        kept = sorted((c for c, n in counts.items() if n >= min_freq and c not in SPECIALS),
                      key=lambda c: (-counts[c], c))
        return cls(SPECIALS + tuple(kept))

    def save(self, directory: str | Path) -> Path:
        path = Path(directory) / VOCAB_FILE
        path.write_text(json.dumps(list(self.tokens), ensure_ascii=False, indent=0), encoding="utf-8")
        return path

    @classmethod
    def load(cls, directory: str | Path) -> "CharVocab":
        path = Path(directory) / VOCAB_FILE
        try:
            tokens = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelLoadError(f"no {VOCAB_FILE} in {directory}",
                                 hint="the model directory is incomplete: retrain or copy it whole") from None
        except json.JSONDecodeError as exc:
            raise ModelLoadError(f"{path} is not valid JSON: {exc}") from None
        return cls(tuple(tokens))
