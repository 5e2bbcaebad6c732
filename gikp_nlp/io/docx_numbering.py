"""Word's automatic list numbers ("一、", "（二）", "3.") rendered into the text.

Word does not store these labels in the paragraph: they are computed from
numbering.xml when the document is displayed. Report headings are very often
auto-numbered, and the narrative rules need the section numbers to know which
section a count belongs to, so we compute them the way Word does (per list
counters, deeper levels restart, ``%1``…``%9`` placeholders in ``lvlText``),
for paragraphs numbered directly or through their paragraph style.
Bullets are not rendered (their glyphs are font-private symbols).
"""
from __future__ import annotations

from dataclasses import dataclass, field

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVELS = 9
CN_DIGITS = "零一二三四五六七八九"
CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
CN_UNITS = ("", "十", "百", "千")
CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
CIRCLED_MAX = 20
SUFFIXES = {"tab": " ", "space": " ", "nothing": ""}
# A chinese numeral above this is written digit by digit (Word does the same past 万).
CN_MAX = 9999


def _val(element, tag: str, default: str | None = None) -> str | None:  # noqa: ANN001 - lxml element
    child = element.find(f"{_W}{tag}") if element is not None else None
    return child.get(f"{_W}val", default) if child is not None else default


def chinese_number(n: int, digits: str = CN_DIGITS, units: tuple[str, ...] = CN_UNITS) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五."""
    if n <= 0 or n > CN_MAX:
        return "".join(digits[int(d)] for d in str(max(n, 0)))
    parts, zero = [], False
    text = str(n)
    for i, d in enumerate(text):
        unit = units[len(text) - i - 1]
        if d == "0":
            zero = True
            continue
        if zero and parts:
            parts.append(digits[0])
        zero = False
        parts.append(digits[int(d)] + unit)
    out = "".join(parts)
    return out[1:] if digits is CN_DIGITS and out.startswith("一十") else out


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's ``numFmt`` styles."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return chinese_number(n, CN_LEGAL_DIGITS, CN_LEGAL_UNITS)
    if fmt == "ideographTraditional" and 1 <= n <= len(HEAVENLY_STEMS):
        return HEAVENLY_STEMS[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= len(EARTHLY_BRANCHES):
        return EARTHLY_BRANCHES[n - 1]
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        return _letters(n) if fmt == "upperLetter" else _letters(n).lower()
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= CIRCLED_MAX:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= CIRCLED_MAX:
        return chr(0x2474 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass(frozen=True, slots=True)
class Level:
    start: int
    fmt: str
    text: str
    suffix: str
    legal: bool


@dataclass
class Numbering:
    """Counters for one document; call :meth:`label` on paragraphs in body order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → ilvl → Level
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → start
    styles: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # styleId → numPr
    based_on: dict[str, str] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    restarted: set[str] = field(default_factory=set)

    @classmethod
    def from_document(cls, document) -> Numbering:  # noqa: ANN001 - docx.Document
        numbering = cls()
        part = document.part
        try:
            root = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            numbering._read_numbering(root)
        try:
            styles = part.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            styles = None
        if styles is not None:
            numbering._read_styles(styles)
        return numbering

    def _read_numbering(self, root) -> None:  # noqa: ANN001
        for abstract in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                levels[ilvl] = Level(
                    start=int(_val(lvl, "start", "1") or 1),
                    fmt=_val(lvl, "numFmt", "decimal") or "decimal",
                    text=_val(lvl, "lvlText", "") or "",
                    suffix=SUFFIXES.get(_val(lvl, "suff", "tab") or "tab", " "),
                    legal=lvl.find(f"{_W}isLgl") is not None,
                )
            self.levels[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            self.nums[num_id] = _val(num, "abstractNumId", "") or ""
            for override in num.iter(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    self.overrides.setdefault(num_id, {})[int(override.get(f"{_W}ilvl", "0"))] = int(start)

    def _read_styles(self, root) -> None:  # noqa: ANN001
        for style in root.iter(f"{_W}style"):
            style_id = style.get(f"{_W}styleId", "")
            base = _val(style, "basedOn")
            if base:
                self.based_on[style_id] = base
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                ilvl = _val(num_pr, "ilvl")
                self.styles[style_id] = (_val(num_pr, "numId"), int(ilvl) if ilvl is not None else None)

    def _style_num_pr(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.styles:
                return self.styles[style_id]
            style_id = self.based_on.get(style_id)
        return None, None

    def label(self, p) -> str:  # noqa: ANN001 - CT_P
        """The list label (with its suffix) Word shows before paragraph ``p``, or ''."""
        ppr = p.find(f"{_W}pPr")
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        style_num, style_ilvl = self._style_num_pr(_val(ppr, "pStyle"))
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        ilvl_text = _val(num_pr, "ilvl") if num_pr is not None else None
        num_id = num_id or style_num
        ilvl = int(ilvl_text) if ilvl_text is not None else (style_ilvl or 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        level = levels.get(ilvl)
        if level is None or level.fmt == "bullet" or not 0 <= ilvl < MAX_LEVELS:
            return ""
        counts = self.counters.setdefault(abstract, [None] * MAX_LEVELS)
        if num_id not in self.restarted and num_id in self.overrides:
            self.restarted.add(num_id)
            for o_lvl, start in self.overrides[num_id].items():
                if 0 <= o_lvl < MAX_LEVELS:
                    counts[o_lvl] = start - 1
        for upper in range(ilvl):
            if counts[upper] is None:
                counts[upper] = levels[upper].start if upper in levels else 1
        counts[ilvl] = (counts[ilvl] + 1) if counts[ilvl] is not None else level.start
        for deeper in range(ilvl + 1, MAX_LEVELS):
            counts[deeper] = None
        text = level.text
        for k in range(MAX_LEVELS, 0, -1):
            placeholder = f"%{k}"
            if placeholder in text:
                ref = levels.get(k - 1)
                fmt = "decimal" if level.legal or ref is None else ref.fmt
                text = text.replace(placeholder, format_number(counts[k - 1] or 0, fmt))
        return text + level.suffix if text else ""
