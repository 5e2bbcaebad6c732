"""Optional dependencies behind pip extras, imported on first use.

The base install extracts (readers, tables, rules, the shipped model); training,
Label Studio and the spaCy baseline need more. ``require("seqeval", "train")``
imports a module or raises MissingExtraError naming the extra that installs it,
so a light install fails with the fix rather than a bare ImportError.
"""
from __future__ import annotations

import importlib
from types import ModuleType

from gikp_nlp.errors import MissingExtraError

PACKAGE = "gikp-nlp"


def require(module: str, extra: str) -> ModuleType:
    """``module`` imported, or MissingExtraError telling to install ``gikp-nlp[extra]``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(f"{module} is not installed ({exc})",
                                hint=f"pip install '{PACKAGE}[{extra}]'") from None
