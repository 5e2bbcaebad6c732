"""The wheel as a user gets it: built from the checkout, installed into a fresh
venv outside it, run from a temporary directory (issue 13's acceptance).

Marker ``packaging`` (excluded from the default run; ``.ci/run`` runs it):
installing torch and the base dependencies takes minutes. One venv serves both
tests: the base install first, then the ``[train]`` extra on top.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parents[2]
TORCH = "torch==2.13.0"  # the CPU build the README pins (an unpinned torch pulls CUDA wheels)
STEP_TIMEOUT_S = 900  # one pip install or one command in the venv
SOURCES = ("pyproject.toml", "README.md", "gikp_nlp")  # what the wheel is built from


def _run(cmd: list[str], cwd: Path, timeout: int = STEP_TIMEOUT_S) -> subprocess.CompletedProcess:
    """Run outside the checkout with no PYTHONPATH, so only the installed package can be imported."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{cmd} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the package sources (no build artefacts left in the checkout)."""
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(
            REPO / name, src / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if (REPO / name).is_dir() else {}))
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)], cwd=out)
    (built,) = out.glob("gikp_nlp-*.whl")
    return built


@pytest.fixture(scope="module")
def venv_python(tmp_path_factory, wheel) -> Path:
    """A fresh venv (no system site-packages) with ``torch==2.13.0`` and the wheel."""
    where = tmp_path_factory.mktemp("venv")
    venv.create(where, with_pip=True)
    python = where / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "-q", "--no-compile", TORCH, str(wheel)], cwd=where)
    return python


def test_packaging_wheel_extracts_with_the_shipped_model(venv_python, tmp_path):
    """The base install finds the packaged model (mentions with source "model"),
    and a models/ folder in the working directory is not picked up instead."""
    decoy = tmp_path / "models" / "gikp-ner-zh"
    decoy.mkdir(parents=True)
    (decoy / "config.json").write_text("{not a model", encoding="utf-8")
    text = (REPO / "examples" / "seed-001.txt").read_text(encoding="utf-8")
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    script = (
        "import json, gikp_nlp\n"
        "from gikp_nlp.models import locate\n"
        "ex = gikp_nlp.load()\n"
        "r = ex.extract('report.txt')\n"
        "print(json.dumps({'file': gikp_nlp.__file__, 'model': str(locate('gikp-ner-zh')), 'engine': ex.engine,\n"
        "                  'sources': sorted({m.source for m in r.mentions}),\n"
        "                  'offsets': all(r.text[m.start:m.end] == m.text for m in r.mentions)}))\n"
    )
    out = json.loads(_run([str(venv_python), "-c", script], cwd=tmp_path).stdout.strip().splitlines()[-1])
    site = venv_python.parent.parent
    assert Path(out["file"]).is_relative_to(site) and Path(out["model"]).is_relative_to(site)
    assert out["engine"] == "hybrid" and "model" in out["sources"] and out["offsets"]


def test_packaging_train_extra_runs_a_tiny_training_outside_the_checkout(venv_python, wheel, tmp_path):
    """``pip install gikp-nlp[train]`` then ``gikp train`` with a tiny config written
    in a temporary directory: synthetic data from the packaged generator only."""
    _run([str(venv_python), "-m", "pip", "install", "-q", "--no-compile", f"{wheel}[train]"], cwd=tmp_path)
    config = tmp_path / "tiny.toml"
    config.write_text((REPO / "configs" / "tiny.toml").read_text(encoding="utf-8"), encoding="utf-8")
    gikp = venv_python.parent / "gikp"
    _run([str(gikp), "train", "--config", "tiny.toml", "--output", "out", "--set", "data.synthetic_docs=4"],
         cwd=tmp_path)
    assert (tmp_path / "out" / "model.safetensors").is_file()
    script = (
        "import gikp_nlp\n"
        "ex = gikp_nlp.load(overrides={'narrative.engine': 'model', 'narrative.model': './out'})\n"
        "report = ex('本年度共收到政府信息公开申请12件。')\n"
        "assert all(report.text[m.start:m.end] == m.text for m in report.mentions)\n"
        "print(report.engine.model, report.engine.narrative)\n"
    )
    assert _run([str(venv_python), "-c", script], cwd=tmp_path).stdout.split() == ["gikp-ner-tiny", "model"]
