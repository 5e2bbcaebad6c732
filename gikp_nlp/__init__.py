"""gikp-nlp: every count in a Chinese government information-disclosure annual report,
tagged with its indicator, grounded to its characters and checked.

    >>> import gikp_nlp
    >>> report = gikp_nlp.extract("本年度共收到政府信息公开申请12件。")
    >>> [(r.indicator, r.value) for r in report.records]
    [('request.new', 12)]
"""
from __future__ import annotations

from gikp_nlp.document import Block, Cell, Document
from gikp_nlp.errors import GikpError, InputError
from gikp_nlp.report import CheckResult, Mention, Record, Report

__version__ = "0.1.0"

__all__ = [
    "Block",
    "Cell",
    "CheckResult",
    "Document",
    "Extractor",
    "GikpError",
    "InputError",
    "Mention",
    "Record",
    "Report",
    "extract",
    "load",
    "__version__",
]


def load(config=None, overrides=None):  # noqa: ANN001 - re-exported with full signature below
    """Build a reusable :class:`Extractor` (model loaded once). See :func:`gikp_nlp.pipeline.load`."""
    from gikp_nlp.pipeline import load as _load

    return _load(config, overrides)


def extract(source, *, format=None):  # noqa: ANN001
    """Extract one report (str text, path or bytes). See :func:`gikp_nlp.pipeline.extract`."""
    from gikp_nlp.pipeline import extract as _extract

    return _extract(source, format=format)


def __getattr__(name: str):
    if name == "Extractor":
        from gikp_nlp.pipeline import Extractor

        return Extractor
    raise AttributeError(name)
