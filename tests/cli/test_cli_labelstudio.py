"""`gikp labelstudio config|predict|push` through gikp_nlp.cli.main (no server)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from gikp_nlp.cli import main


def test_cli_labelstudio_config_writes_xml(tmp_path, taxonomy):
    out = tmp_path / "new" / "config.xml"
    assert main(["labelstudio", "config", "-o", str(out)]) == 0
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert len(list(root.iter("Label"))) == len(taxonomy) + 1  # + the evidence label


def test_cli_labelstudio_predict_writes_tasks(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("本年度主动公开政府信息171条，收到政府信息公开申请12件。", encoding="utf-8")
    out = tmp_path / "tasks.json"
    argv = ["labelstudio", "predict", str(report), "-o", str(out), "--set", "narrative.engine=rules"]
    assert main(argv) == 0
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert task["data"]["text"] == report.read_text(encoding="utf-8")
    assert task["meta"]["doc_id"] == "r" and task["predictions"][0]["model_version"].startswith("gikp-nlp")
    for res in task["predictions"][0]["result"]:
        if "start" in res.get("value", {}) and isinstance(res["value"].get("text"), str):
            assert task["data"]["text"][res["value"]["start"]:res["value"]["end"]] == res["value"]["text"]


def test_cli_labelstudio_push_without_credentials_says_what_to_set(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    tasks = tmp_path / "t.json"
    tasks.write_text("[]", encoding="utf-8")
    assert main(["labelstudio", "push", str(tasks)]) == 1
    assert "LABEL_STUDIO_URL" in capsys.readouterr().err


def test_cli_labelstudio_help_imports_no_sdk():
    import subprocess
    import sys

    probe = ("import sys; from gikp_nlp.cli import build_parser; build_parser(); "
             "print('label_studio_sdk' in sys.modules, 'httpx' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["False", "False"]
