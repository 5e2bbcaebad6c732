"""What the caller passed: report text, a path, or bytes.

A ``str`` is a path only when it could be one (one line, short) and names an
existing file; a ``str`` that looks like a file name but names nothing raises
"file not found" instead of being read as a one-line report.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from gikp_nlp.config import IOConfig
from gikp_nlp.errors import EmptyInputError, InputError, InputTooLargeError, MissingInputError
from gikp_nlp.io.sniff import PATH_LIKE_SUFFIXES

# Longer strings are report text, never paths (PATH_MAX on Linux is 4096).
MAX_PATH_CHARS = 4096


@dataclass(frozen=True, slots=True)
class RawInput:
    """Exactly one of ``text``/``data`` is set; ``path`` names the file read, if any."""

    text: str | None = None
    data: bytes | None = None
    path: str | None = None

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower() if self.path else ""


def _could_be_path(text: str) -> bool:
    return (len(text) < MAX_PATH_CHARS and "\n" not in text and "\r" not in text
            and "\x00" not in text and bool(text))


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _read_file(path: Path, config: IOConfig) -> bytes:
    shown = str(path)
    try:
        if path.is_dir():
            raise InputError(f"{shown} is a directory, not a report file",
                             hint="pass one file (the CLI expands folders)")
        size = path.stat().st_size
    except FileNotFoundError:
        raise MissingInputError(f"file not found: {shown}", hint="check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read {shown}: {exc.strerror or exc}", hint="check the path and permissions") from None
    if size > config.max_bytes:
        raise InputTooLargeError(f"{shown} is {size:,} bytes, more than io.max_bytes={config.max_bytes:,}",
                                 hint="split the report, or raise io.max_bytes in your config")
    if size == 0:
        raise EmptyInputError(f"{shown} is an empty file", hint="pass a report with text")
    try:
        with path.open("rb") as handle:
            data = handle.read(config.max_bytes + 1)  # a file growing under us stays bounded
    except OSError as exc:
        raise InputError(f"cannot read {shown}: {exc.strerror or exc}", hint="check the path and permissions") from None
    if len(data) > config.max_bytes:
        raise InputTooLargeError(f"{shown} is more than io.max_bytes={config.max_bytes:,} bytes",
                                 hint="split the report, or raise io.max_bytes in your config")
    return data


def resolve_source(source: object, config: IOConfig) -> RawInput:
    """Text stays text (offsets index the caller's string); paths and bytes become bytes."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > config.max_bytes:
            raise InputTooLargeError(f"input is {len(data):,} bytes, more than io.max_bytes={config.max_bytes:,}",
                                     hint="split the report, or raise io.max_bytes in your config")
        if not data:
            raise EmptyInputError("input is empty (0 bytes)", hint="pass a report with text")
        return RawInput(data=data)
    if isinstance(source, os.PathLike):
        raw = os.fspath(source)
        path = Path(os.fsdecode(raw))
        return RawInput(data=_read_file(path, config), path=str(path))
    if isinstance(source, str):
        if _could_be_path(source):
            if _is_file(source):
                return RawInput(data=_read_file(Path(source), config), path=source)
            if source.lower().endswith(PATH_LIKE_SUFFIXES):
                raise MissingInputError(f"file not found: {source}",
                                 hint="check the path (a str naming a report file is read as a path)")
        return RawInput(text=source)
    raise InputError(f"cannot read a {type(source).__name__}",
                     hint="pass report text (str), a path (str or os.PathLike) or bytes")
