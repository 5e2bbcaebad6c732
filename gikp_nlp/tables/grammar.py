"""Load the form grammars (:mod:`gikp_nlp.tables.forms`) into lookups, checked
against the taxonomy, and fold printed labels to lookup keys.

A label key survives the variants real tables print: whitespace and line wraps,
full-width punctuation, numbering (（一） (一) 1. 1、 一、), a leading 其中:,
explanatory parentheticals, and traditional characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gikp_nlp.errors import TaxonomyError
from gikp_nlp.lexicon import fold_label as fold
from gikp_nlp.schema.taxonomy import Taxonomy, normalize_label
from gikp_nlp.tables import forms

_PAREN = re.compile(r"\([^()]*\)")
_OPEN_TAIL = re.compile(r"\([^()]*$")
_ITEM = re.compile(r"第二十条第\s*\(?\s*([一二三四五六七八九十]+)\s*\)?\s*项")
_MONEY_UNIT = re.compile(r"\((?:[^()]*?)(万元|元)[^()]*\)|单位:?(万元|元)")


@lru_cache(maxsize=8192)
def label_key(text: str, *, truncated_ok: bool = True) -> str:
    """The lookup key of a printed label ('' for a pure parenthetical or caption).

    ``truncated_ok``: also drop an unclosed parenthetical at the end (a label cut
    off by the flattening, 1.专职人员数(不包括政府公报及政府网站工作).
    """
    folded = fold(text)
    previous = None
    while previous != folded:
        previous, folded = folded, _PAREN.sub("", folded)
    if truncated_ok:
        folded = _OPEN_TAIL.sub("", folded)
    key = normalize_label(folded)
    for prefix in forms.PREFIXES:
        p = normalize_label(prefix)
        if p and key.startswith(p) and len(key) > len(p):
            key = key[len(p):]
            break
    return key


@lru_cache(maxsize=8192)
def item_number(text: str) -> str | None:
    """``一`` for 第二十条第（一）项 and its variants; else None."""
    m = _ITEM.search("".join(fold(text).split()))
    return m.group(1) if m else None


def money_unit(text: str) -> str | None:
    """The money unit a header states in parentheses (采购总金额（元）→ 元) or
    after 单位 (本年收费金额 單位：萬元 → 万元)."""
    m = _MONEY_UNIT.search("".join(fold(text).split()))
    return (m.group(1) or m.group(2)) if m else None


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing a label can be in a grammar: ``kind`` (title, row, col, app, …),
    the ``table`` it belongs to and a ``payload`` (id, section, applicant…)."""

    kind: str
    table: str
    payload: tuple = ()


@dataclass(frozen=True)
class Grammar:
    """A format's vocabulary: label key → entries, plus the form's column maps."""

    name: str
    vocab: dict[str, tuple[Entry, ...]]
    table2_columns: dict[str, dict[str, tuple[tuple[str, str], ...]]] = field(default_factory=dict)
    table2_valid: frozenset[tuple[str, str]] = frozenset()  # (id, era) pairs the taxonomy allows
    table3_order: tuple[str, ...] = ()
    table3_organisations: tuple[str, ...] = ()
    table3_t2021: frozenset[str] = frozenset()
    table4_groups: tuple[tuple[str, str], ...] = ()
    table4_leaves: tuple[tuple[str, str], ...] = ()

    def lookup(self, key: str) -> tuple[Entry, ...]:
        return self.vocab.get(key, ())


def _check_id(taxonomy: Taxonomy, ind_id: str, forms_: tuple[str, ...], where: str) -> None:
    ind = taxonomy.get(ind_id)
    if ind is None:
        raise TaxonomyError(f"table grammar {where} names unknown indicator {ind_id!r}",
                            hint="fix gikp_nlp/tables/forms.py to use an id of indicators.yaml")
    if not set(forms_) & set(ind.forms):
        raise TaxonomyError(f"table grammar {where}: {ind_id} is not a row of {'/'.join(forms_)} in the taxonomy",
                            hint="fix gikp_nlp/tables/forms.py or the forms list in indicators.yaml")


def _add(vocab: dict[str, list[Entry]], label: str, entry: Entry) -> None:
    key = label_key(label)
    if not key:
        raise TaxonomyError(f"table grammar label {label!r} folds to nothing")
    if entry not in vocab.setdefault(key, []):
        vocab[key].append(entry)


def _freeze(vocab: dict[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
    return {k: tuple(v) for k, v in vocab.items()}


def build_t2008(taxonomy: Taxonomy) -> Grammar:
    spec = forms.T2008
    vocab: dict[str, list[Entry]] = {}
    for label in spec["titles"]:
        _add(vocab, label, Entry("title", "t2008"))
    for label in spec["ignore"]:
        _add(vocab, label, Entry("ignore", "t2008"))
    for label, section in spec["headers"]:
        _add(vocab, label, Entry("header", "t2008", (section,)))
    for label, ind_id, section in spec["rows"]:
        _check_id(taxonomy, ind_id, ("t2008",), f"t2008 row {label}")
        _add(vocab, label, Entry("row", "t2008", (ind_id, section)))
    return Grammar("t2008", _freeze(vocab))


def build_t2019(taxonomy: Taxonomy) -> Grammar:
    vocab: dict[str, list[Entry]] = {}
    t2, t3, t4 = forms.TABLE2, forms.TABLE3, forms.TABLE4
    for label in t2["titles"]:
        _add(vocab, label, Entry("title", "二"))
    for label in t2["ignore"]:
        _add(vocab, label, Entry("colstart", "二"))
    columns: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {}
    valid: set[tuple[str, str]] = set()
    for item, spec in t2["items"].items():
        columns[item] = {era: tuple(cols) for era, cols in spec["columns"].items()}
        for label, prefix in spec["rows"]:
            _add(vocab, label, Entry("row", "二", (item, prefix)))
            for era, cols in spec["columns"].items():
                for col_label, suffix in cols:
                    ind = taxonomy.get(f"{prefix}.{suffix}")
                    if ind is not None and era in ind.forms:
                        valid.add((f"{prefix}.{suffix}", era))
        for era, cols in spec["columns"].items():
            for col_label, _ in cols:
                _add(vocab, col_label, Entry("col", "二"))
    for label in t3["titles"] + t3["ignore"]:
        _add(vocab, label, Entry("title", "三"))
    for label, applicant in t3["applicants"]:
        _add(vocab, label, Entry("app", "三", (applicant,)))
    org_label, org_ids = t3["organisations"]
    _add(vocab, org_label, Entry("orgs", "三"))
    for label in t3["groups"]:
        _add(vocab, label, Entry("group", "三"))
    for label, ind_id in t3["rows"]:
        _check_id(taxonomy, ind_id, ("t2019", "t2021"), f"table 三 row {label}")
        _add(vocab, label, Entry("row", "三", (ind_id,)))
    for label in t4["titles"]:
        _add(vocab, label, Entry("title", "四"))
    for label in t4["ignore"]:
        _add(vocab, label, Entry("mark", "四"))
    for label, prefix in t4["groups"]:
        _add(vocab, label, Entry("group4", "四", (prefix,)))
    for label, suffix in t4["leaves"]:
        _add(vocab, label, Entry("leaf", "四", (suffix,)))
    for _, prefix in t4["groups"]:
        for _, suffix in t4["leaves"]:
            _check_id(taxonomy, f"{prefix}.{suffix}", ("t2019", "t2021"), "table 四")
    return Grammar(
        "t2019",
        _freeze(vocab),
        table2_columns=columns,
        table2_valid=frozenset(valid),
        table3_order=tuple(a for _, a in t3["applicants"]),
        table3_organisations=tuple(org_ids),
        table3_t2021=frozenset(t3["t2021_rows"]),
        table4_groups=tuple(t4["groups"]),
        table4_leaves=tuple(t4["leaves"]),
    )


_CACHE: dict[str, tuple[Grammar, Grammar]] = {}


def grammars(taxonomy: Taxonomy) -> tuple[Grammar, Grammar]:
    """(t2008, t2019/t2021) grammars for ``taxonomy``, validated once per taxonomy."""
    cached = _CACHE.get(taxonomy.sha256)
    if cached is None:
        cached = _CACHE[taxonomy.sha256] = (build_t2008(taxonomy), build_t2019(taxonomy))
    return cached
