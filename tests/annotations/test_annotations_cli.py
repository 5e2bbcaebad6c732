"""`gikp annotations …` and `gikp labelstudio config|predict` through gikp_nlp.cli.main."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from gikp_nlp.annotations import SHARED_GOLD_DIR, load_documents
from gikp_nlp.cli import main


def test_annotations_cli_stats_lists_splits_and_labels(capsys):
    assert main(["annotations", "stats"]) == 0
    out = capsys.readouterr().out
    assert all(split in out for split in ("train", "dev", "test")) and "proactive.total" in out
    assert main(["annotations", "stats", "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)) == {"train", "dev", "test"}


def test_annotations_cli_check_passes_on_the_corpus_and_fails_on_a_bad_file(tmp_path, capsys, taxonomy):
    assert main(["annotations", "check"]) == 0
    (tmp_path / "tasks").mkdir()
    (tmp_path / "tasks" / "bad.json").write_text('[{"data": {"text": "x", "doc_id": "bad"}}]', encoding="utf-8")
    assert main(["annotations", "check", "--dir", str(tmp_path)]) == 1
    assert "E506" in capsys.readouterr().err


def test_annotations_cli_convert_then_export_gold_round_trips(tmp_path, taxonomy):
    gold = tmp_path / "gold"
    gold.mkdir()
    docs = load_documents(taxonomy, ids=["r003", "r108"])
    for doc in docs:
        (gold / f"{doc.id}.json").write_text(json.dumps(doc.to_dict(), ensure_ascii=False), encoding="utf-8")
    ann = tmp_path / "ann"
    assert main(["annotations", "convert", "--gold-dir", str(gold), "--dir", str(ann)]) == 0
    out = tmp_path / "out"
    assert main(["annotations", "export-gold", "--dir", str(ann), "-o", str(out)]) == 0
    for doc in docs:
        assert json.loads((out / f"{doc.id}.json").read_text(encoding="utf-8")) == doc.to_dict()


def test_annotations_cli_convert_reports_a_missing_gold_dir(tmp_path, capsys):
    assert main(["annotations", "convert", "--gold-dir", str(tmp_path / "none"), "--dir", str(tmp_path)]) == 1
    assert "E500" in capsys.readouterr().err


def test_annotations_cli_labelstudio_config_writes_xml(tmp_path, taxonomy):
    out = tmp_path / "config.xml"
    assert main(["labelstudio", "config", "-o", str(out)]) == 0
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert len(list(root.iter("Label"))) == len(taxonomy) + 1  # + the evidence label


def test_annotations_cli_labelstudio_predict_writes_tasks(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("本年度主动公开政府信息171条，收到政府信息公开申请12件。", encoding="utf-8")
    out = tmp_path / "tasks.json"
    assert main(["labelstudio", "predict", str(report), "-o", str(out), "--engine", "rules"]) == 0
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert task["data"]["text"] == report.read_text(encoding="utf-8")
    assert task["meta"]["doc_id"] == "r" and task["predictions"][0]["model_version"].startswith("gikp-nlp")
    for res in task["predictions"][0]["result"]:
        if "start" in res.get("value", {}) and isinstance(res["value"].get("text"), str):
            assert task["data"]["text"][res["value"]["start"]:res["value"]["end"]] == res["value"]["text"]


def test_annotations_cli_labelstudio_push_without_credentials_says_what_to_set(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    tasks = tmp_path / "t.json"
    tasks.write_text("[]", encoding="utf-8")
    assert main(["labelstudio", "push", str(tasks)]) == 1
    assert "LABEL_STUDIO_URL" in capsys.readouterr().err


def test_annotations_cli_default_gold_dir_is_shared_beside_the_repo():
    assert SHARED_GOLD_DIR.parts[-3:] == ("shared", "corpus", "gold")
