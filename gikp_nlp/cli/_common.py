"""What several commands share: ``--config``/``--set``, report paths, outputs.

Nothing here imports torch or the pipeline at import time: ``gikp labels`` and
``--help`` must stay fast, and a bad argument must fail before any model loads.
"""
from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gikp_nlp.errors import ConfigError, EmptyInputError, InputError, MissingInputError, UnsupportedFormatError

#: what a folder walk reads (explicit files may also have any suffix the readers know, see io.sniff.EXTENSIONS)
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
#: the argument that means "read the report text from standard input"
STDIN = "-"
#: output formats ``-o`` can write, by suffix


def parse_sets(items: Sequence[str]) -> dict[str, Any]:
    """``section.key=value`` pairs; a value is read as a TOML scalar (``1``, ``0.5``, ``true``,
    ``"x"``), else kept as a bare string (``--set narrative.engine=rules``)."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key or "." not in key or key.startswith(".") or key.endswith("."):
            raise ConfigError(f"--set {item!r} is not section.key=value",
                              hint="e.g. --set narrative.engine=rules (one --set per value)")
        try:
            out[key] = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            out[key] = raw
    return out


def add_config_options(parser: argparse.ArgumentParser, *, what: str = "the pipeline") -> None:
    """``--config FILE`` and repeatable ``--set section.key=value``."""
    parser.add_argument("--config", help=f"a TOML file overriding {what}'s defaults")
    parser.add_argument("--set", action="append", default=[], dest="set", metavar="SECTION.KEY=VALUE",
                        help="override one config value (repeatable), e.g. --set narrative.engine=rules")


def pipeline_overrides(args: argparse.Namespace, **extra: Any) -> dict[str, Any]:
    """The ``--set`` overrides (plus ``extra`` defaults they may override), checked against the
    config schema now, so a typo is one ConfigError line before any input is read."""
    from gikp_nlp.config import load_config

    overrides = {**extra, **parse_sets(args.set)}
    load_config(args.config, overrides)
    return overrides


def load_taxonomy():
    """The indicator taxonomy (schema only: no pipeline)."""
    from gikp_nlp.schema import get_taxonomy

    return get_taxonomy()


def json_out(obj: object, output: str | None) -> None:
    """JSON to ``output`` (its folder created) or to stdout."""
    text = json.dumps(obj, ensure_ascii=False, indent=1) + "\n"
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def load_extractor(args: argparse.Namespace, overrides: dict[str, Any]):
    """The Extractor of ``--config`` and ``overrides`` (loads the model when the engine needs it)."""
    from gikp_nlp.pipeline import load

    return load(args.config, overrides=overrides)


def check_report_path(raw: str, *, forced_format: str | None = None) -> Path:
    """A report file given on the command line: it exists, is a file, is not empty and has a
    suffix a reader knows (unless ``--format`` says what it is). Never read as report text."""
    from gikp_nlp.io.sniff import EXTENSIONS

    path = Path(raw)
    if path.is_dir():
        raise InputError(f"{raw} is a directory", hint="`gikp check` reads one file; `gikp extract` walks folders")
    if not path.exists():
        raise MissingInputError(f"file not found: {raw}", hint="check the path; pass - to read text from stdin")
    if not path.is_file():
        raise InputError(f"{raw} is not a regular file", hint="pass a report file, or - to read text from stdin")
    if forced_format is None and path.suffix.lower() not in EXTENSIONS:
        raise UnsupportedFormatError(
            f"{raw}: unknown suffix {path.suffix or '(none)'!r}",
            hint=f"report files end in {' '.join(sorted(EXTENSIONS))}; or pass --format text|html|pdf|docx")
    if path.stat().st_size == 0:
        raise EmptyInputError(f"{raw} is an empty file", hint="pass a report with text")
    return path


def read_stdin() -> str:
    """Report text from standard input (``-``)."""
    text = sys.stdin.read()
    if not text.strip():
        raise EmptyInputError("standard input is empty",
                              hint="pipe a report's text into gikp, e.g. `gikp check - < r.txt`")
    return text


@dataclass(frozen=True)
class Skipped:
    """A path a folder walk or the argument check left out, and why."""

    path: str
    reason: str


def expand_paths(paths: Sequence[str], *, forced_format: str | None = None) -> tuple[list[Path | str], list[Skipped]]:
    """Files as given (checked), folders expanded (recursively, sorted) to report files, ``-`` kept.

    Every file left out is returned with its reason: a folder's files of other
    suffixes (``.doc``, images …) and given paths that fail :func:`check_report_path`.
    """
    from gikp_nlp.errors import GikpError

    out: list[Path | str] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if raw == STDIN:
            out.append(STDIN)
        elif path.is_dir():
            for p in sorted(p for p in path.rglob("*") if p.is_file()):
                if p.suffix.lower() in REPORT_SUFFIXES:
                    out.append(p)
                else:
                    skipped.append(Skipped(str(p), f"suffix {p.suffix or '(none)'!r} is not a report format "
                                                   f"({' '.join(REPORT_SUFFIXES)})"))
        else:
            try:
                out.append(check_report_path(raw, forced_format=forced_format))
            except GikpError as err:
                skipped.append(Skipped(raw, str(err)))
    return out, skipped
