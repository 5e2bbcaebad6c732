"""Time and peak memory of reading hostile inputs (issue 16: bounded memory, fail fast).

    python benchmarks/bench_inputs.py [--runs 3] [--repo DIR] [--only SUBSTRING]

Cases: a 1.4 MB DOCX bomb (456 MiB of XML), an HTML page of 5 000 small tables,
1 MB of random bytes, a PDF whose content stream inflates to 200 MiB, a PDF of
20 000 pages. Each run reads one case in a fresh subprocess (so peak RSS is that
read's, on top of the interpreter and the readers' imports, which are loaded
before the clock starts); printed: the outcome, and the medians of the read time
and of the process's peak RSS. ``--repo`` benchmarks another checkout (A/B).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
N_TABLES = 5000
RANDOM_BYTES = 1 << 20
BOMB_MIB = 456
PDF_BOMB_MIB = 200
PDF_PAGES = 20_000
MIB = 1 << 20


def _html_tables() -> bytes:
    rows = "".join(f"<table><tr><td>项目{i}</td><td>数量</td></tr><tr><td>申请</td><td>{i}</td></tr></table>"
                   for i in range(N_TABLES))
    return f"<html><body><p>年度报告</p>{rows}</body></html>".encode()


def build_cases(folder: Path) -> dict[str, Path]:
    """Write every case into ``folder``; the builders come from the test suite."""
    sys.path.insert(0, str(REPO))
    from tests.io.builders import docx_bomb, pdf_many_pages, pdf_stream_bomb

    rng = random.Random(16)
    cases = {
        "docx bomb (456 MiB of XML)": ("bomb.docx", docx_bomb(BOMB_MIB)),
        f"html, {N_TABLES} small tables": ("tables.html", _html_tables()),
        "1 MB of random bytes": ("random.txt", bytes(rng.randrange(256) for _ in range(RANDOM_BYTES))),
        "1 MB of random high bytes 81-FE": ("random-high.txt",  # every byte pair decodes as GB18030
                                            bytes(rng.randrange(0x81, 0xFF) for _ in range(RANDOM_BYTES))),
        f"pdf stream bomb ({PDF_BOMB_MIB} MiB)": ("bomb.pdf", pdf_stream_bomb(PDF_BOMB_MIB)),
        f"pdf of {PDF_PAGES} pages": ("pages.pdf", pdf_many_pages(PDF_PAGES)),
    }
    paths = {}
    for name, (file_name, data) in cases.items():
        path = folder / file_name
        path.write_bytes(data)
        paths[name] = path
    return paths


def read_once(repo: str, path: str) -> dict:
    """In the child: import the readers, then time one read_document(path)."""
    import resource
    import time

    sys.path.insert(0, repo)
    import bs4  # noqa: F401 - imports outside the clock
    import docx  # noqa: F401
    import pdfplumber  # noqa: F401

    from gikp_nlp.errors import GikpError
    from gikp_nlp.io import read_document

    start = time.perf_counter()
    try:
        document = read_document(Path(path))
        outcome = f"read, {len(document.text):,} chars"
    except GikpError as err:
        outcome = f"{type(err).__name__} [{err.code}]"
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mib": peak_mib, "outcome": outcome}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repo", default=str(REPO), help="checkout whose gikp_nlp is measured")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(read_once(args.repo, args.one)))
        return
    print(f"gikp_nlp from {args.repo}; medians of {args.runs} fresh processes")
    print(f"{'case':34} {'bytes':>11} {'seconds':>8} {'peak RSS':>9}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for name, path in build_cases(Path(folder)).items():
            if args.only not in name:
                continue
            runs = []
            for _ in range(args.runs):
                child = subprocess.run([sys.executable, __file__, "--repo", args.repo, "--one", str(path)],
                                       capture_output=True, text=True, check=True)
                runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = statistics.median(r["peak_mib"] for r in runs)
            print(f"{name:34} {path.stat().st_size:>11,} {seconds:>8.2f} {peak:>6.0f} MB  {runs[0]['outcome']}",
                  flush=True)


if __name__ == "__main__":
    main()
