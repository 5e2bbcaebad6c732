"""Decoded bytes must look like text: random high bytes decode cleanly as GB18030,
so the share of common characters decides (io.min_plausible_share)."""
from __future__ import annotations

import json
import random

import pytest

from gikp_nlp.errors import EncodingError
from gikp_nlp.io import read_document
from gikp_nlp.io.decode import plausible_share
from tests.conftest import EXAMPLES, SHARED

GOLD = SHARED / "corpus" / "gold"
RANDOM_BYTES = 100_000


def _random_high_bytes(low: int, seed: int = 16) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 0xFF) for _ in range(RANDOM_BYTES))


@pytest.mark.parametrize("low", [0x81, 0xA1])  # any high byte; only GB2312's own byte range
def test_plausible_random_high_bytes_raise_encoding_error(low):
    data = _random_high_bytes(low)
    assert data.decode("gb18030")  # it does decode: the old reader returned it as "text"
    with pytest.raises(EncodingError, match="min_plausible_share"):
        read_document(data)


def test_plausible_random_bytes_in_html_raise_encoding_error():
    data = b"<html><body><p>" + _random_high_bytes(0x81) + b"</p></body></html>"
    with pytest.raises(EncodingError):
        read_document(data)


def test_plausible_threshold_is_a_config_knob(small_config):
    data = _random_high_bytes(0x81)
    document = read_document(data, config=small_config(min_plausible_share=0.0))
    assert document.encoding == "gb18030"


def test_plausible_short_texts_are_not_judged(io_config):
    rare = "龘靐齉" * 2  # six rare characters: below io.plausible_min_chars
    assert len(rare) < io_config.plausible_min_chars
    assert read_document(rare.encode("utf-8")).text == rare


def test_plausible_a_str_is_never_judged():
    text = _random_high_bytes(0x81).decode("gb18030")
    assert read_document(text).text == text  # the caller's own string


def _real_texts() -> dict[str, str]:
    texts = {p.stem: json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(GOLD.glob("*.json"))}
    texts.update({p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))})
    return texts


def test_plausible_every_real_text_reads_back(io_config):
    """Every shared gold text and example, as GB18030 and UTF-8 bytes, reads back unchanged
    (the minimum share seen is 0.988, on xp026; the threshold is 0.8)."""
    texts = _real_texts()
    if not any(name.startswith("x") for name in texts):
        pytest.skip("../shared/corpus/gold is not beside the repo")
    for name, text in texts.items():
        assert plausible_share(text) >= io_config.min_plausible_share + 0.1, name
        for encoding in ("gb18030", "utf-8"):
            assert read_document(text.encode(encoding)).text == text, (name, encoding)
