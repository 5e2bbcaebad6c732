"""push / pull over label-studio-sdk: the only module that talks to a Label Studio server.

URL and API key come from arguments or ``LABEL_STUDIO_URL`` /
``LABEL_STUDIO_API_KEY``; they are never written to disk, and the key never
appears in logs or error messages. Both personal access tokens (JWT, sent as
Bearer and refreshed by the SDK) and legacy tokens work.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gikp_nlp.annotations.corpus import write_corpus
from gikp_nlp.annotations.tasks import pick_annotation, task_ref, task_to_gold
from gikp_nlp.errors import GikpError, LabelStudioError
from gikp_nlp.labelstudio.config import labeling_config
from gikp_nlp.schema.taxonomy import Taxonomy

logger = logging.getLogger(__name__)

URL_ENV = "LABEL_STUDIO_URL"
KEY_ENV = "LABEL_STUDIO_API_KEY"
DETAIL_CHARS = 300  # an error line quotes at most this much of the server's reply
DEFAULT_PROJECT = "gikp-nlp"
#: seconds per HTTP request (the SDK's default is 60; an import of many long reports can take a while).
TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Credentials:
    url: str
    api_key: str = field(repr=False)


def credentials(url: str | None = None, api_key: str | None = None) -> Credentials:
    """Options first, then the environment; a clear error when either is missing."""
    url = url or os.environ.get(URL_ENV)
    api_key = api_key or os.environ.get(KEY_ENV)
    if not url:
        raise LabelStudioError("no Label Studio URL", hint=f"pass --url or set {URL_ENV}=http://host:port")
    if not api_key:
        raise LabelStudioError("no Label Studio API key",
                               hint=f"set {KEY_ENV} (Account & Settings → Personal Access Token) or pass --api-key")
    return Credentials(url.rstrip("/"), api_key)


@contextmanager
def session(creds: Credentials) -> Iterator[Any]:
    """A label-studio-sdk client whose HTTP connections are closed on exit."""
    from gikp_nlp.extras import require

    httpx = require("httpx", "labelstudio")
    LabelStudio = require("label_studio_sdk", "labelstudio").LabelStudio  # noqa: N806

    http = httpx.Client(timeout=TIMEOUT_S, follow_redirects=True)
    try:
        yield LabelStudio(base_url=creds.url, api_key=creds.api_key, timeout=TIMEOUT_S, httpx_client=http)
    finally:
        http.close()


def _scrub(text: str, creds: Credentials | None) -> str:
    return text.replace(creds.api_key, "***") if creds and creds.api_key else text


def _detail(exc: Exception, body: Any) -> str:
    """One short line about a failed call: Label Studio's JSON error as is
    (shortened), but of another server's reply (an HTML page from a proxy or
    a wrong port) only its content type and size, not its markup."""
    headers = {str(k).lower(): str(v) for k, v in (getattr(exc, "headers", None) or {}).items()}
    content_type = headers.get("content-type", "").split(";")[0].strip()
    if body is None:
        text = str(exc)
    elif isinstance(body, (dict, list)):
        text = json.dumps(body, ensure_ascii=False)
    elif "json" in content_type:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    else:
        return (f"{type(exc).__name__}: a {content_type or 'non-JSON'} reply of {len(body)} characters,"
                " not Label Studio's JSON API")
    return " ".join(f"{type(exc).__name__}: {text}".split())[:DETAIL_CHARS]


def _call(what: str, creds: Credentials | None, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run an SDK call; any failure becomes a LabelStudioError without the key."""
    try:
        return fn(*args, **kwargs)
    except GikpError:
        raise
    except Exception as exc:  # noqa: BLE001 - the SDK raises ApiError, httpx and pydantic errors
        status = getattr(exc, "status_code", None)
        body = getattr(exc, "body", None)
        detail = _scrub(_detail(exc, body), creds)
        hint = "check the URL and that the server is running"
        if status in (401, 403):
            hint = f"check the API key ({KEY_ENV}); Label Studio 1.23 needs a personal access token unless legacy tokens are enabled"
        raise LabelStudioError(f"Label Studio {what} failed ({status or 'no response'}): {detail}", hint=hint) from None


@dataclass(frozen=True)
class PushResult:
    project_id: int
    created: bool
    n_tasks: int
    task_ids: tuple[int, ...] = ()


