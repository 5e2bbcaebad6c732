"""Typed configuration: the packaged default_config.toml, overridden by a user file
and by dotted overrides, every key checked against the schema (no silent typos)."""
from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, get_type_hints

from gikp_nlp.errors import ConfigError


@dataclass(frozen=True)
class IOConfig:
    max_bytes: int
    max_chars: int
    max_pdf_pages: int
    min_text_chars_per_page: int
    binary_control_ratio: float
    max_docx_members: int
    max_docx_unpacked_bytes: int
    max_docx_compression_ratio: float
    docx_ratio_min_bytes: int
    max_pdf_stream_bytes: int
    max_html_elements: int
    min_plausible_share: float
    plausible_min_chars: int


@dataclass(frozen=True)
class TablesConfig:
    enabled: bool
    min_numeric_cells: int
    blank_form_min_cells: int


@dataclass(frozen=True)
class NarrativeConfig:
    engine: str
    model: str
    window: int
    stride: int
    batch_size: int
    min_confidence: float
    min_alternative: float
    max_label_distance: int
    combiner: str
    combiner_options: int
    cue_window: int
    section_window: int
    one_value: bool


@dataclass(frozen=True)
class RecordsConfig:
    float_tolerance: float


@dataclass(frozen=True)
class Config:
    io: IOConfig
    tables: TablesConfig
    narrative: NarrativeConfig
    records: RecordsConfig


_ENGINES = ("auto", "hybrid", "model", "rules")


def build_config(cls: type, data: dict[str, Any], where: str = "") -> Any:
    """``cls`` (a dataclass, nested dataclasses for sections) from a parsed TOML dict:
    every key required, no unknown key, every value of its declared type."""
    hints = get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise ConfigError(f"unknown config key(s) {sorted(unknown)} in [{where}]",
                          hint=f"allowed keys: {sorted(names)}")
    missing = names - set(data)
    if missing:
        raise ConfigError(f"missing config key(s) {sorted(missing)} in [{where}]")
    values = {}
    for name in names:
        typ = hints[name]
        value = data[name]
        if dataclasses.is_dataclass(typ):
            if not isinstance(value, dict):
                raise ConfigError(f"[{where}.{name}] must be a table")
            values[name] = build_config(typ, value, f"{where}.{name}" if where else name)
            continue
        if typ is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
            raise ConfigError(f"config key {where + '.' if where else ''}{name} must be {typ.__name__}, got {value!r}")
        values[name] = value
    return cls(**values)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def default_config_dict() -> dict[str, Any]:
    text = resources.files("gikp_nlp").joinpath("default_config.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def apply_overrides(data: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Set dotted keys (``{"narrative.engine": "rules"}``) in a parsed TOML dict."""
    for dotted, value in (overrides or {}).items():
        node = data
        *parents, leaf = dotted.split(".")
        for part in parents:
            if not isinstance(node.get(part), dict):
                raise ConfigError(f"unknown config section in override {dotted!r}",
                                  hint="use <section>.<key>, e.g. narrative.engine=rules")
            node = node[part]
        if leaf not in node:
            raise ConfigError(f"unknown config key in override {dotted!r}",
                              hint=f"known keys here: {sorted(node)}")
        node[leaf] = value
    return data


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Defaults ← file at ``path`` ← ``overrides`` (``{"narrative.engine": "rules"}``)."""
    data = default_config_dict()
    if path is not None:
        try:
            data = _merge(data, tomllib.loads(Path(path).read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    data = apply_overrides(data, overrides)
    config = build_config(Config, data)
    if config.narrative.engine not in _ENGINES:
        raise ConfigError(f"narrative.engine must be one of {_ENGINES}, got {config.narrative.engine!r}")
    for key in ("min_confidence", "min_alternative"):
        if not 0.0 <= getattr(config.narrative, key) <= 1.0:
            raise ConfigError(f"narrative.{key} must be in [0, 1], got {getattr(config.narrative, key)!r}")
    if not 0 < config.narrative.stride <= config.narrative.window:
        raise ConfigError("narrative.stride must be in (0, narrative.window]")
    return config
