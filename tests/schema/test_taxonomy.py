from pathlib import Path

import pytest

from gikp_nlp.errors import TaxonomyError
from gikp_nlp.schema import APPLICANTS, UNITS, get_taxonomy, normalize_label

REPO = Path(__file__).resolve().parents[2]


def test_taxonomy_has_the_126_spec_ids(taxonomy):
    assert len(taxonomy) == 126
    assert len(set(taxonomy.ids)) == 126


def test_taxonomy_packaged_copy_equals_spec():
    spec = REPO.parent / "shared" / "spec" / "indicators.yaml"
    if not spec.is_file():
        pytest.skip("../shared/spec not beside the repo")
    packaged = REPO / "gikp_nlp" / "schema" / "indicators.yaml"
    assert packaged.read_bytes() == spec.read_bytes()


def test_taxonomy_sum_rules_name_existing_ids(taxonomy):
    assert taxonomy.sum_rules, "the spec has sum rules"
    for rule in taxonomy.sum_rules:
        assert rule.total in taxonomy
        assert all(part in taxonomy for part in rule.parts)


def test_taxonomy_era_rule_is_scoped(taxonomy):
    (rule,) = [r for r in taxonomy.sum_rules if r.total == "request.new"]
    assert rule.forms == ("t2008",)
    assert "request.new.email" in rule.parts


def test_taxonomy_units_known(taxonomy):
    assert {ind.unit for ind in taxonomy.indicators} <= UNITS


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("（一）予以公开", "request.result.granted"),
        ("(一) 予以公开", "request.result.granted"),
        ("1.予以公开", "request.result.granted"),
        ("收到申请数", "request.new"),
        ("本年新收政府信息公开申请数量", "request.new"),
        ("当 面 申 请 数", "request.new.in_person"),
        ("危及“三安全一稳定”", "request.result.denied.security_stability"),
        ("其他对外管理服务事项 处理决定数量", "proactive.other_services.decisions"),
    ],
)
def test_taxonomy_lookup_by_printed_label(taxonomy, printed, expected):
    assert expected in taxonomy.lookup(printed)


def test_taxonomy_lookup_ambiguous_label_gives_all_candidates(taxonomy):
    # 被依法纠错数 is review.corrected under 行政复议 and litigation.corrected under 行政诉讼:
    # the section decides, so lookup must return both
    assert set(taxonomy.lookup("被依法纠错数")) == {"review.corrected", "litigation.corrected"}


def test_taxonomy_unknown_id_raises_typed_error(taxonomy):
    with pytest.raises(TaxonomyError, match="unknown indicator id"):
        taxonomy["request.nonsense"]


def test_taxonomy_bio_labels_follow_ids(taxonomy):
    labels = taxonomy.bio_labels()
    assert labels[0] == "O"
    assert len(labels) == 1 + 2 * len(taxonomy)
    assert labels[1:3] == [f"B-{taxonomy.ids[0]}", f"I-{taxonomy.ids[0]}"]


def test_taxonomy_sections_read_from_comments(taxonomy):
    assert taxonomy["request.new"].section == "依申请公开"
    assert taxonomy["review.total"].section == "复议、诉讼、投诉"


def test_taxonomy_applicants_include_total():
    assert "total" in APPLICANTS and "natural_person" in APPLICANTS


@pytest.mark.parametrize("bad", ["indicators: [", "indicators:\n- {id: a, label: x, unit: 斤, forms: []}\n"])
def test_taxonomy_bad_file_raises_typed_error(tmp_path, bad):
    path = tmp_path / "indicators.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(TaxonomyError):
        get_taxonomy(path)


def test_normalize_label_folds_width_and_numbering():
    assert normalize_label("（三）不予公开") == normalize_label("3. 不予公开") == "不予公开"
