"""DOCX containers unpacked in bounded memory: a zip bomb fails before it inflates.

Why not hand the bytes to python-docx directly: it inflates each part with one
``ZipFile.read``, which decompresses the member's whole compressed stream in one
zlib call, so a 1.4 MB .docx holding 1.4 GB of XML costs gigabytes before any
size check can run. Here, in order: the member count from the end-of-central-
directory record (before zipfile builds one object per member), then each
member's compression method, declared size and compression ratio and their
total, then every member inflated in bounded chunks with a running total that
stops at ``io.max_docx_unpacked_bytes`` (zipfile stops a member at its declared
size and checks its CRC, so a header that lies gains nothing). python-docx gets
a *stored* (uncompressed) copy of the package, which it reads without inflating.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

from gikp_nlp.config import IOConfig
from gikp_nlp.errors import InputTooLargeError, MalformedInputError

# Bytes inflated per read: bounds the memory of one step of decompression.
CHUNK_BYTES = 1 << 16
# End of central directory: signature, then the total entry count at offset 10.
_EOCD_SIG = b"PK\x05\x06"
_EOCD_MIN_BYTES = 22
_EOCD_MAX_COMMENT = 0xFFFF
_ZIP64_LOCATOR_SIG = b"PK\x06\x07"
_ZIP64_LOCATOR_BYTES = 20
_ZIP64_EOCD_SIG = b"PK\x06\x06"
_ZIP64_EOCD_ENTRIES_AT = 32
# A central directory entry: 46 fixed bytes, then its name (Word's are under 60
# characters); a directory longer than this per allowed member hides more members.
DIRECTORY_ENTRY_BYTES = 46 + 256
# Word writes parts deflated or stored; other methods (bzip2, lzma) inflate
# without zipfile's per-call output bound, and no DOCX needs them.
DOCX_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_REPAIR_HINT = "open and re-save it in Word/LibreOffice as .docx"
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
               NotImplementedError, ValueError, KeyError, zlib.error, struct.error)


def _end_record(data: bytes) -> tuple[int, int] | None:
    """(member count, central directory bytes) from the end record (ZIP64 too), or None."""
    tail_start = max(0, len(data) - _EOCD_MIN_BYTES - _EOCD_MAX_COMMENT)
    at = data.rfind(_EOCD_SIG, tail_start)
    if at < 0 or len(data) - at < _EOCD_MIN_BYTES:
        return None
    entries, directory = struct.unpack_from("<HI", data, at + 10)
    if entries != 0xFFFF and directory != 0xFFFFFFFF:
        return entries, directory
    locator = at - _ZIP64_LOCATOR_BYTES
    if locator < 0 or data[locator:locator + 4] != _ZIP64_LOCATOR_SIG:
        return entries, directory
    (offset,) = struct.unpack_from("<Q", data, locator + 8)
    if data[offset:offset + 4] != _ZIP64_EOCD_SIG or offset + _ZIP64_EOCD_ENTRIES_AT + 16 > len(data):
        return None
    return struct.unpack_from("<QQ", data, offset + _ZIP64_EOCD_ENTRIES_AT)


def zip_entry_count(data: bytes) -> int | None:
    """The member count the archive's end record declares (ZIP64 too); None if it has none."""
    record = _end_record(data)
    return record[0] if record else None


def check_entry_count(data: bytes, config: IOConfig, what: str) -> None:
    """Reject an archive with too many members before zipfile parses its directory.

    The count field is 16 bits and can lie, so the directory's size is bounded too.
    """
    record = _end_record(data)
    if record is None:
        return
    count, directory = record
    if count > config.max_docx_members or directory > config.max_docx_members * DIRECTORY_ENTRY_BYTES:
        raise InputTooLargeError(
            f"{what} is an archive of {count:,} members ({directory:,} directory bytes), more than "
            f"io.max_docx_members={config.max_docx_members:,}",
            hint=f"a report .docx has a few dozen parts; {_REPAIR_HINT}, or raise io.max_docx_members")


def _check_declared(infos: list[zipfile.ZipInfo], config: IOConfig, what: str) -> None:
    if len(infos) > config.max_docx_members:
        raise InputTooLargeError(
            f"{what} has {len(infos):,} archive members, more than io.max_docx_members={config.max_docx_members:,}",
            hint=f"{_REPAIR_HINT}, or raise io.max_docx_members")
    total = 0
    for info in infos:
        if info.compress_type not in DOCX_METHODS:
            raise MalformedInputError(f"{what}: member {info.filename!r} uses zip method {info.compress_type}, "
                                      "not stored or deflate as Word writes", hint=_REPAIR_HINT)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > config.docx_ratio_min_bytes and ratio > config.max_docx_compression_ratio:
            raise InputTooLargeError(
                f"{what}: member {info.filename!r} inflates {ratio:,.0f}-fold to {info.file_size:,} bytes "
                f"(io.max_docx_compression_ratio={config.max_docx_compression_ratio:g}): a zip bomb, not a report",
                hint=f"{_REPAIR_HINT}, or raise io.max_docx_compression_ratio")
        total += info.file_size
    if total > config.max_docx_unpacked_bytes:
        raise InputTooLargeError(
            f"{what} unpacks to {total:,} bytes, "
            f"more than io.max_docx_unpacked_bytes={config.max_docx_unpacked_bytes:,}",
            hint="split the report, or raise io.max_docx_unpacked_bytes in your config")


def _copy_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, copy: zipfile.ZipFile,
                 budget: int, config: IOConfig, what: str) -> int:
    """Inflate one member chunk by chunk into ``copy``; the bytes it took from ``budget``."""
    used = 0
    with archive.open(info) as source, copy.open(zipfile.ZipInfo(info.filename), "w") as target:
        while chunk := source.read(CHUNK_BYTES):
            used += len(chunk)
            if used > budget:
                raise InputTooLargeError(
                    f"{what} unpacks to more than io.max_docx_unpacked_bytes={config.max_docx_unpacked_bytes:,} bytes",
                    hint="split the report, or raise io.max_docx_unpacked_bytes in your config")
            target.write(chunk)
    return used


def unpack_docx(data: bytes, config: IOConfig, what: str = "DOCX input") -> bytes:
    """The package re-written with every member stored, after the checks above.

    Raises InputTooLargeError (too many members, too big, too compressed) or
    MalformedInputError (not a zip, truncated, encrypted, bad CRC, odd method).
    """
    check_entry_count(data, config, what)
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_declared(infos, config, what)
            budget = config.max_docx_unpacked_bytes
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
                for info in infos:
                    if info.is_dir() or archive.getinfo(info.filename) is not info:
                        continue  # folders carry nothing; of duplicate names zipfile reads the last
                    budget -= _copy_member(archive, info, copy, budget, config, what)
    except (InputTooLargeError, MalformedInputError):
        raise
    except _ZIP_ERRORS as exc:
        raise MalformedInputError(f"{what} is not a readable DOCX archive ({type(exc).__name__}: {exc})",
                                  hint=_REPAIR_HINT) from None
    return out.getvalue()


__all__ = ["check_entry_count", "unpack_docx", "zip_entry_count"]
