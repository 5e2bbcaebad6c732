"""Masked-LM pretraining of the encoder: the masking, the encoder a tagger starts from, and CV's leak check."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gikp_nlp.cli import main
from gikp_nlp.errors import AnnotationError, ConfigError, ModelLoadError
from gikp_nlp.model.vocab import CharVocab
from gikp_nlp.training.config import MaskSection, load_pretrain_config, load_train_config
from gikp_nlp.training.pretrain import (
    DIGITS,
    KIND,
    Masker,
    check_encoder_not_leaked,
    encoder_path,
    pretrain,
    read_encoder,
    start_from_encoder,
)
from gikp_nlp.training.train import IGNORE, train

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "annotations"
TINY = REPO / "configs" / "tiny.toml"
TINY_PRETRAIN = REPO / "configs" / "pretrain-tiny.toml"
TINY_FOLDS = {"k": 2, "seed": 1, "folds": [["r003", "r006"], ["r009", "r012"]]}


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    return pretrain(TINY_PRETRAIN, tmp_path_factory.mktemp("enc") / "enc")


def test_pretrain_configs_of_the_repo_load_and_match_their_taggers_shape():
    shipped, _ = load_pretrain_config(REPO / "configs" / "pretrain.toml")
    tagger, _ = load_train_config(REPO / "configs" / "gikp-ner-zh.toml")
    tiny, _ = load_pretrain_config(TINY_PRETRAIN)
    tiny_tagger, _ = load_train_config(TINY)
    for pre, tag in ((shipped, tagger), (tiny, tiny_tagger)):
        for key in ("hidden_size", "num_layers", "num_heads", "intermediate_size", "max_position"):
            assert getattr(pre.model, key) == getattr(tag.model, key)


@pytest.mark.parametrize("override, message", [
    ({"mask.share": 0.0}, "mask.share"),
    ({"mask.unk_share": 0.9, "mask.random_share": 0.2}, "unk_share"),
    ({"model.context": True}, "characters only"),
    ({"model.encoder": "somewhere"}, "characters only"),
])
def test_pretrain_config_rejects_what_cannot_pretrain(override, message):
    with pytest.raises(ConfigError, match=message):
        load_pretrain_config(TINY_PRETRAIN, override)


def test_pretrain_train_config_refuses_an_encoder_with_context_token_types():
    with pytest.raises(ConfigError, match="do not go together"):
        load_train_config(TINY, {"model.encoder": "x", "model.context": True})


def test_pretrain_masker_draws_berts_shares_and_never_digits():
    import torch

    vocab = CharVocab.build(["0123456789" + "".join(chr(0x4E00 + i) for i in range(200))])
    masker = Masker(MaskSection(share=0.15, unk_share=0.8, random_share=0.1, digits=False), vocab)
    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(2, len(vocab), (64, 128), generator=generator)
    labels = ids.clone()
    labels[:, :4] = IGNORE  # e.g. [UNK] characters: nothing to predict there
    corrupted, targets = masker(ids.clone(), labels, generator)
    chosen = targets != IGNORE
    digits = torch.isin(ids, masker.digit_ids)
    candidates = (labels != IGNORE) & ~digits
    assert not (chosen & digits).any() and not chosen[:, :4].any()
    assert 0.13 < chosen.sum().item() / candidates.sum().item() < 0.17
    assert torch.equal(targets[chosen], ids[chosen])  # the label is the original character
    as_unk = (corrupted == vocab.unk_id) & chosen
    assert 0.75 < as_unk.sum().item() / chosen.sum().item() < 0.85
    assert torch.equal(corrupted[~chosen], ids[~chosen])  # nothing else changes


def test_pretrain_tiny_writes_an_encoder_with_card_and_meta(encoder):
    meta = read_encoder(encoder)
    assert meta["kind"] == KIND and meta["data"]["real_docs"] == []
    assert meta["training"]["steps"] == 20
    assert (encoder / "model.safetensors").is_file() and (encoder / "vocab.json").is_file()
    card = (encoder / "README.md").read_text(encoding="utf-8")
    assert "masked LM" in card and "gikp pretrain --config" in card


def test_pretrain_tagger_starts_from_the_encoders_vocab_and_weights(encoder, tmp_path):
    """With a zero learning rate the tagger's encoder must still be exactly the pretrained one."""
    from safetensors.torch import load_file

    from gikp_nlp.model.tagger import NerTagger

    out = train(TINY, tmp_path / "tagger", {"model.encoder": str(encoder), "train.learning_rate": 0.0,
                                            "train.max_steps": 2})
    tagger = NerTagger.from_pretrained(out)
    assert tagger.vocab.tokens == CharVocab.load(encoder).tokens
    pretrained = {k.removeprefix("bert."): v for k, v in load_file(str(encoder / "model.safetensors")).items()
                  if k.startswith("bert.")}
    mine = tagger.model.bert.state_dict()
    assert set(pretrained) == set(mine)
    assert all(mine[k].equal(v) for k, v in pretrained.items())
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["init_encoder"]["path"] == str(encoder) and meta["init_encoder"]["real_docs"] == []


