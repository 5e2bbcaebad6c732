"""Mentions → records, and the report's own arithmetic checked."""
from gikp_nlp.records.build import build_records
from gikp_nlp.records.checks import run_checks

__all__ = ["build_records", "run_checks"]
