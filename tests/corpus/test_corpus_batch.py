"""The resumable batch: lines flushed as files finish, a manifest of done files with their hash,
a rerun skips done and redoes changed or unfinished files, and a killed-and-resumed run ends
byte-identical to an uninterrupted one."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from gikp_nlp.corpus import BatchState, read_reports, run_batch
from gikp_nlp.corpus.batch import ERRORS_FILE, MANIFEST_FILE, REPORTS_FILE
from tests.conftest import EXAMPLES, REPO, SEED_IDS

RULES = {"narrative.engine": "rules"}
#: the acceptance corpus of issue 17
ACCEPTANCE_FILES = 2000


def make_corpus(folder, copies: int) -> list:
    """``copies`` reports: the examples replicated under distinct names (each copy's text differs by a
    trailing line, so every file has its own content hash)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    texts = [(EXAMPLES / f"{s}.txt").read_text(encoding="utf-8") for s in SEED_IDS]
    for i in range(copies):
        path = folder / f"r{i:05d}-{SEED_IDS[i % len(SEED_IDS)]}.txt"
        path.write_text(texts[i % len(texts)] + f"\n{i}\n", encoding="utf-8")
        paths.append(path)
    return paths


def outputs(folder) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in (REPORTS_FILE, ERRORS_FILE, MANIFEST_FILE)}


class _StopAfter:
    """A progress bar that presses Ctrl-C after ``n`` files."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.seen = 0

    def __call__(self, total, skipped):
        return self

    def update(self, k):
        self.seen += k
        if self.seen >= self.n:
            raise KeyboardInterrupt

    def close(self):
        pass


def test_corpus_batch_writes_reports_errors_and_manifest(tmp_path):
    paths = make_corpus(tmp_path / "in", 3)
    bad = tmp_path / "in" / "zz-binary.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 50)
    result = run_batch([*paths, bad], tmp_path / "out", overrides=RULES)
    assert (result.total, result.done, result.failed, result.skipped, result.interrupted) == (4, 4, 1, 0, False)
    reports = read_reports(tmp_path / "out")
    assert [r["file"] for r in reports] == [str(p) for p in paths]
    for r in reports:
        for record in r["records"]:
            for m in record["mentions"]:
                assert r["text"][m["start"]:m["end"]] == m["text"]
    (error,) = [json.loads(x) for x in (tmp_path / "out" / ERRORS_FILE).read_text(encoding="utf-8").splitlines()]
    assert error["file"] == str(bad) and error["code"] == "E102"
    manifest = [json.loads(x) for x in (tmp_path / "out" / MANIFEST_FILE).read_text(encoding="utf-8").splitlines()]
    assert [m["status"] for m in manifest] == ["ok", "ok", "ok", "error"]


def test_corpus_batch_rerun_skips_done_and_redoes_changed(tmp_path):
    paths = make_corpus(tmp_path / "in", 4)
    run_batch(paths, tmp_path / "out", overrides=RULES)
    again = run_batch(paths, tmp_path / "out", overrides=RULES)
    assert (again.skipped, again.done) == (4, 0)
    paths[2].write_text((EXAMPLES / "seed-003.txt").read_text(encoding="utf-8"), encoding="utf-8")
    changed = run_batch(paths, tmp_path / "out", overrides=RULES)
    assert (changed.skipped, changed.done, changed.redone) == (3, 1, (str(paths[2]),))
    fresh = run_batch(paths, tmp_path / "fresh", overrides=RULES)
    assert fresh.done == 4 and outputs(tmp_path / "out") == outputs(tmp_path / "fresh")


def test_corpus_batch_interrupted_then_resumed_equals_uninterrupted(tmp_path):
    paths = make_corpus(tmp_path / "in", 8)
    stopped = run_batch(paths, tmp_path / "out", overrides=RULES, progress=_StopAfter(3))
    assert stopped.interrupted and stopped.done == 3
    assert len(BatchState.load(tmp_path / "out").done) == 3  # what was written is consistent
    resumed = run_batch(paths, tmp_path / "out", overrides=RULES)
    assert (resumed.skipped, resumed.done, resumed.interrupted) == (3, 5, False)
    run_batch(paths, tmp_path / "whole", overrides=RULES)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "whole")


def test_corpus_batch_torn_last_lines_are_redone(tmp_path):
    paths = make_corpus(tmp_path / "in", 3)
    run_batch(paths, tmp_path / "whole", overrides=RULES)
    out = tmp_path / "out"
    run_batch(paths[:2], out, overrides=RULES)
    with (out / REPORTS_FILE).open("a", encoding="utf-8") as handle:
        handle.write('{"file": "' + str(paths[2]) + '", "records": [')  # killed mid-line
    with (out / MANIFEST_FILE).open("a", encoding="utf-8") as handle:
        handle.write('{"file": "x')
    result = run_batch(paths, out, overrides=RULES)
    assert (result.skipped, result.done) == (2, 1)
    assert outputs(out) == outputs(tmp_path / "whole")


def _killed_then_resumed(tmp_path, n_files: int, kill_after: int) -> None:
    """A ``gikp extract`` subprocess SIGKILLed after ``kill_after`` files, then rerun to the end: the
    output equals an uninterrupted run's and the rerun did only the unfinished files."""
    paths = make_corpus(tmp_path / "in", n_files)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "gikp_nlp", "extract", str(tmp_path / "in"), "-o", str(out), "-q",
           "--set", "narrative.engine=rules"]
    proc = subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.DEVNULL)
    manifest = out / MANIFEST_FILE
    try:
        while proc.poll() is None:
            if manifest.is_file() and manifest.read_text(encoding="utf-8").count("\n") >= kill_after:
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    done_before = len(BatchState.load(out).done)
    assert kill_after <= done_before < n_files
    resumed = run_batch(sorted(paths), out, overrides=RULES)
    assert (resumed.skipped, resumed.done) == (done_before, n_files - done_before)
    run_batch(sorted(paths), tmp_path / "whole", overrides=RULES)
    assert outputs(out) == outputs(tmp_path / "whole")


