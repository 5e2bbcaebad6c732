"""One exception hierarchy, every message with a code and a fix.

Library code raises these at the edges (readers, config, annotation import,
model load) so that callers can catch ``GikpError`` and nothing else; the CLI
prints ``str(err)`` on one line. Consistency failures in a report are *data*
(``CheckResult``), never exceptions.
"""
from __future__ import annotations


class GikpError(Exception):
    """Base class: every error gikp-nlp raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        text = f"[{self.code}] {message}"
        if hint:
            text += f" Fix: {hint}"
        super().__init__(text)


class InputError(GikpError):
    """The input cannot be read as a report."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class NoTextLayerError(InputError):
    code = "E104"


class InputTooLargeError(InputError):
    code = "E105"


class MalformedInputError(InputError):
    """A container (HTML, DOCX, PDF) that its parser cannot open."""

    code = "E106"


class UnsupportedFormatError(InputError):
    code = "E107"


class MissingInputError(InputError):
    """A path that names no file."""

    code = "E108"


class ConfigError(GikpError):
    code = "E200"


class TaxonomyError(GikpError):
    code = "E300"


class ModelLoadError(GikpError):
    code = "E400"


class CombinerFeaturesError(ModelLoadError):
    """A combiner file that names pair features this version does not compute (the pipeline falls back to
    the union of model and rules)."""

    code = "E401"


class AnnotationError(GikpError):
    code = "E500"


class LabelStudioError(GikpError):
    code = "E600"


class MissingExtraError(GikpError):
    """An optional dependency is not installed: the message names the extra that brings it."""

    code = "E700"


class ProcessingError(GikpError):
    """An unexpected failure inside the pipeline on one input (a bug: please report it).

    ``Extractor.pipe(on_error='skip'|'return')`` wraps such failures so one bad
    file does not stop a batch; ``on_error='raise'`` lets the original propagate.
    """

    code = "E900"
