"""Outputs on every shared gold document and bundled example equal the recorded
snapshot (``benchmarks/snapshot.py``): a refactor must not move one record.
An intended change regenerates it (``python benchmarks/snapshot.py write``) and
names the documents it moved in the commit."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("snapshot", REPO / "benchmarks" / "snapshot.py")
snapshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot)


@pytest.mark.integration
def test_snapshot_outputs_equal_the_recorded_snapshot():
    if not snapshot.DEFAULT_GOLD.is_dir():
        pytest.skip("../shared/corpus/gold is not beside the repo")
    expected = json.loads(snapshot.SNAPSHOT.read_text(encoding="utf-8"))
    assert snapshot.differences(expected, snapshot.digests(snapshot.DEFAULT_GOLD)) == []


def test_snapshot_differences_name_changed_new_and_gone_documents():
    old = {"auto": {"a": "1", "b": "2", "gone": "3"}}
    new = {"auto": {"a": "1", "b": "9", "new": "4"}}
    assert snapshot.differences(old, new) == ["auto:b", "auto:gone", "auto:new"]
