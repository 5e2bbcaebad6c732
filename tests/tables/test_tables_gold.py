"""The table rules against the gold: every table cell of the seeds (and of the
gold excerpts with tables) found with the same indicator, applicant, value and
offsets: precision and recall 1.0."""
from __future__ import annotations

import pytest

from tests.conftest import load_gold
from tests.tables.helpers import assert_spans

TABLE_DOCS = ("seed-000", "seed-001", "seed-002", "seed-003", "seed-004", "r069", "r084", "r108", "r111")


def _score(gold: dict, result) -> tuple[float, float, set, set]:
    """Gold mentions inside the recognised regions are the table cells."""
    inside = lambda s: any(a <= s < b for a, b in result.regions)  # noqa: E731
    want = {(m["start"], m["end"], m["indicator"], m["applicant"], round(float(m["value"]), 6))
            for m in gold["mentions"] if inside(m["start"])}
    got = {(m.start, m.end, m.indicator, m.applicant, round(float(m.value), 6))
           for m in result.mentions if not m.blank}
    hit = len(want & got)
    precision = hit / len(got) if got else 1.0
    recall = hit / len(want) if want else 1.0
    return precision, recall, want - got, got - want


@pytest.mark.parametrize("doc_id", TABLE_DOCS)
def test_tables_gold_cells_exact(doc_id, read_text):
    gold = load_gold(doc_id)
    result = read_text(gold["text"])
    assert_spans(gold["text"], result)
    precision, recall, missed, extra = _score(gold, result)
    print(f"{doc_id}: table cells P={precision:.3f} R={recall:.3f} regions={result.regions} {result.formats}")
    assert not missed and not extra, (sorted(missed)[:5], sorted(extra)[:5])
    assert (precision, recall) == (1.0, 1.0)


@pytest.mark.parametrize("doc_id, n_cells, form", [("seed-000", 52, "t2008"), ("seed-003", 46, "t2008"),
                                                   ("seed-004", 198, "t2019")])
def test_tables_gold_regions_hold_all_table_cells(doc_id, n_cells, form, read_text):
    """The regions are where the gold's table cells are, and only there: the
    narrative mentions of the same report stay outside them."""
    gold = load_gold(doc_id)
    result = read_text(gold["text"])
    inside = [m for m in gold["mentions"] if any(a <= m["start"] < b for a, b in result.regions)]
    assert len(inside) == n_cells
    assert result.formats == (form,)
    (start, end), = result.regions
    outside = [m for m in gold["mentions"] if not start <= m["start"] < end]
    assert outside and all(m["end"] <= start or m["start"] >= end for m in outside)


def test_tables_gold_narrative_only_seeds_have_no_table(read_text):
    for doc_id in ("seed-001", "seed-002"):
        result = read_text(load_gold(doc_id)["text"])
        assert result.mentions == () and result.regions == ()


def test_tables_gold_blank_cells_are_implicit_zeros(read_text):
    """seed 003 leaves 14 cells blank (listed in the gold's left_out): each is an
    implicit blank 0 of its row, and the gold has no mention there."""
    gold = load_gold("seed-003")
    result = read_text(gold["text"])
    blanks = {m.indicator for m in result.mentions if m.blank}
    assert blanks == {
        "proactive.channel.gazette", "proactive.channel.wechat", "response.hot_topics",
        "response.online_interviews_by_head", "response.weibo_wechat", "request.result.already_public",
        "request.result.partial", "request.result.denied.state_secret", "request.result.denied.privacy",
        "request.result.denied.security_stability", "review.corrected", "review.other", "fees.collected",
        "org.budget",
    }
    stated = {m["indicator"] for m in gold["mentions"] if m["start"] >= result.regions[0][0]}
    assert not blanks & stated


def test_tables_gold_section_decides_shared_labels(read_text):
    """被依法纠错数 / 其他情形数 under 四、行政复议 vs 五、行政诉讼 (seed 000 and 003)."""
    for doc_id in ("seed-000", "seed-003"):
        text = load_gold(doc_id)["text"]
        result = read_text(text)
        corrected = sorted((m.start, m.indicator) for m in result.mentions
                           if m.evidence_text and "被依法纠错数" in m.evidence_text)
        assert [i for _, i in corrected] == ["review.corrected", "litigation.corrected"]


def test_tables_gold_unknown_row_is_noted_not_guessed(read_text):
    """r108 prints an extra row (其他主動公開檔案) that is on no form: its numbers
    are left out and the result says so."""
    result = read_text(load_gold("r108")["text"])
    assert any("'186'" in n for n in result.notes)
    assert all(m.text not in ("186", "255") for m in result.mentions)


def test_tables_gold_no_table_claimed_in_narrative_documents(read_text):
    """The gold documents of form ``narrative`` (no table of any kind) give no region,
    no mention, no note. (A ``mixed`` document may hold a home-made table on no
    national form: a note saying it was left to the narrative path is right there.)"""
    from tests.conftest import SHARED

    ids = sorted(p.stem for p in (SHARED / "corpus" / "gold").glob("*.json"))
    if not ids:
        pytest.skip("../shared/corpus/gold is not beside the repo")
    narrative = [i for i in ids if load_gold(i)["form"] == "narrative"]
    assert len(narrative) >= 300
    for doc_id in narrative:
        result = read_text(load_gold(doc_id)["text"])
        assert (result.mentions, result.regions, result.notes) == ((), (), ()), doc_id
