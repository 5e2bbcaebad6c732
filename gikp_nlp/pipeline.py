"""The extraction pipeline: a named list of stages a :class:`~gikp_nlp.doc.Doc`
passes through (context → tables → narrative → implicit → records → checks).
One ``Extractor`` holds the loaded pieces so that a model is loaded once (and
only when a narrative block needs it) for many reports."""
from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Literal

from gikp_nlp.config import Config, load_config
from gikp_nlp.doc import Doc
from gikp_nlp.document import Document
from gikp_nlp.errors import CombinerFeaturesError, GikpError, ModelLoadError, ProcessingError
from gikp_nlp.io import read_document
from gikp_nlp.models import locate
from gikp_nlp.lexicon import FoldedText
from gikp_nlp.candidates import Candidate
from gikp_nlp.narrative.combine import COMBINER_FILE, NO_COMBINER, CombinedTagger, Combiner
from gikp_nlp.narrative.fallback import FallbackTagger
from gikp_nlp.narrative.relate import ModelEngine, NarrativeTagger
from gikp_nlp.narrative.rules import RuleTagger
from gikp_nlp.report import EngineInfo, Mention, Report
from gikp_nlp.schema import Taxonomy, get_taxonomy
from gikp_nlp.stages import (
    ChecksStage,
    ContextStage,
    ImplicitStage,
    NarrativeStage,
    RecordsStage,
    Stage,
    TablesStage,
)

logger = logging.getLogger(__name__)

Source = str | bytes | os.PathLike
OnError = Literal["raise", "skip", "return"]
#: hex digits of the weights' sha256 a Report names its model by
MODEL_DIGEST_CHARS = 12
#: worker processes start fresh (torch is not fork-safe once it has run a model)
WORKER_START_METHOD = "spawn"


def resolve_model_path(name: str) -> Path | None:
    """A model directory: a packaged model by name, or a directory given as a
    path (:func:`gikp_nlp.models.locate`); None when there is none."""
    try:
        return locate(name)
    except ModelLoadError:
        return None


class LazyModelTagger:
    """The trained model, loaded on the first narrative text it is given:
    reports whose text is all tables, and bad inputs rejected by the reader,
    never pay for importing torch."""

    engine = "model"

    def __init__(self, path: Path, taxonomy: Taxonomy, config: Config) -> None:
        self.path = path
        self.taxonomy = taxonomy
        self.config = config.narrative
        self._model: ModelEngine | None = None

    @property
    def loaded(self) -> ModelEngine:
        if self._model is None:
            from gikp_nlp.model import NerTagger  # lazy: torch only when a model is used

            self._model = ModelEngine(NerTagger.from_pretrained(self.path, taxonomy=self.taxonomy, config=self.config))
        return self._model

    def tag(self, text: str, spans: list[tuple[int, int]] | None = None, *,
            folded: FoldedText | None = None, era: str | None = None) -> list[Mention]:
        return self.loaded.tag(text, spans, folded=folded, era=era)

    def candidates(self, text: str, spans: list[tuple[int, int]] | None = None, *,
                   folded: FoldedText | None = None) -> list[Candidate]:
        """The model's candidates (a :class:`~gikp_nlp.narrative.relate.CandidatePredictor`, loaded lazily)."""
        return self.loaded.predictor.candidates(text, spans, folded=folded)


def weights_sha256(path: Path) -> str | None:
    """The full sha256 of a model directory's weights (None without weights), read in blocks."""
    weights = path / "model.safetensors"
    if not weights.is_file():
        return None
    digest = hashlib.sha256()
    with weights.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_info(engine: str, path: Path, sha256: str | None = None) -> EngineInfo:
    """Name, version and weights digest of the model directory ``path`` (no torch); ``sha256``: the
    weights' digest when the caller has it already."""
    meta_file = path / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
    sha256 = weights_sha256(path) if sha256 is None else sha256
    return EngineInfo(narrative=engine, model=meta.get("name", path.name), model_version=meta.get("version"),
                      model_sha256=sha256[:MODEL_DIGEST_CHARS] if sha256 else None)


