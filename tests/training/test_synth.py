"""The synthetic generator: deterministic, annotations exact, values read back."""
from __future__ import annotations

import re

from gikp_nlp.numbers import parse_number
from training.synth import generate, generate_one
from training.synth.diversity import diversity
from training.synth.numerals import to_chinese


def test_synth_is_deterministic_per_seed(taxonomy):
    assert generate(5, seed=7, taxonomy=taxonomy) == generate(5, seed=7, taxonomy=taxonomy)
    assert generate_one(3, 7, taxonomy) == generate(4, seed=7, taxonomy=taxonomy)[3]
    assert generate(3, seed=8, taxonomy=taxonomy) != generate(3, seed=7, taxonomy=taxonomy)


def test_synth_annotations_are_exact_and_values_parse_back(taxonomy):
    for doc in generate(60, seed=3, taxonomy=taxonomy):
        text = doc["text"]
        assert "{" not in text and "[" not in text.replace("[20", "")  # no unfilled template tokens
        for m in doc["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
            assert m["indicator"] in taxonomy
            assert parse_number(m["text"]) == m["value"], m


def test_synth_distractors_stay_untagged(taxonomy):
    for doc in generate(60, seed=5, taxonomy=taxonomy):
        tagged = {(m["start"], m["end"]) for m in doc["mentions"]}
        for pct in re.finditer(r"\d+(?:\.\d+)?[%％]", doc["text"]):
            assert not any(s < pct.end() and pct.start() < e for s, e in tagged)


def test_synth_diversity_counts_phrasings(taxonomy):
    div = diversity(generate(200, seed=1, taxonomy=taxonomy))
    assert div["request.new"] >= 10
    assert len(div) >= 40


def test_synth_chinese_numerals_parse_back():
    for n in (1, 2, 10, 12, 20, 105, 1000, 2300, 10001, 45678):
        assert parse_number(to_chinese(n)) == n


def test_composed_lexicon_names_taxonomy_ids_only(taxonomy):
    from training.synth.compose import GROUPS, LEXICON

    assert set(LEXICON) <= set(taxonomy.ids)
    assert {p.partition("@")[0] for _, parts in GROUPS for p in parts} <= set(taxonomy.ids)


def test_composed_sentences_reach_every_lexicon_indicator(taxonomy):
    import random

    from training.synth.compose import LEXICON, sentence
    from training.synth.stats import make_stats

    rng = random.Random(0)
    seen = set()
    for _ in range(3000):
        stats = make_stats(rng)
        era = rng.choice(("old", "new"))
        prefix = rng.choice(sorted({k.split(".")[0] + "." for k in LEXICON}))
        template = sentence(set(stats), era, rng, (prefix,))
        if template:
            seen.update(re.findall(r"\{([a-z_]+\.[a-z_.]+)(?:@[a-z_]+)?\}", template))
    assert seen == set(LEXICON)
