"""Deterministic synthetic reports with exact annotations.

``generate(n, seed, hard=0.0)`` → gold-shaped dicts (id, text, mentions,
implicit=[]), the same for the same arguments on any machine; ``hard`` > 0 adds
the hard cases of :mod:`training.synth.hard` to that share of documents. Offsets are recorded while the
text is built; a traditional-script variant is a same-length character map, so
offsets survive it.
"""
from __future__ import annotations

import random
import re
from typing import Any

from gikp_nlp.errors import ConfigError
from gikp_nlp.schema import Taxonomy, get_taxonomy
from gikp_nlp.training.synth import compose, hard, tables, templates
from gikp_nlp.training.synth.builder import Builder
from gikp_nlp.training.synth.numerals import render

_TOKEN = re.compile(r"\{[^{}]+\}")
_ALTERNATION = re.compile(r"\[[^\[\]]*\]")
#: simplified → traditional, one char to one char (offsets unchanged)
_TRAD = str.maketrans(
    "开条办复议诉讼请网处门户结转时务关规范与计数项经费属现当传邮单举报访谈读发专应实会员职资讯个为对统据这们过达总书众问题国类务长车东乐云阳区县镇乡级织组"
    "机构间进动态热点监督闻视频样业众随财预决算领导务说议档责压测维审况则办",
    "開條辦復議訴訟請網處門戶結轉時務關規範與計數項經費屬現當傳郵單舉報訪談讀發專應實會員職資訊個為對統據這們過達總書眾問題國類務長車東樂雲陽區縣鎮鄉級織組"
    "機構間進動態熱點監督聞視頻樣業眾隨財預決算領導務說議檔責壓測維審況則辦",
)
P_TRADITIONAL = 0.1
P_FILLER = 0.35
P_GATEWAY_WORDS = 0.5
#: word swaps of simplified→traditional gateways (each pair of equal length)
GATEWAY_WORDS = (("文件", "档案"), ("信息", "资讯"), ("网站", "网站"))
P_TABLE_2008 = 0.12
P_TABLE_3 = 0.12
P_BREAK_AROUND_NUMBER = 0.04
P_SPACE_AROUND_NUMBER = 0.05
#: chance that a section also gets composed sentences (compose.py), and how many at most
P_COMPOSED = 0.7
MAX_COMPOSED = 3
#: the indicator-id prefixes of each report section (templates.SECTIONS order)
SECTION_PREFIXES = (("proactive.",), ("response.",), ("request.",), ("review.", "litigation.", "complaints."),
                    ("fees.",), ("org.", "training."), ("proposals.",), ())


