"""Two cross-validation runs compared error by error, with the sites each change falls on.

Rules and word lists are written while reading the error listing of every gold
document, so for them cross-validation is in-sample: a fix seen on one site only
is as likely fitted wording as a general pattern. :func:`compare_runs` counts,
per indicator, the errors a change fixed and added and the distinct sites
(:func:`gikp_nlp.annotations.folds.site_of`) they fall on, and scores the new
run again with the fixes of indicators seen on fewer than ``min_sites`` sites
undone: a cautious figure for reports nobody has read.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gikp_nlp.errors import ConfigError
from gikp_nlp.training.evaluate import prf

#: the fields that identify one error of a cv.json listing
ERROR_KEY = ("doc", "kind", "indicator", "applicant", "value", "start")
#: a change counts as general when its indicator changes on at least this many sites
DEFAULT_MIN_SITES = 2


@dataclass(frozen=True)
class Change:
    """Errors of one kind and indicator that a run fixed or added, and where."""

    change: str  # "fixed" or "added"
    kind: str  # "fp" or "fn"
    indicator: str
    errors: int
    docs: tuple[str, ...]
    sites: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    engine: str
    min_sites: int
    base: Mapping[str, float]
    new: Mapping[str, float]
    #: the new run's figures with the fixes seen on fewer than ``min_sites`` sites undone
    supported: Mapping[str, float]
    changes: tuple[Change, ...]


def _errors(result: Mapping[str, Any], engine: str) -> dict[tuple, Mapping[str, Any]]:
    try:
        rows = result["results"][engine]["errors"]
    except KeyError:
        raise ConfigError(f"the CV result has no error listing for engine {engine!r}",
                          hint=f"compare an engine both runs scored: {sorted(result.get('results', {}))}") from None
    return {tuple(row[k] for k in ERROR_KEY): row for row in rows}


def _record(result: Mapping[str, Any], engine: str) -> Mapping[str, float]:
    return result["results"][engine]["scores"]["narrative"]["record"]


def _changes(label: str, rows: list[Mapping[str, Any]], site: Mapping[str, str]) -> list[Change]:
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["kind"], row["indicator"])].append(row)
    out = []
    for (kind, indicator), group in groups.items():
        docs = sorted({r["doc"] for r in group})
        out.append(Change(label, kind, indicator, len(group), tuple(docs),
                          tuple(sorted({site.get(d, f"doc:{d}") for d in docs}))))
    return sorted(out, key=lambda c: (-c.errors, c.kind, c.indicator))


def compare_runs(base: Mapping[str, Any], new: Mapping[str, Any], engine: str, site: Mapping[str, str],
                 min_sites: int = DEFAULT_MIN_SITES) -> Comparison:
    """Compare two ``cv.json`` results of one engine (``site``: document id → site)."""
    if min_sites < 1:
        raise ConfigError(f"min_sites must be at least 1, got {min_sites}", hint="give 1 to count every fix")
    before, after = _errors(base, engine), _errors(new, engine)
    fixed = _changes("fixed", [before[k] for k in before.keys() - after.keys()], site)
    added = _changes("added", [after[k] for k in after.keys() - before.keys()], site)
    record = _record(new, engine)
    tp, predicted, gold = record["tp"], record["predicted"], record["gold"]
    for change in fixed:
        if len(change.sites) >= min_sites:
            continue
        if change.kind == "fn":  # a miss fixed: the true positive goes again
            tp -= change.errors
            predicted -= change.errors
        else:  # a false positive removed comes back
            predicted += change.errors
    return Comparison(engine, min_sites, dict(_record(base, engine)), dict(record), prf(tp, predicted, gold),
                      tuple(fixed + added))


def render_comparison(c: Comparison) -> str:
    """Markdown: the three P/R/F1 lines and every change with its documents and sites."""
    def line(name: str, r: Mapping[str, float]) -> str:
        return f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |"
    lines = [f"# {c.engine}: errors fixed and added", "",
             "| run | P | R | F1 |", "|---|---|---|---|",
             line("base", c.base), line("new", c.new),
             line(f"new, fixes on < {c.min_sites} sites undone", c.supported), "",
             "| change | kind | indicator | errors | docs | sites |", "|---|---|---|---|---|---|"]
    lines += [f"| {x.change} | {x.kind} | {x.indicator} | {x.errors} | {len(x.docs)} | {len(x.sites)} |"
              for x in c.changes]
    return "\n".join(lines) + "\n"
