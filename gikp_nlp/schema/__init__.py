"""The indicator taxonomy: the single place where ids, labels and units live."""
from gikp_nlp.schema.taxonomy import (
    APPLICANTS,
    APPLICANT_LABELS,
    FORMS,
    UNITS,
    Indicator,
    SumRule,
    Taxonomy,
    get_taxonomy,
    normalize_label,
)

__all__ = [
    "APPLICANTS",
    "APPLICANT_LABELS",
    "FORMS",
    "UNITS",
    "Indicator",
    "SumRule",
    "Taxonomy",
    "get_taxonomy",
    "normalize_label",
]
