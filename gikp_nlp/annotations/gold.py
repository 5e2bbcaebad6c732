"""Gold documents: the dict shape of ../shared/corpus/gold as typed, checked objects.

``GoldDocument.from_dict(d).to_dict() == d`` for every valid gold file (same
keys, same order, same values), so a gold file can pass through Label Studio
and come back unchanged. Every check names the document and the mention.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gikp_nlp.annotations.errors import (
    BadValueError,
    MalformedTaskError,
    OverlapError,
    SpanRangeError,
    SpanTextMismatchError,
    UnknownLabelError,
)
from gikp_nlp.schema.taxonomy import APPLICANTS, Taxonomy

#: document keys of a gold file, in the order the files write them.
DOC_KEYS: tuple[str, ...] = ("id", "source", "year", "agency", "form", "text", "mentions", "implicit", "left_out")
MENTION_KEYS: tuple[str, ...] = ("start", "end", "text", "indicator", "applicant", "value", "approx", "note")
IMPLICIT_KEYS: tuple[str, ...] = ("indicator", "applicant", "value", "evidence", "evidence_text", "note")
#: a document id names its task file: no path separators, no leading dot.
DOC_ID = re.compile(r"\w[\w.\-]*")
#: the ``form`` values the corpus README lists.
DOC_FORMS: tuple[str, ...] = ("narrative", "mixed", "old_table", "new_table")
#: forms that contain a statistics table (for stratified splits).
TABLE_FORMS: frozenset[str] = frozenset({"mixed", "old_table", "new_table"})


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def utf16_hint(text: str, start: int, end: int, stored: str) -> str:
    """Say whether the offsets look like UTF-16 code units (Label Studio's known issue)."""
    units = text.encode("utf-16-le")
    piece = units[2 * start : 2 * end].decode("utf-16-le", errors="replace") if 0 <= start <= end else ""
    if piece == stored:
        return ("the offsets are UTF-16 code units (the text has characters outside the BMP, e.g. emoji "
                "or CJK Ext-B): convert them to code points before import")
    return "re-select the region in Label Studio, or fix start/end so that text[start:end] equals the region text"


def check_span(text: str, start: object, end: object, stored: object, where: str) -> tuple[int, int]:
    """``(start, end)`` if they are a non-empty in-range span whose text is ``stored``."""
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise SpanRangeError(f"{where}: start/end must be integers, got {start!r}/{end!r}",
                             hint="every region needs value.start and value.end (character offsets)")
    if not 0 <= start < end <= len(text):
        raise SpanRangeError(f"{where}: span [{start}, {end}) is outside the text (length {len(text)}) or empty",
                             hint="offsets are code points into data.text, end exclusive, start < end")
    if text[start:end] != stored:
        raise SpanTextMismatchError(
            f"{where}: text[{start}:{end}] is {text[start:end]!r} but the region says {stored!r}",
            hint=utf16_hint(text, start, end, stored) if isinstance(stored, str) else None,
        )
    return start, end


def check_labels(taxonomy: Taxonomy, indicator: object, applicant: object, where: str) -> None:
    if not isinstance(indicator, str) or indicator not in taxonomy:
        raise UnknownLabelError(f"{where}: unknown indicator id {indicator!r}",
                                hint="use an id from gikp_nlp/schema/indicators.yaml (`gikp labels`)")
    if applicant not in APPLICANTS:
        raise UnknownLabelError(f"{where}: unknown applicant {applicant!r}", hint=f"use one of {list(APPLICANTS)}")


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A span stating an indicator's value (guidelines: the number only)."""

    start: int
    end: int
    text: str
    indicator: str
    applicant: str
    value: int | float
    approx: bool
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "indicator": self.indicator,
                               "applicant": self.applicant, "value": self.value, "approx": self.approx}
        if self.note is not None:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class GoldImplicit:
    """A zero stated without a digit; ``evidence`` is the phrase that says so."""

    indicator: str
    applicant: str
    value: int | float
    evidence: tuple[int, int]
    evidence_text: str
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"indicator": self.indicator, "applicant": self.applicant, "value": self.value,
                               "evidence": list(self.evidence), "evidence_text": self.evidence_text}
        if self.note is not None:
            out["note"] = self.note
        return out


