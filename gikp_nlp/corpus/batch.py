"""A resumable, streaming batch: ``run_batch(paths, out_dir)``.

The output folder holds three JSON Lines files, each line flushed as it comes:

- ``reports.jsonl``: one line per report (``Report.to_dict()`` with ``file``, ``sha256`` and
  ``table_regions``, the spans the table rules read, so the narrative can be told apart);
- ``errors.jsonl``: one line per file that failed (``file``, ``sha256``, ``code``, ``message``);
- ``manifest.jsonl``: one line per finished file (``file``, ``sha256``, ``status``), written
  *after* the file's report or error line, so the manifest is the truth of what is done.

A rerun reads the manifest, skips files whose content hash is unchanged, redoes changed
and unfinished ones, and drops any report line the manifest does not vouch for (a torn
last line of a killed run). When every file is done the three files are rewritten in
input order (atomically), so a killed-and-resumed run ends byte-identical to an
uninterrupted one. Ctrl-C or SIGTERM stops after the file in hand: what is written stays
consistent and the next run continues.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gikp_nlp.config import Config, load_config
from gikp_nlp.errors import GikpError, ProcessingError

REPORTS_FILE = "reports.jsonl"
ERRORS_FILE = "errors.jsonl"
MANIFEST_FILE = "manifest.jsonl"
#: bytes read at a time when hashing a file
HASH_CHUNK = 1 << 20
#: files in flight per worker process (enough to keep it busy, few enough to stop fast)
IN_FLIGHT_PER_WORKER = 2
#: worker processes start fresh (torch is not fork-safe once it has run a model)
WORKER_START_METHOD = "spawn"

Outcome = tuple[str, str, dict[str, Any] | None, dict[str, Any] | None]  # file, sha256, report, error


def file_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_lines(path: Path) -> list[dict[str, Any]]:
    """The complete JSON lines of ``path`` (a torn last line of a killed run is left out)."""
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if not line.endswith("\n"):
            break
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            break
    return out


def read_reports(out_dir: str | os.PathLike) -> list[dict[str, Any]]:
    """The report dicts of a batch folder that its manifest vouches for."""
    state = BatchState.load(Path(out_dir))
    return list(state.reports.values())


@dataclass
class BatchState:
    """What a batch folder holds: done files (by name → sha256) and their lines."""

    out_dir: Path
    done: dict[str, str] = field(default_factory=dict)
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> "BatchState":
        done = {e["file"]: e["sha256"] for e in _read_lines(out_dir / MANIFEST_FILE)}
        reports = {r["file"]: r for r in _read_lines(out_dir / REPORTS_FILE) if done.get(r["file"]) == r["sha256"]}
        errors = {e["file"]: e for e in _read_lines(out_dir / ERRORS_FILE) if done.get(e["file"]) == e["sha256"]}
        # a manifest line whose report/error line is missing is not done
        done = {f: h for f, h in done.items() if f in reports or f in errors}
        return cls(out_dir, done, reports, errors)

    def rewrite(self, order: Sequence[str] | None = None) -> None:
        """Rewrite the three files with only what is done (in ``order`` where given), atomically."""
        rank = {name: i for i, name in enumerate(order or ())}

        def key(name: str) -> tuple[int, str]:
            return (rank.get(name, len(rank)), name)

        names = sorted(self.done, key=key)
        _replace(self.out_dir / REPORTS_FILE, [self.reports[n] for n in names if n in self.reports])
        _replace(self.out_dir / ERRORS_FILE, [self.errors[n] for n in names if n in self.errors])
        _replace(self.out_dir / MANIFEST_FILE,
                 [{"file": n, "sha256": self.done[n], "status": "ok" if n in self.reports else "error"}
                  for n in names])


def _replace(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


@dataclass(frozen=True)
class BatchResult:
    """What one ``run_batch`` call did."""

    total: int
    skipped: int  # done before, same content
    done: int  # extracted (or failed) in this run
    failed: int  # of ``done``, the files that failed
    interrupted: bool
    redone: tuple[str, ...] = ()  # done before with other content


class _Stop(Exception):
    """SIGTERM, turned into a clean stop."""


def _outcome(name: str, sha: str, report: Any) -> Outcome:
    if isinstance(report, GikpError):
        return name, sha, None, {"file": name, "sha256": sha, "code": report.code, "message": str(report)}
    data = report.to_dict()
    data["file"] = name
    data["sha256"] = sha
    data["table_regions"] = [list(region) for region in report.table_regions]  # the narrative is the rest
    return name, sha, data, None


def _extract(extractor, path: str) -> Any:
    try:
        return extractor.extract(path)
    except GikpError as err:
        return err
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop a batch
        return ProcessingError(f"internal error on {path}: {type(exc).__name__}: {exc}",
                               hint="this is a bug in gikp-nlp; please report it with the input file")


_WORKER = None


def _init_worker(config: Config) -> None:
    global _WORKER
    from gikp_nlp.pipeline import Extractor

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _WORKER = Extractor(config)


def _work(item: tuple[str, str]) -> Outcome:
    name, sha = item
    return _outcome(name, sha, _extract(_WORKER, name))


def _serial(extractor, todo: list[tuple[str, str]]) -> Iterator[Outcome]:
    for name, sha in todo:
        yield _outcome(name, sha, _extract(extractor, name))


def _pool(config: Config, todo: list[tuple[str, str]], n_process: int) -> Iterator[Outcome]:
    """Outcomes as they complete, at most ``IN_FLIGHT_PER_WORKER`` files per worker in flight, so a
    stop waits for a few files, not the whole queue."""
    context = multiprocessing.get_context(WORKER_START_METHOD)
    pool = ProcessPoolExecutor(max_workers=n_process, mp_context=context, initializer=_init_worker,
                               initargs=(config,))
    pending: set[Future] = set()
    queue = iter(todo)
    try:
        for item in queue:
            pending.add(pool.submit(_work, item))
            if len(pending) >= n_process * IN_FLIGHT_PER_WORKER:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_batch(
    paths: Sequence[str | os.PathLike],
    out_dir: str | os.PathLike,
    *,
    config: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    n_process: int = 1,
    backend: str = "local",
    ray_address: str | None = None,
    progress: Callable[[int, int], Any] | None = None,
) -> BatchResult:
    """Extract ``paths`` into ``out_dir`` (created), resuming what an earlier run left.

    ``backend``: ``local`` (this process, or ``n_process`` spawned workers) or ``ray``
    (:mod:`gikp_nlp.corpus.ray_backend`, ``n_process`` actors). ``progress(total, skipped)``
    returns an object with ``update(n)`` and ``close()`` (a tqdm bar, say).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = list(dict.fromkeys(str(p) for p in paths))  # a file named twice is extracted once
    state = BatchState.load(out)
    hashes = {name: file_sha256(name) for name in names}
    todo = [(n, hashes[n]) for n in names if state.done.get(n) != hashes[n]]
    redone = tuple(n for n, _ in todo if n in state.done)
    for name in redone:  # changed since: its old lines go
        del state.done[name]
        state.reports.pop(name, None)
        state.errors.pop(name, None)
    state.rewrite(names)  # start from a clean, vouched-for state
    cfg = load_config(config, dict(overrides or {}))
    bar = progress(len(names), len(names) - len(todo)) if progress else None
    done = failed = 0
    interrupted = False
    previous = _on_sigterm()
    outcomes = _outcomes(cfg, todo, n_process, backend, ray_address)
    try:
        with (out / REPORTS_FILE).open("a", encoding="utf-8") as reports, \
                (out / ERRORS_FILE).open("a", encoding="utf-8") as errors, \
                (out / MANIFEST_FILE).open("a", encoding="utf-8") as manifest:
            for name, sha, report, error in outcomes:
                _append(reports if report else errors, report or error)
                _append(manifest, {"file": name, "sha256": sha, "status": "ok" if report else "error"})
                state.done[name] = sha
                if report:
                    state.reports[name] = report
                else:
                    state.errors[name] = error
                    failed += 1
                done += 1
                if bar:
                    bar.update(1)
    except (KeyboardInterrupt, _Stop):
        interrupted = True
    finally:
        if hasattr(outcomes, "close"):  # stop the workers now, not at garbage collection
            outcomes.close()
        signal.signal(signal.SIGTERM, previous)
        if bar:
            bar.close()
    if not interrupted:
        state.rewrite(names)  # input order: a resumed run ends as an uninterrupted one
    return BatchResult(total=len(names), skipped=len(names) - len(todo), done=done, failed=failed,
                       interrupted=interrupted, redone=redone)


def _append(handle, row: dict[str, Any]) -> None:
    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    handle.flush()


def _on_sigterm():
    def stop(signum, frame):  # noqa: ANN001
        raise _Stop()

    try:
        return signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: no handler
        return signal.getsignal(signal.SIGTERM)


def _outcomes(config: Config, todo: list[tuple[str, str]], n_process: int, backend: str,
              ray_address: str | None) -> Iterator[Outcome]:
    if not todo:
        return iter(())
    if backend == "ray":
        from gikp_nlp.corpus.ray_backend import ray_outcomes

        return ray_outcomes(config, todo, n_process=max(1, n_process), address=ray_address)
    if n_process > 1:
        return _pool(config, todo, n_process)
    from gikp_nlp.pipeline import Extractor

    return _serial(Extractor(config), todo)


def progress_bar(enabled: bool) -> Callable[[int, int], Any] | None:
    """A tqdm bar on stderr (files/s and ETA) over the files left to do."""
    if not enabled:
        return None

    def make(total: int, skipped: int):
        from tqdm import tqdm

        return tqdm(total=total - skipped, unit="file", file=sys.stderr, desc=f"{skipped} already done")

    return make
