"""The extraction pipeline: reader → tables (rules) → narrative (model or rules)
→ implicit zeros → records → checks. One ``Extractor`` holds the loaded pieces
so that a model is loaded once for many reports."""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Literal

from gikp_nlp.config import Config, load_config
from gikp_nlp.document import Document, spans_outside
from gikp_nlp.errors import GikpError, ModelLoadError, ProcessingError
from gikp_nlp.io import read_document
from gikp_nlp.narrative.fallback import FallbackTagger
from gikp_nlp.narrative.implicit import find_implicit_zeros
from gikp_nlp.narrative.rules import RuleTagger
from gikp_nlp.records import build_records, run_checks
from gikp_nlp.report import Report
from gikp_nlp.schema import Taxonomy, get_taxonomy
from gikp_nlp.tables import extract_tables

logger = logging.getLogger(__name__)

Source = str | bytes | os.PathLike
OnError = Literal["raise", "skip", "return"]


def resolve_model_path(name: str) -> Path | None:
    """A model directory by name: as given (absolute or relative to the working
    dir), else relative to the project checkout the package lives in."""
    candidates = [Path(name)]
    if not Path(name).is_absolute():
        candidates.append(Path(__file__).resolve().parent.parent / name)
    for path in candidates:
        if (path / "config.json").is_file():
            return path
    return None


class Extractor:
    """A reusable extractor: ``Extractor(config).extract(source)``.

    Build it with :func:`load`. Thread-safe for reading; one per process for
    ``pipe(n_process>1)``.
    """

    def __init__(self, config: Config | None = None, taxonomy: Taxonomy | None = None) -> None:
        self.config = config or load_config()
        self.taxonomy = taxonomy or get_taxonomy()
        self.narrative_tagger = self._load_narrative_tagger()
        self.engine = getattr(self.narrative_tagger, "engine", "rules")

    def _load_narrative_tagger(self) -> Any:
        """``rules``; ``model`` (the model alone); ``hybrid`` (the model, the rules
        where it is silent); ``auto`` = ``hybrid`` when a model is found, else ``rules``."""
        cfg = self.config.narrative
        rules = RuleTagger(self.taxonomy, cfg)
        if cfg.engine == "rules":
            return rules
        path = resolve_model_path(cfg.model)
        if path is None:
            if cfg.engine == "auto":
                return rules
            raise ModelLoadError(
                f"no trained model at {cfg.model!r}",
                hint="train one with `gikp train --config configs/gikp-ner-zh.toml`, "
                "pass narrative.model=<dir>, or use narrative.engine='rules'",
            )
        from gikp_nlp.model import NerTagger  # lazy: torch only when a model is used
        from gikp_nlp.narrative.relate import ModelEngine

        model = ModelEngine(NerTagger.from_pretrained(path, taxonomy=self.taxonomy, config=cfg))
        return model if cfg.engine == "model" else FallbackTagger(model, rules)

    # -- the stages -----------------------------------------------------------
    def read(self, source: Source, *, format: str | None = None) -> Document:
        return read_document(source, format=format, config=self.config.io)

    def process(self, document: Document) -> Report:
        """Run every stage on a Document already read."""
        text = document.text
        notes: list[str] = []
        table_mentions: tuple = ()
        regions: tuple = ()
        forms: tuple[str, ...] = ()
        if self.config.tables.enabled:
            tables = extract_tables(document, self.taxonomy, self.config.tables)
            table_mentions, regions, forms = tables.mentions, tables.regions, tables.formats
            notes += tables.notes
        spans = spans_outside(len(text), regions)
        narrative_mentions = self.narrative_tagger.tag(text, spans)
        implicit = find_implicit_zeros(text, spans, self.taxonomy)
        mentions = [*table_mentions, *narrative_mentions, *implicit]
        records, conflicts = build_records(mentions, self.taxonomy)
        checks = conflicts + run_checks(records, self.taxonomy, self.config.records, forms)
        return Report(
            text=text,
            records=tuple(records),
            checks=tuple(checks),
            document=document,
            notes=tuple(notes),
            source=document.source,
        )

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
        with ProcessPoolExecutor(max_workers=n_process, initializer=_init_worker,
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


def load(config: str | Path | None = None, **overrides: Any) -> Extractor:
    """Build an Extractor from the packaged defaults, a TOML file, and overrides.

    >>> ex = load(narrative__engine="rules")      # doctest: +SKIP
    Overrides use ``section__key`` (or pass a dict as ``overrides={"narrative.engine": "rules"}``).
    """
    flat = dict(overrides.pop("overrides", {}) or {})
    for key, value in overrides.items():
        flat[key.replace("__", ".")] = value
    return Extractor(load_config(config, flat))


_DEFAULT: Extractor | None = None


def extract(source: Source, *, format: str | None = None) -> Report:
    """One-shot extraction with the default extractor (built once, then reused)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT.extract(source, format=format)
