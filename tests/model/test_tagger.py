"""NerTagger: labels checked at load, save → load identical; joined to the
relation step (ModelEngine), mentions exact."""
from __future__ import annotations

import json

import pytest

from gikp_nlp.config import load_config
from gikp_nlp.errors import ModelLoadError
from gikp_nlp.model.tagger import NerTagger, build_model
from gikp_nlp.model.vocab import CharVocab
from gikp_nlp.narrative.relate import ModelEngine

TINY = {"hidden_size": 16, "num_layers": 1, "num_heads": 2, "intermediate_size": 32, "dropout": 0.0, "attention_dropout": 0.0,
        "max_position": 64}
TEXT = "2020年，我局主动公开政府信息171条，其中门户网站公开１２０条。收到申请十二件。" * 3


@pytest.fixture(scope="module")
def tagger(taxonomy):
    import torch

    torch.manual_seed(0)
    labels = taxonomy.bio_labels()
    vocab = CharVocab.build([TEXT])
    model = build_model(len(labels), len(vocab), TINY, labels)
    cfg = load_config(overrides={"narrative.window": 64, "narrative.stride": 48,
                                 "narrative.min_confidence": 0.0}).narrative
    return NerTagger(model, vocab, taxonomy, cfg, {"note": "untrained"})


def _tag(tagger, text, spans=None):
    return ModelEngine(tagger).tag(text, spans)


def test_tagger_id2label_equals_taxonomy_labels(tagger, taxonomy):
    config = tagger.model.config
    assert [config.id2label[i] for i in range(config.num_labels)] == taxonomy.bio_labels()


def test_tagger_save_load_gives_identical_predictions(tagger, taxonomy, tmp_path):
    tagger.save_pretrained(tmp_path, card="# card\n")
    for name in ("config.json", "model.safetensors", "vocab.json", "meta.json", "README.md"):
        assert (tmp_path / name).is_file()
    assert not list(tmp_path.glob("*.bin")) and not list(tmp_path.glob("*.pt"))
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    assert meta["taxonomy_sha256"] == taxonomy.sha256
    loaded = NerTagger.from_pretrained(tmp_path, taxonomy=taxonomy, config=tagger.config)
    assert (loaded.predict_probs(TEXT) - tagger.predict_probs(TEXT)).max() < 1e-6
    assert _tag(loaded, TEXT, [(0, len(TEXT))]) == _tag(tagger, TEXT, [(0, len(TEXT))])


def test_tagger_mentions_are_exact_model_mentions_on_numbers(tagger):
    mentions = _tag(tagger, TEXT, [(0, 40), (40, len(TEXT))])
    for m in mentions:
        assert TEXT[m.start:m.end] == m.text
        assert m.source == "model"
        assert m.evidence is None or TEXT[m.evidence[0]:m.evidence[1]] == m.evidence_text
        assert any(ch.isdigit() or ch in "十二" for ch in m.text)


def test_tagger_rejects_labels_of_another_taxonomy(tagger, taxonomy, tmp_path):
    tagger.save_pretrained(tmp_path)
    config = json.loads((tmp_path / "config.json").read_text(encoding="utf-8"))
    config["id2label"]["1"] = "B-not.an.indicator"
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelLoadError, match="labels"):
        NerTagger.from_pretrained(tmp_path, taxonomy=taxonomy)


def test_tagger_missing_weights_raise_model_load_error(tagger, tmp_path):
    tagger.save_pretrained(tmp_path)
    (tmp_path / "model.safetensors").unlink()
    with pytest.raises(ModelLoadError, match="safetensors"):
        NerTagger.from_pretrained(tmp_path)


def test_tagger_window_larger_than_model_is_clamped(tagger, taxonomy, tmp_path):
    tagger.save_pretrained(tmp_path)
    loaded = NerTagger.from_pretrained(tmp_path, taxonomy=taxonomy, config=load_config().narrative)
    assert loaded.config.window == TINY["max_position"]
    assert 0 < loaded.config.stride <= loaded.config.window


def _patch_probs(monkeypatch, tagger, full):
    """Make the tagger read ``full(chunk)``'s rows (a whole (len, n_labels) matrix)."""
    monkeypatch.setattr(tagger, "probs_at",
                        lambda text, positions, view=None, within=None: full(text)[positions])


def _probs_for(tagger, text, spans):
    """Probabilities that put every character of each (start, end, indicator) on that indicator."""
    import numpy as np

    probs = np.full((len(text), len(tagger.labels)), 1e-4)
    probs[:, 0] = 1.0
    for start, end, indicator in spans:
        b, i = tagger.labels.index(f"B-{indicator}"), tagger.labels.index(f"I-{indicator}")
        probs[start:end, 0] = 1e-4
        probs[start, b] = 0.9
        probs[start + 1:end, i] = 0.9
    return probs / probs.sum(axis=1, keepdims=True)


