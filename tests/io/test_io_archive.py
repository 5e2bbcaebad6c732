"""DOCX archives are checked and unpacked in bounded memory: a zip bomb fails fast."""
from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
import zlib

import pytest

from gikp_nlp.errors import InputTooLargeError, MalformedInputError
from gikp_nlp.io import read_document
from gikp_nlp.io.archive import unpack_docx, zip_entry_count
from tests.conftest import SHARED
from tests.io.builders import MIB, docx_bomb, write_docx, zip_from_members

# The bomb: a 1.4 MB .docx holding about 456 MiB of XML.
BOMB_MIB = 456
BOMB_SECONDS = 1.0
# tracemalloc sees every Python-level buffer zlib and zipfile allocate.
BOMB_PEAK_BYTES = 50 * MIB


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return docx_bomb(BOMB_MIB)


def _timed_peak(call):
    """(exception raised, seconds, peak traced bytes) of ``call()``."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - returned for the test to judge
        raised = exc
    else:
        raised = None
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return raised, seconds, peak


def test_archive_bomb_rejected_fast_in_bounded_memory(bomb):
    assert len(bomb) < 1.5e6
    raised, seconds, peak = _timed_peak(lambda: read_document(bomb))
    assert isinstance(raised, InputTooLargeError), raised
    assert "zip bomb" in str(raised) and "max_docx_compression_ratio" in str(raised)
    assert seconds < BOMB_SECONDS
    assert peak < BOMB_PEAK_BYTES


def test_archive_bomb_rejected_when_named_docx(bomb, tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    with pytest.raises(InputTooLargeError):
        read_document(path, format="docx")


def test_archive_lying_declared_size_stops_at_the_declared_size(bomb):
    """Headers that claim 1 MiB for 456 MiB: inflation stops at 1 MiB and the CRC fails."""
    liar = docx_bomb(BOMB_MIB, declared_mib=1)
    raised, seconds, peak = _timed_peak(lambda: read_document(liar))
    assert isinstance(raised, MalformedInputError), raised
    assert seconds < BOMB_SECONDS
    assert peak < BOMB_PEAK_BYTES


def test_archive_total_limit_applies_below_the_ratio_limit(small_config):
    config = small_config(max_docx_compression_ratio=1e9, max_docx_unpacked_bytes=2 * MIB)
    with pytest.raises(InputTooLargeError, match="max_docx_unpacked_bytes"):
        read_document(docx_bomb(3), config=config)
    document = read_document(docx_bomb(1), config=small_config(max_docx_compression_ratio=1e9))
    assert document.text.startswith("申请\n申请")


def test_archive_small_members_are_not_ratio_checked(small_config):
    """A 1 MiB part inflating 300-fold is below docx_ratio_min_bytes: read."""
    document = read_document(docx_bomb(1), config=small_config(docx_ratio_min_bytes=2 * MIB))
    assert document.format == "docx"


def _many_members(count: int) -> bytes:
    return zip_from_members([(f"word/m{i}.xml", 0, zlib.crc32(b"x"), b"x", 1) for i in range(count)]
                            + [("word/document.xml", 0, zlib.crc32(b"<w/>"), b"<w/>", 4)])


@pytest.mark.parametrize("fmt", [None, "docx"])
def test_archive_too_many_members_rejected_before_parsing(small_config, fmt):
    with pytest.raises(InputTooLargeError, match="max_docx_members"):
        read_document(_many_members(50), format=fmt, config=small_config(max_docx_members=40))


def test_archive_lying_member_count_caught_by_directory_size(io_config):
    """65 546 members: the 16-bit count field says 10, the directory's size tells."""
    data = _many_members(0x10000 + 9)
    assert zip_entry_count(data) == 10
    raised, seconds, _ = _timed_peak(lambda: read_document(data))
    assert isinstance(raised, InputTooLargeError), raised
    assert seconds < BOMB_SECONDS


def test_archive_entry_count_read_from_the_end_record(tmp_path):
    data = write_docx(tmp_path / "r.docx", ["第一段。"]).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert zip_entry_count(data) == len(archive.infolist())
    assert zip_entry_count(b"PK\x03\x04 no end record") is None


def test_archive_entry_count_reads_zip64(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(3):
            archive.writestr(f"m{i}", b"x")
    data = bytearray(buffer.getvalue())
    # rewrite as ZIP64: append a ZIP64 end record and locator, and mark the classic one
    import struct

    end_at = data.rfind(b"PK\x05\x06")
    zip64_at = end_at
    zip64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 3, 3,
                        *struct.unpack_from("<II", data, end_at + 12))
    locator = struct.pack("<IIQI", 0x07064B50, 0, zip64_at, 1)
    classic = bytearray(data[end_at:])
    struct.pack_into("<HH", classic, 8, 0xFFFF, 0xFFFF)
    rebuilt = bytes(data[:end_at]) + zip64 + locator + bytes(classic)
    assert zip_entry_count(rebuilt) == 3


def test_archive_bzip2_member_is_malformed(tmp_path, io_config):
    source = write_docx(tmp_path / "r.docx", ["第一段。"]).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as out:
        for info in archive.infolist():
            out.writestr(info.filename, archive.read(info))
    with pytest.raises(MalformedInputError, match="method 12"):
        unpack_docx(buffer.getvalue(), io_config)


def test_archive_unpacked_copy_is_stored_and_equal(tmp_path, io_config):
    source = write_docx(tmp_path / "r.docx", ["第一段。"], [[["项目", "数量"], ["申请", "12"]]]).read_bytes()
    copy = unpack_docx(source, io_config)
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(io.BytesIO(copy)) as stored:
        assert {i.filename for i in stored.infolist()} == {i.filename for i in original.infolist() if not i.is_dir()}
        for info in stored.infolist():
            assert info.compress_type == zipfile.ZIP_STORED
            assert stored.read(info) == original.read(info.filename)


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_archive_truncated_docx_is_malformed(tmp_path, cut):
    data = write_docx(tmp_path / "r.docx", ["第一段。"] * 50).read_bytes()
    with pytest.raises(MalformedInputError):
        read_document(data[: int(len(data) * cut)], format="docx")


def test_archive_real_blank_form_still_reads():
    path = SHARED / "real-inputs" / "blank-form-2021-template.docx"
    if not path.is_file():
        pytest.skip("../shared/real-inputs is not beside the repo")
    document = read_document(path)
    assert document.format == "docx"
    assert any(block.kind == "table" for block in document.blocks)
