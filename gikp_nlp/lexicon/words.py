"""The lexicon loaded: indicator words and cues, units, applicant words, breaks, numerals.

One typed object over ``data/words.yaml`` and ``data/indicators.yaml``. The rules'
cue table and the relation step's evidence words are views of the same
per-indicator data; the taxonomy's labels and aliases stay in
``schema/indicators.yaml`` (a public contract) and are read from there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from gikp_nlp.errors import TaxonomyError
from gikp_nlp.lexicon.data import read_data
from gikp_nlp.schema.taxonomy import APPLICANTS, UNITS, Taxonomy

#: name parts shorter than this are too common to point at an indicator
MIN_NAME_PART = 2
_NAME_SPLIT = re.compile(r"[\s（）()“”]+")


@dataclass(frozen=True)
class Numerals:
    """Chinese numeral characters and their values."""

    digits: MappingProxyType[str, int]
    units: MappingProxyType[str, int]
    big: MappingProxyType[str, int]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every word list of the report genre, read once (:func:`get_lexicon`); hashed
    by identity, so views of it can be cached per lexicon."""

    units: MappingProxyType[str, tuple[str, ...]]  # printed unit → indicator units it may count for
    other_units: tuple[str, ...]
    model_skips_units: tuple[str, ...]
    money: tuple[str, str, int]  # (printed, indicator unit, factor): 元 → 万元 ÷ 10 000
    applicants: tuple[tuple[str, tuple[str, ...]], ...]  # applicant id → words, in file order
    applicant_indicators: frozenset[str]
    applicant_separators: str
    sentence_breaks: str
    clause_breaks: str
    list_marker_after: str
    list_marker_before: str
    percent_signs: tuple[str, ...]
    approx_after: tuple[str, ...]
    approx_before: tuple[str, ...]
    approx_around_unit: tuple[str, ...]
    numerals: Numerals
    words: MappingProxyType[str, tuple[str, ...]]  # indicator id → evidence words
    cues: tuple[dict[str, Any], ...]  # the rules' cue entries (id / ids: {old, new} / any, pre, post, …)
    new_form_from_year: int
    hybrid_cues: MappingProxyType[str, tuple[str, ...]]  # error-class cue list → words (the hybrid's combiner)
    section_classes: tuple[tuple[str, tuple[str, ...]], ...]  # heading class → words, most specific first
    heading_chars: int  # characters of a heading line searched for its class
    count_verbs: tuple[MappingProxyType[str, tuple[str, ...]], ...]  # per group: indicator id → its verbs
    mixed_counts: MappingProxyType[str, tuple[str, ...]]  # id → words of a mixed count

    def ids(self) -> set[str]:
        """Every indicator id the lexicon names (for the taxonomy check)."""
        out = set(self.words) | set(self.applicant_indicators) | set(self.mixed_counts)
        out.update(i for group in self.count_verbs for i in group)
        for entry in self.cues:
            if "id" in entry:
                out.add(entry["id"])
            elif "ids" in entry:
                out.update((entry["ids"]["old"], entry["ids"]["new"]))
            else:
                out.update(entry.get("any") or ())
        return out

    @property
    def count_units(self) -> tuple[str, ...]:
        """Printed units the relation step reads after a number, longest first."""
        units = (set(self.units) - set(self.model_skips_units)) | set(self.other_units)
        return tuple(sorted(units, key=len, reverse=True))

    def applicant_pattern(self, applicant: str) -> str:
        """The words of one applicant as a regex alternation."""
        return "|".join(re.escape(w) for w in dict(self.applicants)[applicant])

    @property
    def era_twins(self) -> MappingProxyType[str, str]:
        """``{id: its twin on the other form era}`` (cue entries ``ids: {old, new}``): one
        concept printed under two ids (主动公开规范性文件数 on the 2008 form,
        规范性文件 本年新公开数量 on the 2019 form)."""
        twins: dict[str, str] = {}
        for entry in self.cues:
            if "ids" in entry:
                old, new = entry["ids"]["old"], entry["ids"]["new"]
                twins[old], twins[new] = new, old
        return MappingProxyType(twins)

    def evidence_names(self, taxonomy: Taxonomy, indicator: str) -> tuple[str, ...]:
        """The words that name ``indicator`` (the lexicon's words and the parts of the
        taxonomy's labels and aliases), longest first."""
        return _evidence_names(self, taxonomy, indicator)