def load_combiner(model_path: Path, combiner: str = "", sha256: str | None = None) -> Combiner | None:
    """The hybrid's per-number combiner for the model at ``model_path``: the file ``combiner``, or
    ``combiner.json`` beside the weights when ``combiner`` is empty. None, with a warning, when there is
    none, it was fitted for other weights (the model's probabilities are its features) or names pair features
    this version does not compute (:class:`~gikp_nlp.errors.CombinerFeaturesError`): the hybrid is then the union
    of the model and the rules; ``combiner = "none"`` asks for the union (no warning)."""
    if combiner == NO_COMBINER:
        return None
    path = Path(combiner) if combiner else model_path / COMBINER_FILE
    if not path.is_file():
        if combiner:
            raise ModelLoadError(f"combiner file not found: {combiner}",
                                 hint="fit one with `gikp combiner --model <model dir>` or leave narrative.combiner empty")
        warnings.warn(f"no combiner beside the model at {model_path}: the hybrid engine is the union of the model "
                      "and the rules (refit: gikp combiner --model <model dir>)", UserWarning, stacklevel=4)
        return None
    try:
        fitted = Combiner.load(path)
    except CombinerFeaturesError as err:  # fitted by another version of the pair features
        warnings.warn(f"[{err.code}] the combiner {path} cannot score this version's pairs ({err.message}): the "
                      "hybrid engine is the union of the model and the rules (refit: gikp combiner --model <model dir>)",
                      UserWarning, stacklevel=4)
        return None
    sha = weights_sha256(model_path) if sha256 is None else sha256
    if fitted.model_sha256 != sha:
        warnings.warn(f"the combiner {path} was fitted for model weights {str(fitted.model_sha256)[:12]}, not "
                      f"{str(sha)[:12]}: the hybrid engine is the union of the model and the rules (refit: gikp "
                      "combiner --model <model dir>)", UserWarning, stacklevel=4)
        return None
    return fitted


