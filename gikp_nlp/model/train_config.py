"""A training run's hyper-parameters, read from configs/<name>.toml and checked."""
from __future__ import annotations

import dataclasses
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gikp_nlp.errors import ConfigError


@dataclass(frozen=True)
class ModelSection:
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    dropout: float
    max_position: int


@dataclass(frozen=True)
class VocabSection:
    min_freq: int


@dataclass(frozen=True)
class DataSection:
    synthetic_docs: int
    synthetic_seed: int
    use_real: bool
    real_repeat: int
    real_augment: bool
    window: int
    stride: int


@dataclass(frozen=True)
class TrainSection:
    seed: int
    epochs: int
    batch_size: int
    learning_rate: float
    weight_decay: float
    warmup_ratio: float
    unk_dropout: float
    max_minutes: float
    log_every: int
    threads: int


@dataclass(frozen=True)
class TrainConfig:
    name: str
    model: ModelSection
    vocab: VocabSection
    data: DataSection
    train: TrainSection

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


_SECTIONS = {"model": ModelSection, "vocab": VocabSection, "data": DataSection, "train": TrainSection}


def _section(cls: type, raw: Any, name: str) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(f"[{name}] is missing from the training config")
    fields = {f.name: f.type for f in dataclasses.fields(cls)}
    unknown, missing = set(raw) - set(fields), set(fields) - set(raw)
    if unknown or missing:
        raise ConfigError(f"[{name}]: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}",
                          hint="compare with configs/gikp-ner-zh.toml")
    values = {}
    for key, typ in fields.items():
        value = raw[key]
        if typ == "float" and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        expected = {"int": int, "float": float, "bool": bool}[typ]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"[{name}] {key} must be {typ}, got {value!r}")
        values[key] = value
    return cls(**values)


def apply_overrides(data: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, Any]:
    """``{"train.epochs": 1}`` style overrides on the raw TOML dict."""
    for dotted, value in (overrides or {}).items():
        section, _, key = dotted.partition(".")
        if section not in _SECTIONS or not key:
            raise ConfigError(f"bad override {dotted!r}", hint="use <section>.<key>, e.g. train.epochs=1")
        data.setdefault(section, {})[key] = value
    return data


def load_train_config(path: str | Path, overrides: dict[str, Any] | None = None) -> tuple[TrainConfig, str]:
    """The checked config and the sha256 of its file text (+ overrides)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"training config not found: {path}", hint="see configs/ for examples") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    data = apply_overrides(data, overrides)
    if not isinstance(data.get("name"), str):
        raise ConfigError(f"{path}: top-level `name` (the model's directory name) is missing")
    unknown = set(data) - {"name", *_SECTIONS}
    if unknown:
        raise ConfigError(f"{path}: unknown sections {sorted(unknown)}")
    config = TrainConfig(data["name"], *(_section(cls, data.get(n), n) for n, cls in _SECTIONS.items()))
    if config.data.window > config.model.max_position or not 0 < config.data.stride <= config.data.window:
        raise ConfigError("need 0 < data.stride <= data.window <= model.max_position")
    digest = hashlib.sha256((text + repr(sorted((overrides or {}).items()))).encode("utf-8")).hexdigest()
    return config, digest
