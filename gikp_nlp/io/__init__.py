"""Readers: a path, bytes or text → one Document (placeholder: plain text only)."""
from __future__ import annotations

from gikp_nlp.document import Block, Document


def read_document(source, *, format=None, config=None) -> Document:  # noqa: ANN001
    text = source
    return Document(text=text, blocks=(Block("narrative", 0, len(text)),), format="text")
