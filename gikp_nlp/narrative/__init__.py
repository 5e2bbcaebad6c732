"""Narrative text: the rules-only baseline and implicit zeros.

The trained model (gikp_nlp.model) replaces the baseline tagger for narrative
blocks; implicit zeros stay rule-based in both engines.

- ``rules.RuleTagger(taxonomy, config).tag(text, spans)``: counts named by an
  indicator (source ``rule``);
- ``implicit.find_implicit_zeros(text, spans, taxonomy)``: zeros stated in words;
- ``cues.yaml`` / ``variants.yaml``: the rule table and character variants, as data;
- ``evaluate.evaluate(golds, tagger, taxonomy, regions=pipeline_regions())``:
  mention / record / implicit-zero P/R/F1 against gold documents.
"""
