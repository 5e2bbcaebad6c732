"""The document context the model reads (section class × form era, model/context.py): headings
classed by the lexicon, levels opened and closed, the era offset; a context-reading model saves,
loads and reads the same context in training and inference."""
from __future__ import annotations

import numpy as np
import pytest

from gikp_nlp.config import load_config
from gikp_nlp.errors import ModelLoadError
from gikp_nlp.model.context import context_ids, context_size, heading_class, section_names
from gikp_nlp.model.tagger import NerTagger, build_model
from gikp_nlp.model.vocab import CharVocab

REPORT = ("某局2020年政府信息公开工作年度报告\n一、总体情况\n本年度概况。\n二、主动公开政府信息情况\n发布信息12条。\n"
          "（一）网站\n网站发布3条。\n三、收到和处理政府信息公开申请情况\n收到申请5件。\n"
          "四、政府信息公开行政复议、行政诉讼情况\n维持3件。\n五、存在的主要问题及改进情况\n无。\n")
TINY = {"hidden_size": 16, "num_layers": 1, "num_heads": 2, "intermediate_size": 32, "dropout": 0.0,
        "attention_dropout": 0.0, "max_position": 64}


def _section_at(text: str, ids: np.ndarray, needle: str) -> str:
    return section_names()[int(ids[text.index(needle)]) % len(section_names())]


@pytest.mark.parametrize("line,expected", [
    ("一、总体情况\n", (0, "overview")),
    ("（二）依申请公开\n", (1, "request")),
    ("五、因政府信息公开申请行政复议、提起行政诉讼的情况\n", (0, "review_litigation")),  # more specific first
    ("四、政府信息公开的收费及减免情况", (0, "fees")),
    ("3.网站建设\n", (2, "none")),
    ("本年度收到申请3件。\n", None),
    ("2020年，我局公开信息12条。\n", None),  # a year is no list marker
])
def test_context_heading_class_by_level_and_lexicon(line, expected):
    found = heading_class(line)
    assert (None if found is None else (found[0], section_names()[found[1]])) == expected


def test_context_ids_follow_the_nearest_classed_heading_and_close_deeper_levels():
    ids = context_ids(REPORT, "t2019")
    assert ids.dtype == np.uint8 and len(ids) == len(REPORT)
    assert _section_at(REPORT, ids, "某局") == "none"
    assert _section_at(REPORT, ids, "本年度概况") == "overview"
    assert _section_at(REPORT, ids, "网站发布3条") == "proactive"  # （一）网站 has no class: its parent's
    assert _section_at(REPORT, ids, "收到申请5件") == "request"  # a new top level closes （一）
    assert _section_at(REPORT, ids, "维持3件") == "review_litigation"
    assert _section_at(REPORT, ids, "无。") == "problems"


def test_context_ids_era_offsets_the_ids_and_stays_in_the_type_vocabulary():
    new, old = context_ids(REPORT, "t2019"), context_ids(REPORT, "t2008")
    assert np.array_equal(new, old + len(section_names()))
    assert np.array_equal(context_ids(REPORT, None), old)
    assert int(new.max()) < context_size()


def test_context_model_saves_loads_and_reads_the_context(taxonomy, tmp_path):
    import torch

    torch.manual_seed(0)
    labels = taxonomy.bio_labels()
    vocab = CharVocab.build([REPORT])
    model = build_model(len(labels), len(vocab), {**TINY, "context": True}, labels)
    assert model.config.type_vocab_size == context_size()
    cfg = load_config(overrides={"narrative.window": 64, "narrative.stride": 48}).narrative
    tagger = NerTagger(model, vocab, taxonomy, cfg)
    assert tagger.reads_context
    probs = tagger.predict_probs(REPORT)
    loaded = NerTagger.from_pretrained(tagger.save_pretrained(tmp_path / "m"), taxonomy, cfg)
    assert loaded.reads_context and np.allclose(loaded.predict_probs(REPORT), probs, atol=1e-6)
    # the context is an input: the same text read with every context id 0 gives other probabilities
    with torch.no_grad():
        model.bert.embeddings.token_type_embeddings.weight.normal_()
    at = REPORT.index("维持3件")
    with_context = tagger.predict_probs(REPORT)[at]
    tagger.reads_context = False
    assert not np.allclose(tagger.predict_probs(REPORT)[at], with_context, atol=1e-4)


def test_context_model_of_another_section_count_is_refused(taxonomy):
    labels = taxonomy.bio_labels()
    vocab = CharVocab.build([REPORT])
    model = build_model(len(labels), len(vocab), TINY, labels)
    model.config.type_vocab_size = context_size() + 2
    with pytest.raises(ModelLoadError, match="context ids"):
        NerTagger(model, vocab, taxonomy, load_config().narrative)