def test_tagger_needs_evidence_and_units_for_chinese_numerals(tagger, monkeypatch):
    text = "全年主动公开政府信息171条。落实五公开。网站访问量300次。"
    spans = [(text.index("171"), text.index("171") + 3, "proactive.total"),
             (text.index("五"), text.index("五") + 1, "proactive.total"),
             (text.index("300"), text.index("300") + 3, "proactive.total")]
    _patch_probs(monkeypatch, tagger, lambda chunk: _probs_for(tagger, chunk, spans))
    mentions = _tag(tagger, text, [(0, len(text))])
    assert [(m.text, m.indicator, m.value) for m in mentions] == [("171", "proactive.total", 171)]
    assert mentions[0].evidence_text == "主动公开政府信息" and mentions[0].unit == "条"
    assert mentions[0].confidence > 0.5


def test_tagger_applicant_only_for_breakdowns_and_money_in_wan(tagger, monkeypatch):
    text = "共受理公民申请4件。收到申请11件，其中公民申请8件。收取信息处理费3800元。"
    marks = [("4", "request.new"), ("11", "request.new"), ("8", "request.new"), ("3800", "fees.collected")]
    spans = [(text.index(n + ("件" if n != "3800" else "元")), text.index(n + ("件" if n != "3800" else "元")) + len(n), i)
             for n, i in marks]
    _patch_probs(monkeypatch, tagger, lambda chunk: _probs_for(tagger, chunk, spans))
    got = [(m.text, m.applicant, m.value) for m in _tag(tagger, text, [(0, len(text))])]
    assert got == [("4", "total", 4), ("11", "total", 11), ("8", "natural_person", 8), ("3800", "total", 0.38)]


@pytest.mark.parametrize(("year", "expected"), [("2015", "proactive.normative_docs"),
                                                ("2021", "proactive.normative.published")])
def test_tagger_picks_the_id_of_the_reports_form_era(tagger, monkeypatch, year, expected):
    text = f"{year}年，{year}年度公开政府信息3条，含规范性文件2份。"
    start = text.index("2份")
    for predicted in ("proactive.normative_docs", "proactive.normative.published"):
        spans = [(start, start + 1, predicted)]
        _patch_probs(monkeypatch, tagger, lambda chunk, spans=spans: _probs_for(tagger, chunk, spans))
        assert [(m.text, m.indicator) for m in _tag(tagger, text)] == [("2", expected)]


def test_tagger_evidence_is_found_in_traditional_script(tagger, monkeypatch):
    text = "2009年，我辦共主動公開政府資訊19條。"
    start = text.index("19")
    _patch_probs(monkeypatch, tagger,
                 lambda chunk: _probs_for(tagger, chunk, [(start, start + 2, "proactive.total")]))
    (mention,) = _tag(tagger, text)
    assert mention.indicator == "proactive.total" and mention.evidence_text == "主動公開政府資訊"


def _split_probs(tagger, text, start, end, shares):
    """Every character on O except ``text[start:end]``, spread over ``shares`` ({indicator: p})."""
    import numpy as np

    probs = np.full((len(text), len(tagger.labels)), 1e-6)
    probs[:, 0] = 1.0
    probs[start:end, 0] = 1e-6
    for indicator, p in shares.items():
        probs[start, tagger.labels.index(f"B-{indicator}")] = p
        probs[start + 1:end, tagger.labels.index(f"I-{indicator}")] = p
    return probs / probs.sum(axis=1, keepdims=True)


@pytest.mark.parametrize(("min_alternative", "expected"), [(0.02, [("25", "proactive.channel.wechat")]),
                                                           (0.5, []), (1.0, [])])
def test_tagger_takes_the_probable_id_its_clause_names(tagger, monkeypatch, min_alternative, expected):
    """政务微信 read as 政务新媒体: the clause names only wechat, so wechat is taken
    when its probability reaches narrative.min_alternative, else the number is dropped."""
    from dataclasses import replace

    text = "通过政务微信公开信息25条。"
    start = text.index("25")
    shares = {"proactive.channel.new_media": 0.9, "proactive.channel.wechat": 0.06, "proactive.total": 0.04}
    _patch_probs(monkeypatch, tagger, lambda chunk: _split_probs(tagger, chunk, start, start + 2, shares))
    monkeypatch.setattr(tagger, "config", replace(tagger.config, min_alternative=min_alternative))
    mentions = _tag(tagger, text)
    assert [(m.text, m.indicator) for m in mentions] == expected
    assert all(m.evidence_text == "政务微信" and m.confidence == pytest.approx(0.06, abs=0.01) for m in mentions)


