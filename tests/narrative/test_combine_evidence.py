"""The combiner's evidence against false positives: printed unit, the count's verb, mixed counts, other counts."""
from __future__ import annotations

import numpy as np
import pytest

from gikp_nlp.candidates import Candidate
from gikp_nlp.config import load_config
from gikp_nlp.lexicon import get_lexicon
from gikp_nlp.narrative.combine import FEATURES, CombinedTagger, Combiner
from gikp_nlp.narrative.rules import RuleTagger
from gikp_nlp.numbers import find_numbers

N = len(FEATURES)
NEW = ("unit_same", "unit_clash", "verb_match", "verb_conflict", "mixed_count", "cue_other_counts")


class Stub:
    """A candidate predictor that proposes fixed indicators for numbers of the text."""

    def __init__(self, taxonomy, options):
        self.taxonomy, self.config, self.options = taxonomy, load_config().narrative, options

    def candidates(self, text, spans=None, *, folded=None):
        return [Candidate(n, self.options[n.text]) for n in find_numbers(text) if n.text in self.options]


def features_of(taxonomy, text, number, options):
    """{indicator: features} of the pairs of ``number`` in ``text`` (the model offering ``options``)."""
    cfg = load_config().narrative
    combiner = Combiner(FEATURES, (0.0,) * N, 0.0, (0.0,) * N, (1.0,) * N, 0.5)
    t = CombinedTagger(Stub(taxonomy, {number: options}), RuleTagger(taxonomy, cfg), combiner, taxonomy, cfg)
    return {p.mention.indicator: dict(zip(FEATURES, p.features))
            for g in t.proposals(text, [(0, len(text))]) for p in g if p.mention.text == number}


def test_combine_evidence_new_features_follow_the_old_ones():
    assert FEATURES[-len(NEW):] == NEW and len(set(FEATURES)) == N


@pytest.mark.parametrize(("text", "number", "indicator", "same", "clash"), [
    ("全年主动公开政府信息171条。", "171", "proactive.total", 1.0, 0.0),
    ("微信公众号全年共推送291期。", "291", "proactive.channel.wechat", 0.0, 1.0),  # 期 counts no information
    ("开设政务微信31个，公开信息6346条。", "31", "proactive.channel.wechat", 0.0, 1.0),  # 个 counts accounts
    ("收到政府信息公开申请12宗。", "12", "request.new", 0.0, 0.0),  # 宗 may count requests (件)
])
def test_combine_evidence_the_printed_unit_is_weighed_against_the_indicators(taxonomy, text, number, indicator,
                                                                             same, clash):
    f = features_of(taxonomy, text, number, ((indicator, 0.9),))[indicator]
    assert (f["unit_same"], f["unit_clash"]) == (same, clash)


@pytest.mark.parametrize(("text", "match", "conflict"), [
    # guidelines "Requests handled": 处理/办理 is request.result.total, 受理/收到 is request.new
    ("2017年共办理政府信息公开申请7件。", "request.result.total", "request.new"),
    ("全年收到政府信息公开申请7件，办理结果如下。", "request.new", "request.result.total"),  # 办理 after: no verb
    # the verb nearest the number decides: 收到…，办结 → the second count is request.completed
    ("收到申请9件，办结7件。", "request.completed", "request.new"),
])
def test_combine_evidence_the_verb_nearest_the_count_names_its_indicator(taxonomy, text, match, conflict):
    options = ((conflict, 0.6), (match, 0.3))
    pairs = features_of(taxonomy, text, "7", options)
    assert pairs[match]["verb_match"] == 1.0 and pairs[match]["verb_conflict"] == 0.0
    assert pairs[conflict]["verb_conflict"] == 1.0 and pairs[conflict]["verb_match"] == 0.0


def test_combine_evidence_a_longer_verb_wins_at_the_same_place(taxonomy):
    text = "现行有效行政规范性文件25件。"  # 现行有效 → in_force, not the 有效 inside it (nor 发布)
    options = (("proactive.normative.published", 0.6), ("proactive.normative.in_force", 0.3))
    pairs = features_of(taxonomy, text, "25", options)
    assert pairs["proactive.normative.in_force"]["verb_match"] == 1.0
    assert pairs["proactive.normative.published"]["verb_conflict"] == 1.0


def test_combine_evidence_no_verb_of_a_group_is_no_evidence(taxonomy):
    pairs = features_of(taxonomy, "主动公开政府信息171条。", "171", (("proactive.total", 0.9),))
    assert pairs["proactive.total"]["verb_match"] == pairs["proactive.total"]["verb_conflict"] == 0.0


@pytest.mark.parametrize(("text", "mixed"), [
    ("共办理政府信息公开申请24件（含上年结转1件），均已答复。", 1.0),  # guidelines: a mix is no request.new
    ("共办理政府信息公开申请24件(含上年度结转3件)。", 1.0),
    ("共办理政府信息公开申请24件，上年结转1件。", 0.0),  # the carried-over count stands apart
    ("共办理政府信息公开申请24件（其中公民申请20件）。", 0.0),
])
def test_combine_evidence_a_parenthesis_of_carried_over_requests_makes_a_mixed_count(taxonomy, text, mixed):
    pairs = features_of(taxonomy, text, "24", (("request.new", 0.9), ("request.result.total", 0.05)))
    assert pairs["request.new"]["mixed_count"] == mixed
    assert pairs["request.result.total"]["mixed_count"] == 0.0  # 办理N件（含上年结转M件） is the result total


def test_combine_evidence_letters_and_hotline_orders_are_other_counts(taxonomy):
    pairs = features_of(taxonomy, "县长信箱共受理有效信件3件，已办结3件。", "3", (("request.new", 0.9),))
    assert pairs["request.new"]["cue_other_counts"] == 1.0
    plain = features_of(taxonomy, "收到政府信息公开申请3件。", "3", (("request.new", 0.9),))
    assert plain["request.new"]["cue_other_counts"] == 0.0
    assert {"信箱", "工单"} <= set(get_lexicon().hybrid_cues["other_counts"])


def test_combine_evidence_a_combiner_fitted_before_the_new_features_scores_as_before():
    old = FEATURES[:-len(NEW)]
    rng = np.random.default_rng(0)
    w, mean = tuple(rng.normal(size=len(old))), tuple(rng.normal(size=len(old)))
    before = Combiner.from_dict({"format": 1, "features": list(old), "weights": list(w), "bias": 0.1,
                                 "mean": list(mean), "scale": [1.0] * len(old), "threshold": 0.5})
    x = rng.normal(size=(4, N))
    z = (x[:, :len(old)] - np.array(mean)) @ np.array(w) + 0.1
    assert np.allclose(before.scores(x), 1 / (1 + np.exp(-z)))  # the new columns are not read


def test_combine_evidence_lexicon_verbs_and_mixed_counts_name_taxonomy_ids(taxonomy):
    lexicon = get_lexicon()
    ids = {i for group in lexicon.count_verbs for i in group} | set(lexicon.mixed_counts)
    assert "request.result.total" in ids and ids <= set(taxonomy.ids)