def check_overlaps(mentions: Sequence[GoldMention], where: str, names: Sequence[str] | None = None) -> None:
    """Mentions may not share characters; ``names`` label them in the message (region ids)."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    for a, b in zip(order, order[1:]):
        if mentions[b].start < mentions[a].end:
            na = names[a] if names else f"mention {a}"
            nb = names[b] if names else f"mention {b}"
            raise OverlapError(
                f"{where}: regions {na} [{mentions[a].start},{mentions[a].end}) {mentions[a].text!r} and "
                f"{nb} [{mentions[b].start},{mentions[b].end}) {mentions[b].text!r} overlap",
                hint="a mention covers the number only; delete or shrink one of the two regions",
            )


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One annotated report (or excerpt) with its metadata."""

    id: str
    source: str | None
    year: int | None
    agency: str | None
    form: str | None
    text: str
    mentions: tuple[GoldMention, ...]
    implicit: tuple[GoldImplicit, ...]
    left_out: tuple[str, ...] = ()

    @property
    def meta(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "year": self.year, "agency": self.agency, "form": self.form}

    @property
    def has_table(self) -> bool:
        return self.form in TABLE_FORMS

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "year": self.year,
            "agency": self.agency,
            "form": self.form,
            "text": self.text,
            "mentions": [m.to_dict() for m in self.mentions],
            "implicit": [z.to_dict() for z in self.implicit],
            "left_out": list(self.left_out),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], taxonomy: Taxonomy) -> GoldDocument:
        """Check and build; raises an AnnotationError subclass naming document and mention."""
        doc_id = data.get("id") if isinstance(data, Mapping) else None
        where = f"gold document {doc_id!r}"
        if not isinstance(data, Mapping) or not isinstance(doc_id, str) or not isinstance(data.get("text"), str):
            raise MalformedTaskError(f"{where}: a gold document needs a string 'id' and 'text'",
                                     hint=f"gold files have the keys {list(DOC_KEYS)}")
        if not DOC_ID.fullmatch(doc_id):
            raise MalformedTaskError(f"{where}: unsafe document id (it names a file)",
                                     hint="use letters, digits, '.', '_', '-' only")
        unknown = set(data) - set(DOC_KEYS)
        if unknown:
            raise MalformedTaskError(f"{where}: unknown key(s) {sorted(unknown)}", hint=f"allowed: {list(DOC_KEYS)}")
        text = data["text"]
        mentions = tuple(_mention(text, m, f"{where}, mention {i}", taxonomy)
                         for i, m in enumerate(data.get("mentions") or ()))
        check_overlaps(mentions, where)
        implicit = tuple(_implicit(text, z, f"{where}, implicit {i}", taxonomy)
                         for i, z in enumerate(data.get("implicit") or ()))
        year = data.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            raise BadValueError(f"{where}: year must be an integer or null, got {year!r}")
        left_out = data.get("left_out") or ()
        if isinstance(left_out, str) or not all(isinstance(x, str) for x in left_out):
            raise BadValueError(f"{where}: left_out must be a list of strings")
        return cls(id=doc_id, source=data.get("source"), year=year, agency=data.get("agency"),
                   form=data.get("form"), text=text, mentions=mentions, implicit=implicit,
                   left_out=tuple(left_out))


def _fields(item: object, allowed: tuple[str, ...], where: str) -> Mapping[str, Any]:
    if not isinstance(item, Mapping):
        raise MalformedTaskError(f"{where}: expected an object, got {type(item).__name__}")
    unknown = set(item) - set(allowed)
    if unknown:
        raise MalformedTaskError(f"{where}: unknown key(s) {sorted(unknown)}", hint=f"allowed: {list(allowed)}")
    return item


def _value(item: Mapping[str, Any], where: str) -> int | float:
    value = item.get("value")
    if not is_number(value):
        raise BadValueError(f"{where}: value must be a number, got {value!r}",
                            hint="write the number as read (money in the indicator's unit)")
    return value


def _note(item: Mapping[str, Any], where: str) -> str | None:
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        raise BadValueError(f"{where}: note must be a string")
    return note


def _mention(text: str, item: object, where: str, taxonomy: Taxonomy) -> GoldMention:
    m = _fields(item, MENTION_KEYS, where)
    start, end = check_span(text, m.get("start"), m.get("end"), m.get("text"), where)
    check_labels(taxonomy, m.get("indicator"), m.get("applicant", "total"), where)
    approx = m.get("approx", False)
    if not isinstance(approx, bool):
        raise BadValueError(f"{where}: approx must be true or false, got {approx!r}")
    return GoldMention(start, end, m["text"], m["indicator"], m.get("applicant", "total"), _value(m, where),
                       approx, _note(m, where))


def _implicit(text: str, item: object, where: str, taxonomy: Taxonomy) -> GoldImplicit:
    z = _fields(item, IMPLICIT_KEYS, where)
    evidence = z.get("evidence")
    if not isinstance(evidence, (list, tuple)) or len(evidence) != 2:
        raise SpanRangeError(f"{where}: evidence must be [start, end], got {evidence!r}")
    start, end = check_span(text, evidence[0], evidence[1], z.get("evidence_text"), where)
    check_labels(taxonomy, z.get("indicator"), z.get("applicant", "total"), where)
    return GoldImplicit(z["indicator"], z.get("applicant", "total"), _value(z, where), (start, end),
                        z["evidence_text"], _note(z, where))
