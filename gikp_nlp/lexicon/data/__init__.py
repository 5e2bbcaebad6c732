"""The lexicon's data files (YAML, shipped as package data) and their reader."""
from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from gikp_nlp.errors import TaxonomyError


def read_data(name: str) -> dict[str, Any]:
    """A YAML data file of gikp_nlp/lexicon/data (fold.yaml, words.yaml, indicators.yaml)."""
    try:
        text = resources.files("gikp_nlp.lexicon.data").joinpath(name).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except FileNotFoundError:
        raise TaxonomyError(f"lexicon data {name} is missing from the installed package",
                            hint="reinstall gikp-nlp; package data must include gikp_nlp/lexicon/data/*.yaml") from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"lexicon data {name} is not valid YAML: {exc}",
                            hint=f"fix gikp_nlp/lexicon/data/{name}") from None
    if not isinstance(data, dict):
        raise TaxonomyError(f"lexicon data {name} is not a mapping", hint=f"fix gikp_nlp/lexicon/data/{name}")
    return data
