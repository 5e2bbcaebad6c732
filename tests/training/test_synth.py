"""The synthetic generator: deterministic, annotations exact, values read back."""
from __future__ import annotations

import re

from gikp_nlp.numbers import parse_number
from gikp_nlp.training.synth import generate, generate_one
from gikp_nlp.training.synth.diversity import diversity
from gikp_nlp.training.synth.numerals import to_chinese


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
    from gikp_nlp.training.synth.compose import GROUPS, LEXICON

    assert set(LEXICON) <= set(taxonomy.ids)
    assert {p.partition("@")[0] for _, parts in GROUPS for p in parts} <= set(taxonomy.ids)


def test_composed_sentences_reach_every_lexicon_indicator(taxonomy):
    import random

    from gikp_nlp.training.synth.compose import LEXICON, sentence
    from gikp_nlp.training.synth.stats import make_stats

    rng = random.Random(0)
    seen = set()
    for _ in range(8000):
        stats = make_stats(rng)
        era = rng.choice(("old", "new"))
        prefix = rng.choice(sorted({k.split(".")[0] + "." for k in LEXICON}))
        template = sentence(set(stats), era, rng, (prefix,))
        if template:
            seen.update(re.findall(r"\{([a-z_]+\.[a-z_.]+)(?:@[a-z_]+)?\}", template))
    assert seen == set(LEXICON)


def _tokens(template: str) -> list[str]:
    return re.findall(r"\{([a-z_]+\.[a-z_.]+)(?:@[a-z_]+)?\}", template)


def test_contained_items_carry_their_own_ids():
    import random

    from gikp_nlp.training.synth.compose import CONTAINED, contained
    from gikp_nlp.training.synth.stats import make_stats

    rng = random.Random(1)
    made = [t for t in (contained(set(make_stats(rng)), "new", rng) for _ in range(200)) if t]
    assert made, "contained() never produced a sentence"
    for template in made:
        ids = _tokens(template)
        assert ids[0] in ("proactive.total", "proactive.channel.website")
        assert ids[1:] and set(ids[1:]) <= set(CONTAINED)


def test_channel_context_names_the_channel_before_its_count():
    import random

    from gikp_nlp.training.synth.compose import CHANNELS, channel_context
    from gikp_nlp.training.synth.stats import make_stats

    rng = random.Random(2)
    made = [t for t in (channel_context(set(make_stats(rng)), rng) for _ in range(200)) if t]
    assert len(made) > 50
    totals = 0
    for template in made:
        (indicator,) = _tokens(template)
        head = template[: template.index("{" + indicator + "}")]
        named = {k for k, names in CHANNELS.items() if any(n.split("{place}")[-1] in head for n in names)}
        if indicator == "proactive.total":  # channels of several kinds named together: the count is the total
            totals += 1
            assert len(named) >= 2, template
        else:
            assert indicator in named, template
        assert "{unit}" not in template
    assert 0 < totals < len(made) / 2


def test_other_work_counts_stay_untagged_and_complaints_name_disclosure(taxonomy):
    import random

    from gikp_nlp.training.synth.compose import LEXICON, other_work

    rng = random.Random(3)
    for _ in range(50):
        assert not _tokens(other_work(rng))
    for entry in LEXICON["complaints.total"]:
        assert all("公开" in noun for noun in entry.nouns)
    docs = generate(40, seed=11)
    assert any("12345热线" in d["text"] or "局长信箱" in d["text"] or "市长信箱" in d["text"] for d in docs)


def test_synth_lexicon_names_no_sub_type_under_its_parent(taxonomy):
    """A phrasing composed for an id must not name one of its sub-types, which
    has an id of its own (涉及国家秘密不予公开 is request.result.denied.state_secret,
    not request.result.denied): the label would teach the model the wrong id."""
    from gikp_nlp.training.synth.compose import LEXICON

    for indicator, entries in LEXICON.items():
        own = taxonomy[indicator].names
        children = [ind for ind in taxonomy.indicators if ind.id.startswith(indicator + ".")]
        # a sub-type name inside the parent's own name (其他 in 其他处理) tells nothing
        specific = {(child.id, name) for child in children for name in child.names
                    if len(name) >= 2 and not any(name in parent for parent in own)}
        for entry in entries:
            for phrase in entry.short + entry.nouns:
                for child_id, name in specific:
                    assert name not in phrase, (indicator, phrase, child_id)


def test_answers_state_answer_types_without_their_total():
    import random

    from gikp_nlp.training.synth.compose import answers
    from gikp_nlp.training.synth.stats import make_stats

    rng = random.Random(4)
    made = [t for t in (answers(set(make_stats(rng)), "new", rng) for _ in range(300)) if t]
    assert len(made) > 100
    after_channels = 0
    for template in made:
        ids = _tokens(template)
        answered = [i for i in ids if i.startswith("request.result.")]
        assert answered and "request.result.total" not in answered, template
        if "request.new" in ids:  # the channel breakdown comes first, the answers after it
            after_channels += 1
            assert ids.index("request.new") < ids.index(answered[0]), template
        assert not any(link + verb in template for link in ("为", "系") for verb in ("属于", "不属于", "非本"))
    assert after_channels > 0


def test_every_generated_phrasing_carries_evidence_for_its_id(taxonomy):
    """The relation step keeps a model mention only if words in its clause name the
    indicator; a phrasing the generator teaches but the lexicon's evidence words
    cannot find would be learned, then dropped at inference. Applicant words
    likewise: a breakdown's applicant is read from the lexicon's words."""
    from gikp_nlp.lexicon import fold_label as fold
    from gikp_nlp.lexicon import get_lexicon
    from gikp_nlp.training.synth.compose import APPLICANT_NAMES, CHANNELS, LEXICON

    lexicon = get_lexicon()
    applicant_words = dict(lexicon.applicants)
    assert all(set(names) <= set(applicant_words[a]) for a, names in APPLICANT_NAMES.items())
    missing = []
    for indicator, entries in LEXICON.items():
        names = lexicon.evidence_names(taxonomy, indicator)
        for e in entries:
            phrasings = {s for s in e.short if s}
            if any(e.verbs):
                phrasings |= {v + n for v in e.verbs if v for n in e.nouns}
            else:
                phrasings |= {n for n in e.nouns if n}
            phrasings |= {c.replace("{place}", "") for c in CHANNELS.get(indicator, ())}
            missing += [(indicator, p) for p in sorted(phrasings) if not any(n in fold(p) for n in names)]
    assert missing == []
