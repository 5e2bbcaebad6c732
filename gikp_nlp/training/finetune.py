"""Fine-tuning a trained model on new annotations (the user's loop, issue 14 item 6).

``gikp train --from gikp-ner-zh --annotations export.json`` starts from a model
directory: its vocab (kept as is: the embedding table is fixed, so characters it
never saw read as [UNK]), its weights and its architecture. The new documents come
through the one Label Studio converter (:mod:`gikp_nlp.annotations.tasks`, the
same that ``gikp labelstudio pull`` uses) and are the real training data; a
held-out gold set, when given, scores the starting and the fine-tuned model
with the one scorer (:mod:`gikp_nlp.training.evaluate`).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gikp_nlp.errors import AnnotationError, ConfigError
from gikp_nlp.schema import Taxonomy, get_taxonomy

logger = logging.getLogger(__name__)

#: the [model] keys of a training config and the BertConfig fields they set
ARCHITECTURE = {"hidden_size": "hidden_size", "num_layers": "num_hidden_layers", "num_heads": "num_attention_heads",
                "intermediate_size": "intermediate_size", "dropout": "hidden_dropout_prob",
                "attention_dropout": "attention_probs_dropout_prob", "max_position": "max_position_embeddings"}
REFIT_HINT = "gikp combiner --model {path}"


@dataclass(frozen=True)
class StartModel:
    """The model a fine-tune starts from, and the training config made to agree with it."""

    tagger: Any  # NerTagger
    config: Any  # TrainConfig, [model] replaced by the starting model's architecture
    record: dict[str, Any]  # what meta.json records under ``init_from``


def start_model(init_from: str | Path, cfg: Any, taxonomy: Taxonomy) -> StartModel:
    """Load ``init_from`` (a packaged name or a model directory) to train on.

    The architecture is the model's: [model] keys of ``cfg`` that differ are
    ignored with a logged note. The label list must equal the taxonomy's
    (ModelLoadError otherwise, from :class:`NerTagger`)."""
    from gikp_nlp.model.tagger import NerTagger
    from gikp_nlp.models import locate
    from gikp_nlp.pipeline import weights_sha256
    from gikp_nlp.training.config import ModelSection

    path = locate(str(init_from))
    tagger = NerTagger.from_pretrained(path, taxonomy=taxonomy)
    bert = tagger.model.config
    actual = {key: getattr(bert, field) for key, field in ARCHITECTURE.items()}
    actual["context"] = tagger.reads_context  # the document context as token types, or none (model/context.py)
    actual["encoder"] = cfg.model.encoder  # a fine-tune starts from the trained model's weights, not an encoder
    if cfg.model.encoder:
        raise ConfigError("a fine-tune starts from a trained model (--from): model.encoder must be \"\"",
                          hint="pretrained encoders start a training from scratch (gikp train --config)")
    differ = {key: getattr(cfg.model, key) for key in actual if getattr(cfg.model, key) != actual[key]}
    if differ:
        logger.info("fine-tuning keeps the architecture of %s: config [model] %s ignored (the model's: %s)", path,
                    differ, {k: actual[k] for k in differ})
    if cfg.data.window > actual["max_position"]:
        raise ConfigError(f"data.window {cfg.data.window} > the starting model's max_position {actual['max_position']}",
                          hint="a fine-tune reads windows the model has positions for")
    record = {"path": str(path), "name": tagger.meta.get("name"), "version": tagger.meta.get("version"),
              "config_sha256": tagger.meta.get("config_sha256"), "weights_sha256": weights_sha256(path),
              "vocab_size": len(tagger.vocab)}
    tagger.model.train()
    return StartModel(tagger, replace(cfg, model=ModelSection(**actual)), record)


def read_tasks_documents(path: str | Path, taxonomy: Taxonomy | None = None) -> list[dict[str, Any]]:
    """The annotated documents of a Label Studio JSON export (a list of tasks), a task
    file, or a folder of them (``*.json``, or an annotations directory's ``tasks/``),
    converted by :func:`~gikp_nlp.annotations.tasks.task_to_gold`; a folder may also
    hold gold JSON files. Tasks without a submitted annotation are left out (logged);
    none annotated at all is an AnnotationError."""
    from gikp_nlp.annotations.gold import GoldDocument
    from gikp_nlp.annotations.tasks import load_tasks, pick_annotation, task_ref, task_to_gold

    taxonomy = taxonomy or get_taxonomy()
    path = Path(path)
    if path.is_dir():
        files = sorted((path / "tasks").glob("*.json")) if (path / "tasks").is_dir() else sorted(path.glob("*.json"))
    elif path.is_file():
        files = [path]
    else:
        raise AnnotationError(f"annotations not found: {path}",
                              hint="pass a Label Studio JSON export, a task file or a folder of them")
    docs, skipped = {}, []
    for file in files:
        try:
            obj = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{file} is not valid JSON: {exc}") from None
        if isinstance(obj, dict) and "text" in obj and "mentions" in obj:  # a gold JSON file
            found = [GoldDocument.from_dict(obj, taxonomy)]
        elif isinstance(obj, dict) and "text" not in obj and "data" not in obj:
            continue  # manifests, splits and other files beside the tasks
        else:
            found = []
            for task in load_tasks(obj, str(file)):
                if pick_annotation(task) is None:
                    skipped.append(task_ref(task))
                    continue
                found.append(task_to_gold(task, taxonomy))
        for doc in found:
            if doc.id in docs:
                raise AnnotationError(f"{file}: document {doc.id!r} is annotated twice",
                                      hint="keep one task per document")
            docs[doc.id] = doc.to_dict()
    if skipped:
        logger.info("%d task(s) without a submitted annotation left out: %s", len(skipped), ", ".join(skipped))
    if not docs:
        raise AnnotationError(f"no annotated task in {path}",
                              hint="export the Label Studio project after submitting annotations (JSON format)")
    return [docs[i] for i in sorted(docs)]


def narrative_scores(model_dir: str | Path, docs: list[dict[str, Any]], engine: str = "auto") -> dict[str, Any]:
    """Narrative record P/R/F1 (with its interval) of the pipeline running the model at
    ``model_dir`` over ``docs`` (:func:`~gikp_nlp.training.evaluate.score_reports`)."""
    import warnings

    from gikp_nlp.pipeline import load
    from gikp_nlp.training.evaluate import extract_golds, score_reports

    with warnings.catch_warnings():  # a fine-tuned model has no combiner: the union, said once by the caller
        warnings.simplefilter("ignore", UserWarning)
        extractor = load(overrides={"narrative.model": str(Path(model_dir).resolve()), "narrative.engine": engine})
    narrative = score_reports(extract_golds(extractor, docs))["narrative"]
    return {"engine": extractor.engine, **narrative["record"],
            "record_f1_interval95": narrative["record_f1_interval95"]}


def finetune(init_from: str | Path, annotations: str | Path, config_path: str | Path,
             output_dir: str | Path | None = None, overrides: dict[str, Any] | None = None, *,
             eval_path: str | Path | None = None) -> tuple[Path, dict[str, Any] | None]:
    """Fine-tune ``init_from`` on the documents of ``annotations`` per ``config_path``;
    with ``eval_path`` (gold JSON folder or task file), score the starting and the
    new model there and record both in meta.json and the card. Returns the model
    directory and the held-out figures (None without ``eval_path``)."""
    from gikp_nlp.models import locate
    from gikp_nlp.training.card import render_card
    from gikp_nlp.training.train import train

    taxonomy = get_taxonomy()
    docs = read_tasks_documents(annotations, taxonomy)
    held = read_tasks_documents(eval_path, taxonomy) if eval_path is not None else None
    start = locate(str(init_from))
    if output_dir is not None and Path(output_dir).resolve() == start.resolve():
        raise ConfigError(f"--output {output_dir} is the starting model's directory",
                          hint="write the fine-tuned model to a new directory")
    if held is not None:
        overlap = sorted({d["id"] for d in docs} & {d["id"] for d in held})
        if overlap:
            raise AnnotationError(f"held-out documents are also training documents: {overlap}",
                                  hint="score on documents the fine-tune does not see")
    output = train(config_path, output_dir, overrides, real_docs=docs, dev_docs=[], init_from=start)
    if held is None:
        return output, None
    figures = {"documents": [d["id"] for d in held]}
    for name, directory in (("before", start), ("after", output)):
        figures[name] = {engine: narrative_scores(directory, held, engine) for engine in ("auto", "model")}
    meta_path = output / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["heldout"] = figures
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    (output / "README.md").write_text(render_card(meta, output), encoding="utf-8")
    return output, figures
