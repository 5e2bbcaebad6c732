"""Imports run down the data flow, never up (issue 13; ../shared/notes/target-layout.md).

An AST scan of every module of the package: each import of another gikp_nlp
module must go to a layer the importer may use, so the layering cannot
quietly regress. Lazy imports inside functions count too.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gikp_nlp"

#: the ground floor: plain objects every layer may use
GROUND = {"document", "report", "doc", "candidates", "config", "numbers", "errors", "extras", "io", "schema",
          "lexicon", "models"}
#: what each part may import besides itself (package-relative first names)
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "extras": {"errors"},
    "config": {"errors"},
    "numbers": {"errors", "lexicon"},
    "candidates": {"numbers", "errors"},
    "document": {"errors"},
    "report": {"document", "errors", "outputs"},  # to_frame: the shared row definition (lazy)
    "outputs": {"errors", "extras", "report"},
    "doc": {"document", "report", "errors", "lexicon"},
    "schema": {"errors"},
    "lexicon": {"errors", "schema", "config"},
    "io": {"errors", "config", "document", "numbers"},
    "models": {"errors"},
    "tables": GROUND,
    "records": GROUND,
    "model": {"errors", "extras", "config", "numbers", "report", "document", "schema", "lexicon", "candidates"},
    "narrative": GROUND,
    "stages": GROUND | {"tables", "records", "narrative"},
    "pipeline": GROUND | {"tables", "records", "narrative", "model", "stages"},
    "annotations": GROUND,
    "training": GROUND | {"tables", "records", "narrative", "model", "stages", "pipeline", "annotations"},
    "labelstudio": GROUND | {"pipeline", "annotations", "stages"},
    "corpus": GROUND | {"pipeline", "outputs"},
    "view": GROUND | {"outputs"},
    "cli": GROUND | {"pipeline", "annotations", "labelstudio", "training", "tables", "records", "stages", "outputs",
                     "corpus", "view"},
    "__init__": GROUND | {"pipeline"},
    "__main__": {"cli"},
}


def _part(module: Path) -> str:
    rel = module.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imported_parts(module: Path) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    parts = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        parts |= {name.split(".")[1] for name in names if name.startswith("gikp_nlp.")}
    return parts


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=[str(m.relative_to(PACKAGE)) for m in MODULES])
def test_layering_imports_only_go_down(module):
    part = _part(module)
    assert part in ALLOWED, f"{part}: a new part of the package needs its place in ALLOWED"
    upward = _imported_parts(module) - ALLOWED[part] - {part}
    assert not upward, f"{module.relative_to(PACKAGE)} imports {sorted(upward)}, above its layer"


def test_layering_model_never_imports_the_rules_or_training():
    offenders = [m for m in MODULES if _part(m) == "model" and _imported_parts(m) & {"narrative", "training", "tables"}]
    assert offenders == []


def test_layering_package_never_reaches_into_a_checkout():
    """An installed package has no checkout around it: no top-level ``training``
    import, no ``sys.path`` edit, no path to ../shared."""
    for module in MODULES:
        text = module.read_text(encoding="utf-8")
        tree = ast.parse(text)
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module and not node.level}
        rel = module.relative_to(PACKAGE)
        assert not any(n == "training" or n.startswith("training.") for n in imported), rel
        assert "sys.path" not in text, rel
        literals = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)}
        assert "shared" not in literals, rel
