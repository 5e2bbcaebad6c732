"""Bytes → str for .txt and .html, and the checks every decoded text passes.

Order (why): a BOM is proof, so it wins; strict UTF-8 almost never decodes
non-UTF-8 text by accident; GB18030 (superset of GB2312 and GBK) is tried
before any detector because Chinese government reports are mostly GBK and
statistical detectors misfire on short texts; Big5 is tried only when the
GB18030 reading looks like mojibake; charset-normalizer is the last resort.
Nothing is decoded with ``errors="replace"``: text that decodes nowhere
raises :class:`EncodingError` instead of silently losing characters.
"""
from __future__ import annotations

import codecs
import functools
import logging
import re
from dataclasses import dataclass

from gikp_nlp.config import IOConfig
from gikp_nlp.errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError

logger = logging.getLogger(__name__)

# (BOM, codec): UTF-32 before UTF-16 because the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels that pages and editors print for GBK-family text; all decode as GB18030
# (pages labelled gb2312 routinely contain GBK-only characters).
GBK_FAMILY = frozenset({
    "gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "ms936", "windows-936",
    "euc-cn", "euccn", "csgb2312", "iso-ir-58", "chinese", "hz-gb-2312", "gb18030",
})
BIG5_FAMILY = frozenset({"big5", "big5-hkscs", "big5hkscs", "cn-big5", "x-x-big5", "cp950"})
# Real GBK-encoded simplified text keeps well over 90% of its non-ASCII
# characters inside GB2312; Big5 bytes misread as GBK fall far below.
GB2312_SHARE_MIN = 0.85
QUALITY_SAMPLE_CHARS = 20000
# UTF-16 without a BOM: the NULs (high bytes of ASCII characters) all fall on
# one byte parity (CJK U+xx00 adds a few on the other); in binary data both.
UTF16_SNIFF_BYTES = 65536
UTF16_NUL_PARITY_MIN = 0.8
# "Common" characters for the plausibility check: printable ASCII, GB2312's
# symbol rows (A1-A9: CJK and full-width punctuation, list numbers) and its
# level-1 hanzi (B0-D7: the 3 755 most frequent), Big5's symbol rows (A1-A3)
# and its level-1 hanzi (A4-C6: the 5 401 most frequent traditional ones).
# Real reports score 0.99 here; random high bytes read as GB18030 about 0.4.
_COMMON_RANGES = (("gb2312", range(0xA1, 0xAA), range(0xA1, 0xFF)),
                  ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
                  ("big5", range(0xA1, 0xC7), (*range(0x40, 0x7F), *range(0xA1, 0xFF))))
