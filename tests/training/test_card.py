"""The model card is written from meta.json: the shipped card is what the writer renders."""
from __future__ import annotations

import json

from gikp_nlp.models import DEFAULT_MODEL, locate
from gikp_nlp.training.card import render_card


def test_card_shipped_card_is_rendered_from_its_meta():
    path = locate(DEFAULT_MODEL)
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    card = (path / "README.md").read_text(encoding="utf-8")
    assert render_card(meta, path) == card
    assert f'e.g. `"{DEFAULT_MODEL}"`' in card and "gikp_nlp/training/synth" in card
