"""`gikp annotations …` through gikp_nlp.cli.main; directories are arguments (defaults relative to the cwd)."""
from __future__ import annotations

import json

import pytest

from gikp_nlp.annotations import load_documents
from gikp_nlp.cli import main
from tests.conftest import REPO

ANNOTATIONS_DIR = REPO / "annotations"


def test_cli_annotations_stats_lists_splits_folds_and_labels(capsys, monkeypatch):
    monkeypatch.chdir(REPO)  # --dir defaults to annotations/ in the working directory
    assert main(["annotations", "stats"]) == 0
    out = capsys.readouterr().out
    assert all(split in out for split in ("train", "dev", "test", "fold-0", "fold-4")) and "proactive.total" in out
    assert main(["annotations", "stats", "--json"]) == 0
    assert {"train", "dev", "test", "fold-0"} <= set(json.loads(capsys.readouterr().out))


def test_cli_annotations_dir_default_is_the_working_directory(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["annotations", "check"]) == 1
    err = capsys.readouterr().err
    assert "no task files in annotations/tasks" in err


def test_cli_annotations_check_passes_on_the_corpus_and_fails_on_a_bad_file(tmp_path, capsys):
    assert main(["annotations", "check", "--dir", str(ANNOTATIONS_DIR)]) == 0
    (tmp_path / "tasks").mkdir()
    (tmp_path / "tasks" / "bad.json").write_text('[{"data": {"text": "x", "doc_id": "bad"}}]', encoding="utf-8")
    assert main(["annotations", "check", "--dir", str(tmp_path)]) == 1
    assert "E506" in capsys.readouterr().err


def test_cli_annotations_convert_then_export_gold_round_trips(tmp_path, taxonomy, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    docs = load_documents(taxonomy, ANNOTATIONS_DIR, ["r003", "r108", "xa002"])
    for doc in docs:
        (gold / f"{doc.id}.json").write_text(json.dumps(doc.to_dict(), ensure_ascii=False), encoding="utf-8")
    ann = tmp_path / "ann"
    assert main(["annotations", "convert", "--gold-dir", str(gold), "--dir", str(ann)]) == 0
    assert "5 CV folds" in capsys.readouterr().out
    assert (ann / "folds.json").is_file()
    out = tmp_path / "out"
    assert main(["annotations", "export-gold", "--dir", str(ann), "-o", str(out)]) == 0
    for doc in docs:
        assert json.loads((out / f"{doc.id}.json").read_text(encoding="utf-8")) == doc.to_dict()


def test_cli_annotations_convert_reports_a_missing_gold_dir(tmp_path, capsys):
    assert main(["annotations", "convert", "--gold-dir", str(tmp_path / "none"), "--dir", str(tmp_path)]) == 1
    assert "E500" in capsys.readouterr().err


def test_cli_annotations_convert_needs_gold_dir():
    with pytest.raises(SystemExit) as exc:
        main(["annotations", "convert"])
    assert exc.value.code == 2
