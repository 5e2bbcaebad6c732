"""Cross-report checks on a synthetic corpus: planted year-over-year breaks, summary mismatches and
copies are found with both reports' spans; a consistent corpus raises nothing."""
import pytest

from gikp_nlp.corpus import check_corpus, read_bodies
from gikp_nlp.corpus.crosscheck import MIN_COPIED_CHARS, MIN_COPIED_FIGURES, Body
from gikp_nlp.errors import InputError


def make_report(file: str, figures: dict, *, narrative: str, source: str = "table") -> dict:
    """A report dict as `gikp extract` writes it: the narrative, then a table region with one line per
    figure whose number is the mention (so spans point at real text)."""
    text = narrative
    records = []
    for (indicator, applicant), value in figures.items():
        line = f"\n{indicator} {applicant} "
        start = len(text) + len(line)
        text += line + str(value)
        mention = {"start": start, "end": start + len(str(value)), "text": str(value), "indicator": indicator,
                   "value": value, "applicant": applicant, "source": source}
        records.append({"indicator": indicator, "label": indicator, "applicant": applicant, "value": value,
                        "sources": [source], "mentions": [mention]})
    return {"file": file, "text": text, "records": records, "checks": [],
            "table_regions": [[len(narrative), len(text)]]}


NAMES = {"A": "甲县人民政府", "A1": "甲县教育局", "A2": "甲县卫生健康局", "B": "乙县", "C": "丙县"}
WORK = {2022: "深化政务公开标准化规范化建设", 2023: "推进基层政务公开并优化依申请公开办理"}


def narrative(body: str, year: int) -> str:
    """A distinct narrative per body and year (in words: the comparison ignores figures), long enough
    to be compared."""
    name = NAMES[body]
    return f"{name}{year}年政府信息公开工作年度报告。" + f"{name}坚持以公开为常态、不公开为例外，{WORK[year]}。" * 8


def figures(base: int, *, carried_over: int, carried_forward: int, prev: int = 10, change: int = 2) -> dict:
    out = {("request.new", "total"): base, ("request.carried_over", "total"): carried_over,
           ("request.carried_forward", "total"): carried_forward,
           ("proactive.licensing.items_prev_year", "total"): prev,
           ("proactive.licensing.items_change", "total"): change}
    out.update({(f"request.result.k{i}", "total"): base + i for i in range(MIN_COPIED_FIGURES)})
    return out


def consistent_corpus():
    """County A (summary of departments A1, A2) in 2022 and 2023, every figure consistent."""
    reports, bodies = [], []
    carried = {"A1": 3, "A2": 4}
    for year in (2022, 2023):
        kids = {}
        for k, dept in enumerate(("A1", "A2")):
            over = carried[dept]
            carried[dept] = over + k + 1
            prev = 10 + (year - 2022) * 2
            kids[dept] = figures(20 + 7 * k + year % 10, carried_over=over, carried_forward=carried[dept], prev=prev)
        total = {key: kids["A1"][key] + kids["A2"][key] for key in kids["A1"]}
        total[("proactive.licensing.items_prev_year", "total")] = 30 + (year - 2022) * 5
        total[("proactive.licensing.items_change", "total")] = 5
        for body, figs, parent, summary in (("A", total, None, True), ("A1", kids["A1"], "A", False),
                                            ("A2", kids["A2"], "A", False)):
            file = f"{body}-{year}.txt"
            reports.append(make_report(file, figs, narrative=narrative(body, year)))
            bodies.append(Body(file=file, body=body, year=year, parent=parent, summary=summary))
    return reports, bodies


def test_corpus_crosscheck_consistent_corpus_raises_nothing():
    reports, bodies = consistent_corpus()
    results = check_corpus(reports, bodies)
    kinds = {c.kind for c in results}
    assert {"year_over_year", "summary"} <= kinds  # the checks ran ...
    assert [c for c in results if not c.passed] == []  # ... and passed


def _failed(results, kind):
    return [c for c in results if c.kind == kind and not c.passed]


