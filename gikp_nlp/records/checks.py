"""Consistency checks (勾稽关系) over a report's records.

Rules come from the taxonomy (``sum_of``) plus the table 三 identities of the
2019/2021 forms: per applicant column, new + carried_over = result.total +
carried_forward; per row, total = natural_person + legal_entity and
legal_entity = the five organisation columns. A rule is evaluated only where
every value it needs is present and unambiguous; a failure is reported with
its numbers, never corrected.
"""
from __future__ import annotations

from collections import defaultdict

from gikp_nlp.config import RecordsConfig
from gikp_nlp.report import CheckResult, Record
from gikp_nlp.schema import Taxonomy
from gikp_nlp.schema.taxonomy import ORGANISATION_APPLICANTS



def _values(records: list[Record]) -> dict[tuple[str, str], float]:
    """One value per key: table values win over narrative ones; keys with
    conflicting values inside the same source are dropped (flagged elsewhere)."""
    by_key: dict[tuple[str, str], dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
    for r in records:
        for m in r.mentions:
            by_key[r.key][m.source].add(float(r.value))
    out = {}
    for key, sources in by_key.items():
        for source in ("table", "model", "rule"):
            vals = sources.get(source)
            if vals:
                if len(vals) == 1:
                    out[key] = next(iter(vals))
                break
    return out


def _check(rule: str, kind: str, indicator: str, applicant: str, expected: float, actual: float,
           detail: str, tol: float) -> CheckResult:
    return CheckResult(rule=rule, kind=kind, passed=abs(expected - actual) <= tol, indicator=indicator,
                       applicant=applicant, expected=expected, actual=actual, detail=detail)


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


def _off_form(taxonomy: Taxonomy, indicator: str, forms: tuple[str, ...]) -> bool:
    """True when the report's table form(s) have no row for ``indicator``: the
    2008 form prints no 尚未审结, so review.total = upheld + corrected + other there."""
    return bool(forms) and not set(taxonomy[indicator].forms) & set(forms)


def run_checks(records: list[Record], taxonomy: Taxonomy, config: RecordsConfig,
               forms: tuple[str, ...] = ()) -> list[CheckResult]:
    """All rules that can be evaluated; ``forms`` are the table formats recognised
    in the report (parts not on those forms count as 0)."""
    tol = config.float_tolerance
    values = _values(records)
    applicants = sorted({a for (_, a) in values})
    results: list[CheckResult] = []
    # taxonomy sum rules, per applicant
    for rule in taxonomy.sum_rules:
        if rule.forms and forms and not set(rule.forms) & set(forms):
            continue
        # a part missing because the form has no row for it counts as 0, but only
        # where the form prints the total (a narrative total says nothing of form rows)
        total_on_form = bool(forms) and not _off_form(taxonomy, rule.total, forms)
        for applicant in applicants:
            total = values.get((rule.total, applicant))
            parts = [values.get((p, applicant), 0.0 if total_on_form and _off_form(taxonomy, p, forms) else None)
                     for p in rule.parts]
            if total is None or any(p is None for p in parts):
                continue
            got = sum(parts)  # type: ignore[arg-type]
            detail = f"{rule.total} = {_fmt(total)}; " + " + ".join(
                f"{p}={_fmt(v)}" for p, v in zip(rule.parts, parts)  # type: ignore[arg-type]
            ) + f" = {_fmt(got)}"
            results.append(_check(rule.rule_id, "sum", rule.total, applicant, total, got, detail, tol))
    # table 三: per column balance
    for applicant in applicants:
        keys = ["request.new", "request.carried_over", "request.result.total", "request.carried_forward"]
        vals = [values.get((k, applicant)) for k in keys]
        if all(v is not None for v in vals):
            new, carried, total, forward = vals  # type: ignore[misc]
            detail = (f"new {_fmt(new)} + carried_over {_fmt(carried)} = {_fmt(new + carried)}; "
                      f"result.total {_fmt(total)} + carried_forward {_fmt(forward)} = {_fmt(total + forward)}")
            results.append(_check("identity:request.balance", "identity", "request.new", applicant,
                                  new + carried, total + forward, detail, tol))
    # table 三: per row applicant totals
    indicators = sorted({i for (i, _) in values})
    for indicator in indicators:
        row = {a: values.get((indicator, a)) for a in ("natural_person", "legal_entity", "total",
                                                          *ORGANISATION_APPLICANTS)}
        orgs = [row[a] for a in ORGANISATION_APPLICANTS]
        if row["legal_entity"] is not None and all(v is not None for v in orgs):
            got = sum(orgs)  # type: ignore[arg-type]
            results.append(_check("row:legal_entity", "row_total", indicator, "legal_entity",
                                  row["legal_entity"], got,
                                  f"legal_entity {_fmt(row['legal_entity'])} vs five organisation columns {_fmt(got)}",
                                  tol))
        legal = row["legal_entity"]
        if legal is None and all(v is not None for v in orgs):
            legal = sum(orgs)  # type: ignore[arg-type]
        if row["total"] is not None and row["natural_person"] is not None and legal is not None:
            got = row["natural_person"] + legal
            results.append(_check("row:total", "row_total", indicator, "total", row["total"], got,
                                  f"total {_fmt(row['total'])} vs natural_person {_fmt(row['natural_person'])}"
                                  f" + legal_entity {_fmt(legal)} = {_fmt(got)}", tol))
    return results
