"""Fine-tuning a trained model on new Label Studio annotations (issue 14 item 6), tiny config, seconds."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from gikp_nlp.annotations.gold import GoldDocument
from gikp_nlp.annotations.tasks import gold_to_task
from gikp_nlp.errors import AnnotationError, ModelLoadError
from gikp_nlp.training.finetune import finetune, read_tasks_documents
from gikp_nlp.training.train import synthetic_documents, train

TINY = Path(__file__).resolve().parents[2] / "configs" / "tiny.toml"
#: a fine-tune of a few steps on the new documents only (no rehearsal: seconds)
FINETUNE = {"data.synthetic_docs": 1, "data.use_real": True, "train.max_steps": 3, "train.epochs": 3}


def export(docs, taxonomy, path: Path, annotated: bool = True) -> Path:
    """A Label Studio JSON export (list of tasks) of ``docs``, through the converter."""
    tasks = [gold_to_task(GoldDocument.from_dict(d, taxonomy)) for d in docs]
    if not annotated:
        tasks = [{**t, "annotations": []} for t in tasks]
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return train(TINY, tmp_path_factory.mktemp("base"), {"data.synthetic_docs": 4}, dev_docs=[])


@pytest.fixture(scope="module")
def new_docs(taxonomy):
    return synthetic_documents(3, 99, taxonomy)  # ids synth-99-*: not the base model's synthetic seed


def test_finetune_keeps_vocab_and_labels_changes_weights_records_init_from(base, new_docs, taxonomy, tmp_path):
    from safetensors.torch import load_file

    out, figures = finetune(base, export(new_docs[:2], taxonomy, tmp_path / "export.json"), TINY,
                            tmp_path / "ft", FINETUNE, eval_path=export(new_docs[2:], taxonomy, tmp_path / "eval.json"))
    assert (out / "vocab.json").read_text(encoding="utf-8") == (base / "vocab.json").read_text(encoding="utf-8")
    config, start = (json.loads((d / "config.json").read_text(encoding="utf-8")) for d in (out, base))
    assert config["id2label"] == start["id2label"] and config["id2label"]["1"] == taxonomy.bio_labels()[1]
    before, after = load_file(base / "model.safetensors"), load_file(out / "model.safetensors")
    assert before.keys() == after.keys()
    assert any(not before[k].equal(after[k]) for k in before)
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["init_from"]["path"] == str(base) and len(meta["init_from"]["weights_sha256"]) == 64
    assert meta["data"]["real_train_docs"] == [d["id"] for d in new_docs[:2]]
    assert meta["training"]["steps"] == 3
    assert meta["heldout"] == figures and figures["documents"] == [new_docs[2]["id"]]
    assert set(figures["before"]) == set(figures["after"]) == {"auto", "model"}
    assert 0.0 <= figures["after"]["model"]["f1"] <= 1.0
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "## Fine-tuned" in card and "gikp combiner --model" in card and "held-out documents" in card


def test_finetune_config_model_section_is_the_starting_models(base, new_docs, taxonomy, tmp_path, caplog):
    """A [model] section that disagrees is ignored with a note: the architecture is the starting model's."""
    caplog.set_level(logging.INFO, logger="gikp_nlp")
    out, _ = finetune(base, export(new_docs[:1], taxonomy, tmp_path / "export.json"), TINY, tmp_path / "ft",
                      {**FINETUNE, "train.max_steps": 1, "model.hidden_size": 32})
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["config"]["model"]["hidden_size"] == 16
    assert "hidden_size" in caplog.text and "ignored" in caplog.text


def test_finetune_from_a_missing_dir_is_a_model_load_error(new_docs, taxonomy, tmp_path):
    with pytest.raises(ModelLoadError, match="no model directory"):
        finetune(tmp_path / "nope", export(new_docs[:1], taxonomy, tmp_path / "e.json"), TINY, tmp_path / "ft")


def test_finetune_export_without_annotations_is_an_annotation_error(new_docs, taxonomy, tmp_path):
    path = export(new_docs[:2], taxonomy, tmp_path / "e.json", annotated=False)
    with pytest.raises(AnnotationError, match="no annotated task"):
        read_tasks_documents(path, taxonomy)


def test_finetune_reads_a_folder_of_task_files_leaving_unannotated_tasks_out(new_docs, taxonomy, tmp_path):
    export(new_docs[:1], taxonomy, tmp_path / "a.json")
    export(new_docs[1:2], taxonomy, tmp_path / "b.json", annotated=False)
    docs = read_tasks_documents(tmp_path, taxonomy)
    assert [d["id"] for d in docs] == [new_docs[0]["id"]]
    assert docs[0]["mentions"] == new_docs[0]["mentions"]
