"""The output objects: Mention → Record → Report, plus CheckResult.

Invariant everywhere: ``report.text[m.start:m.end] == m.text`` for every mention
(and for its evidence span).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from gikp_nlp.document import Document

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

Source = Literal["table", "model", "rule"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the report text that states the value of an indicator.

    ``evidence`` is the span of the words naming the indicator (a table row
    label, a narrative cue). An implicit zero stated in words has
    ``start, end == evidence`` (the phrase, e.g. 未收到申请); a blank table cell
    read as 0 has ``blank=True``, ``start == end`` at the cell and ``text == ""``.
    """

    start: int
    end: int
    text: str
    indicator: str
    value: int | float
    applicant: str = "total"
    source: Source = "rule"
    confidence: float = 1.0
    approx: bool = False
    implicit: bool = False
    blank: bool = False
    evidence: tuple[int, int] | None = None
    evidence_text: str | None = None
    unit: str | None = None  # unit printed next to the number, when one is

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["evidence"] = list(self.evidence) if self.evidence else None
        return out


@dataclass(frozen=True, slots=True)
class Record:
    """One statistic: (indicator, applicant, value) with the mentions that state it."""

    indicator: str
    label: str
    applicant: str
    value: int | float
    unit: str
    approx: bool
    implicit: bool
    mentions: tuple[Mention, ...]
    blank: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.indicator, self.applicant)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({m.source for m in self.mentions}))

    @property
    def confidence(self) -> float:
        return max((m.confidence for m in self.mentions), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "label": self.label,
            "applicant": self.applicant,
            "value": self.value,
            "unit": self.unit,
            "approx": self.approx,
            "implicit": self.implicit,
            "blank": self.blank,
            "confidence": self.confidence,
            "sources": list(self.sources),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of one consistency rule on one report.

    ``kind`` is ``sum`` (taxonomy sum_of), ``identity`` (table 三 balance),
    ``row_total`` (applicant columns), or ``conflict`` (two values for one key).
    """

    rule: str
    kind: str
    passed: bool
    indicator: str
    applicant: str
    expected: float | None
    actual: float | None
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EngineInfo:
    """What produced a report: the narrative engine that ran (``rules``,
    ``model`` or ``hybrid``) and, when a model took part, its name, version and
    the first hex digits of its weights' sha256, so two outputs can be told apart
    by the model that made them."""

    narrative: str = "rules"
    model: str | None = None
    model_version: str | None = None
    model_sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Report:
    """Everything extracted from one report.

    ``forms`` are the statistics-table formats recognised, ``era`` the form era
    the narrative ids were read in (``t2008``/``t2019``, None when the text
    names no year), ``table_regions`` the spans the table rules consumed.
    """

    text: str
    records: tuple[Record, ...]
    checks: tuple[CheckResult, ...] = ()
    document: Document | None = field(default=None, compare=False, repr=False)
    notes: tuple[str, ...] = ()
    source: str | None = None
    engine: EngineInfo = field(default_factory=EngineInfo)
    forms: tuple[str, ...] = ()
    era: str | None = None
    table_regions: tuple[tuple[int, int], ...] = ()

    @property
    def mentions(self) -> tuple[Mention, ...]:
        return tuple(sorted((m for r in self.records for m in r.mentions), key=lambda m: (m.start, m.end)))

    @property
    def failed_checks(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if not c.passed)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict; offsets are into ``text``."""
        return {
            "source": self.source,
            "format": self.document.format if self.document else None,
            "text": self.text,
            "records": [r.to_dict() for r in self.records],
            "checks": [c.to_dict() for c in self.checks],
            "notes": list(self.notes),
            "engine": self.engine.to_dict(),
            "forms": list(self.forms),
            "era": self.era,
        }

    def to_frame(self) -> "pd.DataFrame":
        """One row per record (first mention's span and the number of mentions): the row
        definition every tabular output shares (:mod:`gikp_nlp.outputs.rows`)."""
        import pandas as pd

        from gikp_nlp.outputs.rows import RECORD_COLUMNS, record_rows

        return pd.DataFrame(record_rows(self.to_dict(), self.source), columns=list(RECORD_COLUMNS))
