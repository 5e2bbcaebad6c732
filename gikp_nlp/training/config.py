"""A training run's hyper-parameters, read from a TOML file (configs/<name>.toml in a checkout) and checked."""
from __future__ import annotations

import dataclasses
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gikp_nlp.config import apply_overrides, build_config
from gikp_nlp.errors import ConfigError


PRECISIONS = ("fp32", "bf16")
#: where a run trains: ``auto`` takes a CUDA GPU when torch sees one (the weights saved are the same format;
#: GPU and CPU runs of one config differ in floating-point detail, not in recipe)
DEVICES = ("cpu", "cuda", "auto")
#: which real gold documents a run trains on: the ``train`` split of splits.json, or ``all`` of them (the
#: shipped model: cross-validation, not a dev split, measures it)
REAL_SPLITS = ("train", "all")


@dataclass(frozen=True)
class ModelSection:
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    dropout: float
    attention_dropout: float
    max_position: int
    context: bool  # the model reads each character's section class and form era (model/context.py)
    encoder: str  # "": from scratch; else a pretrained encoder directory (`gikp pretrain`) to start from;
    #               "{fold}" in it is replaced by the CV fold (fold-K models) or "all" (the all-gold model)


@dataclass(frozen=True)
class VocabSection:
    min_freq: int


@dataclass(frozen=True)
class DataSection:
    synthetic_docs: int
    synthetic_seed: int
    synthetic_hard: float  # share of generated reports that also get hard cases (training/synth/hard.py); 0.0: none
    use_real: bool
    real_split: str  # train | all (REAL_SPLITS); cross-validation passes each fold's documents instead
    real_repeat: int
    real_augment: bool
    real_table_labels: bool  # false: the loss skips real documents' statistics-table regions (read by the table rules)
    window: int
    stride: int
    number_windows: bool  # also train on the windows inference reads each number in (model/windows.line_windows)


@dataclass(frozen=True)
class TrainSection:
    seed: int
    epochs: int
    batch_size: int
    learning_rate: float
    weight_decay: float
    warmup_ratio: float
    unk_dropout: float
    max_steps: int  # the step budget: stop after exactly this many optimizer steps (schedule sized to it); 0: epochs
    max_minutes: float  # wall-clock safety stop (reported as a warning and in meta.json when it cuts a run)
    log_every: int
    threads: int
    ema_decay: float  # 0: off; else the saved weights are an exponential moving average (decay per step)
    precision: str  # fp32 | bf16 (bfloat16 autocast for forward/backward; weights stay fp32)
    device: str  # cpu | cuda | auto (DEVICES)


@dataclass(frozen=True)
class PretrainDataSection:
    """The text a masked-LM pretraining reads: generated reports and the gold documents' text (never their
    labels); ``gikp pretrain --exclude-folds`` leaves out the folds an encoder's CV fold models score."""

    synthetic_docs: int
    synthetic_seed: int
    use_real: bool  # the text of every gold document of annotations/ (less --exclude-folds)
    window: int
    stride: int


@dataclass(frozen=True)
class MaskSection:
    """BERT's masking: ``share`` of the characters are predicted; of them ``unk_share`` read as [UNK] (the
    vocabulary's [UNK] serves as the mask: no token is added, so the fine-tuned model's vocab is unchanged),
    ``random_share`` as a random character, the rest as themselves."""

    share: float
    unk_share: float
    random_share: float
    digits: bool  # false: digits are never predicted (a number's digits are noise to a model of contexts)


