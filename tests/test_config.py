import dataclasses
from typing import get_type_hints

import pytest

from gikp_nlp.config import Config, default_config_dict, load_config
from gikp_nlp.errors import ConfigError


def _keys(cls, prefix=""):
    """Every leaf key of the schema, dotted."""
    out = set()
    for name, typ in get_type_hints(cls).items():
        out |= _keys(typ, f"{prefix}{name}.") if dataclasses.is_dataclass(typ) else {prefix + name}
    return out


def test_config_default_file_matches_schema_exactly():
    data = default_config_dict()
    flat = {f"{section}.{key}" for section, table in data.items() for key in table}
    assert flat == _keys(Config)
    load_config()  # and it validates


def test_config_override_by_dotted_key():
    config = load_config(overrides={"narrative.engine": "rules", "io.max_bytes": 10})
    assert config.narrative.engine == "rules" and config.io.max_bytes == 10


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"narrative.engin": "rules"}, "unknown config key"),
        ({"narrative.engine": "magic"}, "narrative.engine must be one of"),
        ({"io.max_bytes": "big"}, "must be int"),
        ({"nosuch.key": 1}, "unknown config section"),
        ({"narrative.stride": 0}, "stride"),
        ({"narrative.min_alternative": 1.5}, "min_alternative must be in"),
        ({"narrative.min_confidence": -0.1}, "min_confidence must be in"),
    ],
)
def test_config_bad_values_raise_config_error(overrides, message):
    with pytest.raises(ConfigError, match=message):
        load_config(overrides=overrides)


def test_config_file_overrides_defaults(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[narrative]\nengine = "rules"\n', encoding="utf-8")
    assert load_config(path).narrative.engine == "rules"


def test_config_missing_or_invalid_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[narrative\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
