import json

import pytest

import gikp_nlp
from gikp_nlp.config import load_config
from gikp_nlp.errors import GikpError, ModelLoadError, ProcessingError
from gikp_nlp.document import spans_outside
from gikp_nlp.pipeline import Extractor
from tests.conftest import EXAMPLES, SEED_IDS


@pytest.fixture(scope="module")
def rules():
    return Extractor(load_config(overrides={"narrative.engine": "rules"}))


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_pipeline_every_mention_indexes_the_text(rules, seed_texts, seed_id):
    report = rules.extract(seed_texts[seed_id])
    assert report.text == seed_texts[seed_id]
    assert report.records
    for mention in report.mentions:
        assert report.text[mention.start:mention.end] == mention.text
        if mention.evidence:
            assert report.text[mention.evidence[0]:mention.evidence[1]] == mention.evidence_text


@pytest.mark.parametrize("seed_id", SEED_IDS[:2])
def test_pipeline_is_deterministic(rules, seed_texts, seed_id):
    assert rules.extract(seed_texts[seed_id]).to_dict() == rules.extract(seed_texts[seed_id]).to_dict()


def test_pipeline_text_path_and_bytes_agree(rules):
    path = EXAMPLES / "seed-003.txt"
    from_path = rules.extract(path).to_dict()
    from_str_path = rules.extract(str(path)).to_dict()
    from_text = rules.extract(path.read_text(encoding="utf-8")).to_dict()
    from_bytes = rules.extract(path.read_bytes()).to_dict()
    assert from_path["records"] == from_str_path["records"] == from_text["records"] == from_bytes["records"]


def test_pipeline_report_serialises(rules, seed_texts):
    report = rules.extract(seed_texts["seed-004"])
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert {"source", "format", "text", "records", "checks", "notes"} <= set(data)
    record = data["records"][0]
    assert {"indicator", "label", "applicant", "value", "unit", "approx", "implicit", "mentions"} <= set(record)
    frame = report.to_frame()
    assert len(frame) == len(report.records)
    assert list(frame["indicator"]) == [r.indicator for r in report.records]


def test_pipeline_pipe_keeps_order_and_reports_bad_inputs(rules, seed_texts):
    inputs = [seed_texts["seed-001"], "", seed_texts["seed-002"]]
    out = list(rules.pipe(inputs, on_error="return"))
    assert isinstance(out[1], GikpError)
    assert [r.text for r in (out[0], out[2])] == [inputs[0], inputs[2]]
    assert len(list(rules.pipe(inputs, on_error="skip"))) == 2
    with pytest.raises(GikpError):
        list(rules.pipe(inputs, on_error="raise"))


def test_pipeline_pipe_wraps_internal_errors_per_input(rules, monkeypatch, seed_texts):
    def broken(document):
        raise ValueError("boom")

    monkeypatch.setattr(rules, "process", broken)
    (err,) = list(rules.pipe([seed_texts["seed-001"]], on_error="return"))
    assert isinstance(err, ProcessingError) and "boom" in str(err)


def test_pipeline_pipe_two_processes_match_one(rules, seed_texts):
    texts = [seed_texts[s] for s in SEED_IDS[:3]]
    serial = [r.to_dict() for r in rules.pipe(texts)]
    parallel = [r.to_dict() for r in rules.pipe(texts, n_process=2, batch_size=1)]
    assert serial == parallel


@pytest.mark.parametrize("engine", ["model", "hybrid"])
def test_pipeline_model_engine_without_model_is_a_clear_error(tmp_path, engine):
    with pytest.raises(ModelLoadError, match="no trained model"):
        Extractor(load_config(overrides={"narrative.engine": engine, "narrative.model": str(tmp_path)}))


def test_pipeline_auto_engine_without_model_warns_and_says_so_in_the_report(tmp_path):
    with pytest.warns(UserWarning, match="no trained model.*rules engine"):
        extractor = Extractor(load_config(overrides={"narrative.engine": "auto", "narrative.model": str(tmp_path)}))
    assert extractor.engine == "rules"
    assert extractor("本年度共收到政府信息公开申请12件。").to_dict()["engine"]["narrative"] == "rules"


def test_pipeline_public_api_extract_and_load():
    report = gikp_nlp.extract("本年度共收到政府信息公开申请12件。")
    assert isinstance(report, gikp_nlp.Report)
    extractor = gikp_nlp.load(overrides={"narrative.engine": "rules"})
    assert isinstance(extractor, gikp_nlp.Extractor)
    assert extractor.engine == "rules"