class Extractor:
    """A reusable extractor: ``Extractor(config).extract(source)``.

    Build it with :func:`load`. ``stages`` is the named list a Doc passes
    through; ``narrative_tagger`` replaces the configured narrative engine
    (baselines, experiments). Thread-safe for reading; one per process for
    ``pipe(n_process>1)``.
    """

    def __init__(self, config: Config | None = None, taxonomy: Taxonomy | None = None, *,
                 narrative_tagger: NarrativeTagger | None = None) -> None:
        self.config = config or load_config()
        self.taxonomy = taxonomy or get_taxonomy()
        if narrative_tagger is None:
            self.narrative_tagger, self.engine_info = self._narrative_engine()
        else:
            self.narrative_tagger = narrative_tagger
            self.engine_info = EngineInfo(narrative=narrative_tagger.engine)
        self.stages: list[Stage] = [
            ContextStage(),
            TablesStage(self.taxonomy, self.config),
            NarrativeStage(self.narrative_tagger),
            ImplicitStage(self.taxonomy),
            RecordsStage(self.taxonomy),
            ChecksStage(self.taxonomy, self.config),
        ]

    @property
    def engine(self) -> str:
        """The narrative engine that runs: ``rules``, ``model`` or ``hybrid``."""
        return self.engine_info.narrative

    @property
    def stage_names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def _narrative_engine(self) -> tuple[NarrativeTagger, EngineInfo]:
        """``rules``; ``model`` (the model alone); ``hybrid`` (the model, the rules
        where it is silent); ``auto`` = ``hybrid`` when the model is found, else
        ``rules`` with a warning that says how to get the model back."""
        cfg = self.config.narrative
        rules = RuleTagger(self.taxonomy, cfg)
        if cfg.engine == "rules":
            return rules, EngineInfo(narrative="rules")
        path = resolve_model_path(cfg.model)
        if path is None:
            fix = ("reinstall gikp-nlp (the default model ships inside the package), pass "
                   "narrative.model=<model dir>, or train one with `gikp train`")
            if cfg.engine == "auto":
                warnings.warn(f"no trained model at {cfg.model!r}: narrative counts come from the rules engine "
                              f"alone; to use the model, {fix}", UserWarning, stacklevel=3)
                return rules, EngineInfo(narrative="rules")
            raise ModelLoadError(f"no trained model at {cfg.model!r}", hint=f"{fix}, or use narrative.engine='rules'")
        model = LazyModelTagger(path, self.taxonomy, self.config)
        if cfg.engine == "model":
            return model, model_info("model", path)
        sha = weights_sha256(path)  # once: the Report names it, the combiner must have been fitted for it
        combiner = load_combiner(path, cfg.combiner, sha)
        if combiner is None:
            return FallbackTagger(model, rules), model_info("hybrid", path, sha)
        return CombinedTagger(model, rules, combiner, self.taxonomy, cfg), model_info("hybrid", path, sha)

    # -- the stages -----------------------------------------------------------
    def read(self, source: Source, *, format: str | None = None) -> Document:
        return read_document(source, format=format, config=self.config.io)

    def process(self, document: Document) -> Report:
        """Run every stage on a Document already read."""
        doc = Doc(document=document, engine=self.engine_info)
        for stage in self.stages:
            doc = stage(doc)
        return doc.to_report()

    def extract(self, source: Source, *, format: str | None = None) -> Report:
        """Read ``source`` (text, path or bytes) and extract its records."""
        return self.process(self.read(source, format=format))

    __call__ = extract

    def pipe(
        self,
        sources: Iterable[Source],
        *,
        batch_size: int = 8,
        n_process: int = 1,
        on_error: OnError = "raise",
    ) -> Iterator[Report | GikpError]:
        """Extract many reports in order.

        ``on_error``: ``raise`` stops at the first bad input; ``skip`` logs and
        drops it; ``return`` yields the ``GikpError`` in its place, so callers
        can report which file failed.
        """
        if n_process <= 1:
            for source in sources:
                yield from self._one(source, on_error)
            return
        context = multiprocessing.get_context(WORKER_START_METHOD)
        with ProcessPoolExecutor(max_workers=n_process, mp_context=context, initializer=_init_worker,
                                 initargs=(self.config,)) as pool:
            for outcome in pool.map(_work, sources, chunksize=max(1, batch_size)):
                if isinstance(outcome, GikpError):
                    yield from self._handle(outcome, on_error)
                else:
                    yield outcome

    def _one(self, source: Source, on_error: OnError) -> Iterator[Report | GikpError]:
        try:
            report = self.extract(source)
        except GikpError as err:
            yield from self._handle(err, on_error)
            return
        except Exception as exc:  # a bug on one input must not stop a batch
            if on_error == "raise":
                raise
            logger.debug("internal error on %s", _describe(source), exc_info=True)
            yield from self._handle(_wrap(exc, source), on_error)
            return
        yield report

    @staticmethod
    def _handle(err: GikpError, on_error: OnError) -> Iterator[GikpError]:
        if on_error == "raise":
            raise err
        if on_error == "return":
            yield err
        else:
            logger.warning("skipped: %s", err)


_WORKER: Extractor | None = None


def _init_worker(config: Config) -> None:
    global _WORKER
    _WORKER = Extractor(config)


def _describe(source: Source) -> str:
    if isinstance(source, bytes):
        return f"<{len(source)} bytes>"
    if isinstance(source, str) and ("\n" in source or len(source) > 200):
        return f"<text of {len(source)} chars>"
    return str(source)


def _wrap(exc: Exception, source: Source) -> ProcessingError:
    return ProcessingError(
        f"internal error on {_describe(source)}: {type(exc).__name__}: {exc}",
        hint="this is a bug in gikp-nlp; please report it with the input file",
    )


def _work(source: Source) -> Report | GikpError:
    if _WORKER is None:  # pragma: no cover - set by the pool initializer
        raise RuntimeError("worker not initialised")
    try:
        return _WORKER.extract(source)
    except GikpError as err:
        return err
    except Exception as exc:  # noqa: BLE001 - reported per input, see _one
        return _wrap(exc, source)


def load(config: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Extractor:
    """Build an Extractor from the packaged defaults, a TOML file, and overrides.

    >>> ex = load(overrides={"narrative.engine": "rules"})      # doctest: +SKIP

    ``overrides`` use the dotted keys of the CLI's ``--set section.key=value``.
    """
    return Extractor(load_config(config, dict(overrides or {})))


_DEFAULT: Extractor | None = None


def extract(source: Source, *, format: str | None = None) -> Report:
    """One-shot extraction with the default extractor (built once, then reused)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(source, format=format)
