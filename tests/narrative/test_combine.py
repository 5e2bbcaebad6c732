"""The hybrid decided per number: pairs of both engines, scored by a fitted combiner."""
from __future__ import annotations

import hashlib
import json
import warnings

import numpy as np
import pytest

from gikp_nlp.candidates import Candidate
from gikp_nlp.config import load_config
from gikp_nlp.errors import CombinerFeaturesError, ModelLoadError
from gikp_nlp.narrative.combine import FEATURES, CombinedTagger, Combiner, Pair, choose, one_value_each
from gikp_nlp.narrative.fallback import FallbackTagger
from gikp_nlp.narrative.rules import RuleTagger
from gikp_nlp.numbers import find_numbers
from gikp_nlp.report import Mention

TEXT = "全年主动公开政府信息171条，收到政府信息公开申请12件。"
N = len(FEATURES)


def combiner_on(weights: dict[str, float], bias: float, threshold: float = 0.5, sha: str | None = None) -> Combiner:
    """A combiner with raw (unscaled) weights on the named features."""
    w = tuple(float(weights.get(name, 0.0)) for name in FEATURES)
    return Combiner(FEATURES, w, bias, (0.0,) * N, (1.0,) * N, threshold, sha)


class Stub:
    """A candidate predictor that proposes fixed indicators for numbers of the text."""

    def __init__(self, taxonomy, options: dict[str, tuple[tuple[str, float], ...]]):
        self.taxonomy, self.config, self.options = taxonomy, load_config().narrative, options

    def candidates(self, text, spans=None, *, folded=None):
        return [Candidate(n, self.options[n.text]) for n in find_numbers(text) if n.text in self.options]


def tagger(taxonomy, options, combiner):
    cfg = load_config().narrative
    return CombinedTagger(Stub(taxonomy, options), RuleTagger(taxonomy, cfg), combiner, taxonomy, cfg)


def test_combine_json_round_trips(tmp_path):
    c = Combiner(FEATURES, tuple(np.linspace(-1, 1, N)), 0.25, tuple(np.linspace(0, 1, N)), (2.0,) * N, 0.4, "ab" * 32,
                 {"documents": 3})
    again = Combiner.load(c.save(tmp_path / "c.json"))
    assert again == c
    x = np.random.default_rng(0).normal(size=(5, N))
    assert np.allclose(again.scores(x), c.scores(x))


