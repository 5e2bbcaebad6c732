"""In a fresh process: `gikp labels`, `--help`, bad inputs and the rules engine never import torch, and a bad
argument fails fast (issue 16 items 4 and 5)."""
import subprocess
import sys
import time

import pytest

from tests.conftest import EXAMPLES, REPO

#: a bad argument must fail within this many seconds (the model is never loaded for it) …
FAST_S = 1.0
#: … times this, for a process start on a loaded machine (measured alone: 0.15-0.22 s)
LOAD_SLACK = 2
PROBE = """
import sys
from gikp_nlp.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print("TORCH" if "torch" in sys.modules else "NO-TORCH", code, file=sys.stderr)
"""


def _run(*args: str) -> tuple[str, int, float]:
    began = time.monotonic()
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    return done.stderr, done.returncode, time.monotonic() - began


@pytest.mark.parametrize("args", [("labels",), ("--help",), ("extract", "--help"),
                                  ("check", str(EXAMPLES / "seed-004.txt"), "--set", "narrative.engine=rules")])
def test_cli_startup_never_imports_torch(args):
    err, _, _ = _run(*args)
    assert err.strip().splitlines()[-1].startswith("NO-TORCH"), err


def test_cli_startup_labels_is_fast():
    err, code, seconds = _run("labels")
    assert code == 0 and seconds < FAST_S * LOAD_SLACK, (seconds, err)


def test_cli_startup_bad_inputs_fail_fast_in_one_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for target in (str(tmp_path), str(tmp_path / "nosuchfile"), str(empty)):
        err, _, seconds = _run("check", target)
        lines = err.strip().splitlines()
        assert len(lines) == 2 and lines[0].startswith("gikp: error:"), err
        assert lines[1].startswith("NO-TORCH") and lines[1].endswith(" 1"), err
        assert seconds < FAST_S * LOAD_SLACK, seconds
