"""How a report writes a number: Arabic, full-width, 3,330 separators, Chinese
numerals (三, 十二, 一百零五, 两), with 余/多 approximations. Each renderer returns
the annotated span text and what follows it (余/多 stay outside the span)."""
from __future__ import annotations

import random

_CN = "零一二三四五六七八九"
_FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def to_chinese(n: int, rng: random.Random | None = None) -> str:
    """0 ≤ n < 100000 as a Chinese numeral (十二, 一百零五, 两千三百); 2 → 两 sometimes."""
    if n == 0:
        return "零"
    if n == 2 and rng is not None and rng.random() < 0.5:
        return "两"
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = "" if low == 0 else ("零" if low < 1000 else "") + to_chinese(low)
        return to_chinese(high) + "万" + rest
    out, zero = [], False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit_value)
        if digit:
            if zero:
                out.append("零")
                zero = False
            out.append(("" if (unit == "十" and not out and digit == 1) else _CN[digit]) + unit)
        elif out:
            zero = True
    return "".join(out)


def render(value: int | float, rng: random.Random, *, allow_chinese: bool = True) -> tuple[str, str, bool]:
    """(span text, suffix after the span, approx) for a value a report states."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        return (text.translate(_FULLWIDTH) if rng.random() < 0.05 else text), "", False
    n = int(value)
    roll = rng.random()
    if allow_chinese and 1 <= n <= 20 and roll < 0.25:
        return to_chinese(n, rng), "", False
    if allow_chinese and 20 < n < 1000 and roll < 0.04:
        return to_chinese(n), "", False
    suffix, approx = "", False
    if n >= 30 and n % 10 == 0 and rng.random() < 0.35:
        suffix, approx = rng.choice(("余", "余", "多")), True
    text = str(n)
    if n >= 1000 and rng.random() < 0.25:
        text = f"{n:,}"
    if rng.random() < 0.06:
        text = text.translate(_FULLWIDTH)
    return text, suffix, approx
