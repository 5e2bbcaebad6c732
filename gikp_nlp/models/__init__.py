"""Trained models shipped inside the package (package data, found with importlib.resources).

``locate("gikp-ner-zh")`` is the shipped default; ``locate("/some/dir")`` or
``locate("./runs/my-model")`` is a model directory the caller names explicitly.
A bare name is looked up among the packaged models only, so a ``models/``
folder in the working directory is never picked up by accident.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from gikp_nlp.errors import ModelLoadError

DEFAULT_MODEL = "gikp-ner-zh"
MODEL_FILE = "config.json"  # what makes a directory a model directory


def packaged() -> list[str]:
    """Names of the models shipped in the package."""
    root = resources.files(__name__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath(MODEL_FILE).is_file())


def _is_path(name_or_path: str) -> bool:
    """A path names a directory explicitly: it has a separator, or starts with ~ or ."""
    return any(sep in name_or_path for sep in ("/", "\\")) or name_or_path.startswith(("~", "."))


def locate(name_or_path: str) -> Path:
    """The directory of a packaged model (by name) or of a model given as a path.

    Raises ModelLoadError naming the packaged models when neither exists.
    """
    if _is_path(name_or_path):
        path = Path(name_or_path).expanduser()
        if (path / MODEL_FILE).is_file():
            return path
        raise ModelLoadError(f"no model directory at {name_or_path!r} (no {MODEL_FILE})",
                             hint=f"pass a directory written by `gikp train`, or a packaged name: {packaged()}")
    resource = resources.files(__name__).joinpath(name_or_path)
    if resource.joinpath(MODEL_FILE).is_file():
        return Path(str(resource))
    raise ModelLoadError(f"no packaged model named {name_or_path!r}",
                         hint=f"packaged models: {packaged()}; a model directory is named by a path "
                         "(e.g. ./runs/my-model)")
