"""Every bad-input class raises its typed error, with a fix in the message."""
from __future__ import annotations

import pytest

from gikp_nlp.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    UnsupportedFormatError,
)
from gikp_nlp.io import read_document
from tests.io.builders import write_txt


def test_errors_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyInputError):
        read_document(path)


@pytest.mark.parametrize("blank", [" \n\t\r\n", "\u3000\u3000\n", "\ufeff  "])
def test_errors_whitespace_only_file(tmp_path, blank):
    with pytest.raises(EmptyInputError):
        read_document(write_txt(tmp_path / "blank.txt", blank, "utf-8"))


@pytest.mark.parametrize("source", ["", "   \n ", b"", b"  \r\n"])
def test_errors_empty_str_and_bytes(source):
    with pytest.raises(EmptyInputError):
        read_document(source)


def test_errors_empty_html_page():
    with pytest.raises(EmptyInputError):
        read_document(b"<html><head><title>t</title><script>var a=1;</script></head><body> </body></html>")


def test_errors_binary_bytes_with_nuls():
    data = bytes(range(256)) * 8
    with pytest.raises(BinaryInputError):
        read_document(data)


def test_errors_binary_control_characters():
    data = ("申请" + "\x01\x02\x03\x04" * 10).encode("utf-8")
    with pytest.raises(BinaryInputError, match="binary_control_ratio"):
        read_document(data)


def test_errors_undecodable_bytes_name_what_was_tried(monkeypatch):
    import gikp_nlp.io.decode as decode

    monkeypatch.setattr(decode, "_detect", lambda data: None)  # the detector guesses something for anything
    with pytest.raises(EncodingError, match=r"utf-8.*gb18030.*UTF-8"):
        read_document(b"\x81\x81\xff\xfe\x80abc" * 3 + b"\xff")


def test_errors_bad_bom_raises_encoding_error():
    with pytest.raises(EncodingError, match="UTF-8"):
        read_document(b"\xef\xbb\xbf" + "申请".encode("utf-8") + b"\xc3\x28")


def test_errors_too_many_bytes_checked_before_reading(tmp_path, small_config, monkeypatch):
    path = write_txt(tmp_path / "big.txt", "申请12件。" * 100, "utf-8")
    opened = []
    real_open = type(path).open
    monkeypatch.setattr(type(path), "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    with pytest.raises(InputTooLargeError, match="max_bytes"):
        read_document(path, config=small_config(max_bytes=100))
    assert not opened


def test_errors_too_many_bytes_in_memory(small_config):
    with pytest.raises(InputTooLargeError):
        read_document("申请".encode("utf-8") * 100, config=small_config(max_bytes=100))


def test_errors_too_many_chars(small_config):
    with pytest.raises(InputTooLargeError, match="max_chars"):
        read_document("申请12件。" * 100, config=small_config(max_chars=50))


def test_errors_unknown_format_name():
    with pytest.raises(UnsupportedFormatError, match="unknown format"):
        read_document("申请12件。", format="odt")


def test_errors_binary_format_forced_on_str():
    with pytest.raises(UnsupportedFormatError, match="path"):
        read_document("申请12件。", format="pdf")


def test_errors_missing_file_path(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_document(tmp_path / "nowhere.pdf")


def test_errors_directory_is_not_a_report(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


@pytest.mark.parametrize("magic", [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"{\\rtf1\\ansi", b"Rar!\x1a\x07",
                                   b"MIME-Version: 1.0\r\nContent-Type: multipart/related"])
def test_errors_known_unsupported_containers(magic):
    with pytest.raises(UnsupportedFormatError):
        read_document(magic + b"\x00" * 64)


def test_errors_wrong_source_type():
    with pytest.raises(InputError, match="cannot read"):
        read_document(12345)


def test_errors_messages_say_what_to_do(tmp_path):
    with pytest.raises(InputError) as info:
        read_document(b"\x00\x01\x02" * 50)
    assert "Fix:" in str(info.value)


def test_errors_char_limit_applies_to_rendered_html_not_markup(small_config):
    markup = ("<div class='x'><span style='color:red'>申请</span></div>" * 20).encode("utf-8")
    config = small_config(max_chars=200)
    assert read_document(markup, config=config).format == "html"
    with pytest.raises(InputTooLargeError, match="max_chars"):
        read_document(markup * 10, config=config)