class _Recorded:
    """A run's config as plain data (what meta.json records)."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class PretrainConfig(_Recorded):
    name: str
    model: ModelSection
    vocab: VocabSection
    data: PretrainDataSection
    mask: MaskSection
    train: TrainSection


@dataclass(frozen=True)
class TrainConfig(_Recorded):
    name: str
    model: ModelSection
    vocab: VocabSection
    data: DataSection
    train: TrainSection


def _read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"training config not found: {path}", hint="see configs/ for examples") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None


def _digest(text: str, overrides: dict[str, Any] | None) -> str:
    return hashlib.sha256((text + repr(sorted((overrides or {}).items()))).encode("utf-8")).hexdigest()


def _check_common(config: TrainConfig | PretrainConfig) -> None:
    """The checks a tagging run and a pretraining run share ([model] against [data], [train])."""
    if config.data.window > config.model.max_position or not 0 < config.data.stride <= config.data.window:
        raise ConfigError("need 0 < data.stride <= data.window <= model.max_position")
    for key in ("dropout", "attention_dropout"):
        if not 0.0 <= getattr(config.model, key) < 1.0:
            raise ConfigError(f"model.{key} must be in [0, 1), got {getattr(config.model, key)}")
    if not 0.0 <= config.train.ema_decay < 1.0:
        raise ConfigError(f"train.ema_decay must be in [0, 1), got {config.train.ema_decay}",
                          hint="0 turns the moving average off; 0.999 averages over about the last 1 000 steps")
    if config.train.max_steps < 0:
        raise ConfigError(f"train.max_steps must be >= 0, got {config.train.max_steps}",
                          hint="0 runs the planned epochs; N stops after N steps (the LR schedule ends there)")
    if not config.train.max_minutes > 0:
        raise ConfigError(f"train.max_minutes must be > 0, got {config.train.max_minutes}",
                          hint="a wall-clock safety stop; budget a run with train.max_steps")
    if config.train.precision not in PRECISIONS:
        raise ConfigError(f"train.precision must be one of {PRECISIONS}, got {config.train.precision!r}",
                          hint="bf16 is faster on CPUs with avx512_bf16/AMX; fp32 works everywhere")
    if config.train.device not in DEVICES:
        raise ConfigError(f"train.device must be one of {DEVICES}, got {config.train.device!r}",
                          hint="auto takes a CUDA GPU when there is one, else the CPU")


def load_pretrain_config(path: str | Path, overrides: dict[str, Any] | None = None) -> tuple[PretrainConfig, str]:
    """A masked-LM pretraining config (configs/pretrain.toml), checked, and the sha256 of its text (+ overrides)."""
    text, data = _read_toml(Path(path))
    config = build_config(PretrainConfig, apply_overrides(data, overrides))
    _check_common(config)
    m = config.mask
    if not 0.0 < m.share < 1.0:
        raise ConfigError(f"mask.share must be in (0, 1), got {m.share}", hint="BERT predicts 0.15 of the tokens")
    if not (0.0 <= m.unk_share and 0.0 <= m.random_share and m.unk_share + m.random_share <= 1.0):
        raise ConfigError(f"mask.unk_share + mask.random_share must be within [0, 1], got {m.unk_share} + "
                          f"{m.random_share}", hint="BERT: 0.8 masked, 0.1 random, the rest kept")
    if config.model.context or config.model.encoder:
        raise ConfigError("pretraining reads characters only: set model.context = false and model.encoder = \"\"",
                          hint="the tagging run that starts from the encoder may not add token types either")
    return config, _digest(text, overrides)


def load_train_config(path: str | Path, overrides: dict[str, Any] | None = None) -> tuple[TrainConfig, str]:
    """The checked config and the sha256 of its file text (+ overrides)."""
    text, data = _read_toml(Path(path))
    config = build_config(TrainConfig, apply_overrides(data, overrides))
    _check_common(config)
    if not 0.0 <= config.data.synthetic_hard <= 1.0:
        raise ConfigError(f"data.synthetic_hard must be in [0, 1], got {config.data.synthetic_hard}",
                          hint="the share of generated reports that get hard cases; 0.0 keeps the generator as it was")
    if config.data.real_split not in REAL_SPLITS:
        raise ConfigError(f"data.real_split must be one of {REAL_SPLITS}, got {config.data.real_split!r}",
                          hint="all: every gold document of the annotations directory (the shipped model)")
    if config.model.encoder and config.model.context:
        raise ConfigError("model.encoder and model.context = true do not go together",
                          hint="a pretrained encoder reads characters only (no token types)")
    return config, _digest(text, overrides)