@lru_cache(maxsize=1024)
def _evidence_names(lexicon: Lexicon, taxonomy: Taxonomy, indicator: str) -> tuple[str, ...]:
    names: set[str] = set(lexicon.words.get(indicator, ()))
    ind = taxonomy.get(indicator)
    if ind is not None:
        for name in ind.names:
            names.update(part for part in _NAME_SPLIT.split(name) if len(part) >= MIN_NAME_PART)
    return tuple(sorted(names, key=len, reverse=True))


def build_lexicon(words: dict[str, Any], indicators: dict[str, Any]) -> Lexicon:
    """The typed lexicon of the two parsed data files (checked for shape, not ids)."""
    try:
        num = words["numerals"]
        lexicon = Lexicon(
            units=MappingProxyType({u: tuple(v) for u, v in words["units"].items()}),
            other_units=tuple(words["other_units"]),
            model_skips_units=tuple(words["model_skips_units"]),
            money=(words["money"]["from"], words["money"]["to"], int(words["money"]["per"])),
            applicants=tuple((k, tuple(v)) for k, v in words["applicants"].items()),
            applicant_indicators=frozenset(words["applicant_indicators"]),
            applicant_separators=words["applicant_separators"],
            sentence_breaks=words["sentence_breaks"],
            clause_breaks=words["clause_breaks"],
            list_marker_after=words["list_marker_after"],
            list_marker_before=words["list_marker_before"],
            percent_signs=tuple(words["percent_signs"]),
            approx_after=tuple(words["approx_after"]),
            approx_before=tuple(words["approx_before"]),
            approx_around_unit=tuple(words["approx_around_unit"]),
            numerals=Numerals(MappingProxyType(dict(num["digits"])), MappingProxyType(dict(num["units"])),
                              MappingProxyType(dict(num["big"]))),
            words=MappingProxyType({k: tuple(v) for k, v in indicators["words"].items()}),
            cues=tuple(indicators["cues"]),
            new_form_from_year=int(indicators["new_form_from_year"]),
            hybrid_cues=MappingProxyType({k: tuple(v) for k, v in words["hybrid_cues"].items()}),
            section_classes=tuple((k, tuple(v)) for k, v in words["section_classes"].items()),
            heading_chars=int(words["heading_chars"]),
            count_verbs=tuple(MappingProxyType({k: tuple(v) for k, v in group.items()})
                              for group in words["count_verbs"]),
            mixed_counts=MappingProxyType({k: tuple(v) for k, v in words["mixed_counts"].items()}),
        )
    except (KeyError, TypeError) as exc:
        raise TaxonomyError(f"lexicon data lacks or misshapes {exc}",
                            hint="compare with gikp_nlp/lexicon/data/words.yaml and indicators.yaml") from None
    bad_units = sorted({u for v in lexicon.units.values() for u in v} - UNITS)
    if bad_units:
        raise TaxonomyError(f"lexicon units name unknown indicator unit(s) {bad_units}",
                            hint="use units of gikp_nlp.schema.taxonomy.UNITS")
    bad_applicants = sorted(a for a, _ in lexicon.applicants if a not in APPLICANTS)
    if bad_applicants:
        raise TaxonomyError(f"lexicon names unknown applicant(s) {bad_applicants}",
                            hint="use applicant ids of gikp_nlp.schema.taxonomy.APPLICANTS")
    return lexicon


def check_ids(lexicon: Lexicon, taxonomy: Taxonomy) -> Lexicon:
    """``lexicon`` when every id it names is in ``taxonomy``; else TaxonomyError."""
    unknown = sorted(i for i in lexicon.ids() if i not in taxonomy)
    if unknown:
        raise TaxonomyError(f"lexicon names unknown indicator id(s) {unknown}",
                            hint="use ids from gikp_nlp/schema/indicators.yaml (`gikp labels`)")
    return lexicon


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The packaged lexicon (read once), checked against the packaged taxonomy."""
    from gikp_nlp.schema import get_taxonomy

    return check_ids(build_lexicon(read_data("words.yaml"), read_data("indicators.yaml")), get_taxonomy())