def find_project(client: Any, project: str | int, creds: Credentials | None = None) -> Any | None:
    """A project by id (int or digits) or exact title."""
    if isinstance(project, int) or str(project).isdigit():
        return _call("get project", creds, client.projects.get, id=int(project))
    for candidate in _call("list projects", creds, lambda: list(client.projects.list(title=str(project)))):
        if candidate.title == str(project):
            return candidate
    return None


def push(tasks: Sequence[Mapping[str, Any]], taxonomy: Taxonomy, *, project: str | int = DEFAULT_PROJECT,
         creds: Credentials | None = None, client: Any = None) -> PushResult:
    """Create (or reuse, updating its config) the project and import ``tasks`` with their predictions."""
    creds = creds or credentials()
    if client is None:
        with session(creds) as client:
            return push(tasks, taxonomy, project=project, creds=creds, client=client)
    config = labeling_config(taxonomy)
    found = find_project(client, project, creds)
    if found is None:
        if str(project).isdigit():
            raise LabelStudioError(f"no Label Studio project with id {project}", hint="pass a title to create one")
        found = _call("create project", creds, client.projects.create, title=str(project), label_config=config)
        created = True
        logger.info("created Label Studio project %s (id %s)", found.title, found.id)
    else:
        created = False
        if (getattr(found, "label_config", None) or "").strip() != config.strip():
            _call("update project config", creds, client.projects.update, id=found.id, label_config=config)
            logger.info("updated the labeling config of project %s (id %s)", found.title, found.id)
    response = _call("import tasks", creds, client.projects.import_tasks, id=found.id, request=list(tasks),
                     return_task_ids=True)
    task_ids = tuple(getattr(response, "task_ids", None) or ())
    logger.info("imported %d task(s) into project %s", len(tasks), found.id)
    return PushResult(int(found.id), created, len(tasks), task_ids)


@dataclass(frozen=True)
class PullResult:
    project_id: int
    written: tuple[str, ...]
    unannotated: tuple[str, ...]


def export_tasks(client: Any, project_id: int, creds: Credentials | None = None) -> list[dict[str, Any]]:
    """The project's annotated tasks in Label Studio's JSON export format."""
    def download() -> bytes:
        return b"".join(client.projects.exports.download_sync(project_id, export_type="JSON"))

    raw = _call("export", creds, download)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LabelStudioError(f"the export of project {project_id} is not JSON: {exc}") from None
    if not isinstance(data, list):
        raise LabelStudioError(f"the export of project {project_id} is not a list of tasks")
    return data


def pull(taxonomy: Taxonomy, *, ann_dir: str | Path, project: str | int = DEFAULT_PROJECT,
         creds: Credentials | None = None, client: Any = None, utf16_offsets: bool = False) -> PullResult:
    """Export the project's annotations and write them into ``ann_dir`` through the converter.

    Every annotated task is converted (and so checked) before anything is
    written: one bad region stops the pull with an error naming it.
    ``utf16_offsets``: see :func:`gikp_nlp.annotations.tasks.task_to_gold`.
    """
    creds = creds or credentials()
    if client is None:
        with session(creds) as client:
            return pull(taxonomy, project=project, ann_dir=ann_dir, creds=creds, client=client,
                        utf16_offsets=utf16_offsets)
    found = find_project(client, project, creds)
    if found is None:
        raise LabelStudioError(f"no Label Studio project {project!r}", hint="push tasks first, or pass --project")
    exported = export_tasks(client, int(found.id), creds)
    docs, unannotated = [], []
    for task in exported:
        if pick_annotation(task) is None:
            unannotated.append(task_ref(task))
            continue
        docs.append(task_to_gold(task, taxonomy, utf16_offsets=utf16_offsets))
    seen: dict[str, int] = {}
    for doc in docs:
        seen[doc.id] = seen.get(doc.id, 0) + 1
    twice = sorted(i for i, n in seen.items() if n > 1)
    if twice:
        raise LabelStudioError(f"project {found.id} has several annotated tasks for document(s) {twice}",
                               hint="delete the duplicate tasks in Label Studio (one task per document)")
    if unannotated:
        logger.info("%d task(s) without a submitted annotation left out: %s", len(unannotated), ", ".join(unannotated))
    if docs:
        write_corpus(docs, taxonomy, ann_dir)
    return PullResult(int(found.id), tuple(d.id for d in docs), tuple(unannotated))
