"""Train the narrative tagger: synthetic reports + the gold train split → char
windows with BIO tags → a from-scratch BertForTokenClassification, plain torch loop.

``train(config_path, output_dir, overrides)`` is what ``gikp train`` calls.
The generator is the packaged :mod:`gikp_nlp.training.synth`; real documents
come from the gold directory passed in, so training runs from an installed
wheel as well as from a checkout. Seeds are fixed; a run is budgeted in steps
(``train.max_steps``, so that its result does not depend on the machine's load);
``train.max_minutes`` is a safety stop that saves what it has and says so loudly.
"""
from __future__ import annotations

import json
import logging
import math
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from gikp_nlp.config import load_config
from gikp_nlp.errors import ConfigError
from gikp_nlp.extras import require
from gikp_nlp.model.bio import spans_to_tags
from gikp_nlp.training.config import TrainConfig, load_train_config
from gikp_nlp.training.corpus import docs_hash, gold_documents
from gikp_nlp.model.vocab import CharVocab
from gikp_nlp.model.windows import window_starts
from gikp_nlp.schema import Taxonomy, get_taxonomy

logger = logging.getLogger(__name__)
IGNORE = -100  # label id torch's cross-entropy skips (padding)
DIGITS = "0123456789０１２３４５６７８９"  # never replaced by [UNK] noise nor masked: a count's digits are its value
DEFAULT_OUTPUT = "runs"  # output parent when none is given, relative to the working directory


def synthetic_documents(n: int, seed: int, taxonomy: Taxonomy, hard: float = 0.0) -> list[dict[str, Any]]:
    """``n`` generated reports (document i depends on (seed, i, hard) only; ``hard``:
    the share that also get hard cases)."""
    from gikp_nlp.training.synth import generate

    return generate(n, seed, taxonomy, hard=hard)


def windows_dataset(docs: list[dict[str, Any]], vocab: CharVocab, labels: list[str], window: int,
                    stride: int, repeat: int = 1,
                    unlabelled: Mapping[str, Sequence[tuple[int, int]]] | None = None,
                    number_windows: bool = False, context: bool = False) -> Any:
    """A ``datasets.Dataset`` of char windows over the model's view of each text
    (:func:`model_view`, as at inference): input_ids and BIO label ids.

    ``unlabelled``: per document id, spans of the original text whose characters
    get no label (``IGNORE``: read as context, never a loss term).
    ``number_windows``: besides the windows every ``stride`` characters, the
    windows inference reads each number in (:func:`training_windows`).
    ``context``: also each character's document context id (``token_type_ids``,
    :func:`gikp_nlp.model.context.context_ids`, as the tagger computes them)."""
    from gikp_nlp.lexicon import form_era
    from gikp_nlp.model.context import context_ids
    from gikp_nlp.model.tagger import model_view

    Dataset = require("datasets", "train").Dataset

    index = {label: i for i, label in enumerate(labels)}
    ids_col, labels_col, doc_col, types_col = [], [], [], []
    for doc in docs:
        text, spans = view_spans(doc)
        types = context_ids(text, form_era(doc["text"])).tolist() if context else None
        tags = spans_to_tags(len(text), spans)
        ids = vocab.encode(text)
        tag_ids = [index[t] for t in tags]
        skip = (unlabelled or {}).get(doc["id"])
        if skip:
            _, origin = model_view(doc["text"])
            tag_ids = [IGNORE if any(s <= origin[i] < e for s, e in skip) else t for i, t in enumerate(tag_ids)]
        for start, width in training_windows(text, window, stride, number_windows):
            for _ in range(repeat):
                ids_col.append(ids[start:start + width])
                labels_col.append(tag_ids[start:start + width])
                doc_col.append(doc["id"])
                if types is not None:
                    types_col.append(types[start:start + width])
    columns = {"input_ids": ids_col, "labels": labels_col, "doc": doc_col}
    if context:
        columns["token_type_ids"] = types_col
    return Dataset.from_dict(columns)


