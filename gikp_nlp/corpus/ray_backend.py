"""The batch on Ray Data (extra ``[ray]``): files → ``map_batches`` with an actor pool,
each actor loading the extractor (and its model) once → outcomes streamed back to the
same writer as the local run, so the output folder (and its resumability) is the same.

``address=None`` starts a local Ray instance (``ray.init()``); ``address="ray://host:10001"``
or ``"auto"`` joins a cluster, whose workers need gikp-nlp installed and the input
files at the same paths (a shared file system).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gikp_nlp.config import Config
from gikp_nlp.extras import require

#: files per ``map_batches`` call (one actor extracts a batch in turn)
RAY_BATCH_SIZE = 4


class _ExtractActor:
    """A Ray Data actor: one Extractor (one model load) for every batch it is given."""

    def __init__(self, config: Config) -> None:
        from gikp_nlp.pipeline import Extractor

        self.extractor = Extractor(config)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import json

        from gikp_nlp.corpus.batch import _extract, _outcome

        rows: dict[str, list] = {"file": [], "sha256": [], "report": [], "error": []}
        for name, sha in zip(batch["file"], batch["sha256"]):
            _, _, report, error = _outcome(str(name), str(sha), _extract(self.extractor, str(name)))
            rows["file"].append(str(name))
            rows["sha256"].append(str(sha))
            rows["report"].append(json.dumps(report, ensure_ascii=False) if report else "")
            rows["error"].append(json.dumps(error, ensure_ascii=False) if error else "")
        return rows


def ray_outcomes(config: Config, todo: list[tuple[str, str]], *, n_process: int,
                 address: str | None = None) -> Iterator[tuple[str, str, dict | None, dict | None]]:
    """Outcomes of ``todo`` (file, sha256) extracted by ``n_process`` Ray actors."""
    import json

    ray = require("ray", "ray")
    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if address:
            kwargs["address"] = address
        else:
            kwargs["num_cpus"] = n_process
        ray.init(**kwargs)
        started = True
    try:
        ray.data.DataContext.get_current().enable_progress_bars = False  # gikp's own bar counts files
        data = ray.data.from_items([{"file": f, "sha256": h} for f, h in todo])
        results = data.map_batches(_ExtractActor, fn_constructor_args=(config,), batch_size=RAY_BATCH_SIZE,
                                   concurrency=n_process, batch_format="numpy")
        for row in results.iter_rows():
            report = json.loads(row["report"]) if row["report"] else None
            error = json.loads(row["error"]) if row["error"] else None
            yield str(row["file"]), str(row["sha256"]), report, error
    finally:
        if started:
            ray.shutdown()
