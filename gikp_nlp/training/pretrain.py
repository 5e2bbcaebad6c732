"""Masked-LM pretraining of the narrative model's encoder (issue 14 item 4), and starting a tagger from it.

``gikp pretrain --config configs/pretrain.toml --output DIR`` trains a character
BERT of the tagger's architecture to predict masked characters of the text the
project may use: generated reports and the gold documents' text (never their
labels). ``gikp train`` with ``model.encoder = DIR`` then starts from its vocab
and encoder weights instead of a random initialisation.

Cross-validation must not let a fold model see its held-out text, labelled or
not: ``--exclude-folds K`` pretrains without fold K's documents, the encoder's
meta.json records every document it read (``real_docs``), and a fold model is
refused (:func:`check_encoder_not_leaked`) when its encoder read a document of
the fold it scores. The [UNK] token serves as the mask, so the vocabulary
format (and the tagger that loads it) is unchanged.
"""
from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from gikp_nlp.errors import AnnotationError, ConfigError, ModelLoadError
from gikp_nlp.extras import require
from gikp_nlp.model.tagger import ENCODER_KIND
from gikp_nlp.model.vocab import CharVocab
from gikp_nlp.model.windows import window_starts
from gikp_nlp.schema import get_taxonomy
from gikp_nlp.training.config import MaskSection, ModelSection, PretrainConfig, load_pretrain_config
from gikp_nlp.training.corpus import docs_hash
from gikp_nlp.training.train import DIGITS, IGNORE, _version, fit, resolve_device, synthetic_documents

logger = logging.getLogger(__name__)

META_FILE = "meta.json"
CARD_FILE = "README.md"
WEIGHTS_FILE = "model.safetensors"
KIND = ENCODER_KIND  # meta.json's "kind": what tells an encoder directory from a tagger's
#: the [model] keys an encoder and the tagger that starts from it must agree on (the dropouts may differ)
SHAPE_KEYS = ("hidden_size", "num_layers", "num_heads", "intermediate_size", "max_position")
#: windows of held-out text (the excluded folds) scored for masked-character accuracy after pretraining
HELD_OUT_WINDOWS = 2000
DEFAULT_OUTPUT = "runs/encoder"


def build_encoder(vocab_size: int, model: ModelSection) -> Any:
    """A freshly initialised BertForMaskedLM of the tagger's shape (no download, ever)."""
    from transformers import BertConfig, BertForMaskedLM

    config = BertConfig(vocab_size=vocab_size, hidden_size=model.hidden_size, num_hidden_layers=model.num_layers,
                        num_attention_heads=model.num_heads, intermediate_size=model.intermediate_size,
                        hidden_dropout_prob=model.dropout, attention_probs_dropout_prob=model.attention_dropout,
                        max_position_embeddings=model.max_position, type_vocab_size=1, pad_token_id=0)
    return BertForMaskedLM(config)


def model_views(texts: Iterable[str]) -> list[str]:
    """Each text as the tagger reads it (:func:`~gikp_nlp.model.tagger.model_view`), computed once per run."""
    from gikp_nlp.model.tagger import model_view

    return [model_view(text)[0] for text in texts]


def text_dataset(views: Iterable[str], vocab: CharVocab, window: int, stride: int) -> Any:
    """Windows of the model's views (:func:`model_views`): input_ids, and as labels the same ids except
    [UNK] (a character outside the vocabulary is nothing to predict)."""
    Dataset = require("datasets", "pretrain").Dataset
    ids_col, labels_col = [], []
    for view in views:
        ids = vocab.encode(view)
        for start in window_starts(len(view), window, stride):
            chunk = ids[start:start + window]
            ids_col.append(chunk)
            labels_col.append([IGNORE if i == vocab.unk_id else i for i in chunk])
    return Dataset.from_dict({"input_ids": ids_col, "labels": labels_col})


