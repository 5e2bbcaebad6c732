"""The rule table is data: every id it names exists, broken tables fail loudly."""
from __future__ import annotations

import copy

import pytest

from gikp_nlp.errors import TaxonomyError
from gikp_nlp.narrative.cues import build_table, get_table, load_raw
from gikp_nlp.narrative.implicit import _patterns
from gikp_nlp.schema.taxonomy import UNITS


def test_cues_every_id_exists_in_taxonomy(taxonomy):
    table = get_table(taxonomy)
    assert table.ids() and table.ids() <= set(taxonomy.ids)
    raw = table.raw
    named = {c["id"] for c in raw["combined"]} | {p for c in raw["combined"] for p in c["parts"]}
    named |= set(raw["inherit_from"]) | set(_patterns()["ids"])
    assert named <= set(taxonomy.ids)


def test_cues_units_map_to_taxonomy_units(taxonomy):
    for printed, targets in get_table(taxonomy).units.items():
        assert set(targets) <= UNITS, printed


def test_cues_unknown_id_raises(taxonomy):
    raw = copy.deepcopy(load_raw())
    raw["cues"].append({"id": "request.no_such_id", "pre": ["不存在的指标"]})
    with pytest.raises(TaxonomyError, match="request.no_such_id"):
        build_table(taxonomy, raw)


def test_cues_bad_regex_raises(taxonomy):
    raw = copy.deepcopy(load_raw())
    raw["cues"].append({"id": "request.new", "pre": ["(unclosed"]})
    with pytest.raises(TaxonomyError, match="regex"):
        build_table(taxonomy, raw)


def test_cues_entry_without_id_raises(taxonomy):
    raw = copy.deepcopy(load_raw())
    raw["cues"].append({"pre": ["收到"]})
    with pytest.raises(TaxonomyError, match="lacks"):
        build_table(taxonomy, raw)
