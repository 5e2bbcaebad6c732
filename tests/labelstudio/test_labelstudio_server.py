"""A real Label Studio server on 127.0.0.1: config accepted, push with predictions,
an annotation submitted through the API, pulled back through the converter.

Run with ``.venv/bin/pytest tests/labelstudio -m labelstudio``. The server
package lives in its own venv (``.cache/ls-venv``, gitignored; its pins clash
with the project's), installed here on first use. Start-up is kept off the
network: version check, Sentry and analytics are switched off by environment.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from gikp_nlp.annotations import gold_to_task, load_documents, task_to_gold
from gikp_nlp.annotations.tasks import pick_annotation
from gikp_nlp.labelstudio.client import Credentials, export_tasks, find_project, pull, push, session
from gikp_nlp.labelstudio.config import labeling_config
from gikp_nlp.labelstudio.predict import predict_tasks

pytestmark = pytest.mark.labelstudio

REPO = Path(__file__).resolve().parents[2]
LS_VENV = REPO / ".cache" / "ls-venv"
LS_BIN = LS_VENV / "bin" / "label-studio"
LS_SPEC = "label-studio>=1.23,<1.24"
INSTALL_TIMEOUT_S = 1800
START_TIMEOUT_S = 300
STOP_TIMEOUT_S = 30
POLL_S = 1.0
SEEDS = ("seed-001", "seed-002")
USER = "gikp-test@example.com"
QUIET_ENV = {  # no network at start-up: version check, error telemetry, analytics
    "LATEST_VERSION_CHECK": "false",
    "SENTRY_DSN": "",
    "FRONTEND_SENTRY_DSN": "",
    "COLLECT_ANALYTICS": "false",
    "FEATURE_FLAGS_OFFLINE": "true",
}


def _ensure_label_studio() -> Path:
    if LS_BIN.is_file():
        return LS_BIN
    subprocess.run([sys.executable, "-m", "venv", str(LS_VENV)], check=True, timeout=INSTALL_TIMEOUT_S)
    subprocess.run([str(LS_VENV / "bin" / "pip"), "install", "-q", LS_SPEC], check=True, timeout=INSTALL_TIMEOUT_S)
    return LS_BIN


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _http(method: str, url: str, token: str, body: dict | None = None) -> tuple[int, object]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Authorization": f"Token {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, None


@pytest.fixture(scope="module")
def server():
    """Start Label Studio, bootstrap a user, a personal access token, and turn legacy tokens off again."""
    binary = _ensure_label_studio()
    data_dir = Path(tempfile.mkdtemp(prefix="gikp-ls-"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    legacy = os.urandom(16).hex()
    env = {**os.environ, **QUIET_ENV, "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir)}
    log = (data_dir / "server.log").open("w")
    started = time.monotonic()
    proc = subprocess.Popen(
        [str(binary), "start", "--no-browser", "--host", "127.0.0.1", "--port", str(port), "--data-dir",
         str(data_dir), "--username", USER, "--password", os.urandom(8).hex(), "--user-token", legacy,
         "--enable-legacy-api-token"],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=data_dir, start_new_session=True,
    )
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"Label Studio exited with {proc.returncode}: {(data_dir / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=5) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() - started > START_TIMEOUT_S:
                pytest.fail(f"Label Studio did not answer on {url} within {START_TIMEOUT_S}s")
            time.sleep(POLL_S)
        startup_s = time.monotonic() - started
        status, pat = _http("POST", f"{url}/api/token/", legacy)
        assert status in (200, 201) and pat and pat["token"], f"could not create a personal access token: {status}"
        status, _ = _http("POST", f"{url}/api/jwt/settings", legacy,
                          {"api_tokens_enabled": True, "legacy_api_tokens_enabled": False})
        assert status in (200, 201), status
        assert _http("GET", f"{url}/api/projects/", legacy)[0] == 401  # like a fresh 1.23 organisation
        yield {"creds": Credentials(url, pat["token"]), "startup_s": startup_s}
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def test_labelstudio_server_push_annotate_pull_round_trip(server, taxonomy, tmp_path):
    creds = server["creds"]
    begin = time.monotonic()
    gold = {d.id: d for d in load_documents(taxonomy, REPO / "annotations", list(SEEDS))}
    tasks = predict_tasks([REPO / "examples" / f"{s}.txt" for s in SEEDS])
    for task in tasks:  # known documents: carry their gold metadata, as `annotations/tasks` files do
        known = gold_to_task(gold[task["meta"]["doc_id"]])
        task["data"], task["meta"] = known["data"], known["meta"]

    result = push(tasks, taxonomy, project="gikp-it", creds=creds)
    assert result.created and result.n_tasks == len(SEEDS)  # the server accepted the generated config
    with session(creds) as client:
        _annotate_and_pull(client, creds, result, tasks, gold, taxonomy, tmp_path)
    print(f"\nLabel Studio start-up {server['startup_s']:.1f}s, push/annotate/pull {time.monotonic() - begin:.1f}s")


def _annotate_and_pull(client, creds, result, tasks, gold, taxonomy, tmp_path):
    project = find_project(client, "gikp-it", creds)
    assert project.id == result.project_id
    assert project.label_config.strip() == labeling_config(taxonomy).strip()  # stored as generated: reuse won't rewrite it

    server_tasks = {t.data["doc_id"]: t for t in client.tasks.list(project=result.project_id, fields="all")}
    assert set(server_tasks) == set(SEEDS)
    for task in tasks:
        (pred,) = server_tasks[task["meta"]["doc_id"]].predictions
        assert pred.model_version == task["predictions"][0]["model_version"]
        assert len(pred.result) == len(task["predictions"][0]["result"])

    # seed-001: the annotator labels the whole gold annotation and submits it
    gold_result = gold_to_task(gold["seed-001"])["annotations"][0]["result"]
    client.annotations.create(id=server_tasks["seed-001"].id, result=gold_result, was_cancelled=False,
                              ground_truth=False, lead_time=30.0)
    # seed-002: the annotator accepts the pre-annotation as it is
    accepted = server_tasks["seed-002"].predictions[0].result
    client.annotations.create(id=server_tasks["seed-002"].id, result=accepted, was_cancelled=False,
                              ground_truth=False, lead_time=5.0)

    pulled = pull(taxonomy, project=result.project_id, ann_dir=tmp_path, creds=creds)
    assert sorted(pulled.written) == sorted(SEEDS) and not pulled.unannotated
    back = {d.id: d for d in load_documents(taxonomy, tmp_path)}
    assert back["seed-001"].to_dict() == gold["seed-001"].to_dict()  # exact: offsets, labels, values, implicit
    expected = task_to_gold({**tasks[1], "annotations": [{"result": tasks[1]["predictions"][0]["result"]}]}, taxonomy)
    assert back["seed-002"] == expected
    for doc in back.values():
        for m in doc.mentions:
            assert doc.text[m.start:m.end] == m.text

    exported = export_tasks(client, result.project_id, creds)
    assert all(pick_annotation(t) is not None for t in exported)


def test_labelstudio_server_gold_task_files_import_and_export_unchanged(server, taxonomy, tmp_path):
    """annotations/tasks files (annotations included) go through the server and come back as the same gold."""
    creds = server["creds"]
    ids = ["r003", "r108"]  # narrative with implicit zeros; a 2019-format table
    docs = load_documents(taxonomy, REPO / "annotations", ids)
    tasks = [gold_to_task(d) for d in docs]
    result = push(tasks, taxonomy, project="gikp-gold", creds=creds)
    pulled = pull(taxonomy, project="gikp-gold", ann_dir=tmp_path, creds=creds)
    assert result.created and sorted(pulled.written) == ids
    assert load_documents(taxonomy, tmp_path, ids) == docs