def test_corpus_batch_killed_subprocess_resumes_to_the_same_output(tmp_path):
    _killed_then_resumed(tmp_path, n_files=60, kill_after=5)


@pytest.mark.slow
def test_corpus_batch_2000_reports_killed_halfway_and_resumed(tmp_path):
    _killed_then_resumed(tmp_path, n_files=ACCEPTANCE_FILES, kill_after=ACCEPTANCE_FILES // 2)


def test_corpus_batch_two_processes_give_the_serial_output(tmp_path):
    paths = make_corpus(tmp_path / "in", 6)
    run_batch(paths, tmp_path / "serial", overrides=RULES)
    run_batch(paths, tmp_path / "pool", overrides=RULES, n_process=2)
    assert outputs(tmp_path / "serial") == outputs(tmp_path / "pool")


def test_corpus_batch_sigterm_stops_cleanly_and_says_how_to_continue(tmp_path):
    paths = make_corpus(tmp_path / "in", 60)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "gikp_nlp", "extract", str(tmp_path / "in"), "-o", str(out), "-q",
           "--set", "narrative.engine=rules", "--n-process", "2"]
    proc = subprocess.Popen(cmd, cwd=REPO, stderr=subprocess.PIPE, text=True)
    manifest = out / MANIFEST_FILE
    while proc.poll() is None:
        if manifest.is_file() and manifest.read_text(encoding="utf-8").count("\n") >= 3:
            proc.send_signal(signal.SIGTERM)
            break
        time.sleep(0.02)
    err = proc.communicate(timeout=120)[1]
    assert proc.returncode == 130 and "run the same command to continue" in err
    state = BatchState.load(out)
    lines = (out / MANIFEST_FILE).read_text(encoding="utf-8").splitlines()
    assert 3 <= len(state.done) == len(lines) < 60  # every manifest line is vouched for
    resumed = run_batch(sorted(paths), out, overrides=RULES)
    assert resumed.skipped == len(state.done) and resumed.done == 60 - len(state.done)
    run_batch(sorted(paths), tmp_path / "whole", overrides=RULES)
    assert outputs(out) == outputs(tmp_path / "whole")


def test_corpus_batch_a_file_named_twice_is_extracted_once(tmp_path):
    paths = make_corpus(tmp_path / "in", 2)
    result = run_batch([paths[0], paths[1], paths[0]], tmp_path / "out", overrides=RULES)
    assert (result.total, result.done) == (2, 2)
    assert len(read_reports(tmp_path / "out")) == 2
