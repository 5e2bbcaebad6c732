"""Narrative text: the rules-only baseline and implicit zeros.

The trained model (gikp_nlp.model) replaces the baseline tagger for narrative
blocks; implicit zeros stay rule-based in both engines.
"""