def test_pretrain_encoder_of_another_shape_or_none_is_a_typed_error(encoder, tmp_path):
    cfg, _ = load_train_config(TINY, {"model.hidden_size": 32})
    with pytest.raises(ConfigError, match="another shape"):
        start_from_encoder(encoder, cfg.model)
    with pytest.raises(ModelLoadError, match="no encoder"):
        read_encoder(tmp_path / "missing")
    tagger_dir = tmp_path / "tagger"
    tagger_dir.mkdir()
    (tagger_dir / "meta.json").write_text(json.dumps({"name": "a tagger"}), encoding="utf-8")
    with pytest.raises(ModelLoadError, match="not a pretrained encoder"):
        read_encoder(tagger_dir)


def test_pretrain_encoder_path_names_each_fold():
    assert encoder_path("runs/enc/{fold}", "fold-3") == Path("runs/enc/fold-3")
    assert encoder_path("runs/enc/{fold}", "all") == Path("runs/enc/all")
    assert encoder_path("runs/one", "fold-0") == Path("runs/one")


def test_pretrain_excluded_fold_is_never_read_and_cv_refuses_an_encoder_that_read_it(tmp_path):
    folds = tmp_path / "folds.json"
    folds.write_text(json.dumps(TINY_FOLDS), encoding="utf-8")
    enc = pretrain(TINY_PRETRAIN, tmp_path / "enc" / "fold-0", {"data.use_real": True}, gold_dir=ANNOTATIONS,
                   exclude_folds=[0], folds_file=folds)
    meta = read_encoder(enc)
    assert sorted(meta["data"]["real_docs"]) == ["r009", "r012"] and meta["data"]["excluded_folds"] == [0]
    assert meta["held_out"]["documents"] == 2 and meta["held_out"]["masked_chars"] > 0
    check_encoder_not_leaked(str(tmp_path / "enc" / "{fold}"), 0, ["r003", "r006"])  # fold 0: never read
    (tmp_path / "enc" / "fold-1").symlink_to(enc)  # fold 1's model from an encoder that read fold 1
    with pytest.raises(AnnotationError, match="read 2 held-out document"):
        check_encoder_not_leaked(str(tmp_path / "enc" / "{fold}"), 1, ["r009", "r012"])
    from gikp_nlp.training.cv import train_fold

    with pytest.raises(AnnotationError, match="held-out document"):  # refused before any training
        train_fold(TINY, 1, tmp_path / "m", {"model.encoder": str(tmp_path / "enc" / "{fold}")},
                   gold_dir=ANNOTATIONS, folds_file=folds)
    with pytest.raises(ConfigError, match="out of range"):
        pretrain(TINY_PRETRAIN, tmp_path / "x", {"data.use_real": True}, gold_dir=ANNOTATIONS,
                 exclude_folds=[5], folds_file=folds)


def test_pretrain_cli_rejects_fold_numbers_that_are_not_numbers(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["pretrain", "--config", str(TINY_PRETRAIN), "--exclude-folds", "a,b"])
    assert exc.value.code == 2
    assert "--exclude-folds" in capsys.readouterr().err


def test_pretrain_masker_digit_ids_are_the_vocabs_digits():
    vocab = CharVocab.build(["０1二三"])
    masker = Masker(MaskSection(share=0.15, unk_share=0.8, random_share=0.1, digits=False), vocab)
    assert sorted(masker.digit_ids.tolist()) == sorted({i for i in vocab.encode(DIGITS) if i != vocab.unk_id})


def test_pretrain_encoder_given_as_the_pipelines_model_is_a_typed_error(encoder):
    from gikp_nlp.model.tagger import NerTagger

    with pytest.raises(ModelLoadError, match="pretrained encoder"):
        NerTagger.from_pretrained(encoder)
