"""Load ``indicators.yaml`` (a packaged copy of shared/spec) into typed objects.

The ids are a public contract: nothing here renames, adds or drops one. A test
asserts the packaged file equals the spec.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from gikp_nlp.errors import TaxonomyError

#: applicant dimension (table 三 columns), in the order the form prints them.
APPLICANTS: tuple[str, ...] = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
    "legal_entity",
    "total",
)
APPLICANT_LABELS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "legal_entity": "法人或其他组织",
    "total": "总计",
}
#: the five organisation columns that add up to ``legal_entity``.
ORGANISATION_APPLICANTS: tuple[str, ...] = APPLICANTS[1:6]
FORMS: tuple[str, ...] = ("t2008", "t2019", "t2021")
UNITS: frozenset[str] = frozenset({"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项"})

_NUMBERING = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]"
    r"|\d+\s*[.．、](?!\d)|[（(]\s*\d+\s*[)）])\s*"
)
_PARENTHETICAL = re.compile(r"\s*[（(][^（）()]*[)）]\s*$")


def normalize_label(label: str) -> str:
    """Fold a printed row label to a lookup key.

    NFKC (full-width → half-width), drop leading numbering (（一） 1. 一、),
    whitespace and punctuation, so that line wraps and numbering variants of
    one label give one key.
    """
    text = unicodedata.normalize("NFKC", label)
    text = _NUMBERING.sub("", text)
    text = text.replace("“", "").replace("”", "").replace('"', "")
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch).startswith("P")))


@dataclass(frozen=True, slots=True)
class SumRule:
    """``total`` must equal the sum of ``parts`` when all are reported (勾稽关系)."""

    total: str
    parts: tuple[str, ...]
    forms: tuple[str, ...] = ()  # empty: applies to every form

    @property
    def rule_id(self) -> str:
        suffix = f"@{'+'.join(self.forms)}" if self.forms else ""
        return f"sum_of:{self.total}{suffix}"


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    label: str
    unit: str
    forms: tuple[str, ...]
    aliases: tuple[str, ...]
    section: str

    @property
    def names(self) -> tuple[str, ...]:
        """The printed label (without a trailing disambiguating parenthetical) and aliases."""
        base = _PARENTHETICAL.sub("", self.label) or self.label
        out = [base] + [a for a in self.aliases if a != base]
        return tuple(out)


_SECTION_MARK = re.compile(r"^# -+ (\S+)")


@dataclass(frozen=True)
class Taxonomy:
    """All indicators with lookups; build with :func:`get_taxonomy`."""

    indicators: tuple[Indicator, ...]
    sum_rules: tuple[SumRule, ...]
    sha256: str

    def __post_init__(self) -> None:
        by_id = {ind.id: ind for ind in self.indicators}
        if len(by_id) != len(self.indicators):
            raise TaxonomyError("duplicate indicator ids in the taxonomy", hint="ids must be unique")
        object.__setattr__(self, "_by_id", by_id)
        by_name: dict[str, list[str]] = {}
        for ind in self.indicators:
            for name in (ind.label, *ind.names):
                key = normalize_label(name)
                if key and ind.id not in by_name.setdefault(key, []):
                    by_name[key].append(ind.id)
        object.__setattr__(self, "_by_name", {k: tuple(v) for k, v in by_name.items()})

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(ind.id for ind in self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id  # type: ignore[attr-defined]

    def __getitem__(self, indicator_id: str) -> Indicator:
        try:
            return self._by_id[indicator_id]  # type: ignore[attr-defined]
        except KeyError:
            raise TaxonomyError(
                f"unknown indicator id {indicator_id!r}",
                hint="use an id from `gikp labels` (gikp_nlp/schema/indicators.yaml)",
            ) from None

    def get(self, indicator_id: str) -> Indicator | None:
        return self._by_id.get(indicator_id)  # type: ignore[attr-defined]

    def lookup(self, printed: str) -> tuple[str, ...]:
        """Indicator ids whose label or alias is ``printed`` (after :func:`normalize_label`)."""
        return self._by_name.get(normalize_label(printed), ())  # type: ignore[attr-defined]

    def names(self) -> dict[str, tuple[str, ...]]:
        """normalised name → ids, for rule matchers that scan text."""
        return dict(self._by_name)  # type: ignore[attr-defined]

    def bio_labels(self) -> list[str]:
        """``O`` then ``B-``/``I-`` per id in taxonomy order: the model's label list."""
        labels = ["O"]
        for ind in self.indicators:
            labels += [f"B-{ind.id}", f"I-{ind.id}"]
        return labels


def _parse(text: str) -> Taxonomy:
    import hashlib

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"indicators.yaml is not valid YAML: {exc}") from None
    # section names are only in comments: read them from the raw lines
    sections: dict[str, str] = {}
    current = ""
    for line in text.splitlines():
        mark = _SECTION_MARK.match(line)
        if mark:
            current = mark.group(1)
        id_match = re.search(r"\{id: ([\w.]+)", line)
        if id_match:
            sections[id_match.group(1)] = current
    indicators = []
    rules = []
    for raw in data["indicators"]:
        unit = raw["unit"]
        if unit not in UNITS:
            raise TaxonomyError(f"indicator {raw['id']} has unknown unit {unit!r}")
        indicators.append(
            Indicator(
                id=raw["id"],
                label=raw["label"],
                unit=unit,
                forms=tuple(raw.get("forms") or ()),
                aliases=tuple(raw.get("aliases") or ()),
                section=sections.get(raw["id"], ""),
            )
        )
        for key, value in raw.items():
            if key == "sum_of":
                rules.append(SumRule(raw["id"], tuple(value)))
            elif key.startswith("sum_of_"):
                rules.append(SumRule(raw["id"], tuple(value), forms=(key[len("sum_of_"):],)))
    taxonomy = Taxonomy(tuple(indicators), tuple(rules), hashlib.sha256(text.encode("utf-8")).hexdigest())
    for rule in taxonomy.sum_rules:
        for part in (rule.total, *rule.parts):
            if part not in taxonomy:
                raise TaxonomyError(f"sum rule {rule.rule_id} names unknown id {part!r}")
    return taxonomy


@lru_cache(maxsize=4)
def get_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The packaged taxonomy, or one read from ``path``."""
    if path is None:
        text = resources.files("gikp_nlp.schema").joinpath("indicators.yaml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return _parse(text)
