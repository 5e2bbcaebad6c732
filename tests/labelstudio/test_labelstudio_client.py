"""push/pull logic against a stand-in SDK client (the real server test is marked `labelstudio`)."""
from __future__ import annotations

import json
import logging
from types import SimpleNamespace

import pytest

from gikp_nlp.annotations import gold_to_task, load_documents, read_splits
from gikp_nlp.errors import AnnotationError, LabelStudioError
from gikp_nlp.labelstudio.client import Credentials, credentials, pull, push
from gikp_nlp.labelstudio.config import labeling_config
from tests.conftest import REPO

ANNOTATIONS = REPO / "annotations"
SECRET = "sekrit-token-value"


class FakeProjects:
    def __init__(self, projects=None, export=None, fail=None):
        self.items = projects or []
        self.export = export or []
        self.fail = fail
        self.imported = []
        self.updated = []
        self.exports = SimpleNamespace(download_sync=self._download)

    def list(self, title=None):
        return [p for p in self.items if title is None or p.title == title]

    def get(self, id):
        return next(p for p in self.items if p.id == id)

    def create(self, title, label_config):
        project = SimpleNamespace(id=len(self.items) + 1, title=title, label_config=label_config)
        self.items.append(project)
        return project

    def update(self, id, label_config):
        self.updated.append(id)
        self.get(id).label_config = label_config

    def import_tasks(self, id, request, return_task_ids):
        if self.fail:
            raise self.fail
        self.imported.append((id, request))
        return SimpleNamespace(task_ids=list(range(len(request))))

    def _download(self, id, export_type):
        yield json.dumps(self.export).encode()


def _client(**kw):
    return SimpleNamespace(projects=FakeProjects(**kw))


CREDS = Credentials("http://127.0.0.1:1", SECRET)


def test_labelstudio_client_push_creates_then_reuses_project(taxonomy):
    client = _client()
    tasks = [{"data": {"text": "x", "doc_id": "a"}}]
    first = push(tasks, taxonomy, project="demo", creds=CREDS, client=client)
    second = push(tasks, taxonomy, project="demo", creds=CREDS, client=client)
    assert first.created and not second.created and first.project_id == second.project_id
    assert client.projects.items[0].label_config == labeling_config(taxonomy)
    assert client.projects.updated == []  # same config: left alone
    client.projects.items[0].label_config = "<View/>"
    push(tasks, taxonomy, project="demo", creds=CREDS, client=client)
    assert client.projects.updated == [first.project_id]


def test_labelstudio_client_errors_never_show_the_key(taxonomy, caplog):
    boom = RuntimeError(f"401 Unauthorized for token {SECRET}")
    boom.status_code = 401
    client = _client(fail=boom)
    with caplog.at_level(logging.DEBUG), pytest.raises(LabelStudioError) as info:
        push([{"data": {"text": "x"}}], taxonomy, project="demo", creds=CREDS, client=client)
    assert SECRET not in str(info.value) and "API key" in str(info.value)
    assert SECRET not in caplog.text
    assert SECRET not in repr(CREDS)


def test_labelstudio_client_error_from_another_server_is_one_line_without_its_html(taxonomy):
    from label_studio_sdk.core.api_error import ApiError

    page = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body>" + "x" * 2000 + "</body></html>"
    boom = ApiError(status_code=502, headers={"Content-Type": "text/html; charset=utf-8"}, body=page)
    with pytest.raises(LabelStudioError) as info:
        push([{"data": {"text": "x"}}], taxonomy, project="demo", creds=CREDS, client=_client(fail=boom))
    message = info.value.args[0]
    assert "\n" not in message and "<" not in message and len(message) < 200
    assert "502" in message and "text/html" in message


def test_labelstudio_client_json_error_is_quoted_on_one_line(taxonomy):
    from label_studio_sdk.core.api_error import ApiError

    boom = ApiError(status_code=400, headers={"content-type": "application/json"},
                    body={"detail": "bad\nrequest", "validation_errors": {"label_config": ["x" * 1000]}})
    with pytest.raises(LabelStudioError) as info:
        push([{"data": {"text": "x"}}], taxonomy, project="demo", creds=CREDS, client=_client(fail=boom))
    message = info.value.args[0]
    assert "400" in message and "\"detail\": \"bad" in message and "\n" not in message and len(message) < 500


def test_labelstudio_client_credentials_from_env_or_error(monkeypatch):
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    with pytest.raises(LabelStudioError, match="URL"):
        credentials()
    monkeypatch.setenv("LABEL_STUDIO_URL", "http://127.0.0.1:8080/")
    with pytest.raises(LabelStudioError, match="API key"):
        credentials()
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", SECRET)
    assert credentials() == Credentials("http://127.0.0.1:8080", SECRET)
    assert credentials(url="http://other:1").url == "http://other:1"


def test_labelstudio_client_pull_writes_annotated_tasks_through_converter(tmp_path, taxonomy):
    docs = load_documents(taxonomy, ANNOTATIONS, list(read_splits(ANNOTATIONS).dev[:2]))
    exported = []
    for n, doc in enumerate(docs):
        task = gold_to_task(doc)
        task["id"] = 100 + n
        task["annotations"][0].update(id=n + 1, ground_truth=False)
        exported.append(task)
    exported.append({"id": 999, "data": {"text": "未标注", "doc_id": "todo"}, "annotations": []})
    client = _client(projects=[SimpleNamespace(id=7, title="demo", label_config="")], export=exported)
    result = pull(taxonomy, project="demo", ann_dir=tmp_path, creds=CREDS, client=client)
    assert result.written == tuple(d.id for d in docs) and len(result.unannotated) == 1
    assert load_documents(taxonomy, tmp_path) == docs
    assert set(read_splits(tmp_path).train) == {d.id for d in docs}


def test_labelstudio_client_pull_stops_on_a_bad_region_before_writing(tmp_path, taxonomy):
    (doc,) = load_documents(taxonomy, ANNOTATIONS, [read_splits(ANNOTATIONS).dev[0]])
    task = gold_to_task(doc)
    task["annotations"][0]["result"][0]["value"]["labels"] = ["no.such.indicator"]
    client = _client(projects=[SimpleNamespace(id=7, title="demo", label_config="")], export=[task])
    with pytest.raises(AnnotationError, match="no.such.indicator"):
        pull(taxonomy, project="demo", ann_dir=tmp_path, creds=CREDS, client=client)
    assert not any(tmp_path.iterdir())
