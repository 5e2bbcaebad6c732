"""Optional dependencies: a missing one fails with the extra that installs it."""
from __future__ import annotations

import pytest

from gikp_nlp.errors import GikpError, MissingExtraError
from gikp_nlp.extras import require


def test_extras_require_returns_the_module():
    assert require("json", "train").dumps([1]) == "[1]"


def test_extras_require_names_the_extra_when_missing():
    with pytest.raises(MissingExtraError, match=r"gikp-nlp\[train\]") as err:
        require("gikp_no_such_module", "train")
    assert isinstance(err.value, GikpError) and err.value.code == "E700"


def test_extras_seqeval_missing_is_reported_by_the_scorer(monkeypatch):
    import sys

    from gikp_nlp.training.evaluate import seqeval_report

    monkeypatch.setitem(sys.modules, "seqeval.metrics", None)  # import of a None entry raises ImportError
    with pytest.raises(MissingExtraError, match=r"\[train\]"):
        seqeval_report([["B-a"]], [["B-a"]])
