"""One override syntax: --set section.key=value, values read as TOML scalars."""
import pytest

from gikp_nlp.cli import main
from gikp_nlp.cli._common import parse_sets
from gikp_nlp.errors import ConfigError


def test_cli_common_set_values_are_toml_scalars_or_bare_strings():
    assert parse_sets(["narrative.engine=rules", "narrative.window=128", "narrative.min_confidence=0.7",
                       "tables.enabled=false", 'narrative.model="models/x"']) == {
        "narrative.engine": "rules", "narrative.window": 128, "narrative.min_confidence": 0.7,
        "tables.enabled": False, "narrative.model": "models/x"}


@pytest.mark.parametrize("bad", ["narrative.engine", "=rules", "engine=rules", ".engine=x", "narrative.=x"])
def test_cli_common_set_needs_section_key_value(bad):
    with pytest.raises(ConfigError):
        parse_sets([bad])


def test_cli_common_unknown_command_exits_with_usage():
    with pytest.raises(SystemExit) as exc:
        main(["nosuch"])
    assert exc.value.code == 2


def test_cli_common_missing_config_file_is_one_line(tmp_path, capsys):
    assert main(["labelstudio", "predict", str(tmp_path), "--config", str(tmp_path / "none.toml")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("gikp: error: [E200]") and "\n" not in err
