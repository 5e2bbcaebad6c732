"""tests/io: small helpers shared by the reader tests (builders live in builders.py)."""
from __future__ import annotations

import dataclasses

import pytest

from gikp_nlp.config import load_config


@pytest.fixture(scope="session")
def io_config():
    return load_config().io


@pytest.fixture
def small_config(io_config):
    """A config with tiny limits, to test the size errors without big files."""
    def make(**changes):
        return dataclasses.replace(io_config, **changes)
    return make
