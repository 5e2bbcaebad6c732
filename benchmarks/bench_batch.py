"""Throughput of the batch (``gikp extract -o FOLDER``) on 200 reports of about 5 000 characters:
serial, ``--n-process 2``, and Ray local with 2 workers, medians of 3 runs; and the acceptance run of
issue 17 (2 000 reports killed halfway, resumed, compared with an uninterrupted run).

    python benchmarks/bench_batch.py [--reports 200] [--runs 3] [--engine rules|auto] [--no-ray]
    python benchmarks/bench_batch.py --acceptance [--reports 2000]

The reports are the bundled examples, joined and cut at a line near 5 000 characters, each with a
distinct last line (so every file has its own hash). Every mode writes a fresh batch folder; the
Ray figures exclude ``ray.init`` (timed once, printed apart), so the per-report overhead is Ray
Data's own (scheduling, serialising the records) against the 2-process pool.
"""
from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from gikp_nlp.corpus import BatchState, run_batch  # noqa: E402
from gikp_nlp.corpus.batch import ERRORS_FILE, MANIFEST_FILE, REPORTS_FILE  # noqa: E402

SEEDS = sorted((REPO / "examples").glob("*.txt"))
REPORT_CHARS = 5000
WORKERS = 2


def make_reports(folder: Path, n: int, chars: int = REPORT_CHARS) -> list[Path]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text, k = "", i
        while len(text) < chars:
            text += texts[k % len(texts)] + "\n"
            k += 1
        cut = text.rfind("\n", 0, chars)
        path = folder / f"r{i:05d}.txt"
        path.write_text(text[:cut if cut > 0 else chars] + f"\n报告编号 {i}\n", encoding="utf-8")
        paths.append(path)
    return paths


def timed(paths: list[Path], work: Path, overrides: dict, **kw) -> float:
    out = Path(tempfile.mkdtemp(dir=work))
    t0 = time.perf_counter()
    result = run_batch(paths, out, overrides=overrides, **kw)
    elapsed = time.perf_counter() - t0
    assert result.done == len(paths) and not result.interrupted, result
    return elapsed


def throughput(args) -> None:
    overrides = {"narrative.engine": args.engine}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths = make_reports(work / "in", args.reports)
        chars = statistics.mean(len(p.read_text(encoding="utf-8")) for p in paths)
        print(f"{len(paths)} reports, {chars:.0f} characters on average, engine {args.engine}, "
              f"{os.cpu_count()} CPUs, medians of {args.runs}")
        modes = {"serial": {}, f"--n-process {WORKERS}": {"n_process": WORKERS}}
        medians = {}
        if not args.no_ray:
            import ray

            t0 = time.perf_counter()
            ray.init(num_cpus=WORKERS, include_dashboard=False, log_to_driver=False)
            print(f"ray.init (local, {WORKERS} CPUs): {time.perf_counter() - t0:.1f} s (once, not in the figures)")
            modes[f"ray local, {WORKERS} workers"] = {"backend": "ray", "n_process": WORKERS}
        for name, kw in modes.items():
            times = [timed(paths, work, overrides, **kw) for _ in range(args.runs)]
            medians[name] = statistics.median(times)
            print(f"{name:<22} {len(paths) / medians[name]:7.1f} reports/s  median {medians[name]:6.2f} s  "
                  f"runs {' '.join(f'{t:.2f}' for t in times)}")
        if not args.no_ray:
            ray_name = f"ray local, {WORKERS} workers"
            overhead = (medians[ray_name] - medians[f"--n-process {WORKERS}"]) / len(paths)
            print(f"Ray overhead per report vs the {WORKERS}-process pool: {overhead * 1000:.1f} ms")
            ray.shutdown()


def acceptance(args) -> None:
    """Kill a ``gikp extract`` run halfway (SIGKILL), rerun it, compare with an uninterrupted run."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths = make_reports(work / "in", args.reports)
        out = work / "out"
        cmd = [sys.executable, "-m", "gikp_nlp", "extract", str(work / "in"), "-o", str(out), "-q",
               "--set", f"narrative.engine={args.engine}"]
        proc = subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.DEVNULL)
        while proc.poll() is None:
            manifest = out / MANIFEST_FILE
            if manifest.is_file() and manifest.read_text(encoding="utf-8").count("\n") >= len(paths) // 2:
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.05)
        proc.wait()
        done = len(BatchState.load(out).done)
        t0 = time.perf_counter()
        resumed = run_batch(paths, out, overrides={"narrative.engine": args.engine})
        t_resume = time.perf_counter() - t0
        t0 = time.perf_counter()
        run_batch(paths, work / "whole", overrides={"narrative.engine": args.engine})
        t_whole = time.perf_counter() - t0
        same = all((out / f).read_bytes() == (work / "whole" / f).read_bytes()
                   for f in (REPORTS_FILE, ERRORS_FILE, MANIFEST_FILE))
        print(f"{len(paths)} reports; killed (rc {proc.returncode}) with {done} done; rerun skipped "
              f"{resumed.skipped} and did {resumed.done} in {t_resume:.1f} s (uninterrupted: {t_whole:.1f} s); "
              f"output identical to the uninterrupted run: {same}")
        if not same or resumed.done != len(paths) - done:
            sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engine", default="rules", help="narrative engine (default rules: the model on CPU "
                                                          "takes ~1-2 s per 5 000 characters)")
    parser.add_argument("--no-ray", action="store_true")
    parser.add_argument("--acceptance", action="store_true", help="the kill-and-resume run over 2 000 reports")
    args = parser.parse_args()
    if args.acceptance:
        args.reports = args.reports or 2000
        acceptance(args)
    else:
        args.reports = args.reports or 200
        throughput(args)


if __name__ == "__main__":
    main()
