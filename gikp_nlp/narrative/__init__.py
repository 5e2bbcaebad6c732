"""Narrative text: the rules-only engine, implicit zeros and the shared relation step.

The trained model (gikp_nlp.model) only predicts candidates; the pipeline joins
it to the relation step here. Implicit zeros stay rule-based in every engine.
Every engine object meets :class:`relate.NarrativeTagger`:
``tag(text, spans, *, folded=None, era=None) -> list[Mention]``.

- ``rules.RuleTagger(taxonomy, config)``: counts named by an indicator (source ``rule``);
- ``relate.ModelEngine(NerTagger)``: the model's candidates → mentions (source ``model``);
  ``relate.relate(...)``: evidence, unit, applicant, era for any candidates;
- ``combine.CombinedTagger(predictor, rules, combiner, taxonomy, config)``: the hybrid engine, decided per
  number by a fitted logistic combiner (``combiner.json`` beside the model);
- ``fallback.FallbackTagger(primary, fallback)``: the hybrid without a combiner (the union);
- ``implicit.find_implicit_zeros(text, spans, taxonomy, *, folded=None)``: zeros stated in words;
- ``rules.yaml``: the rule grammar (the words live in gikp_nlp.lexicon);
- ``evaluate.evaluate(golds, tagger, taxonomy, regions=pipeline_regions())``:
  mention / record / implicit-zero P/R/F1 against gold documents.
"""
