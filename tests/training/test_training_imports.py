"""Training lives in the package and nothing below it leans on it (AST scan)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "gikp_nlp"
ABOVE_TRAINING = ("cli.py", "training/", "labelstudio/")  # what may import gikp_nlp.training


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _modules() -> list[tuple[str, set[str], str]]:
    return [(str(p.relative_to(PACKAGE)), _imports(p), p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")]


def test_training_imports_no_checkout_module_and_no_sys_path_edit():
    for rel, names, text in _modules():
        assert not any(n == "training" or n.startswith("training.") for n in names), rel
        assert "sys.path" not in text, rel


def test_training_imports_nothing_below_training_imports_it():
    for rel, names, _ in _modules():
        if not rel.startswith(ABOVE_TRAINING):
            assert not any(n.startswith("gikp_nlp.training") for n in names), rel
