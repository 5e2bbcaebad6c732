from gikp_nlp.config import load_config
from gikp_nlp.records import build_records, run_checks
from gikp_nlp.report import Mention
from gikp_nlp.schema.taxonomy import ORGANISATION_APPLICANTS

CONFIG = load_config().records


def _records(taxonomy, triples, source="table"):
    mentions = [
        Mention(start=i, end=i + len(str(v)), text=str(v), indicator=ind, value=v, applicant=app, source=source)
        for i, (ind, app, v) in enumerate(triples)
    ]
    records, _ = build_records(mentions, taxonomy)
    return records


def _by_rule(checks):
    return {(c.rule, c.applicant): c for c in checks}


def test_checks_sum_rule_passes_and_fails_with_numbers(taxonomy):
    ok = _records(taxonomy, [("request.completed", "total", 5), ("request.completed.on_time", "total", 4),
                             ("request.completed.extended", "total", 1)])
    bad = _records(taxonomy, [("request.completed", "total", 6), ("request.completed.on_time", "total", 4),
                              ("request.completed.extended", "total", 1)])
    (good_check,) = run_checks(ok, taxonomy, CONFIG)
    (bad_check,) = run_checks(bad, taxonomy, CONFIG)
    assert good_check.passed and good_check.kind == "sum"
    assert not bad_check.passed and (bad_check.expected, bad_check.actual) == (6, 5)
    assert "request.completed.on_time=4" in bad_check.detail


def test_checks_skip_rules_with_missing_parts(taxonomy):
    records = _records(taxonomy, [("request.completed", "total", 5), ("request.completed.on_time", "total", 4)])
    assert run_checks(records, taxonomy, CONFIG) == []


def test_checks_table_three_balance_per_column(taxonomy):
    triples = []
    for app, (new, carried, total, forward) in {"natural_person": (10, 2, 11, 1), "total": (10, 2, 9, 1)}.items():
        triples += [("request.new", app, new), ("request.carried_over", app, carried),
                    ("request.result.total", app, total), ("request.carried_forward", app, forward)]
    checks = _by_rule(run_checks(_records(taxonomy, triples), taxonomy, CONFIG))
    assert checks[("identity:request.balance", "natural_person")].passed
    bad = checks[("identity:request.balance", "total")]
    assert not bad.passed and (bad.expected, bad.actual) == (12, 10)


def test_checks_row_totals(taxonomy):
    orgs = dict(zip(ORGANISATION_APPLICANTS, (1, 2, 0, 0, 1)))
    triples = [("request.new", a, v) for a, v in orgs.items()]
    triples += [("request.new", "natural_person", 5), ("request.new", "total", 10)]
    checks = _by_rule(run_checks(_records(taxonomy, triples), taxonomy, CONFIG))
    row_total = checks[("row:total", "total")]
    assert not row_total.passed and (row_total.expected, row_total.actual) == (10, 9)


def test_checks_table_value_wins_over_narrative(taxonomy):
    table = [("request.completed", "total", 5), ("request.completed.on_time", "total", 4),
             ("request.completed.extended", "total", 1)]
    mentions = [
        Mention(start=i, end=i + 1, text=str(v), indicator=ind, value=v, applicant=app, source="table")
        for i, (ind, app, v) in enumerate(table)
    ] + [Mention(start=90, end=91, text="7", indicator="request.completed", value=7, source="rule")]
    records, conflicts = build_records(mentions, taxonomy)
    (check,) = run_checks(records, taxonomy, CONFIG)
    assert check.passed  # the sum rule uses the table's 5
    assert len(conflicts) == 1  # while the disagreement itself is reported


def test_checks_float_tolerance_for_money(taxonomy):
    """Amounts in 万元 are printed rounded and summed in floats: 0.1 + 0.2 is not
    0.3 and 1.23 + 2.34 printed as 3.565 is off by half a cent; both are equal
    within records.float_tolerance, a real difference (3.6) is not."""
    def check(total, parts):
        records = _records(taxonomy, [("org.staff", "total", total), ("org.staff.full_time", "total", parts[0]),
                                      ("org.staff.part_time", "total", parts[1])])
        (result,) = run_checks(records, taxonomy, CONFIG)
        return result.passed

    assert 0.1 + 0.2 != 0.3 and check(0.3, (0.1, 0.2))
    assert check(3.565, (1.23, 2.34))
    assert not check(3.6, (1.23, 2.34))


def test_checks_parts_not_on_the_form_count_as_zero(taxonomy):
    # the 2008 form prints no 尚未审结 row: review.total = upheld + corrected + other there
    records = _records(taxonomy, [("review.total", "total", 3), ("review.upheld", "total", 2),
                                  ("review.corrected", "total", 1), ("review.other", "total", 0)])
    assert run_checks(records, taxonomy, CONFIG) == []  # form unknown: review.pending missing, no verdict
    (check,) = run_checks(records, taxonomy, CONFIG, forms=("t2008",))
    assert check.passed and check.rule == "sum_of:review.total"
    bad = _records(taxonomy, [("review.total", "total", 4), ("review.upheld", "total", 2),
                              ("review.corrected", "total", 1), ("review.other", "total", 0)])
    (check,) = run_checks(bad, taxonomy, CONFIG, forms=("t2008",))
    assert not check.passed and (check.expected, check.actual) == (4, 3)


def test_checks_era_scoped_rule_skipped_on_other_forms(taxonomy):
    parts = ["request.new.in_person", "request.new.fax", "request.new.online", "request.new.letter",
             "request.new.email", "request.new.other"]
    records = _records(taxonomy, [("request.new", "total", 9)] + [(p, "total", 1) for p in parts])
    assert [c.passed for c in run_checks(records, taxonomy, CONFIG, forms=("t2008",))] == [False]
    assert run_checks(records, taxonomy, CONFIG, forms=("t2021",)) == []


def test_checks_no_zero_parts_for_a_total_off_the_form(taxonomy):
    # request.completed is a 2008-form row; in a 2021-form report a narrative 办结10件 has no parts
    records = _records(taxonomy, [("request.completed", "total", 10)], source="rule")
    assert run_checks(records, taxonomy, CONFIG, forms=("t2021",)) == []