_SPACE = re.compile(r"\s+")
# C0/C1 controls except tab, newline, vertical tab, form feed, carriage return; lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def normalise_label(label: str | None) -> str | None:
    """A charset label from a page or caller → a Python codec name, or None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in GBK_FAMILY:
        return "gb18030"
    if name in BIG5_FAMILY:
        return "big5hkscs"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _bom(data: bytes) -> str | None:
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:UTF16_SNIFF_BYTES]
    if len(data) % 2:
        return None
    even_nul, odd_nul = head[0::2].count(0), head[1::2].count(0)
    total = even_nul + odd_nul
    if not total:
        return None
    if odd_nul / total >= UTF16_NUL_PARITY_MIN:
        return "utf-16-le"
    if even_nul / total >= UTF16_NUL_PARITY_MIN:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _non_ascii_sample(text: str) -> list[str]:
    out: list[str] = []
    for ch in text:
        if ord(ch) > 0x7F and not ch.isspace():
            out.append(ch)
            if len(out) >= QUALITY_SAMPLE_CHARS:
                break
    return out


def _gb2312_share(text: str) -> float:
    sample = _non_ascii_sample(text)
    if not sample:
        return 1.0
    hits = 0
    for ch in sample:
        try:
            ch.encode("gb2312")
            hits += 1
        except UnicodeEncodeError:
            pass
    return hits / len(sample)


def _cjk_share(text: str) -> float:
    """Share of non-ASCII characters that are CJK ideographs or CJK/full-width punctuation."""
    sample = _non_ascii_sample(text)
    if not sample:
        return 1.0
    hits = sum(1 for ch in sample
               if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return hits / len(sample)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # lazy: only needed for odd inputs

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def decode_bytes(data: bytes, config: IOConfig, *, declared: str | None = None,
                 what: str = "input", limit_chars: bool = True) -> Decoded:
    """Decode ``data`` (BOM → declared → UTF-8 → GB18030 → Big5 → detector).

    ``declared`` is a charset the container states (an HTML ``<meta>``); a
    declaration the bytes contradict is ignored with a log line.
    ``limit_chars=False`` for markup, whose rendered text is what io.max_chars limits.
    """
    tried: list[str] = []
    codec = _bom(data)
    if codec is not None:
        text = _strict(data, codec)
        if text is None:
            raise EncodingError(f"{what} starts with a {codec} byte-order mark but is not valid {codec}",
                                hint="re-save the file as UTF-8")
        return _checked(Decoded(text, codec), config, what, limit_chars)
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        text = _strict(data, codec) if codec else None
        if text is None:
            raise BinaryInputError(f"{what} contains NUL bytes: it is binary, not report text",
                                   hint="pass a .txt, .html, .pdf or .docx report")
        return _checked(Decoded(text, codec), config, what, limit_chars)
    declared_codec = normalise_label(declared)
    if declared_codec is not None:
        tried.append(declared_codec)
        text = _strict(data, declared_codec)
        if text is not None:
            return _checked(Decoded(text, declared_codec), config, what, limit_chars)
        logger.info("%s declares charset %r but does not decode with it; detecting", what, declared)
    for codec in ("utf-8", "gb18030"):
        if codec in tried:
            continue
        tried.append(codec)
        text = _strict(data, codec)
        if text is None:
            continue
        if codec == "gb18030" and _gb2312_share(text) < GB2312_SHARE_MIN:
            tried.append("big5hkscs")
            big5 = _strict(data, "big5hkscs")
            if big5 is not None and _cjk_share(big5) > _cjk_share(text):
                return _checked(Decoded(big5, "big5hkscs"), config, what, limit_chars)
        return _checked(Decoded(text, codec), config, what, limit_chars)
    detected = _detect(data)
    if detected is not None:
        tried.append(detected)
        text = _strict(data, detected)
        if text is not None:
            return _checked(Decoded(text, detected), config, what, limit_chars)
    raise EncodingError(f"{what} does not decode as any of {', '.join(tried)}",
                        hint="re-save the file as UTF-8 (or pass the text as a str)")


@functools.lru_cache(maxsize=1)
def common_characters() -> frozenset[str]:
    """The characters :func:`plausible_share` counts as common (built once)."""
    chars = {chr(c) for c in range(0x21, 0x7F)}
    for codec, leads, trails in _COMMON_RANGES:
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    continue  # an unassigned slot
    return frozenset(chars)


def plausible_share(text: str) -> float:
    """Share of common characters (frequent CJK, ASCII, CJK punctuation) among non-space ones."""
    visible = _SPACE.sub("", text)
    if not visible:
        return 1.0
    return sum(map(common_characters().__contains__, visible)) / len(visible)


def check_plausible(text: str, config: IOConfig, what: str, encoding: str | None) -> None:
    """Decoded bytes that are mostly rare characters are not a report: any byte
    soup decodes as GB18030, so a clean decode alone proves nothing."""
    visible = _SPACE.sub("", text)
    if len(visible) < config.plausible_min_chars:
        return
    share = plausible_share(visible)
    if share < config.min_plausible_share:
        raise EncodingError(
            f"{what} decodes as {encoding or 'text'} but only {share:.0%} of its characters are common Chinese, "
            f"ASCII or punctuation (io.min_plausible_share={config.min_plausible_share:g}): it is not report "
            "text in an encoding we know (random or binary bytes, or another language)",
            hint="pass the report as UTF-8 or GBK text, .html, .pdf or .docx; lower io.min_plausible_share if "
                 "the text is right")


def control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / len(text) if text else 0.0


def check_text(text: str, config: IOConfig, what: str = "input", *, size: bool = True,
               binary: bool = True) -> None:
    """The checks every text passes, decoded or given: size, emptiness, binary.

    ``binary=False`` for text extracted from PDF/DOCX: stray control characters
    there come from fonts, and calling the file "binary" would mislead.
    """
    if size and len(text) > config.max_chars:
        raise InputTooLargeError(
            f"{what} has {len(text):,} characters, more than io.max_chars={config.max_chars:,}",
            hint="split the report, or raise io.max_chars in your config")
    if not text.strip():
        raise EmptyInputError(f"{what} is empty or whitespace only", hint="pass a report with text")
    if not binary:
        return
    if "\x00" in text:
        raise BinaryInputError(f"{what} contains NUL characters: it is binary, not report text",
                               hint="pass a .txt, .html, .pdf or .docx report")
    share = control_share(text)
    if share > config.binary_control_ratio:
        raise BinaryInputError(
            f"{what} is {share:.0%} control characters (limit io.binary_control_ratio="
            f"{config.binary_control_ratio}): it looks binary, not report text",
            hint="pass a .txt, .html, .pdf or .docx report")


def _checked(decoded: Decoded, config: IOConfig, what: str, limit_chars: bool) -> Decoded:
    check_text(decoded.text, config, what, size=limit_chars)
    return decoded


__all__ = ["Decoded", "check_plausible", "check_text", "common_characters", "control_share", "decode_bytes",
           "normalise_label", "plausible_share"]
