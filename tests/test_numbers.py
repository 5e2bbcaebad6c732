"""gikp_nlp.numbers: values and spans of the numbers a report writes."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gikp_nlp.numbers import chinese_value, find_numbers, parse_number

_DIGITS = "零一二三四五六七八九"


def _below_10000(n: int, leading: bool) -> str:
    """Chinese numeral for 0 < n < 10000 (十二 at the head, 一十二 inside)."""
    out, pending_zero = [], False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit_value % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        head = "" if (unit == "十" and digit == 1 and not out and leading) else _DIGITS[digit]
        out.append(head + unit)
    return "".join(out)


def to_chinese(n: int) -> str:
    """A standard Chinese numeral for 0 <= n < 10**8 (a test renderer, independent of the parser)."""
    if n == 0:
        return "零"
    high, low = divmod(n, 10_000)
    if not high:
        return _below_10000(low, True)
    text = _below_10000(high, True) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _below_10000(low, False)
    return text


def to_fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" or c == "," else c for c in s)


@pytest.mark.parametrize(
    "raw, value",
    [
        ("171", 171),
        ("１７１", 171),
        ("3,330,146", 3330146),
        ("３，３３０，１４６", 3330146),
        ("11.876", 11.876),
        ("1.2万", 12000),
        ("三", 3),
        ("两", 2),
        ("十二", 12),
        ("一百零五", 105),
        ("两千三百", 2300),
        ("一万二千", 12000),
        ("三十万", 300000),
        ("一亿二千万", 120000000),
        ("二〇二〇", 2020),
    ],
)
def test_numbers_parse_number_cases(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["", "万", "件", "abc", "十二件"])
def test_numbers_parse_number_rejects_non_numbers(raw):
    assert parse_number(raw) is None


@pytest.mark.parametrize(
    "text, span_text, value, approx",
    [
        ("发布信息1100余篇(条)", "1100", 1100, True),
        ("查询6万余人次", "6万", 60000, True),
        ("约2.2万人次", "2.2万", 22000, True),
        ("近64000人", "64000", 64000, True),
        ("主动公开政府信息２１００多条", "２１００", 2100, True),
        ("收到申请12件", "12", 12, False),
    ],
)
def test_numbers_find_numbers_span_value_approx(text, span_text, value, approx):
    nums = [n for n in find_numbers(text) if not n.chinese]
    assert len(nums) == 1
    n = nums[0]
    assert text[n.start : n.end] == n.text == span_text
    assert (n.value, n.approx) == (value, approx)


def test_numbers_find_numbers_within_range_only():
    text = "前面12件，中间34件，后面56件"
    start, end = text.index("中"), text.index("后")
    assert [n.value for n in find_numbers(text, start, end, chinese=False)] == [34]


def test_numbers_chinese_renderer_agrees_on_known_values():
    # guards the test renderer itself against the parametrised cases above
    assert [to_chinese(n) for n in (12, 105, 2300, 12000, 100005)] == ["十二", "一百零五", "二千三百", "一万二千", "十万零五"]


@settings(max_examples=150, deadline=None)
@given(n=st.integers(min_value=0, max_value=10**8 - 1),
       form=st.sampled_from(["arabic", "fullwidth", "separators", "chinese"]),
       prefix=st.sampled_from(["", "共收到", "本年度主动公开政府信息", "其中：\n"]),
       suffix=st.sampled_from(["", "件", "条。", "人次，"]))
def test_numbers_roundtrip_every_form(n, form, prefix, suffix):
    rendered = {
        "arabic": str(n),
        "fullwidth": to_fullwidth(str(n)),
        "separators": f"{n:,}",
        "chinese": to_chinese(n),
    }[form]
    assert parse_number(rendered) == n
    text = prefix + rendered + suffix
    found = find_numbers(text, chinese=(form == "chinese"))
    assert len(found) == 1, found
    num = found[0]
    assert (num.start, num.end) == (len(prefix), len(prefix) + len(rendered))
    assert text[num.start : num.end] == num.text
    assert num.value == n


@settings(max_examples=60, deadline=None)
@given(n=st.integers(min_value=1, max_value=9999))
def test_numbers_wan_form(n):
    text = f"访问{n}万人次"
    num = find_numbers(text, chinese=False)[0]
    assert num.text == f"{n}万" and num.value == n * 10_000


def test_numbers_chinese_value_digit_strings_and_rejects():
    assert chinese_value("一二三") == 123
    assert chinese_value("") is None
    assert chinese_value("十件") is None


def test_numbers_spans_survive_nfkc_differences():
    # full-width digits are read through NFKC but spans stay on the original
    text = "办理１２件"
    num = find_numbers(text, chinese=False)[0]
    assert text[num.start : num.end] == "１２"
    assert unicodedata.normalize("NFKC", num.text) == "12"


@pytest.mark.parametrize("text, approx", [("参训人员达150人次", False), ("多达30件", False), ("约30件", True),
                                          ("30件左右", True), ("超过30件", True)])
def test_numbers_approx_words(text, approx):
    (num,) = find_numbers(text, chinese=False)
    assert num.approx is approx


def test_numbers_yu_between_digits_and_wan_multiplies_and_is_approximate():
    """``20余万条`` is 200000, approximate; the span is the digits (the guidelines' span is the number)."""
    (n,) = [n for n in find_numbers("主动公开政府信息20余万条") if not n.chinese]
    assert (n.text, n.value, n.approx) == ("20", 200000, True)


@pytest.mark.parametrize("text", ["发布5500 余条", "发布5500\u3000多条", "发布5500\u00a0余条"])
def test_numbers_space_before_yu_keeps_approx(text):
    (n,) = [n for n in find_numbers(text) if not n.chinese]
    assert (n.value, n.approx) == (5500, True)


def test_numbers_line_break_before_duo_is_no_approximation():
    (n,) = [n for n in find_numbers("共5500\n多项工作") if not n.chinese]
    assert not n.approx


@pytest.mark.parametrize("text, value", [("累计发布超235条", 235), ("组织干部职工约150人次", 150),
                                         ("逾300条", 300), ("大约30件", 30), ("各类信息近5000条", 5000),
                                         ("发布各类信息约 120 条", 120)])
def test_numbers_approx_prefix_marks_approx_span_on_digits(text, value):
    """A prefix 约/近/超/逾/大约 (a PDF's space between them allowed) makes the number
    approximate; the prefix stays outside the span, as 余/多 after it do."""
    (n,) = find_numbers(text, chinese=False)
    assert (n.text, n.value, n.approx) == (str(value), value, True)


@pytest.mark.parametrize("text", ["超期办理0件", "赶超先进3个", "发布信息约\n120条", "共计120条", "达到150人次"])
def test_numbers_approx_prefix_negatives(text):
    """超 inside a word (超期), a prefix on the line before or 达/共计 (exact figures) make nothing approximate."""
    nums = find_numbers(text, chinese=False)
    assert nums and not any(n.approx for n in nums)


def test_numbers_approx_prefix_with_wan_keeps_value():
    (n,) = find_numbers("主动公开信息约196.4万条", chinese=False)
    assert (n.value, n.approx) == (1964000, True)