def training_windows(text: str, window: int, stride: int, number_windows: bool = False) -> list[tuple[int, int]]:
    """``(start, width)`` of the windows one text is trained on: every ``stride``
    characters from its start and, with ``number_windows``, also the windows the
    tagger reads each number in at inference (centred on the number's line or
    sentence, :func:`~gikp_nlp.model.windows.line_windows`): a model trained only
    on the first kind sees numbers at other places in its window than it is asked
    about them (a small model trained briefly loses half its recall on its own
    training documents)."""
    spans = [(start, min(window, len(text) - start)) for start in window_starts(len(text), window, stride)]
    if number_windows:
        import numpy as np

        from gikp_nlp.model.windows import line_windows
        from gikp_nlp.numbers import find_numbers

        rows = sorted({i for n in find_numbers(text) for i in range(n.start, n.end)})
        if rows:
            spans += sorted({(start, width) for start, width, _, _ in
                             line_windows(text, np.asarray(rows), window, stride)} - set(spans))
    return spans


def table_regions(docs: Sequence[dict[str, Any]], taxonomy: Taxonomy) -> dict[str, tuple[tuple[int, int], ...]]:
    """Per document id, the spans the table rules read (as the pipeline finds them, the text as one
    narrative block): at inference the narrative model never tags there, so real documents' table
    cells (57% of the gold mentions of a CV fold's training documents, in 10% of the characters)
    would only teach it to tag numbers by grid position."""
    from gikp_nlp.document import Block, Document
    from gikp_nlp.tables import extract_tables

    tables = load_config().tables
    out = {}
    for doc in docs:
        document = Document(text=doc["text"], blocks=(Block("narrative", 0, len(doc["text"])),), source=doc["id"])
        regions = tuple(extract_tables(document, taxonomy, tables).regions)
        if regions:
            out[doc["id"]] = regions
    return out


def view_spans(doc: dict[str, Any]) -> tuple[str, list[tuple[int, int, str]]]:
    """The model's view of a gold document and its mention spans moved into it
    (a mention whose first or last character the view drops is left out, logged)."""
    from gikp_nlp.model.tagger import model_view

    folded, index = model_view(doc["text"])
    where = {orig: i for i, orig in enumerate(index)}
    spans = []
    for m in doc["mentions"]:
        start, last = where.get(m["start"]), where.get(m["end"] - 1)
        if start is None or last is None:
            logger.warning("%s: mention %r at %d is not in the model's view; left out", doc.get("id"), m["text"],
                           m["start"])
            continue
        spans.append((start, last + 1, m["indicator"]))
    return folded, spans


def augment_real(docs: list[dict[str, Any]], copies: int, seed: int) -> list[dict[str, Any]]:
    """Each real document once as is, plus ``copies - 1`` variants whose annotated
    numbers are re-written (other values, full-width, separators, Chinese numerals),
    so that the model learns the real contexts rather than the real digits."""
    from gikp_nlp.training.synth.numerals import render

    out = []
    for doc in docs:
        out.append(doc)
        for k in range(1, copies):
            rng = random.Random(f"{seed}:{doc['id']}:{k}")
            text, shift, mentions = doc["text"], 0, []
            pieces, pos = [], 0
            for m in sorted(doc["mentions"], key=lambda m: m["start"]):
                if m["start"] < pos:
                    continue
                value = int(10 ** rng.uniform(0, 4)) if rng.random() < 0.7 else m["value"]
                new, _, _ = render(value, rng) if isinstance(value, int) else (m["text"], "", False)
                pieces.append(text[pos:m["start"]])
                start = m["start"] + shift
                mentions.append({**m, "start": start, "end": start + len(new), "text": new, "value": value})
                pieces.append(new)
                shift += len(new) - (m["end"] - m["start"])
                pos = m["end"]
            pieces.append(text[pos:])
            out.append({**doc, "id": f"{doc['id']}~{k}", "text": "".join(pieces), "mentions": mentions})
    return out


def _batches(dataset: Any, batch_size: int, rng: random.Random) -> list[list[int]]:
    order = list(range(len(dataset)))
    rng.shuffle(order)
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def _collate(rows: dict[str, list[list[int]]]) -> tuple[Any, Any, Any, Any]:
    """(input_ids, attention_mask, labels, token_type_ids) of a batch, padded; the token types are the
    characters' context ids when the dataset has them (``windows_dataset(context=True)``), else 0."""
    import torch

    width = max(len(r) for r in rows["input_ids"])
    n = len(rows["input_ids"])
    input_ids = torch.zeros((n, width), dtype=torch.long)
    mask = torch.zeros((n, width), dtype=torch.long)
    labels = torch.full((n, width), IGNORE, dtype=torch.long)
    types = torch.zeros((n, width), dtype=torch.long)
    for i, (ids, tags) in enumerate(zip(rows["input_ids"], rows["labels"])):
        input_ids[i, :len(ids)] = torch.tensor(ids)
        mask[i, :len(ids)] = 1
        labels[i, :len(tags)] = torch.tensor(tags)
    for i, ctx in enumerate(rows.get("token_type_ids") or ()):
        types[i, :len(ctx)] = torch.tensor(ctx)
    return input_ids, mask, labels, types


