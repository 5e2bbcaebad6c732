"""Synthetic report narrative with exact annotations (see generate.py)."""
from __future__ import annotations

from gikp_nlp.training.synth.generate import generate, generate_one

__all__ = ["generate", "generate_one"]
