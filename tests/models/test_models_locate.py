"""The shipped model as package data: found by name, never from the working directory."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import gikp_nlp
from gikp_nlp.errors import ModelLoadError
from gikp_nlp.models import DEFAULT_MODEL, locate, packaged
from gikp_nlp.pipeline import resolve_model_path


def test_models_locate_finds_the_packaged_default_inside_the_package():
    path = locate(DEFAULT_MODEL)
    assert path.is_relative_to(Path(gikp_nlp.__file__).parent / "models")
    for name in ("config.json", "model.safetensors", "vocab.json", "meta.json", "README.md"):
        assert (path / name).is_file()
    assert json.loads((path / "meta.json").read_text(encoding="utf-8"))["name"] == DEFAULT_MODEL
    assert packaged() == [DEFAULT_MODEL]


def test_models_locate_ignores_a_models_folder_in_the_working_directory(tmp_path, monkeypatch):
    decoy = tmp_path / "models" / DEFAULT_MODEL
    decoy.mkdir(parents=True)
    (decoy / "config.json").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert locate(DEFAULT_MODEL) != decoy and not locate(DEFAULT_MODEL).is_relative_to(tmp_path)
    assert locate(f"models/{DEFAULT_MODEL}").resolve() == decoy  # named as a path: taken


def test_models_locate_takes_an_explicit_directory_and_names_the_fix_otherwise(tmp_path):
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    assert locate(str(tmp_path)) == tmp_path
    with pytest.raises(ModelLoadError, match="no model directory") as err:
        locate(str(tmp_path / "missing"))
    assert DEFAULT_MODEL in str(err.value)
    with pytest.raises(ModelLoadError, match="no packaged model named 'nope'"):
        locate("nope")
    assert resolve_model_path("nope") is None
    assert resolve_model_path(DEFAULT_MODEL) == locate(DEFAULT_MODEL)


def test_models_default_config_names_the_packaged_model():
    from gikp_nlp.config import load_config

    assert load_config().narrative.model == DEFAULT_MODEL
