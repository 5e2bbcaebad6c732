"""The one conftest: shared fixtures, and no network for any test."""
from __future__ import annotations

import dataclasses
import json
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
SEED_IDS = ("seed-000", "seed-001", "seed-002", "seed-003", "seed-004")


@pytest.fixture(autouse=True)
def no_network(monkeypatch, request):
    """Fail any test that opens a network connection (except to 127.0.0.1 for marked server tests)."""
    if request.node.get_closest_marker("labelstudio"):
        return
    real_connect = socket.socket.connect

    def guarded(self, address):  # noqa: ANN001
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        raise RuntimeError(f"network access in a test: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def taxonomy():
    from gikp_nlp.schema import get_taxonomy

    return get_taxonomy()


def seed_text(seed_id: str) -> str:
    return (EXAMPLES / f"{seed_id}.txt").read_text(encoding="utf-8")


def load_gold(doc_id: str) -> dict:
    """A gold document from ../shared/corpus/gold (skips when shared/ is not beside the repo)."""
    path = SHARED / "corpus" / "gold" / f"{doc_id}.json"
    if not path.is_file():
        pytest.skip(f"gold document {doc_id} not found: ../shared/corpus/gold is not beside the repo")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {seed_id: seed_text(seed_id) for seed_id in SEED_IDS}


@pytest.fixture(scope="session")
def io_config():
    from gikp_nlp.config import load_config

    return load_config().io


@pytest.fixture
def small_config(io_config):
    """An IO config with tiny limits, to test the size errors without big files."""
    def make(**changes):
        return dataclasses.replace(io_config, **changes)
    return make


@pytest.fixture(scope="session")
def tables_config():
    from gikp_nlp.config import load_config

    return load_config().tables


@pytest.fixture(scope="session")
def read_text(taxonomy, tables_config):
    """The table rules over a plain text, as one narrative block."""
    from gikp_nlp.document import Block, Document
    from gikp_nlp.tables import extract_tables

    def run(text: str):
        return extract_tables(Document(text, (Block("narrative", 0, len(text)),)), taxonomy, tables_config)
    return run


@pytest.fixture(scope="session")
def read_document(taxonomy, tables_config):
    """The table rules over a Document."""
    from gikp_nlp.tables import extract_tables

    def run(document):
        return extract_tables(document, taxonomy, tables_config)
    return run
