"""The one object that flows through the extraction stages.

Like spaCy's ``Doc``: the reader makes it, each stage of the
:class:`~gikp_nlp.pipeline.Extractor` takes it and returns it with its own
slot filled (``Doc -> Doc``), and the last step turns it into a
:class:`~gikp_nlp.report.Report`. What one stage decides (the table regions,
the form era, the folded view) is decided once and read by the stages after
it, instead of being guessed again by each engine.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from gikp_nlp.document import Document, spans_outside
from gikp_nlp.report import CheckResult, EngineInfo, Mention, Record, Report

if TYPE_CHECKING:  # pragma: no cover
    from gikp_nlp.lexicon import FoldedText


@dataclass(frozen=True)
class Doc:
    """A report between stages.

    ``table_regions``: spans of ``text`` the table stage consumed (the narrative
    stages read the rest); ``forms``: the statistics-table formats recognised;
    ``year`` / ``era``: the reporting year and the form era (``t2008`` or
    ``t2019``) of the report, decided once (``None`` when the text names no
    year); ``mentions`` accumulate stage by stage (tables, narrative, implicit
    zeros); ``records`` and ``checks`` are filled by the last stages.
    """

    document: Document
    folded: FoldedText | None = field(default=None, repr=False)
    table_regions: tuple[tuple[int, int], ...] = ()
    forms: tuple[str, ...] = ()
    year: int | None = None
    era: str | None = None
    mentions: tuple[Mention, ...] = ()
    records: tuple[Record, ...] = ()
    checks: tuple[CheckResult, ...] = ()
    notes: tuple[str, ...] = ()
    engine: EngineInfo = field(default_factory=EngineInfo)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def narrative_spans(self) -> list[tuple[int, int]]:
        """The parts of the text no table claimed: what the narrative stages read."""
        return spans_outside(len(self.text), self.table_regions)

    def update(self, **changes: Any) -> "Doc":
        """A copy with ``changes`` (a stage's output) filled in."""
        return replace(self, **changes)

    def add(self, mentions: tuple[Mention, ...] | list[Mention] = (), notes: tuple[str, ...] | list[str] = ()) -> "Doc":
        """A copy with ``mentions`` and ``notes`` appended to those found so far."""
        return replace(self, mentions=(*self.mentions, *mentions), notes=(*self.notes, *notes))

    def to_report(self) -> Report:
        return Report(
            text=self.text,
            records=self.records,
            checks=self.checks,
            document=self.document,
            notes=self.notes,
            source=self.document.source,
            engine=self.engine,
            forms=self.forms,
            era=self.era,
            table_regions=self.table_regions,
        )
