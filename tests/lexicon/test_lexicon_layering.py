"""The lexicon is on the ground floor, and the model's network never reads the rules package."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "gikp_nlp"
#: the model's predicting modules (train/evaluate/card/cli move to gikp_nlp/training)
NETWORK = ("__init__.py", "tagger.py", "vocab.py", "windows.py", "bio.py")


def _imports(paths) -> set[str]:
    out: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                out.add(node.module)
            elif isinstance(node, ast.Import):
                out.update(alias.name for alias in node.names)
    return {m for m in out if m.startswith("gikp_nlp.")}


def test_lexicon_layering_lexicon_imports_only_the_ground_floor():
    imported = _imports((PACKAGE / "lexicon").rglob("*.py"))
    assert imported and all(m.startswith(("gikp_nlp.lexicon", "gikp_nlp.schema", "gikp_nlp.errors"))
                            for m in imported), imported


def test_lexicon_layering_model_never_imports_narrative():
    imported = _imports(PACKAGE / "model" / name for name in NETWORK)
    assert "gikp_nlp.lexicon" in imported
    assert not any(m.startswith(("gikp_nlp.narrative", "gikp_nlp.tables", "gikp_nlp.pipeline")) for m in imported)