def test_corpus_crosscheck_finds_a_year_over_year_break_with_both_spans():
    reports, bodies = consistent_corpus()
    a1_2023 = next(r for r in reports if r["file"] == "A1-2023.txt")
    record = next(r for r in a1_2023["records"] if r["indicator"] == "request.carried_over")
    record["value"] += 5
    record["mentions"][0]["value"] += 5
    (broken,) = _failed(check_corpus(reports, bodies), "year_over_year")
    assert broken.indicator == "request.carried_over" and broken.actual == broken.expected + 5
    assert broken.left.file == "A1-2023.txt" and broken.right.file == "A1-2022.txt"
    by_file = {r["file"]: r for r in reports}
    for side in (broken.left, broken.right):
        assert by_file[side.file]["text"][side.start:side.end] == side.text


def test_corpus_crosscheck_items_prev_year_is_last_years_count_plus_change():
    reports, bodies = consistent_corpus()
    a_2023 = next(r for r in reports if r["file"] == "A-2023.txt")
    record = next(r for r in a_2023["records"] if r["indicator"] == "proactive.licensing.items_prev_year")
    record["value"] = 999
    (broken,) = _failed(check_corpus(reports, bodies), "year_over_year")
    assert broken.indicator == "proactive.licensing.items_prev_year" and broken.expected == 35


def test_corpus_crosscheck_finds_a_summary_mismatch():
    reports, bodies = consistent_corpus()
    a_2022 = next(r for r in reports if r["file"] == "A-2022.txt")
    record = next(r for r in a_2022["records"] if r["indicator"] == "request.new")
    record["value"] += 1
    (broken,) = _failed(check_corpus(reports, bodies), "summary")
    assert broken.left.file == "A-2022.txt" and broken.right.file in {"A1-2022.txt", "A2-2022.txt"}
    assert broken.actual == broken.expected + 1


def test_corpus_crosscheck_a_summary_flag_is_needed_to_add_up_departments():
    reports, bodies = consistent_corpus()
    a_2022 = next(r for r in reports if r["file"] == "A-2022.txt")
    next(r for r in a_2022["records"] if r["indicator"] == "request.new")["value"] += 1
    unflagged = [Body(b.file, b.body, b.year, b.parent, False) for b in bodies]
    assert _failed(check_corpus(reports, unflagged), "summary") == []


def test_corpus_crosscheck_finds_copied_narrative_and_copied_tables():
    reports, bodies = consistent_corpus()
    a1 = next(r for r in reports if r["file"] == "A1-2023.txt")
    copy_text = make_report("B-2023.txt", {("request.new", "total"): 1}, narrative=narrative("A1", 2023))
    copy_tables = make_report("C-2023.txt", {k: r["value"] for r in a1["records"] for k in [(r["indicator"], r["applicant"])]},
                              narrative=narrative("C", 2023))
    bodies += [Body("B-2023.txt", "B", 2023, None, False), Body("C-2023.txt", "C", 2023, None, False)]
    results = check_corpus([*reports, copy_text, copy_tables], bodies)
    (text_copy,) = _failed(results, "copy")[:1]
    rules = {(c.rule, c.left.file, c.right.file) for c in _failed(results, "copy")}
    assert ("copied_narrative", "B-2023.txt", "A1-2023.txt") in rules
    assert ("copied_tables", "C-2023.txt", "A1-2023.txt") in rules
    assert len(rules) == 2 and text_copy.left.start == 0
    assert len(narrative("A1", 2023)) >= MIN_COPIED_CHARS


def test_corpus_crosscheck_reads_a_bodies_csv(tmp_path):
    path = tmp_path / "bodies.csv"
    path.write_text("file,body,year,parent,summary\nA-2023.txt,A,2023,,yes\nA1-2023.txt,A1,2023,A,\n",
                    encoding="utf-8")
    assert read_bodies(path) == [Body("A-2023.txt", "A", 2023, None, True), Body("A1-2023.txt", "A1", 2023, "A", False)]
    path.write_text("file,body\nA.txt,A\n", encoding="utf-8")
    with pytest.raises(InputError, match="year"):
        read_bodies(path)
