"""`gikp train --from --annotations`: the fine-tune loop's CLI (forwarding, output, one-line typed errors)."""
from __future__ import annotations

import json

from gikp_nlp.cli import main


def _scores(f1: float, engine: str) -> dict:
    return {"engine": engine, "precision": f1, "recall": f1, "f1": f1, "record_f1_interval95": [f1, f1]}


def test_cli_train_finetune_forwards_and_prints_scores_and_refit_hint(monkeypatch, tmp_path, capsys):
    seen = {}

    def fake_finetune(init_from, annotations, config, output, overrides, *, eval_path):
        seen.update(init_from=init_from, annotations=annotations, config=config, output=output,
                    overrides=overrides, eval_path=eval_path)
        return tmp_path / "ft", {"documents": ["a", "b"],
                                 "before": {"auto": _scores(0.5, "hybrid"), "model": _scores(0.4, "model")},
                                 "after": {"auto": _scores(0.75, "hybrid"), "model": _scores(0.7, "model")}}

    monkeypatch.setattr("gikp_nlp.training.finetune.finetune", fake_finetune)
    assert main(["train", "--from", "gikp-ner-zh", "--annotations", "export.json", "--eval", "gold/",
                 "--set", "train.max_steps=5"]) == 0
    assert seen == {"init_from": "gikp-ner-zh", "annotations": "export.json", "config": "configs/finetune.toml",
                    "output": None, "overrides": {"train.max_steps": 5}, "eval_path": "gold/"}
    out = capsys.readouterr().out
    assert "hybrid  before P 0.500 R 0.500 F1 0.500" in out and "hybrid  after  P 0.750" in out
    assert f"gikp combiner --model {tmp_path / 'ft'}" in out
    assert out.strip().splitlines()[-1] == str(tmp_path / "ft")


def test_cli_train_finetune_from_a_missing_dir_is_one_typed_line(tmp_path, capsys, taxonomy):
    from gikp_nlp.annotations.gold import GoldDocument
    from gikp_nlp.annotations.tasks import gold_to_task
    from gikp_nlp.training.train import synthetic_documents

    doc = GoldDocument.from_dict(synthetic_documents(1, 99, taxonomy)[0], taxonomy)
    export = tmp_path / "export.json"
    export.write_text(json.dumps([gold_to_task(doc)], ensure_ascii=False), encoding="utf-8")
    assert main(["train", "--from", str(tmp_path / "missing"), "--annotations", str(export)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len([line for line in err if "[E400]" in line]) == 1 and "no model directory" in err[-1]


def test_cli_train_finetune_export_without_annotations_is_one_typed_line(tmp_path, capsys):
    export = tmp_path / "export.json"
    export.write_text(json.dumps([{"data": {"text": "收到申请3件。", "doc_id": "d1"}, "annotations": []}]),
                      encoding="utf-8")
    assert main(["train", "--from", "gikp-ner-zh", "--annotations", str(export)]) != 0
    err = capsys.readouterr().err
    assert "[E500]" in err and "no annotated task" in err


def test_cli_train_needs_config_without_from(capsys):
    try:
        code = main(["train"])
    except SystemExit as exc:
        code = exc.code
    assert code not in (0, None)
