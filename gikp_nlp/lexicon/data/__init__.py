"""The lexicon's data files (YAML, shipped as package data) and their reader."""
from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from gikp_nlp.errors import TaxonomyError


def read_yaml(package: str, name: str) -> dict[str, Any]:
    """A YAML mapping shipped as package data of ``package``; TaxonomyError when
    it is missing, not YAML or not a mapping (one reader, one error message)."""
    where = f"{package.replace('.', '/')}/{name}"
    try:
        data = yaml.safe_load(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(f"data file {where} is missing from the installed package",
                            hint="reinstall gikp-nlp; its package data must include the YAML files") from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"data file {where} is not valid YAML: {exc}", hint=f"fix {where}") from None
    if not isinstance(data, dict):
        raise TaxonomyError(f"data file {where} is not a mapping", hint=f"fix {where}")
    return data


def read_data(name: str) -> dict[str, Any]:
    """A YAML data file of gikp_nlp/lexicon/data (fold.yaml, words.yaml, indicators.yaml)."""
    return read_yaml(__name__, name)