def test_combine_rejects_a_file_of_other_features(tmp_path):
    data = combiner_on({}, 0.0).to_dict()
    data["features"] = data["features"][:-1] + ["something_else"]
    (tmp_path / "c.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CombinerFeaturesError, match="something_else"):
        Combiner.load(tmp_path / "c.json")
    with pytest.raises(ModelLoadError):
        Combiner(FEATURES, (0.0,), 0.0, (0.0,) * N, (1.0,) * N, 0.5)


def test_combine_choose_keeps_the_best_pair_of_a_number_only_above_threshold():
    def pair(value, prob):
        f = [0.0] * N
        f[FEATURES.index("m_prob")] = prob
        return Pair(Mention(0, 1, "1", "proactive.total", value), tuple(f))

    c = combiner_on({"m_prob": 10.0}, -5.0)  # score > 0.5 iff m_prob > 0.5
    got = choose([[pair(1, 0.2), pair(2, 0.9)], [pair(3, 0.4)]], c)
    assert [m.value for m in got] == [2]
    assert got[0].confidence == pytest.approx(1 / (1 + np.exp(-4.0)), abs=1e-4)


def test_combine_one_value_each_keeps_the_best_scored_value_of_an_indicator():
    picks = [(0.6, "proactive.total", "total", 202.0), (0.9, "proactive.total", "total", 194.0),
             (0.7, "request.new", "total", 5.0), (0.5, "proactive.total", "total", 194.0),
             (0.8, "request.new", "natural_person", 3.0)]
    assert one_value_each(picks) == [1, 2, 3, 4]  # 202 loses to 194; a restatement of 194 stays
    assert one_value_each([(0.5, "a", "total", 1.0), (0.5, "a", "total", 2.0)]) == [0]  # a tie: the first


def test_combine_choose_states_one_value_per_indicator_unless_told_not_to():
    def pair(start, value, prob):
        f = [0.0] * N
        f[FEATURES.index("m_prob")] = prob
        return Pair(Mention(start, start + 1, "1", "proactive.total", value), tuple(f))

    c = combiner_on({"m_prob": 10.0}, -5.0)
    groups = [[pair(0, 202, 0.7)], [pair(5, 194, 0.9)]]  # 共发布202条，其中网站194条: two values of one indicator
    assert [m.value for m in choose(groups, c)] == [194]
    assert [m.value for m in choose(groups, c, one_value=False)] == [202, 194]


def test_combine_agreement_keeps_and_disagreement_below_threshold_drops(taxonomy):
    c = combiner_on({"agree": 4.0, "r_same": 1.0}, -2.0)  # agreement 0.95; the rules' pair alone 0.27
    agree = tagger(taxonomy, {"171": (("proactive.total", 0.9),), "12": (("request.new", 0.8),)}, c)
    got = [(m.text, m.indicator, m.source) for m in agree.tag(TEXT, [(0, len(TEXT))])]
    assert got == [("171", "proactive.total", "model"), ("12", "request.new", "model")]
    disagree = tagger(taxonomy, {"171": (("proactive.channel.website", 0.9),), "12": (("request.new", 0.8),)}, c)
    got = [(m.text, m.indicator) for m in disagree.tag(TEXT, [(0, len(TEXT))])]
    assert got == [("12", "request.new")]  # 171: the rules say total, the model says website: dropped
    for m in disagree.tag(TEXT, [(0, len(TEXT))]):
        assert TEXT[m.start:m.end] == m.text


def test_combine_rules_alone_speak_through_their_features(taxonomy):
    c = combiner_on({"m_none": 3.0}, -1.0)  # a number only the rules propose: 0.88
    got = [(m.text, m.indicator, m.source) for m in tagger(taxonomy, {}, c).tag(TEXT, [(0, len(TEXT))])]
    assert got == [("171", "proactive.total", "rule"), ("12", "request.new", "rule")]


@pytest.mark.parametrize(("text", "feature"), [
    ("网站访问量达120万次，主动公开政府信息171条。", "cue_no_indicator"),
    ("历年累计主动公开政府信息171条。", "cue_not_this_year"),
    ("通过政府网站主动公开政府信息171条。", "channel_conflict"),
])
def test_combine_features_read_the_lexicon_cue_lists(taxonomy, text, feature):
    t = tagger(taxonomy, {"171": (("proactive.total", 0.9),)}, combiner_on({}, 0.0))
    groups = t.proposals(text, [(0, len(text))])
    pairs = [p for g in groups for p in g if p.mention.text == "171" and p.mention.indicator == "proactive.total"]
    assert len(pairs) == 1
    assert pairs[0].features[FEATURES.index(feature)] == 1.0
    plain = t.proposals(TEXT, [(0, len(TEXT))])[0][0]
    assert plain.features[FEATURES.index(feature)] == 0.0


@pytest.mark.parametrize(("text", "indicator", "on", "off"), [
    # one channel named for the count: its id matches, a total conflicts
    ("通过门户网站主动公开政府信息171条。", "proactive.channel.website", "ch_match", "ch_mismatch"),
    ("通过门户网站主动公开政府信息171条。", "proactive.total", "total_one_channel", "total_channels"),
    # several channels together: a total; one of them alone does not fit
    ("通过网站和微信公众号发布信息171条。", "proactive.total", "total_channels", "total_one_channel"),
    ("通过网站和微信公众号发布信息171条。", "proactive.channel.website", "ch_mismatch", "ch_match"),
    # only the words since the previous number count: 其中网站 names the part, not the total's channels
    ("在网站和微信发布信息202条，其中网站发布171条。", "proactive.channel.website", "ch_match", "ch_mismatch"),
    # 微博、微信 together is the new-media channel
    ("通过政务新媒体微博、微信发布信息171条。", "proactive.channel.new_media", "ch_match", "ch_mismatch"),
    ("在网站发布信息202条，其中主动公开171条。", "proactive.channel.website", "ch_unnamed", "ch_match"),
])
def test_combine_channel_features_read_the_channels_named_for_the_count(taxonomy, text, indicator, on, off):
    t = tagger(taxonomy, {"171": ((indicator, 0.9),)}, combiner_on({}, 0.0))
    pairs = [p for g in t.proposals(text, [(0, len(text))]) for p in g
             if p.mention.text == "171" and p.mention.indicator == indicator]
    assert len(pairs) == 1
    assert pairs[0].features[FEATURES.index(on)] == 1.0
    assert pairs[0].features[FEATURES.index(off)] == 0.0


def test_combine_a_cue_word_inside_the_pairs_own_name_is_no_cue(taxonomy):
    text = "上年结转政府信息公开申请3件。"  # 上年 names request.carried_over here: no other year's value
    t = tagger(taxonomy, {"3": (("request.carried_over", 0.9), ("request.new", 0.05))}, combiner_on({}, 0.0))
    pairs = {p.mention.indicator: p.features for g in t.proposals(text, [(0, len(text))]) for p in g}
    assert pairs["request.carried_over"][FEATURES.index("cue_not_this_year")] == 0.0
    assert pairs["request.new"][FEATURES.index("cue_not_this_year")] == 1.0


@pytest.mark.parametrize(("text", "combined"), [
    ("发布政策文件及解读6条。", 1.0),  # a combined category (guidelines, "Content categories")
    ("发布政策解读6条。", 0.0),
])
def test_combine_a_name_joined_by_a_conjunction_marks_a_combined_category(taxonomy, text, combined):
    t = tagger(taxonomy, {"6": (("response.policy_interpretations", 0.9),)}, combiner_on({}, 0.0))
    pairs = [p for g in t.proposals(text, [(0, len(text))]) for p in g
             if p.mention.indicator == "response.policy_interpretations"]
    assert len(pairs) == 1
    assert pairs[0].features[FEATURES.index("combined")] == combined


def test_combine_litigation_scope_marks_a_review_pair(taxonomy):
    text = "行政诉讼案件12件，其中维持原行政行为5件。"
    t = tagger(taxonomy, {"5": (("review.upheld", 0.8), ("litigation.upheld", 0.15))}, combiner_on({}, 0.0))
    pairs = {p.mention.indicator: p.features for g in t.proposals(text, [(0, len(text))]) for p in g
             if p.mention.text == "5"}
    assert pairs["review.upheld"][FEATURES.index("section_conflict")] == 1.0
    assert pairs["litigation.upheld"][FEATURES.index("section_match")] == 1.0
    # the model's review id is weighed as its litigation twin too, with the model's probability
    assert pairs["litigation.upheld"][FEATURES.index("m_scope_twin")] == 1.0
    assert pairs["litigation.upheld"][FEATURES.index("m_prob")] == pytest.approx(0.8)
    assert pairs["review.upheld"][FEATURES.index("m_scope_twin")] == 0.0


def fake_model(tmp_path, weights=b"weights"):
    (tmp_path / "model.safetensors").write_bytes(weights)
    return tmp_path


def test_combine_pipeline_loads_a_combiner_fitted_for_these_weights(tmp_path):
    from gikp_nlp.pipeline import load_combiner

    path = fake_model(tmp_path)
    c = combiner_on({}, 0.0, sha=hashlib.sha256(b"weights").hexdigest())
    c.save(path / "combiner.json")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_combiner(path) == c


def test_combine_pipeline_sha_mismatch_falls_back_to_the_union_with_a_warning(tmp_path):
    from gikp_nlp.pipeline import load_combiner

    path = fake_model(tmp_path)
    combiner_on({}, 0.0, sha=hashlib.sha256(b"other weights").hexdigest()).save(path / "combiner.json")
    with pytest.warns(UserWarning, match="fitted for model weights"):
        assert load_combiner(path) is None
    (path / "combiner.json").unlink()
    with pytest.warns(UserWarning, match="no combiner"):
        assert load_combiner(path) is None
    with pytest.raises(ModelLoadError):
        load_combiner(path, str(tmp_path / "missing.json"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_combiner(path, "none") is None  # the union asked for: no warning


def test_combine_a_combiner_fitted_before_a_feature_existed_scores_without_it(tmp_path):
    from gikp_nlp.pipeline import load_combiner

    path = fake_model(tmp_path)
    full = combiner_on({"m_prob": 3.0, "r_same": 1.0, FEATURES[-1]: 5.0}, -1.0, sha=hashlib.sha256(b"weights").hexdigest())
    data = full.to_dict()
    for key in ("features", "weights", "mean", "scale"):  # the version before the last feature was added
        data[key] = data[key][:-1]
    (path / "combiner.json").write_text(json.dumps(data), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        old = load_combiner(path)
    x = np.random.default_rng(1).normal(size=(4, N))
    without = x.copy()
    without[:, -1] = 0.0  # the feature it never saw weighs nothing
    assert np.allclose(old.scores(x), full.scores(without))
    assert not np.allclose(old.scores(x), full.scores(x))


def test_combine_pipeline_falls_back_to_the_union_on_a_combiner_of_unknown_features(tmp_path):
    from gikp_nlp.pipeline import load_combiner

    path = fake_model(tmp_path)
    data = combiner_on({}, 0.0, sha=hashlib.sha256(b"weights").hexdigest()).to_dict()
    data["features"] = [*data["features"][:-1], "a_feature_of_a_later_version"]
    (path / "combiner.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CombinerFeaturesError):
        Combiner.load(path / "combiner.json")
    with pytest.warns(UserWarning, match=r"\[E401\].*union of the model and the rules"):
        assert load_combiner(path) is None


def test_combine_shipped_hybrid_uses_the_shipped_combiner():
    import gikp_nlp
    from gikp_nlp.pipeline import resolve_model_path

    if not (resolve_model_path("gikp-ner-zh") / "combiner.json").is_file():
        pytest.skip("no shipped combiner")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ex = gikp_nlp.load(overrides={"narrative.engine": "hybrid"})
    assert isinstance(ex.narrative_tagger, CombinedTagger)
    assert not isinstance(ex.narrative_tagger, FallbackTagger)
