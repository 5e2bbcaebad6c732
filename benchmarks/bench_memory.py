"""Time and peak RSS of ``gikp_nlp.extract`` (default engine) by text length.

    python benchmarks/bench_memory.py [--sizes x1,x4,x16,x64,100000,1000000] [--seed examples/seed-004.txt]

Each size runs in a fresh subprocess (peak RSS is a high-water mark, so sizes
must not share a process): ``xN`` is the seed repeated N times, a plain number
is that many characters of the seed's narrative (its lines that are no
table rows) repeated and cut. Prints one
line per size (characters, seconds, peak RSS in MB, records) and the growth of
peak RSS between the two largest plain sizes (issue 16: at most 1 GB at
1 000 000 characters, at most 10% more than at 100 000).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = "x1,x4,x16,x64,100000,1000000"

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
seed, size = Path(sys.argv[1]).read_text(encoding="utf-8"), sys.argv[2]
if size.startswith("x"):
    text = seed * int(size[1:])
else:
    n = int(size)  # narrative only: the seed's lines that are no table rows
    prose = "\n".join(line for line in seed.splitlines() if "|" not in line) + "\n"
    text = (prose * (n // len(prose) + 1))[:n]
import gikp_nlp
t0 = time.perf_counter()
report = gikp_nlp.extract(text)
seconds = time.perf_counter() - t0
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
print(json.dumps({"size": size, "chars": len(text), "seconds": round(seconds, 2),
                  "peak_rss_mb": round(peak_kb / 1024, 1), "records": len(report.records)}))
"""


def run_size(seed: Path, size: str) -> dict:
    """One size in a fresh interpreter, so its peak RSS is its own."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(seed), size], cwd=REPO,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated xN or character counts")
    parser.add_argument("--seed", type=Path, default=REPO / "examples" / "seed-004.txt")
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes.split(","):
        row = run_size(args.seed, size.strip())
        rows.append(row)
        print(f"{row['size']:>8} {row['chars']:>9} chars {row['seconds']:>8.2f} s "
              f"{row['peak_rss_mb']:>8.1f} MB peak RSS {row['records']:>6} records", flush=True)
    plain = [r for r in rows if not r["size"].startswith("x")]
    if len(plain) >= 2:
        small, large = min(plain, key=lambda r: r["chars"]), max(plain, key=lambda r: r["chars"])
        growth = large["peak_rss_mb"] / small["peak_rss_mb"] - 1
        print(f"peak RSS growth {small['chars']} -> {large['chars']} chars: {growth:+.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
