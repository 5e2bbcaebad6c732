"""One AnnotationError subclass per way an annotation can be wrong.

Callers catch ``AnnotationError`` (or ``GikpError``); tests and tools that
want to tell the cases apart use the subclass. Every message names the task
(or document) and the region, so that the annotator can find it.
"""
from __future__ import annotations

from gikp_nlp.errors import AnnotationError


class SpanRangeError(AnnotationError):
    """start/end missing, not integers, empty, or outside the text."""

    code = "E501"


class SpanTextMismatchError(AnnotationError):
    """``text[start:end]`` differs from the region's stored text."""

    code = "E502"


class OverlapError(AnnotationError):
    """Two mention regions share characters (BIO tags cannot represent that)."""

    code = "E503"


class UnknownLabelError(AnnotationError):
    """An indicator id, applicant or flag that the taxonomy does not know."""

    code = "E504"


class BadValueError(AnnotationError):
    """A value that is not a number, or a malformed field."""

    code = "E505"


class MalformedTaskError(AnnotationError):
    """A task or gold file whose structure is not the documented one."""

    code = "E506"