class Masker:
    """BERT's corruption of a batch, drawn from the run's generator: ``share`` of the predictable characters
    become targets; of them ``unk_share`` read as [UNK], ``random_share`` as a random character, the rest as
    themselves. Labels elsewhere become IGNORE. Digits are never targets unless ``mask.digits``."""

    def __init__(self, mask: MaskSection, vocab: CharVocab) -> None:
        import torch

        self.mask = mask
        self.vocab_size = len(vocab)
        self.unk_id = vocab.unk_id
        self.digit_ids = torch.tensor(sorted(set(vocab.encode(DIGITS)) - {vocab.unk_id}), dtype=torch.long)

    def __call__(self, input_ids: Any, labels: Any, generator: Any) -> tuple[Any, Any]:
        import torch

        m = self.mask
        candidates = labels != IGNORE
        if not m.digits:
            candidates &= ~torch.isin(input_ids, self.digit_ids)
        chosen = (torch.rand(input_ids.shape, generator=generator) < m.share) & candidates
        labels = labels.masked_fill(~chosen, IGNORE)
        how = torch.rand(input_ids.shape, generator=generator)
        to_unk = chosen & (how < m.unk_share)
        to_random = chosen & (how >= m.unk_share) & (how < m.unk_share + m.random_share)
        random_ids = torch.randint(2, max(3, self.vocab_size), input_ids.shape, generator=generator)
        input_ids = torch.where(to_random, random_ids, input_ids.masked_fill(to_unk, self.unk_id))
        return input_ids, labels


def masked_accuracy(model: Any, dataset: Any, masker: Masker, seed: int, batch_size: int) -> dict[str, Any]:
    """Share of masked characters the encoder predicts right on ``dataset`` (one fixed draw of the mask)."""
    import torch

    from gikp_nlp.training.train import _collate

    generator = torch.Generator().manual_seed(seed)
    right = total = 0
    model.eval()
    with torch.no_grad():
        for lo in range(0, len(dataset), batch_size):
            input_ids, mask, labels, _ = _collate(dataset[lo:lo + batch_size])
            input_ids, labels = masker(input_ids, labels, generator)
            logits = model(input_ids=input_ids, attention_mask=mask).logits
            target = labels != IGNORE
            right += int((logits.argmax(-1)[target] == labels[target]).sum())
            total += int(target.sum())
    return {"masked_chars": total, "accuracy": round(right / total, 4) if total else None}


