"""The annotations package imports nothing above it and knows no checkout or ../shared (issue 13)."""
from __future__ import annotations

import ast
from pathlib import Path

import gikp_nlp.annotations

PACKAGE = Path(gikp_nlp.annotations.__file__).parent
#: what the corpus code may not import: Label Studio imports it, never the reverse; the CLI sits on top
ABOVE = ("gikp_nlp.labelstudio", "gikp_nlp.cli", "gikp_nlp.model", "gikp_nlp.training", "gikp_nlp.pipeline")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append(node.module)
        elif isinstance(node, ast.Import):
            out += [alias.name for alias in node.names]
    return out


def test_annotations_layering_imports_nothing_above_it():
    for path in sorted(PACKAGE.glob("*.py")):
        bad = [m for m in _imports(path) if m.startswith(ABOVE)]
        assert not bad, (path.name, bad)


def test_annotations_layering_refers_to_no_checkout_path():
    for path in sorted(PACKAGE.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert "__file__" not in source and '"shared"' not in source and "REPO_ROOT" not in source, path.name
