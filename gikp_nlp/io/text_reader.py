"""Plain text: the decoded string is Document.text exactly (``\\r\\n`` kept),
one narrative block per non-blank line, each covering the line without its
surrounding whitespace (full-width indentation included)."""
from __future__ import annotations

import re

from gikp_nlp.document import Block, Document

_LINE = re.compile(r"[^\r\n]+")


def paragraph_blocks(text: str) -> tuple[Block, ...]:
    blocks = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        blocks.append(Block("narrative", start, start + len(stripped)))
    return tuple(blocks)


def text_document(text: str, *, source: str | None, encoding: str | None) -> Document:
    return Document(text=text, blocks=paragraph_blocks(text), format="text", source=source, encoding=encoding)
