"""`gikp check`: one report, human readable; a bad argument is one line on stderr and a non-zero exit."""
import io

import pytest

from gikp_nlp.cli import main
from tests.conftest import EXAMPLES

RULES = ["--set", "narrative.engine=rules"]


def test_cli_check_prints_records_and_failed_checks(capsys):
    assert main(["check", str(EXAMPLES / "seed-004.txt"), *RULES]) == 0
    out = capsys.readouterr().out
    assert "records" in out and "request.new" in out


def _one_error_line(capsys, code: str) -> str:
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert captured.out == "" and "\n" not in err and err.startswith(f"gikp: error: [{code}]"), err
    return err


def test_cli_check_a_directory_is_an_error(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 1
    assert "directory" in _one_error_line(capsys, "E100")


def test_cli_check_a_missing_file_is_an_error(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nosuchfile")]) == 1
    assert "file not found" in _one_error_line(capsys, "E108")


def test_cli_check_an_unknown_suffix_is_an_error(tmp_path, capsys):
    path = tmp_path / "report.xyz"
    path.write_text("本年度主动公开政府信息171条。", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "'.xyz'" in _one_error_line(capsys, "E107")
    assert main(["check", str(path), "--format", "text", *RULES]) == 0  # unless --format says what it is
    assert "1 records" in capsys.readouterr().out


def test_cli_check_an_empty_file_is_an_error(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert main(["check", str(path)]) == 1
    assert "empty" in _one_error_line(capsys, "E101")


def test_cli_check_never_reads_its_argument_as_report_text(capsys):
    assert main(["check", "本年度主动公开政府信息171条", *RULES]) == 1
    _one_error_line(capsys, "E108")


def test_cli_check_reads_text_from_stdin_with_a_dash(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("本年度主动公开政府信息171条。"))
    assert main(["check", "-", *RULES]) == 0
    out = capsys.readouterr().out
    assert out.startswith("-: 1 records") and "proactive.total" in out


def test_cli_check_empty_stdin_is_an_error(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(" \n"))
    assert main(["check", "-", *RULES]) == 1
    _one_error_line(capsys, "E101")


@pytest.mark.parametrize("bad", ["narrative.engin=rules", "narative.engine=rules", "narrative.engine=rulez",
                                 "narrative.window=wide", "engine=rules", "narrative__engine=rules"])
def test_cli_check_a_bad_override_is_one_config_error_line(capsys, bad):
    assert main(["check", str(EXAMPLES / "seed-004.txt"), "--set", bad]) == 1
    _one_error_line(capsys, "E200")


def test_cli_check_engine_flag_is_gone():
    with pytest.raises(SystemExit) as exc:
        main(["check", str(EXAMPLES / "seed-004.txt"), "--engine", "rules"])
    assert exc.value.code == 2