def _unk_noise(input_ids: Any, keep_ids: Any, share: float, generator: Any) -> Any:
    """Replace ``share`` of the characters (never digits or padding) by [UNK]."""
    import torch

    if share <= 0:
        return input_ids
    noise = torch.rand(input_ids.shape, generator=generator) < share
    noise &= ~torch.isin(input_ids, keep_ids) & (input_ids != 0)
    return input_ids.masked_fill(noise, 1)


#: the moving average's decay ramps up as min(ema_decay, (1 + n) / (EMA_WARMUP + n)) after n steps, so
#: that it always averages over roughly the last tenth of the run: a fixed 0.999 from step 1 kept 27% of
#: the first steps' (untrained) weights in a 1 300-step run and made cross-validation's fold models useless
EMA_WARMUP = 10.0


def ema_decay_at(step: int, decay: float) -> float:
    """The moving average's decay at update ``step`` (0-based): ramped up from 0 (the first update
    copies the weights) to ``decay``, so a short run is not averaged with its untrained start."""
    return min(decay, (1.0 + step) / (EMA_WARMUP + step))


def resolve_device(name: str) -> Any:
    """The torch device of ``train.device``: ``cuda`` fails with a typed error when torch sees no GPU
    (a run never falls back silently from what its config asked for); ``auto`` takes one when there is one."""
    import torch

    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError("train.device = \"cuda\" but torch sees no CUDA GPU",
                          hint="use \"cpu\" (the same recipe, slower) or \"auto\"")
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(name)


def planned_steps(windows: int, cfg: Any) -> int:
    """The optimizer steps a run makes: ``epochs`` passes over the windows, capped at ``max_steps`` (> 0)."""
    t = cfg.train
    total = max(1, math.ceil(windows / t.batch_size) * t.epochs)
    return min(total, t.max_steps) if t.max_steps else total


