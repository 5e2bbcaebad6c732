"""The extraction stages, each a callable ``Doc -> Doc`` with a ``name``.

The packages below keep pure functions (``extract_tables``, a tagger's
``tag``, ``find_implicit_zeros``, ``build_records``, ``run_checks``); a stage
only feeds them what earlier stages decided and files their output in the
Doc (spaCy's split of ``match`` and ``set_annotations``). The
:class:`~gikp_nlp.pipeline.Extractor` keeps them as a named list.
"""
from __future__ import annotations

from typing import Protocol

from gikp_nlp.config import Config
from gikp_nlp.doc import Doc
from gikp_nlp.lexicon import FoldedText, era_of_year, report_year
from gikp_nlp.narrative.implicit import find_implicit_zeros
from gikp_nlp.narrative.relate import NarrativeTagger
from gikp_nlp.records import build_records, run_checks
from gikp_nlp.schema import Taxonomy
from gikp_nlp.tables import extract_tables


class Stage(Protocol):
    """One step of the pipeline."""

    name: str

    def __call__(self, doc: Doc) -> Doc: ...


class ContextStage:
    """What every later stage reads and nobody should work out twice: the folded
    view of the whole text (one script, no spaces inside lines, no ruby) and the
    report's year and form era (the most frequent 20xx年 of the text; the 2019
    form from its first year on)."""

    name = "context"

    def __call__(self, doc: Doc) -> Doc:
        year = report_year(doc.text)
        return doc.update(folded=FoldedText.build(doc.text), year=year, era=era_of_year(year))


class TablesStage:
    """The statistics tables by rule: their cells as mentions, their regions
    (which the narrative stages skip) and the forms recognised."""

    name = "tables"

    def __init__(self, taxonomy: Taxonomy, config: Config) -> None:
        self.taxonomy = taxonomy
        self.config = config.tables

    def __call__(self, doc: Doc) -> Doc:
        found = extract_tables(doc.document, self.taxonomy, self.config)
        notes = list(found.notes)
        if len(found.mentions) >= self.config.blank_form_min_cells and all(m.blank for m in found.mentions):
            # a blank form reads as a report of zeros whose every check passes; say so
            notes.append(f"every one of the {len(found.mentions)} statistics-table cells is blank: this looks like "
                         "an unfilled form, so its table records are blanks read as 0, not stated zeros, and the "
                         "checks on them prove nothing")
        return doc.update(table_regions=found.regions, forms=found.formats).add(found.mentions, notes)


class NarrativeStage:
    """Counts stated in the narrative text, by the configured engine."""

    name = "narrative"

    def __init__(self, tagger: NarrativeTagger) -> None:
        self.tagger = tagger

    def __call__(self, doc: Doc) -> Doc:
        spans = doc.narrative_spans
        if not spans:
            return doc
        return doc.add(self.tagger.tag(doc.text, spans, folded=doc.folded, era=doc.era))


class ImplicitStage:
    """Zeros stated in words (未收到…申请), in the narrative text."""

    name = "implicit"

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def __call__(self, doc: Doc) -> Doc:
        return doc.add(find_implicit_zeros(doc.text, doc.narrative_spans, self.taxonomy, folded=doc.folded))


class RecordsStage:
    """Mentions grouped into records; two values for one key become a conflict check."""

    name = "records"

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def __call__(self, doc: Doc) -> Doc:
        records, conflicts = build_records(list(doc.mentions), self.taxonomy)
        return doc.update(records=tuple(records), checks=(*doc.checks, *conflicts))


class ChecksStage:
    """The report's own arithmetic (sum rules, the table 三 identity, row totals)."""

    name = "checks"

    def __init__(self, taxonomy: Taxonomy, config: Config) -> None:
        self.taxonomy = taxonomy
        self.config = config.records

    def __call__(self, doc: Doc) -> Doc:
        checks = run_checks(list(doc.records), self.taxonomy, self.config, doc.forms)
        return doc.update(checks=(*doc.checks, *checks))
