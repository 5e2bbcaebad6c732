"""The corpus as the unit of work: a resumable streaming batch (``batch``), the same
batch on Ray (``ray_backend``), and checks across reports (``crosscheck``)."""
from gikp_nlp.corpus.batch import BatchResult, BatchState, file_sha256, read_reports, run_batch
from gikp_nlp.corpus.crosscheck import CrossCheck, SpanRef, check_corpus, read_bodies

__all__ = ["BatchResult", "BatchState", "CrossCheck", "SpanRef", "check_corpus", "file_sha256", "read_bodies",
           "read_reports", "run_batch"]