def _distractor(kind: str, rng: random.Random, year: int) -> str:
    if kind == "year":
        return str(year)
    if kind == "date":
        return rng.choice((f"{year}年1月1日", f"{year}年12月31日", f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日",
                           f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"))
    if kind == "pct":
        return rng.choice((f"{rng.randint(1, 100)}%", f"{rng.uniform(0, 100):.1f}%", f"{rng.randint(1, 99)}％", "100%"))
    if kind == "phone":
        return rng.choice((f"0{rng.randint(10, 999)}-{rng.randint(2000000, 89999999)}", str(rng.randint(60000000, 89999999)),
                           f"1{rng.randint(3, 9)}{rng.randint(100000000, 999999999)}", "12345", "12333"))
    if kind == "post":
        return str(rng.randint(100000, 860000))
    if kind == "docno":
        return rng.choice((f"〔{rng.randint(2008, 2024)}〕{rng.randint(1, 99)}", f"[{rng.randint(2008, 2024)}]{rng.randint(1, 99)}"))
    if kind == "diff":
        return str(rng.randint(1, 900))
    if kind == "ord":
        return str(rng.randint(1, 999))
    if kind == "wan":  # 2.4万: a count written in ten-thousands (hard cases only)
        return f"{rng.randint(11, 990) / 10:g}万"
    if kind == "big":  # a count of many years together (hard cases only)
        return str(int(10 ** rng.uniform(3, 6)))
    if kind == "part":  # a part of a breakdown, mostly below the totals make_stats draws (hard cases only)
        return str(int(10 ** rng.uniform(0, 3.3)))
    if kind == "pastyear":  # an earlier year a cumulative count starts from (hard cases only)
        return str(rng.randint(2008, max(2008, year - 1)))
    return str(int(10 ** rng.uniform(0, 6)))  # cnt: a count with no indicator


def _fill(template: str, b: Builder, stats: dict, rng: random.Random, ctx: dict[str, str]) -> bool:
    """Append one sentence; False (and nothing appended) if it needs a stat we lack."""
    template = _ALTERNATION.sub(lambda m: rng.choice(m.group()[1:-1].split("|")), template)
    keys = [t[1:-1].partition(":")[0] for t in _TOKEN.findall(template) if t.startswith("{") and not t.startswith("{~")]
    if any(k not in ctx and k not in stats for k in keys):
        return False
    pos = 0
    for m in _TOKEN.finditer(template):
        b.add(template[pos:m.start()])
        token = m.group()
        pos = m.end()
        key = token[1:-1]
        if key.startswith("~"):
            b.add(_distractor(key[1:], rng, int(ctx["Y"])))
        elif key in ctx:
            b.add(ctx[key])
        elif ":" in key:  # a styled count of the hard cases (2.4万, 近5000, 5500 余)
            key, _, style = key.partition(":")
            indicator, _, applicant = key.partition("@")
            before, text, after, value, approx = hard.styled(stats[key], style, rng)
            b.add(before)
            b.mention(text, indicator, applicant or "total", value, approx)
            b.add(after)
        else:
            indicator, _, applicant = key.partition("@")
            value = stats[key]
            text, suffix, approx = render(value, rng)
            if rng.random() < P_SPACE_AROUND_NUMBER:
                b.add(" ")
            elif rng.random() < P_BREAK_AROUND_NUMBER:
                b.add("\n")
            b.mention(text, indicator, applicant or "total", value, approx)
            b.add(suffix)
            if rng.random() < P_SPACE_AROUND_NUMBER:
                b.add(" ")
    b.add(template[pos:])
    return True


def generate_one(index: int, seed: int, taxonomy: Taxonomy, hard_share: float = 0.0) -> dict[str, Any]:
    """Document ``index``; with ``hard_share`` > 0 some documents also get the hard
    cases of :mod:`training.synth.hard` (drawn from a stream of their own)."""
    from gikp_nlp.training.synth.stats import make_stats

    rng = random.Random(f"{seed}:{index}")
    year = rng.randint(2009, 2025)
    era = "old" if year <= 2018 else "new"
    stats = make_stats(rng)
    ctx = {"Y": str(year), "we": rng.choice(templates.WE), "place": rng.choice(templates.PLACES)}
    b = Builder()
    b.add(f"{ctx['place']}{rng.choice(templates.AGENCIES)}{year}年[政府信息公开工作年度报告]".replace("[", "").replace("]", "") + "\n")
    sections = [s for s in templates.SECTIONS if rng.random() < 0.6] or [templates.SECTIONS[2]]
    classes = hard.plan(index, seed, hard_share)
    extra: list[tuple[int, str, str]] = []
    if classes:  # the hard sentences, and the sections they stand in
        hrng = random.Random(f"{seed}:{index}:hard-sentences")
        stats = {**stats, **hard.extra_stats(stats, hrng)}
        extra = hard.sentences(classes, set(stats), era, hrng)
        wanted = {i for i, _, _ in extra}
        sections = [s for i, s in enumerate(templates.SECTIONS) if s in sections or i in wanted]
    for heading, sentences in sections:
        if rng.random() < 0.7:
            b.add(rng.choice((heading, heading.split("、", 1)[-1], f"（{heading[0]}）{heading.split('、', 1)[-1]}")) + "\n")
        pool = [t for e, t in sentences if e in ("any", era)]
        chosen = rng.sample(pool, k=min(len(pool), rng.randint(1, 4)))
        position = templates.SECTIONS.index((heading, sentences))
        prefixes = SECTION_PREFIXES[position]
        if prefixes and rng.random() < P_COMPOSED:
            composed = (compose.sentence(set(stats), era, rng, prefixes) for _ in range(rng.randint(1, MAX_COMPOSED)))
            chosen += [c for c in composed if c]
            rng.shuffle(chosen)
        if classes:
            chosen = [t for t in chosen if hard.keep(t)]
            for _, _, template in (e for e in extra if e[0] == position):
                chosen.insert(hrng.randint(0, len(chosen)), template)
        for template in chosen:
            if rng.random() < P_FILLER:
                _fill(rng.choice(templates.FILLER), b, stats, rng, ctx)
            _fill(template, b, stats, rng, ctx)
        b.add("\n" if rng.random() < 0.8 else "")
    if rng.random() < P_TABLE_2008:
        tables.flat_2008(b, taxonomy, stats, rng)
    if era == "new" and rng.random() < P_TABLE_3:
        tables.flat_table3(b, taxonomy, stats, rng)
    text = b.text
    if rng.random() < P_TRADITIONAL:
        if rng.random() < P_GATEWAY_WORDS:  # Big5 gateway vocabulary: same length, offsets hold
            for simplified, gateway in GATEWAY_WORDS:
                text = text.replace(simplified, gateway)
        text = text.translate(_TRAD)
        for m in b.mentions:
            m["text"] = text[m["start"]:m["end"]]
    return {"id": f"synth-{seed}-{index:06d}", "source": "synthetic", "year": year, "form": "narrative",
            "text": text, "mentions": b.mentions, "implicit": [], "left_out": []}


def generate(n: int, seed: int, taxonomy: Taxonomy | None = None, hard: float = 0.0) -> list[dict[str, Any]]:
    """``n`` synthetic reports; document i depends only on (seed, i, hard). ``hard``:
    the share of documents that also get hard cases (0.0: the generator as before)."""
    if not 0.0 <= hard <= 1.0:
        raise ConfigError(f"hard must be a share in [0, 1], got {hard}", hint="0.0 generates no hard cases")
    taxonomy = taxonomy or get_taxonomy()
    return [generate_one(i, seed, taxonomy, hard) for i in range(n)]
