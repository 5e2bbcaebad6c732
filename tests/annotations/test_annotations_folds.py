"""CV folds: every document once, sites never straddle folds, balanced per era × form, deterministic."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from gikp_nlp.annotations import GoldDocument, extend_folds, load_documents, make_folds, read_folds, site_of
from gikp_nlp.annotations.folds import FOLDS_FILE, Folds, read_fold_file, stratum_of
from gikp_nlp.errors import AnnotationError
from tests.conftest import REPO

ANNOTATIONS_DIR = REPO / "annotations"
#: a fold may differ from its share (n / k) of a stratum by at most this many documents …
STRATUM_SLACK = 2
#: … and from its share of all documents by at most this fraction
SIZE_TOLERANCE = 0.05


@pytest.fixture(scope="module")
def docs(taxonomy):
    return load_documents(taxonomy, ANNOTATIONS_DIR)


def _doc(doc_id: str, source: str | None, year: int | None = 2020, form: str = "narrative") -> GoldDocument:
    return GoldDocument(doc_id, source, year, None, form, "x", (), ())


def test_folds_cover_every_document_once(docs):
    folds = read_folds(ANNOTATIONS_DIR)
    assert set(folds) == {d.id for d in docs}
    assert set(folds.values()) == set(range(read_fold_file(ANNOTATIONS_DIR).k))
    assert read_fold_file(ANNOTATIONS_DIR).k >= 5


def test_folds_are_grouped_by_source_site(docs):
    folds = read_folds(ANNOTATIONS_DIR)
    fold_of_site: dict[str, set[int]] = {}
    for d in docs:
        fold_of_site.setdefault(site_of(d), set()).add(folds[d.id])
    straddling = {site: f for site, f in fold_of_site.items() if len(f) > 1}
    assert not straddling
    assert max(Counter(site_of(d) for d in docs).values()) > 1  # the grouping is exercised


def test_folds_are_balanced_per_era_and_form(docs):
    recorded = read_fold_file(ANNOTATIONS_DIR)
    by_id = {d.id: d for d in docs}
    for stratum, n in Counter(stratum_of(d) for d in docs).items():
        per_fold = [sum(stratum_of(by_id[i]) == stratum for i in ids) for ids in recorded.folds]
        assert all(abs(c - n / recorded.k) <= STRATUM_SLACK for c in per_fold), (stratum, per_fold)
    for ids in recorded.folds:
        assert abs(len(ids) - len(docs) / recorded.k) <= SIZE_TOLERANCE * len(docs) / recorded.k


def test_folds_recorded_are_what_make_folds_draws_again(docs):
    recorded = read_fold_file(ANNOTATIONS_DIR)
    assert make_folds(docs, recorded.k, recorded.seed) == recorded
    assert make_folds(list(reversed(docs)), recorded.k, recorded.seed) == recorded  # input order does not matter


def test_folds_site_is_the_host_without_www_and_a_document_without_one_is_alone():
    assert site_of(_doc("a", "https://www.Example.gov.cn/x/1.html")) == "example.gov.cn"
    assert site_of(_doc("b", "http://example.gov.cn/y")) == "example.gov.cn"
    assert site_of(_doc("c", "unknown (search result without URL)")) == "doc:c"
    assert site_of(_doc("d", None)) == "doc:d"


def test_folds_extend_keeps_recorded_documents_and_sends_a_known_site_to_its_fold():
    old = [_doc(f"a{i}", f"https://s{i}.gov.cn/") for i in range(10)]
    folds = make_folds(old, k=5, seed=1)
    new_same_site = _doc("b0", "https://s3.gov.cn/other")
    new_site = _doc("c0", "https://fresh.gov.cn/")
    extended = extend_folds(folds, [*old, new_same_site, new_site])
    assert all(extended.fold_of(d.id) == folds.fold_of(d.id) for d in old)
    assert extended.fold_of("b0") == folds.fold_of("a3")
    assert extended.fold_of("c0") is not None


def test_folds_file_is_checked(tmp_path):
    (tmp_path / FOLDS_FILE).write_text(json.dumps({"k": 2, "seed": 1, "folds": [["a"], ["a"]]}), encoding="utf-8")
    with pytest.raises(AnnotationError, match="repeated"):
        read_folds(tmp_path)
    with pytest.raises(AnnotationError, match="convert"):
        read_folds(tmp_path / "none")
    with pytest.raises(AnnotationError):
        make_folds([], k=1)
    assert Folds.from_dict(Folds(2, 1, (("a",), ("b",))).to_dict()) == Folds(2, 1, (("a",), ("b",)))
