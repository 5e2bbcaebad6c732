"""Two CV runs compared error by error: what each change fixed and added, on how many sites,
and the new figures with single-site fixes undone."""
from __future__ import annotations

import pytest

from gikp_nlp.errors import ConfigError
from gikp_nlp.training.compare import compare_runs, render_comparison


def error(doc, kind, indicator, value, start):
    return {"doc": doc, "kind": kind, "indicator": indicator, "applicant": "total", "value": value,
            "start": start, "end": start + len(str(value)), "class": "other", "text": str(value), "context": ""}


def run(errors, tp, predicted, gold, engine="rules"):
    return {"results": {engine: {"errors": errors, "scores": {"narrative": {"record": {
        "tp": tp, "predicted": predicted, "gold": gold,
        "precision": tp / predicted, "recall": tp / gold, "f1": 2 * tp / (predicted + gold)}}}}}}


SITE = {"a1": "a.gov.cn", "a2": "a.gov.cn", "b1": "b.gov.cn"}
#: the base misses three proactive.total (two sites) and one request.new (one site) and has one FP
BASE = run([error("a1", "fn", "proactive.total", 5, 10), error("b1", "fn", "proactive.total", 7, 3),
            error("a2", "fn", "proactive.total", 9, 4), error("a2", "fn", "request.new", 2, 30),
            error("b1", "fp", "org.staff", 3, 50)], tp=6, predicted=7, gold=10)
#: the new run fixes all four misses and adds one FP
NEW = run([error("b1", "fp", "org.staff", 3, 50), error("a1", "fp", "review.total", 1, 80)],
          tp=10, predicted=12, gold=10)


def test_compare_counts_fixes_and_additions_with_their_sites():
    c = compare_runs(BASE, NEW, "rules", SITE)
    by = {(x.change, x.kind, x.indicator): x for x in c.changes}
    total = by[("fixed", "fn", "proactive.total")]
    assert (total.errors, total.docs, total.sites) == (3, ("a1", "a2", "b1"), ("a.gov.cn", "b.gov.cn"))
    assert by[("fixed", "fn", "request.new")].sites == ("a.gov.cn",)
    assert by[("added", "fp", "review.total")].errors == 1
    assert ("fixed", "fp", "org.staff") not in by  # the same error in both runs is no change


def test_compare_undoes_the_fixes_seen_on_too_few_sites():
    c = compare_runs(BASE, NEW, "rules", SITE, min_sites=2)
    # the request.new fix (one site) is undone: one true positive fewer, one prediction fewer
    assert (c.supported["tp"], c.supported["predicted"], c.supported["gold"]) == (9, 11, 10)
    assert c.supported["f1"] < c.new["f1"]
    everything = compare_runs(BASE, NEW, "rules", SITE, min_sites=1)
    assert everything.supported["tp"] == 10
    strict = compare_runs(BASE, NEW, "rules", SITE, min_sites=3)  # no indicator is fixed on 3 sites
    assert strict.supported["tp"] == 6


def test_compare_undoes_removed_false_positives_as_predictions():
    base = run([error("a1", "fp", "org.staff", 3, 50)], tp=5, predicted=6, gold=5)
    new = run([], tp=5, predicted=5, gold=5)
    c = compare_runs(base, new, "rules", SITE, min_sites=2)
    assert (c.supported["tp"], c.supported["predicted"]) == (5, 6)


def test_compare_renders_every_change():
    text = render_comparison(compare_runs(BASE, NEW, "rules", SITE))
    assert "| fixed | fn | proactive.total | 3 | 3 | 2 |" in text
    assert "fixes on < 2 sites undone" in text


def test_compare_errors_are_typed():
    with pytest.raises(ConfigError, match="no error listing for engine 'hybrid'"):
        compare_runs(BASE, NEW, "hybrid", SITE)
    with pytest.raises(ConfigError, match="min_sites"):
        compare_runs(BASE, NEW, "rules", SITE, min_sites=0)
