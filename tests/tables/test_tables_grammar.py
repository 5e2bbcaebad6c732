"""The grammars as data: checked against the taxonomy, covering every form row,
and folding the label variants real tables print."""
from __future__ import annotations

import dataclasses

import pytest

from gikp_nlp.errors import TaxonomyError
from gikp_nlp.tables import forms, grammar
from gikp_nlp.tables.grammar import build_t2008, build_t2019, item_number, label_key, money_unit


def _reachable_t2019(g) -> set[str]:  # noqa: ANN001
    ids = {ind for ind, _ in g.table2_valid}
    for entries in g.vocab.values():
        ids |= {e.payload[0] for e in entries if e.kind == "row" and e.table == "三"}
    ids |= {f"{p}.{s}" for _, p in g.table4_groups for _, s in g.table4_leaves}
    return ids


def test_tables_grammar_covers_every_form_row(taxonomy):
    g2008, g2019 = grammar.grammars(taxonomy)
    rows_2008 = {e.payload[0] for entries in g2008.vocab.values() for e in entries if e.kind == "row"}
    assert rows_2008 == {ind.id for ind in taxonomy.indicators if "t2008" in ind.forms}
    new_form = {ind.id for ind in taxonomy.indicators if {"t2019", "t2021"} & set(ind.forms)}
    assert _reachable_t2019(g2019) == new_form


def test_tables_grammar_table2_cells_only_where_the_form_has_them(taxonomy):
    _, g2019 = grammar.grammars(taxonomy)
    for ind_id, era in g2019.table2_valid:
        assert era in taxonomy[ind_id].forms
    assert ("proactive.fees.amount", "t2019") not in g2019.table2_valid
    assert ("proactive.fees.amount", "t2021") in g2019.table2_valid


def test_tables_grammar_unknown_id_is_refused(taxonomy, monkeypatch):
    rows = forms.T2008["rows"] + (("不存在的行", "proactive.nonexistent", "一"),)
    monkeypatch.setitem(forms.T2008, "rows", rows)
    with pytest.raises(TaxonomyError, match="proactive.nonexistent"):
        build_t2008(taxonomy)


def test_tables_grammar_id_on_the_wrong_form_is_refused(taxonomy, monkeypatch):
    rows = forms.TABLE3["rows"] + (("收到申请数", "request.new.in_person"),)  # a t2008-only row in table 三
    monkeypatch.setitem(forms.TABLE3, "rows", rows)
    with pytest.raises(TaxonomyError, match="request.new.in_person"):
        build_t2019(taxonomy)


@pytest.mark.parametrize("printed, key", [
    ("（一）主动公开政府信息数", "主动公开政府信息数"),
    ("(一) 主动公开政府信息数\n(不同渠道和方式公开相同信息计1条)", "主动公开政府信息数"),
    ("1.专职人员数(不包括政府公报及政府网站工作", "专职人员数"),
    ("其中:主动公开规范性文件数", "主动公开规范性文件数"),
    ("其中：涉及国家秘密", "涉及国家秘密"),
    ("3、危及“三安全一稳定”", label_key("危及三安全一稳定")),
    ("規範性檔案(行政機關制定發布的決定)", "规范性文件"),
    ("本年新 製作數量", "本年新制作数量"),
    ("上一年項目數量(指2019年事項數)", "上一年项目数量"),
    ("一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"),
    ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", ""),
])
def test_tables_grammar_label_key_folds_variants(printed, key):
    assert label_key(printed) == key


def test_tables_grammar_unclosed_parenthetical_only_dropped_for_one_cell():
    assert label_key("1.专职人员数(不包括政府公报", truncated_ok=False) != "专职人员数"


@pytest.mark.parametrize("printed, item", [("第二十条第(一)项", "一"), ("第二十条第（五）项", "五"),
                                           ("第二十條第（九）項", "九"), ("第 二十条第（八） 项", "八"),
                                           ("规章", None)])
def test_tables_grammar_item_number(printed, item):
    assert item_number(printed) == item


@pytest.mark.parametrize("header, unit", [("采购总金额（元）", "元"), ("采购总金额(万元)", "万元"),
                                          ("本年收费金额（单位：万 元）", "万元"), ("采购总金额", None)])
def test_tables_grammar_money_unit(header, unit):
    assert money_unit(header) == unit


def test_tables_grammar_labels_fold_with_the_lexicon():
    assert grammar.fold("規範性檔案") == "规范性文件"
    assert label_key("（一）主動公開規範性檔案數") == label_key("主动公开规范性文件数")


def test_tables_grammar_cached_per_taxonomy(taxonomy):
    assert grammar.grammars(taxonomy) is grammar.grammars(taxonomy)
    other = dataclasses.replace(taxonomy, sha256="x" * 64)
    assert grammar.grammars(other) is not grammar.grammars(taxonomy)


def test_tables_grammar_labels_agree_with_the_spec(taxonomy):
    """Every printed label of the grammar that the spec knows names the same id
    there (Taxonomy.lookup); table 二 rows differ only by the documented variants
    of the normative-documents row (规范性文件 / 行政规范性文件 / 规范性檔案)."""
    for label, ind_id, _ in forms.T2008["rows"]:
        assert ind_id in taxonomy.lookup(label), label
    for label, ind_id in forms.TABLE3["rows"]:
        assert ind_id in taxonomy.lookup(label), label
    variants = {"规范性文件", "行政规范性文件", "规范性档案"}
    resolved: set[str] = set()
    for spec in forms.TABLE2["items"].values():
        for row, prefix in spec["rows"]:
            for era, cols in spec["columns"].items():
                for col, suffix in cols:
                    ind = taxonomy.get(f"{prefix}.{suffix}")
                    if ind is None or era not in ind.forms:
                        continue
                    if ind.id in taxonomy.lookup(f"{row} {col}"):
                        resolved.add(ind.id)
                    else:
                        assert row in variants, (row, col)
    assert resolved == {i for i in taxonomy.ids if i.startswith("proactive.") and
                        {"t2019", "t2021"} & set(taxonomy[i].forms)}
