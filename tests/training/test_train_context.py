"""Training with the document context (model.context = true): the windows carry the context ids the
tagger computes at inference, and a tiny run saves a model that reads them."""
from __future__ import annotations

import json
from pathlib import Path

from gikp_nlp.lexicon import form_era
from gikp_nlp.model.context import context_ids, context_size
from gikp_nlp.model.tagger import NerTagger, model_view
from gikp_nlp.model.vocab import CharVocab
from gikp_nlp.training.train import train, windows_dataset

REPO = Path(__file__).resolve().parents[2]
DOC = {"id": "d1", "text": "某局2021年报告\n二、主动公开政府信息情况\n本年主动公开信息12条。\n四、行政复议、行政诉讼情况\n维持3件。\n",
       "mentions": []}


def test_train_windows_carry_the_inference_context_ids(taxonomy):
    labels = taxonomy.bio_labels()
    folded, _ = model_view(DOC["text"])
    vocab = CharVocab.build([folded])
    rows = windows_dataset([DOC], vocab, labels, 16, 8, context=True)
    expected = context_ids(folded, form_era(DOC["text"])).tolist()
    for row, start in zip(rows, range(0, len(folded), 8)):
        assert row["token_type_ids"] == expected[start:start + len(row["input_ids"])]
    assert "token_type_ids" not in windows_dataset([DOC], vocab, labels, 16, 8).column_names


def test_train_tiny_context_model_reads_its_context(tmp_path):
    path = train(REPO / "configs" / "tiny.toml", tmp_path / "m", {"model.context": True, "data.synthetic_docs": 6,
                                                                 "train.max_steps": 3}, dev_docs=[])
    assert json.loads((path / "config.json").read_text(encoding="utf-8"))["type_vocab_size"] == context_size()
    assert NerTagger.from_pretrained(path).reads_context