def fit(model: Any, dataset: Any, cfg: Any, keep_ids: list[int] | None = None,
        corrupt: Callable[[Any, Any, Any], tuple[Any, Any]] | None = None) -> dict[str, Any]:
    """AdamW + linear warmup/decay over the planned steps (:func:`planned_steps`; the LR reaches 0 at
    the step budget); returns loss/steps/time figures, ``stop`` saying why the run ended: ``epochs``,
    ``max_steps``, or ``max_minutes`` (the clock cut it: a warning, and ``stopped_early``).

    ``cfg``: a TrainConfig or a PretrainConfig (only its [train] section is read). ``corrupt``: what a
    batch's (input_ids, labels) become before the forward pass, drawn from the run's generator on the CPU
    (the masked LM's masking, :class:`gikp_nlp.training.pretrain.Masker`); none for tagging."""
    import torch

    generator = torch.Generator().manual_seed(cfg.train.seed)
    keep = torch.tensor(sorted(set(keep_ids or [])), dtype=torch.long)
    device = resolve_device(cfg.train.device)
    model.to(device)

    t = cfg.train
    rng = random.Random(t.seed)
    total = planned_steps(len(dataset), cfg)
    warmup = max(1, int(total * t.warmup_ratio))
    no_decay = [p for n, p in model.named_parameters() if n.endswith("bias") or "LayerNorm" in n]
    decay = [p for n, p in model.named_parameters() if not (n.endswith("bias") or "LayerNorm" in n)]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": t.weight_decay},
                                   {"params": no_decay, "weight_decay": 0.0}], lr=t.learning_rate)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    # a moving average of the weights is what gets saved (ema_decay > 0): it
    # smooths the last steps' noise, which a from-scratch model on few real
    # documents is sensitive to
    params = list(model.parameters())
    ema = [p.detach().clone() for p in params] if t.ema_decay else None
    model.train()
    began, step, running, since_log, stop = time.monotonic(), 0, 0.0, 0, "epochs"
    last_loss: float | None = None
    for epoch in range(t.epochs):
        for batch in _batches(dataset, t.batch_size, rng):
            input_ids, mask, labels, types = _collate(dataset[batch])
            input_ids = _unk_noise(input_ids, keep, t.unk_dropout, generator)  # drawn on the CPU: same noise anywhere
            if corrupt is not None:
                input_ids, labels = corrupt(input_ids, labels, generator)
            input_ids, mask, labels, types = (x.to(device, non_blocking=True) for x in (input_ids, mask, labels, types))
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=t.precision == "bf16"):
                loss = model(input_ids=input_ids, attention_mask=mask, token_type_ids=types, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            if ema is not None:
                d = ema_decay_at(step, t.ema_decay)
                with torch.no_grad():
                    for averaged, p in zip(ema, params):
                        averaged.mul_(d).add_(p.detach(), alpha=1.0 - d)
            step += 1
            running += loss.detach()  # a tensor: no device sync per step
            since_log += 1
            if step % t.log_every == 0 or step == total:
                last_loss = float(running) / since_log
                logger.info("epoch %d step %d/%d loss %.4f lr %.2e %.0fs", epoch + 1, step, total, last_loss,
                            schedule.get_last_lr()[0], time.monotonic() - began)
                running, since_log = 0.0, 0
            if step >= total:
                stop = "max_steps" if t.max_steps and total == t.max_steps else "epochs"
                break
            if time.monotonic() - began > t.max_minutes * 60:
                stop = "max_minutes"
                logger.warning("SAFETY STOP: train.max_minutes = %.1f spent at step %d of %d planned (LR still "
                               "%.2e): the model is under-trained; budget the run with train.max_steps",
                               t.max_minutes, step, total, schedule.get_last_lr()[0])
                break
        if step >= total or stop == "max_minutes":
            break
    if since_log:
        last_loss = float(running) / since_log
    if ema is not None:
        with torch.no_grad():
            for target, averaged in zip(params, ema):
                target.copy_(averaged)
    model.to("cpu")  # saved and used on the CPU, wherever it trained
    model.eval()
    return {"steps": step, "planned_steps": total, "stop": stop, "stopped_early": stop == "max_minutes",
            "final_lr": schedule.get_last_lr()[0], "last_loss": None if last_loss is None else round(last_loss, 4),
            "train_seconds": round(time.monotonic() - began, 1), "windows": len(dataset), "device": str(device)}


def train(config_path: str | Path, output_dir: str | Path | None = None,
          overrides: dict[str, Any] | None = None, *, gold_dir: str | Path | None = None,
          splits_dir: str | Path | None = None, real_docs: Sequence[dict[str, Any]] | None = None,
          dev_docs: Sequence[dict[str, Any]] | None = None, init_from: str | Path | None = None,
          fold: str = "all") -> Path:
    """Train per ``config_path`` and save to ``output_dir`` (default ./runs/<name>/;
    the shipped model is replaced with ``output_dir=gikp_nlp/models/<name>``).

    ``gold_dir``/``splits_dir``: see :func:`gikp_nlp.training.corpus.gold_documents`
    (read only when the config uses real data). ``real_docs``: the real training
    documents instead of the train split (cross-validation passes the other
    folds); ``dev_docs``: the documents scored into meta.json instead of the dev
    split (empty: none). ``init_from``: a model name or directory to fine-tune
    (its vocab, weights and architecture; :func:`gikp_nlp.training.finetune.start_model`).
    ``fold``: what ``{fold}`` in ``model.encoder`` stands for (``fold-K`` for CV fold K's model)."""
    import torch

    from gikp_nlp.model.tagger import NerTagger, build_model
    from gikp_nlp.training.card import render_card

    cfg, config_sha = load_train_config(config_path, overrides)
    output = Path(output_dir) if output_dir else Path(DEFAULT_OUTPUT) / cfg.name
    taxonomy = get_taxonomy()
    start = None
    if init_from is not None:
        from gikp_nlp.training.finetune import start_model

        start = start_model(init_from, cfg, taxonomy)
        cfg = start.config
    resolve_device(cfg.train.device)  # a GPU asked for and absent fails before the data is built
    encoder = None  # (vocab, encoder weights, record); a missing or mis-shaped encoder fails before the data
    if cfg.model.encoder:
        from gikp_nlp.training.pretrain import encoder_path, start_from_encoder

        encoder = start_from_encoder(encoder_path(cfg.model.encoder, fold), cfg.model)
        logger.info("starting from the pretrained encoder %s (its vocab of %d chars; vocab.min_freq unused)",
                    encoder[2]["path"], len(encoder[0]))
    torch.manual_seed(cfg.train.seed)
    random.seed(cfg.train.seed)
    torch.set_num_threads(cfg.train.threads)
    began = time.monotonic()

    synthetic = synthetic_documents(cfg.data.synthetic_docs, cfg.data.synthetic_seed, taxonomy,
                                    cfg.data.synthetic_hard)
    if not cfg.data.use_real:
        real = []
    else:
        real = (list(real_docs) if real_docs is not None
                else gold_documents(cfg.data.real_split, gold_dir, splits_dir))
    logger.info("data: %d synthetic docs, %d real train docs", len(synthetic), len(real))
    if start:
        vocab = start.tagger.vocab
    elif encoder:
        vocab = encoder[0]
    else:
        vocab = CharVocab.build([view_spans(d)[0] for d in synthetic + real], min_freq=cfg.vocab.min_freq)
    labels = taxonomy.bio_labels()
    around = cfg.data.number_windows
    ctx = cfg.model.context
    synth_ds = windows_dataset(synthetic, vocab, labels, cfg.data.window, cfg.data.stride, number_windows=around,
                               context=ctx)
    if real:
        concatenate_datasets = require("datasets", "train").concatenate_datasets

        if cfg.data.real_augment:
            docs = augment_real(real, cfg.data.real_repeat, cfg.train.seed)
            skip = None if cfg.data.real_table_labels else table_regions(docs, taxonomy)
            real_ds = windows_dataset(docs, vocab, labels, cfg.data.window, cfg.data.stride, unlabelled=skip,
                                      number_windows=around, context=ctx)
        else:
            skip = None if cfg.data.real_table_labels else table_regions(real, taxonomy)
            real_ds = windows_dataset(real, vocab, labels, cfg.data.window, cfg.data.stride, cfg.data.real_repeat,
                                      unlabelled=skip, number_windows=around, context=ctx)
        if skip is not None:
            logger.info("real documents: the statistics tables of %d of %d get no labels", len(skip), len(real))
        dataset = concatenate_datasets([synth_ds, real_ds])
    else:
        dataset = synth_ds
    logger.info("%d windows, vocab %d chars", len(dataset), len(vocab))

    # read before the fit: a broken pipeline config must fail now, not after the run
    narrative = replace(load_config().narrative, window=cfg.data.window,
                        stride=min(cfg.data.stride, cfg.data.window))
    model = start.tagger.model if start else build_model(len(labels), len(vocab), dict(vars(cfg.model)), labels)
    if encoder:
        model.bert.load_state_dict(encoder[1], strict=True)  # the classifier head alone starts at random
    figures = fit(model, dataset, cfg, keep_ids=vocab.encode(DIGITS))
    meta = {
        "name": cfg.name,
        "version": _version(),
        "config": cfg.to_dict(),
        "config_sha256": config_sha,
        "data": {"synthetic_docs": len(synthetic), "synthetic_seed": cfg.data.synthetic_seed,
                 "synthetic_sha256": docs_hash(synthetic), "real_train_docs": [d["id"] for d in real],
                 "real_sha256": docs_hash(real)},
        "training": {**figures, "total_seconds": round(time.monotonic() - began, 1)},
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    if start:
        meta["init_from"] = start.record
    if encoder:
        meta["init_encoder"] = encoder[2]  # its real_docs: what CV's leak check reads besides real_train_docs
    tagger = NerTagger(model, vocab, taxonomy, narrative, meta)
    try:
        from gikp_nlp.narrative.relate import ModelEngine  # the model joined to the relation step
        from gikp_nlp.training.evaluate import evaluate_tagger

        # trained on every gold document: nothing is held out to score (cross-validation measures the recipe)
        held_out = cfg.data.use_real and cfg.data.real_split == "all" and real_docs is None
        dev = (list(dev_docs) if dev_docs is not None
               else [] if held_out else gold_documents("dev", gold_dir, splits_dir))
        if dev:
            tagger.meta["metrics"] = {"dev": evaluate_tagger(ModelEngine(tagger), dev, taxonomy)["summary"]}
    except Exception as exc:  # noqa: BLE001 - metrics are a bonus; the trained model is still saved
        logger.warning("dev evaluation after training failed: %s", exc)
    tagger.save_pretrained(output)
    saved_meta = json.loads((output / "meta.json").read_text(encoding="utf-8"))
    (output / "README.md").write_text(render_card(saved_meta, output), encoding="utf-8")
    logger.info("saved %s in %.0fs", output, time.monotonic() - began)
    return output


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gikp-nlp")
    except PackageNotFoundError:
        return "0+unknown"
