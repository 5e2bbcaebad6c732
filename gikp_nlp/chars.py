"""Traditional → simplified, one character to one character.

Reports come in both scripts (Hong Kong/Taiwan gateways, Big5 mirrors); the
model and the evidence matching read one script. The map is OpenCC's
character table (``TSCharacters.txt`` of the ``opencc-python-reimplemented``
dependency), restricted to single-character targets, so a folded string has the
same length as the original and every offset still holds.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from gikp_nlp.errors import ConfigError

TABLE = "dictionary/TSCharacters.txt"


@lru_cache(maxsize=1)
def simplified_table() -> dict[int, str]:
    """``str.translate`` table: traditional code point → its first simplified form."""
    try:
        lines = resources.files("opencc").joinpath(TABLE).read_text(encoding="utf-8").splitlines()
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


def to_simplified(text: str) -> str:
    """``text`` in simplified script, same length (offsets unchanged)."""
    return text.translate(simplified_table())
