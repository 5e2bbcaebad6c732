"""Character vocabulary: identity offsets, full-width lookup, [UNK], save/load."""
from __future__ import annotations

import pytest

from gikp_nlp.errors import ModelLoadError
from gikp_nlp.model.vocab import CharVocab


def test_vocab_one_token_per_character_and_fullwidth_digits_share_ids():
    vocab = CharVocab.build(["公开171条", "公开"], min_freq=1)
    text = "公开１７１条\n稀"
    ids = vocab.encode(text)
    assert len(ids) == len(text)
    assert ids[2:5] == vocab.encode("171")
    assert ids[-1] == vocab.unk_id


def test_vocab_min_freq_and_roundtrip(tmp_path):
    vocab = CharVocab.build(["aab"], min_freq=2)
    assert vocab.encode("b") == [vocab.unk_id]
    vocab.save(tmp_path)
    assert CharVocab.load(tmp_path) == vocab


def test_vocab_load_missing_raises_model_load_error(tmp_path):
    with pytest.raises(ModelLoadError, match="vocab.json"):
        CharVocab.load(tmp_path)


def test_vocab_traditional_characters_share_the_simplified_ids():
    vocab = CharVocab.build(["主动公开政府信息"], min_freq=1)
    assert vocab.encode("主動公開") == vocab.encode("主动公开")
    assert vocab.unk_id not in vocab.encode("主動公開")
