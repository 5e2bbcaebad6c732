"""K-fold cross-validation folds over the gold corpus, grouped by source site.

One train/dev/test split of a few hundred excerpts is too small to choose on
(issue 14): every document is scored once, in the fold where it is held out.
Documents of one site share phrasing and templates, so a site never straddles
folds (else CV would score a model on pages like those it trained on); within
that constraint the folds are balanced per stratum (era × form), because the
old and new forms and the table/narrative mix read differently.

``annotations/folds.json`` records the folds; :func:`read_folds` gives
``{doc_id: fold}``.
"""
from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from gikp_nlp.annotations.errors import MalformedTaskError
from gikp_nlp.annotations.gold import GoldDocument
from gikp_nlp.errors import AnnotationError

FOLDS_FILE = "folds.json"
DEFAULT_K = 5
DEFAULT_FOLD_SEED = 20261127
#: the 2019 revision of the disclosure regulations brought the new table form (guidelines).
NEW_ERA_YEAR = 2019
ERA_OLD = "pre2019"
ERA_NEW = "2019+"
ERA_UNKNOWN = "unknown"
#: a host prefix that names no different site (www.x.gov.cn and x.gov.cn are one site).
WWW = "www."
FOLD_METHOD = (
    "documents are grouped by site (the host of their source URL, lower case, without a leading 'www.'; a "
    "document whose source has no host is a group of its own); groups are sorted by key, shuffled with "
    "random.Random(seed), stably sorted by size (largest first) and each put in the fold where it adds the least "
    "squared deviation from the per-stratum targets (stratum = era pre2019 / 2019+ / unknown by year x form) plus "
    "the deviation from the fold size target; ties go to the lowest fold. Documents added later go to the fold of "
    "their site, or, for a new site, to the fold with fewest documents of their stratum (then fewest in all)."
)


def site_of(doc: GoldDocument) -> str:
    """The grouping key: the source URL's host, or the document itself when the source names none."""
    host = urlsplit(doc.source).hostname if doc.source and "://" in doc.source else None
    if not host:
        return f"doc:{doc.id}"
    host = host.lower()
    return host[len(WWW):] if host.startswith(WWW) else host


def era_of(year: int | None) -> str:
    if year is None:
        return ERA_UNKNOWN
    return ERA_OLD if year < NEW_ERA_YEAR else ERA_NEW


def stratum_of(doc: GoldDocument) -> str:
    """``era/form``, e.g. ``2019+/narrative``."""
    return f"{era_of(doc.year)}/{doc.form}"


@dataclass(frozen=True)
class Folds:
    """The document ids of each fold, with how they were drawn."""

    k: int
    seed: int
    folds: tuple[tuple[str, ...], ...]

    def fold_of(self, doc_id: str) -> int | None:
        return next((i for i, ids in enumerate(self.folds) if doc_id in ids), None)

    def as_mapping(self) -> dict[str, int]:
        return {doc_id: i for i, ids in enumerate(self.folds) for doc_id in ids}

    def to_dict(self) -> dict[str, Any]:
        return {"k": self.k, "seed": self.seed, "method": FOLD_METHOD, "folds": [list(ids) for ids in self.folds]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Folds:
        try:
            folds = tuple(tuple(str(i) for i in ids) for ids in data["folds"])
            out = cls(int(data["k"]), int(data["seed"]), folds)
        except (KeyError, TypeError, ValueError) as exc:
            raise MalformedTaskError(f"folds file is malformed: {exc!r}",
                                     hint="regenerate it with `gikp annotations convert`") from None
        ids = [i for ids in out.folds for i in ids]
        if len(out.folds) != out.k or len(ids) != len(set(ids)):
            raise MalformedTaskError(f"folds file is malformed: {len(out.folds)} folds for k={out.k}, "
                                     f"{len(ids) - len(set(ids))} repeated id(s)",
                                     hint="regenerate it with `gikp annotations convert`")
        return out


def make_folds(docs: Sequence[GoldDocument], k: int = DEFAULT_K, seed: int = DEFAULT_FOLD_SEED) -> Folds:
    """Deterministic site-grouped, era × form stratified folds (see ``FOLD_METHOD``)."""
    if k < 2:
        raise AnnotationError(f"k-fold cross-validation needs k >= 2, got {k}")
    groups: dict[str, list[GoldDocument]] = defaultdict(list)
    for doc in docs:
        groups[site_of(doc)].append(doc)
    keys = sorted(groups)
    random.Random(seed).shuffle(keys)
    keys.sort(key=lambda key: -len(groups[key]))
    strata = Counter(stratum_of(d) for d in docs)
    target = {s: n / k for s, n in strata.items()}
    size_target = len(docs) / k
    counts: list[Counter[str]] = [Counter() for _ in range(k)]
    members: list[list[str]] = [[] for _ in range(k)]
    for key in keys:
        add = Counter(stratum_of(d) for d in groups[key])
        n_add = len(groups[key])

        def cost(f: int) -> float:
            strata_cost = sum((counts[f][s] + n - target[s]) ** 2 - (counts[f][s] - target[s]) ** 2
                              for s, n in add.items())
            size = len(members[f])
            return strata_cost + (size + n_add - size_target) ** 2 - (size - size_target) ** 2

        best = min(range(k), key=lambda f: (cost(f), f))
        counts[best].update(add)
        members[best] += [d.id for d in groups[key]]
    return Folds(k, seed, tuple(tuple(sorted(ids)) for ids in members))


def extend_folds(folds: Folds, docs: Sequence[GoldDocument]) -> Folds:
    """``folds`` with the documents it does not hold yet added; recorded documents never move.

    ``docs`` are all documents (recorded ones give the site and stratum of each fold).
    """
    fold_of = folds.as_mapping()
    new = sorted((d for d in docs if d.id not in fold_of), key=lambda d: d.id)
    if not new:
        return folds
    members = [list(ids) for ids in folds.folds]
    site_fold = {site_of(d): fold_of[d.id] for d in docs if d.id in fold_of}
    counts: list[Counter[str]] = [Counter() for _ in range(folds.k)]
    for d in docs:
        if d.id in fold_of:
            counts[fold_of[d.id]][stratum_of(d)] += 1
    for doc in new:
        site, stratum = site_of(doc), stratum_of(doc)
        fold = site_fold.get(site)
        if fold is None:
            fold = min(range(folds.k), key=lambda f: (counts[f][stratum], len(members[f]), f))
            site_fold[site] = fold
        members[fold].append(doc.id)
        counts[fold][stratum] += 1
    return Folds(folds.k, folds.seed, tuple(tuple(sorted(ids)) for ids in members))


def read_fold_file(ann_dir: str | Path) -> Folds:
    """The recorded :class:`Folds` of ``ann_dir`` (``folds.json``)."""
    path = Path(ann_dir) / FOLDS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnotationError(f"file not found: {path}",
                              hint="run `gikp annotations convert` to record the CV folds") from None
    except json.JSONDecodeError as exc:
        raise MalformedTaskError(f"{path} is not valid JSON: {exc}") from None
    return Folds.from_dict(data)


def read_folds(ann_dir: str | Path) -> dict[str, int]:
    """``{doc_id: fold}`` (folds numbered from 0) as recorded in ``ann_dir/folds.json``.

    >>> folds = read_folds("annotations")                          # doctest: +SKIP
    >>> held_out = sorted(i for i, f in folds.items() if f == 0)   # doctest: +SKIP
    """
    return read_fold_file(ann_dir).as_mapping()
