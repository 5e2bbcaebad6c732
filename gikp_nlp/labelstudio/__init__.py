"""Label Studio integration: labeling config from the taxonomy, pre-annotation, push/pull.

The task format itself (and the converter) lives in gikp_nlp.annotations;
only gikp_nlp.labelstudio.client imports label-studio-sdk, and only when called.
"""
from __future__ import annotations

from gikp_nlp.labelstudio.config import labeling_config
from gikp_nlp.labelstudio.predict import predict_tasks, prediction_results, report_to_task

__all__ = ["labeling_config", "predict_tasks", "prediction_results", "report_to_task"]