@pytest.mark.parametrize(
    "length, regions, expected",
    [
        (10, [], [(0, 10)]),
        (10, [(2, 4), (6, 10)], [(0, 2), (4, 6)]),
        (10, [(0, 3), (2, 5)], [(5, 10)]),
    ],
)
def test_pipeline_narrative_spans_skip_table_regions(length, regions, expected):
    assert spans_outside(length, regions) == expected


# the real inconsistencies of the seeds (gold notes): the narrative says no
# litigation while the table says 1 (seed-000); 其他情形 1 in the narrative, 3 in
# the table (seed-003)
REAL_INCONSISTENCIES = {
    "seed-000": {("conflict:litigation.total", "total")},
    "seed-001": set(),
    "seed-002": set(),
    "seed-003": {("conflict:litigation.other", "total")},
    "seed-004": set(),
}


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_pipeline_checks_flag_the_real_inconsistencies_and_nothing_else(rules, seed_texts, seed_id):
    report = rules.extract(seed_texts[seed_id])
    assert {(c.rule, c.applicant) for c in report.failed_checks} == REAL_INCONSISTENCIES[seed_id]
    assert len(report.checks) > len(report.failed_checks) or seed_id in ("seed-001", "seed-002")


def test_pipeline_stages_are_a_named_list_in_data_flow_order(rules):
    assert rules.stage_names == ["context", "tables", "narrative", "implicit", "records", "checks"]


def test_pipeline_custom_narrative_tagger_replaces_the_engine_without_patching(seed_texts):
    class Silent:
        engine = "silent"

        def tag(self, text, spans, *, folded=None, era=None):
            return []

    extractor = Extractor(load_config(overrides={"narrative.engine": "rules"}), narrative_tagger=Silent())
    report = extractor(seed_texts["seed-002"])
    assert report.engine.narrative == "silent"
    assert {m.source for m in report.mentions} <= {"table", "rule"}
    assert not [m for m in report.mentions if m.source == "rule" and not m.implicit]


def test_pipeline_report_keeps_the_era_and_forms_decided_once(rules, seed_texts):
    report = rules(seed_texts["seed-003"])
    assert report.forms and report.era in ("t2008", "t2019")
    assert report.to_dict()["forms"] == list(report.forms)
    assert all(0 <= s < e <= len(report.text) for s, e in report.table_regions)
    assert rules("没有年份的一句话。").era is None


@pytest.mark.integration
def test_pipeline_default_report_names_the_shipped_model_and_its_weights():
    import hashlib

    from gikp_nlp.pipeline import resolve_model_path

    extractor = gikp_nlp.load()
    report = extractor("本年度共收到政府信息公开申请12件。")
    path = resolve_model_path(extractor.config.narrative.model)
    digest = hashlib.sha256((path / "model.safetensors").read_bytes()).hexdigest()
    assert report.engine.narrative == "hybrid"
    assert report.engine.model == "gikp-ner-zh" and report.engine.model_version
    assert digest.startswith(report.engine.model_sha256)


def test_pipeline_model_loads_only_when_narrative_text_needs_it():
    extractor = gikp_nlp.load(overrides={"narrative.engine": "model"})
    assert extractor.narrative_tagger._model is None  # building the extractor reads no weights
    with pytest.raises(gikp_nlp.InputError):
        extractor.extract(b"")
    assert extractor.narrative_tagger._model is None  # a rejected input never loads the model


@pytest.mark.integration
@pytest.mark.slow  # spawns two workers that each load the model (~20 s); .ci/run runs -m slow
def test_pipeline_pipe_two_processes_with_the_model_after_a_warm_run_equals_serial(seed_texts):
    # issue 16: forked workers hung inside torch once the parent had run the model
    extractor = gikp_nlp.load()
    texts = [seed_texts[s] for s in SEED_IDS[:3]]
    serial = [r.to_dict() for r in extractor.pipe(texts)]  # the parent has now run the model
    parallel = [r.to_dict() for r in extractor.pipe(texts, n_process=2, batch_size=1)]
    assert serial == parallel
    assert any(m["source"] == "model" for r in serial for rec in r["records"] for m in rec["mentions"])


def test_pipeline_blank_form_says_its_tables_are_empty(rules, seed_texts):
    # issue 16: a real blank 2021 form came out as 185 zero records with every check passing, and no remark
    from tests.conftest import SHARED

    form = SHARED / "real-inputs" / "blank-form-2021-template.docx"
    if not form.is_file():
        pytest.skip("../shared/real-inputs is not beside the repo")
    report = rules.extract(form)
    assert report.records and all(r.blank for r in report.records)
    assert any("blank" in note and "unfilled form" in note for note in report.notes)
    assert not any("unfilled form" in note for note in rules(seed_texts["seed-003"]).notes)