def test_tagger_keeps_the_most_probable_id_when_its_clause_names_it(tagger, monkeypatch):
    text = "全年主动公开政府信息171条，门户网站120条。"
    start = text.index("171")
    shares = {"proactive.total": 0.7, "proactive.channel.website": 0.3}
    _patch_probs(monkeypatch, tagger, lambda chunk: _split_probs(tagger, chunk, start, start + 3, shares))
    assert [(m.text, m.indicator) for m in _tag(tagger, text)] == [("171", "proactive.total")]


def test_tagger_drops_list_item_numbers(tagger, monkeypatch):
    text = "对申请的答复数为233件，其中:\n1、 “同意公开”的122件;\n2、 不属于本行政机关公开的5件"
    spans = [(text.index(n), text.index(n) + len(n), i) for n, i in
             (("1、", "request.result.granted"), ("122", "request.result.granted"),
              ("2、", "request.result.not_this_agency"), ("5件", "request.result.not_this_agency"))]
    spans = [(s, e - 1 if text[e - 1] in "、件" else e, i) for s, e, i in spans]
    _patch_probs(monkeypatch, tagger, lambda chunk: _probs_for(tagger, chunk, spans))
    got = [(m.text, m.indicator) for m in _tag(tagger, text)]
    assert got == [("122", "request.result.granted"), ("5", "request.result.not_this_agency")]


def test_tagger_candidates_cut_from_a_prebuilt_view_equal_a_fresh_fold(tagger):
    from gikp_nlp.lexicon import FoldedText

    spans = [(0, 40), (40, len(TEXT))]
    fresh = tagger.candidates(TEXT, spans)
    assert fresh and tagger.candidates(TEXT, spans, folded=FoldedText.build(TEXT)) == fresh
    assert all(TEXT[c.number.start:c.number.end] == c.number.text for c in fresh)
    assert all(c.options and all(0.0 <= p <= 1.0 for _, p in c.options) for c in fresh)


def test_tagger_probs_at_equals_the_rows_of_the_whole_matrix(tagger):
    """Streaming windows and keeping some rows gives those rows bit for bit."""
    import numpy as np

    text = TEXT * 4  # several windows of 64
    whole = tagger.predict_probs(text)
    rows = np.array([0, 5, 63, 64, 100, len(text) - 1])
    assert np.array_equal(tagger.probs_at(text, rows), whole[rows])
    assert tagger.probs_at(text, np.array([], dtype=np.int64)).shape == (0, len(tagger.labels))


def test_tagger_probs_do_not_depend_on_where_the_text_lies(tagger):
    """The same lines in the same neighbourhood get the same probabilities
    wherever they lie (issue 16: windows every ``stride`` characters from offset
    0 read the same sentence in other windows, and labelled it otherwise)."""
    import numpy as np

    context = "背景" + TEXT + "\n"
    body = "一、总体情况\n" + TEXT + "\n" + TEXT[:50] + "\n"
    rows = np.array([i for i, ch in enumerate(body) if ch.isdigit()])
    base = None
    for k in (0, 1, 13, 37, 100):
        prefix = "x" * k + "\n" + context
        probs = tagger.probs_at(prefix + body + context, rows + len(prefix))
        base = probs if base is None else base
        assert np.allclose(probs, base, atol=1e-5)


def test_tagger_candidates_in_blocks_equal_one_block(tagger, monkeypatch):
    """Reading a long span's numbers in blocks (bounded memory) gives the
    candidates of one block, in the same order."""
    import numpy as np

    from gikp_nlp.model import tagger as tagger_module
    from gikp_nlp.numbers import find_numbers

    text = (TEXT + "\n") * 6
    whole = tagger.candidates(text)
    assert whole
    real = tagger_module.number_blocks
    assert len(real(find_numbers(text), 10**9)) == 1
    small = real(find_numbers(text), 8)
    assert len(small) > 5 and sorted(i for b in small for i in b) == list(range(len(find_numbers(text))))
    monkeypatch.setattr(tagger_module, "number_blocks", lambda numbers, limit: real(numbers, 8))
    blocked = tagger.candidates(text)
    assert [c.number for c in blocked] == [c.number for c in whole]
    for a, b in zip(blocked, whole):
        assert [i for i, _ in a.options] == [i for i, _ in b.options]
        assert np.allclose([p for _, p in a.options], [p for _, p in b.options], atol=1e-5)