def pretrain(config_path: str | Path, output_dir: str | Path | None = None,
             overrides: dict[str, Any] | None = None, *, gold_dir: str | Path | None = None,
             exclude_folds: Sequence[int] = (), folds_file: str | Path | None = None) -> Path:
    """Pretrain an encoder per ``config_path`` and save it at ``output_dir`` (safetensors, vocab.json,
    meta.json, README.md). ``exclude_folds``: leave out the gold documents of these recorded folds (the
    encoder of CV fold models); their text, when there is some, scores the masked-character accuracy."""
    import torch

    cfg, config_sha = load_pretrain_config(config_path, overrides)
    output = Path(output_dir) if output_dir else Path(DEFAULT_OUTPUT) / cfg.name
    resolve_device(cfg.train.device)
    torch.manual_seed(cfg.train.seed)
    random.seed(cfg.train.seed)
    torch.set_num_threads(cfg.train.threads)
    began = time.monotonic()

    synthetic = synthetic_documents(cfg.data.synthetic_docs, cfg.data.synthetic_seed, get_taxonomy())
    real, held = _real_documents(cfg, gold_dir, exclude_folds, folds_file)
    texts = [d["text"] for d in synthetic + real]
    views = model_views(texts)
    vocab = CharVocab.build(views, min_freq=cfg.vocab.min_freq)
    dataset = text_dataset(views, vocab, cfg.data.window, cfg.data.stride)
    logger.info("pretraining on %d synthetic + %d real documents: %d windows, vocab %d chars (%d documents "
                "of folds %s left out)", len(synthetic), len(real), len(dataset), len(vocab), len(held),
                list(exclude_folds))
    model = build_encoder(len(vocab), cfg.model)
    masker = Masker(cfg.mask, vocab)
    figures = fit(model, dataset, cfg, keep_ids=vocab.encode(DIGITS), corrupt=masker)
    meta: dict[str, Any] = {
        "kind": KIND,
        "name": cfg.name,
        "version": _version(),
        "config": cfg.to_dict(),
        "config_sha256": config_sha,
        "data": {"synthetic_docs": len(synthetic), "synthetic_seed": cfg.data.synthetic_seed,
                 "synthetic_sha256": docs_hash(synthetic), "real_docs": [d["id"] for d in real],
                 "real_sha256": docs_hash(real), "excluded_folds": sorted(exclude_folds),
                 "characters": sum(len(t) for t in texts)},
        "training": {**figures, "total_seconds": round(time.monotonic() - began, 1)},
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    if held:
        held_ds = text_dataset(model_views(d["text"] for d in held), vocab, cfg.data.window, cfg.data.window)
        held_ds = held_ds.select(range(min(len(held_ds), HELD_OUT_WINDOWS)))
        meta["held_out"] = {"documents": len(held),
                            **masked_accuracy(model, held_ds, masker, cfg.train.seed, cfg.train.batch_size)}
    output.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(output, safe_serialization=True)
    vocab.save(output)
    (output / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    (output / CARD_FILE).write_text(render_encoder_card(meta), encoding="utf-8")
    logger.info("saved encoder %s in %.0fs", output, time.monotonic() - began)
    return output


def _real_documents(cfg: PretrainConfig, gold_dir: str | Path | None, exclude_folds: Sequence[int],
                    folds_file: str | Path | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(gold documents to read, those left out) per ``data.use_real`` and the excluded folds."""
    if not cfg.data.use_real:
        if exclude_folds:
            raise ConfigError("--exclude-folds with data.use_real = false: no gold text to leave out")
        return [], []
    if not exclude_folds:
        from gikp_nlp.training.corpus import gold_documents

        return gold_documents("all", gold_dir), []
    from gikp_nlp.training.corpus import cv_documents

    docs, folds = cv_documents(gold_dir, folds_file)
    bad = [k for k in exclude_folds if not 0 <= k < folds.k]
    if bad:
        raise ConfigError(f"--exclude-folds {bad} out of range: the folds file records {folds.k} folds",
                          hint=f"use 0..{folds.k - 1}")
    fold_of = folds.as_mapping()
    left_out = set(exclude_folds)
    return ([d for d in docs if fold_of.get(d["id"]) not in left_out],
            [d for d in docs if fold_of.get(d["id"]) in left_out])


def read_encoder(path: str | Path) -> dict[str, Any]:
    """The meta.json of an encoder directory (ModelLoadError when it is none)."""
    path = Path(path)
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelLoadError(f"no encoder at {path} (no {META_FILE})",
                             hint="write one with `gikp pretrain --config configs/pretrain.toml --output DIR`") from None
    except json.JSONDecodeError as exc:
        raise ModelLoadError(f"{path / META_FILE} is not valid JSON: {exc}") from None
    if meta.get("kind") != KIND:
        raise ModelLoadError(f"{path} is not a pretrained encoder (meta.json kind {meta.get('kind')!r})",
                             hint="model.encoder names a `gikp pretrain` output, not a trained tagger")
    return meta


def encoder_path(encoder: str, fold: str) -> Path:
    """``model.encoder`` with ``{fold}`` replaced (``fold-K`` for CV fold K's model, ``all`` otherwise)."""
    return Path(encoder.replace("{fold}", fold)).expanduser()


def start_from_encoder(path: str | Path, model_cfg: ModelSection) -> tuple[CharVocab, dict[str, Any], dict[str, Any]]:
    """(vocab, encoder state dict for ``BertForTokenClassification.bert``, what the tagger's meta.json records)
    of the encoder at ``path``; a ConfigError when its shape differs from the training config's [model]."""
    from safetensors.torch import load_file

    from gikp_nlp.pipeline import weights_sha256

    path = Path(path)
    meta = read_encoder(path)
    theirs = meta["config"]["model"]
    differ = {k: (getattr(model_cfg, k), theirs.get(k)) for k in SHAPE_KEYS if getattr(model_cfg, k) != theirs.get(k)}
    if differ:
        raise ConfigError(f"the encoder at {path} has another shape: {differ} (config, encoder)",
                          hint="pretrain with the [model] section of the training config")
    weights = path / WEIGHTS_FILE
    if not weights.is_file():
        raise ModelLoadError(f"no {WEIGHTS_FILE} in {path}", hint="the encoder directory is incomplete")
    state = {k.removeprefix("bert."): v for k, v in load_file(str(weights)).items() if k.startswith("bert.")}
    record = {"path": str(path), "name": meta.get("name"), "config_sha256": meta.get("config_sha256"),
              "weights_sha256": weights_sha256(path), "real_docs": meta["data"]["real_docs"],
              "excluded_folds": meta["data"].get("excluded_folds", []),
              "steps": meta.get("training", {}).get("steps"), "held_out": meta.get("held_out")}
    return CharVocab.load(path), state, record


def check_encoder_not_leaked(encoder: str, fold: int, held_ids: Iterable[str]) -> None:
    """A typed error when fold ``fold``'s encoder (``model.encoder``, ``{fold}`` = ``fold-K``) read the text
    of a document that fold scores: checked before the fold model trains, and again when CV scores it."""
    if not encoder:
        return
    path = encoder_path(encoder, f"fold-{fold}")
    read = set(read_encoder(path)["data"]["real_docs"])
    leaked = sorted(read & set(held_ids))
    if leaked:
        raise AnnotationError(f"fold {fold}: the encoder {path} read {len(leaked)} held-out document(s): "
                              f"{', '.join(leaked[:5])}{' …' if len(leaked) > 5 else ''}",
                              hint="pretrain fold K's encoder with `gikp pretrain --exclude-folds K` "
                                   "(training/pretrain_recipe.sh)")


def render_encoder_card(meta: dict[str, Any]) -> str:
    """The encoder's model card: what it read, how it was trained, how to reproduce it."""
    cfg, data, tr = meta["config"], meta["data"], meta["training"]
    held = meta.get("held_out")
    lines = [
        f"# {meta['name']}: a pretrained character encoder (masked LM)",
        "",
        "The encoder a narrative tagger of gikp-nlp can start from (`model.encoder` in a training config).",
        "It is not a tagger: `gikp extract` never loads it.",
        "",
        "## Data",
        f"- {data['synthetic_docs']} generated reports (seed {data['synthetic_seed']}) and the text (never the",
        f"  labels) of {len(data['real_docs'])} gold documents; {data['characters']:,} characters.",
        f"- Folds left out: {data['excluded_folds'] or 'none'} (a CV fold model may only start from an encoder",
        "  that never read its held-out documents; meta.json lists every document read).",
        "",
        "## Training",
        f"- {cfg['model']['num_layers']} layers, hidden {cfg['model']['hidden_size']}, {meta['parameters']:,} "
        f"parameters; windows of {cfg['data']['window']} characters.",
        f"- Masking: {cfg['mask']['share']:.0%} of the characters predicted ({cfg['mask']['unk_share']:.0%} of "
        f"them read as [UNK], {cfg['mask']['random_share']:.0%} as a random character); digits predicted: "
        f"{cfg['mask']['digits']}.",
        f"- {tr['steps']} steps of {cfg['train']['batch_size']} windows, LR {cfg['train']['learning_rate']}, "
        f"on {tr['device']} in {tr['train_seconds']:.0f} s; last loss {tr['last_loss']}.",
    ]
    if held:
        lines.append(f"- Masked-character accuracy on the {held['documents']} left-out documents: "
                     f"{held['accuracy']} ({held['masked_chars']} characters).")
    lines += [
        "",
        "## Reproduce",
        "```",
        f"gikp pretrain --config configs/pretrain.toml --output DIR"
        + (f" --exclude-folds {','.join(map(str, data['excluded_folds']))}" if data["excluded_folds"] else ""),
        "gikp train --config configs/gikp-ner-zh.toml --set model.encoder=DIR --output MODEL",
        "```",
        "",
    ]
    return "\n".join(lines)
