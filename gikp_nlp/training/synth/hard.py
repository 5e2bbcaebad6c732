"""Hard cases: sentences the narrative model got wrong on real reports (issue 14),
each labelled by the guidelines' "Conventions settled on real text".

Six classes (``CLASSES``), each a function ``(stats keys, era, rng) → template``
in :mod:`training.synth.templates`' mini-language, placed in the report section
where such sentences stand (``SECTION``):

- ``topics``: a published-information count broken down by topic; the parts
  are no mention (a category that is an indicator stated as such keeps its id).
- ``no_indicator``: counts of something no indicator counts (readers, fans,
  calls, other meetings, documents drafted, service items).
- ``cumulative``: counts of earlier years or of other bodies, beside the
  year's own count.
- ``channel``: one named channel (its id) and several channels together
  (proactive.total) close together.
- ``scope``: outcomes after 行政诉讼 are litigation.*, after 行政复议 review.*;
  an applicant named before the count gives the mention that applicant.
- ``approx``: ``2.4万``, ``近N``, ``N余``, ``N 余`` (space, as PDF text has it).

A styled token ``{id:style}`` (style in ``STYLES``) is rendered by :func:`styled`.
Documents get hard sentences with probability ``hard`` from a random stream of
their own (:func:`plan`), so the main stream, and every document with
``hard == 0``, are the generator's as they were. All words are written for this
generator from the national forms' vocabulary.
"""
from __future__ import annotations

import random
from collections.abc import Callable

from gikp_nlp.training.synth.compose import CATEGORIES, CHANNELS, LEADS, LEXICON, _pick

#: chance that a document chosen for hard cases gets each class (at least one)
P_CLASS = 0.5
#: most hard sentences of one class in a document
MAX_PER_CLASS = 2
#: applicant columns of table 三 that a narrative names before its count (the lexicon's words)
APPLICANTS = {"natural_person": ("自然人", "公民"), "legal_entity": ("法人或其他组织", "法人和其他组织"),
              "commercial": ("商业企业",), "research": ("科研机构",), "social_welfare": ("社会公益组织",),
              "legal_service": ("法律服务机构",)}
ORGANISATIONS = ("commercial", "research", "social_welfare", "legal_service")
#: number styles of a styled token ``{id:style}``
STYLES = ("wan", "near", "yu", "spyu")
#: words before a rounded count that make it approximate (guidelines: 近/约/超过)
APPROX_BEFORE = ("近", "约", "超过", "将近")
#: chance that a 万 count is followed by 余 (2.4万余条: approximate)
P_WAN_YU = 0.3
#: sections (templates.SECTIONS index) of the classes
PROACTIVE, RESPONSE, REQUEST, REVIEW, ORG, CLOSING = 0, 1, 2, 3, 5, 7

WEBSITES = ("门户网站", "政府门户网站", "官方网站", "政府网站", "部门网站", "政府信息公开专栏", "信息公开网站")
SEVERAL = ("门户网站、政务微博、政务微信", "网站、微博、微信", "政府网站、政务新媒体、政府公报", "门户网站和“两微一端”",
           "政府网站、微信公众号、新闻媒体", "门户网站、政务微信、宣传栏", "“{place}发布”微博、微信和门户网站")
#: the parts of a topic breakdown; ``类`` words mark a category, not a count of decisions
TOPIC_NAMES = CATEGORIES + ("行政处罚类", "行政许可类", "政策法规及解读类", "人事任免类", "项目建设类", "公共服务类",
                            "民生保障类", "政策法规类")
OTHER_BODIES = ("下属单位", "各乡镇（街道）", "局属各单位", "各县（区）", "各成员单位", "辖区各部门", "系统内各单位")
NO_INDICATOR = (
    # readers, fans, visits: counts of the public, not of information
    "[门户网站|政府网站|网站][全年|]总[访问量|浏览量|点击量][达|为|]{~wan}[次|人次]",
    "[信息|文章|推文][阅读量|浏览量|点击量][累计|][达|超|]{~cnt}[次|人次]",
    "[政务微信|微信公众号|官方微博][粉丝|关注人数|订阅用户][达到|达|增至|]{~wan}[人|个]",
    "[关注用户|粉丝][新增|净增]{~cnt}人",
    # calls, letters, meetings of other kinds, documents, service items, lists of measures
    "[12345热线|服务热线|咨询电话][接听|受理][来电|群众来电]{~cnt}[个|次|通]",
    "[召开|组织召开][党组会议|局务会议|安全生产工作会议|理论学习中心组学习|常务会议]{~cnt}次",
    "[全年|]{~cnt}次[召开|组织][党组会|局长办公会|专题学习会]",
    "[制发|印发|起草]公文{~cnt}[件|份|篇]",
    "[处理|办理|收发][各类|]文件{~cnt}[件|份]",
    "[梳理|公布|调整]政务服务事项{~cnt}[项|个]",
    "[编制|公布|动态调整]权责清单事项{~cnt}项",
    "[制定|出台|提出][具体|整改|工作]措施{~cnt}[条|项]",
    "[整改|解决][问题|存在问题]{~cnt}[个|项]",
    "[开设|设置|更新][专题|栏目|专题专栏]{~cnt}个",
    "[办理|办结][行政审批|政务服务|便民服务]事项{~cnt}[件|项]",
    "[发放|印制|制作][宣传资料|宣传手册|宣传单]{~cnt}[份|册]",
)


def plan(index: int, seed: int, hard: float) -> tuple[str, ...]:
    """The classes document ``index`` gets (empty for most when ``hard`` is small,
    always empty when it is 0); a stream of its own, not the document's."""
    if hard <= 0.0:
        return ()
    rng = random.Random(f"{seed}:{index}:hard")
    if rng.random() >= hard:
        return ()
    chosen = tuple(c for c in CLASSES if rng.random() < P_CLASS)
    return chosen or (rng.choice(tuple(CLASSES)),)


def keep(template: str) -> bool:
    """False for the base generator's phrasings the conventions label otherwise:
    a 截至…累计 count tagged as the year's total, and two websites of one body
    whose count is tagged as one website (the conventions: proactive.total)."""
    if "截至" in template and "累计" in template and "{proactive." in template:
        return False
    return not ("[、|和|及]" in template and "{proactive.channel.website}" in template)


def extra_stats(stats: dict[str, int | float], rng: random.Random) -> dict[str, int | float]:
    """The applicant columns table 三 splits 法人或其他组织 into (the base stats stop at two)."""
    legal = int(stats.get("request.new@legal_entity", 0))
    weights = [rng.random() for _ in ORGANISATIONS]
    parts = [int(legal * w / sum(weights)) for w in weights]
    parts[0] += legal - sum(parts)
    return {f"request.new@{a}": p for a, p in zip(ORGANISATIONS, parts)}


def _round(value: int, rng: random.Random) -> int:
    """A round figure near ``value`` (two significant digits), as 近/余 counts are written."""
    if value < 20:
        return rng.randint(2, 99) * 10
    digits = len(str(value)) - 2
    return value // 10 ** digits * 10 ** digits


def styled(value: int | float, style: str, rng: random.Random) -> tuple[str, str, str, int | float, bool]:
    """(text before the span, span, text after it, value stated, approx) of a styled count.

    ``wan``: ``2.4万`` (the span holds 万, as the number reader reads it; value ×10000);
    ``near``: ``近5000``; ``yu``: ``5500余``/``多``; ``spyu``: ``5500 余``."""
    n = int(value)
    if style == "wan":
        tenths = n // 1000 if n >= 11000 else rng.randint(11, 990)
        text = f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths / 10:.1f}"
        after, approx = ("余", True) if rng.random() < P_WAN_YU else ("", False)
        return "", text + "万", after, tenths * 1000, approx
    rounded = _round(n, rng)
    if style == "near":
        return rng.choice(APPROX_BEFORE), str(rounded), "", rounded, True
    if style == "yu":
        return "", str(rounded), rng.choice(("余", "余", "多")), rounded, True
    return "", str(rounded), rng.choice((" 余", " 余", "余 ", " 多")), rounded, True  # spyu


def topics(keys: set[str], era: str, rng: random.Random) -> str | None:
    """主动公开政府信息N条，其中工作动态N条、…政策法规及解读类信息N条: the parts are no mention."""
    if "proactive.total" not in keys:
        return None
    head = rng.choice(("{Y}年，{we}[共|]主动公开政府信息{proactive.total}条", "全年[共|累计]公开政府信息{proactive.total}条",
                       "[本年度|全年]主动公开[各类|]政府信息{proactive.total}条",
                       "共[主动|]发布政府信息{proactive.total}条", "主动公开信息{proactive.total}条"))
    items = []
    for name in rng.sample(TOPIC_NAMES, rng.randint(2, 5)):
        plain = name.endswith(("类", "信息")) or rng.random() < 0.5
        word = name if plain else name + rng.choice(("类", "类信息", "信息"))
        items.append(f"{word}{rng.choice(('', '', '为'))}{{~part}}条")
    if rng.random() < 0.3:  # a category that is an indicator stated as such keeps its id
        own = ("政策解读{response.policy_interpretations}篇" if rng.random() < 0.5 else
               ("规范性文件{proactive.normative.published}件" if era == "new" else "规范性文件{proactive.normative_docs}件"))
        items.insert(rng.randint(0, len(items)), own)
    opener = rng.choice(("其中", "其中：", "其中，", "主要包括", "按类别分，"))
    sep = rng.choice(("、", "，", "；"))
    if rng.random() < 0.25:  # the breakdown alone, after the total's own sentence
        return f"{head}。{opener}{sep.join(items)}。"
    return f"{head}，{opener}{sep.join(items)}。"


def no_indicator(keys: set[str], era: str, rng: random.Random) -> str | None:
    """Counts no indicator counts, alone or beside a labelled count of the same channel."""
    clauses = rng.sample(NO_INDICATOR, rng.randint(1, 2))
    roll = rng.random()
    if roll < 0.3 and "proactive.channel.wechat" in keys:
        return f"[政务微信|微信公众号]发布[信息|推文]{{proactive.channel.wechat}}条，{'，'.join(clauses)}。"
    if roll < 0.5 and "proactive.channel.website" in keys:
        return f"[门户网站|政府网站]发布信息{{proactive.channel.website}}条，{'，'.join(clauses)}。"
    return f"{_pick(rng, LEADS)}{'，'.join(clauses)}。"


def cumulative(keys: set[str], era: str, rng: random.Random) -> str | None:
    """Counts of earlier years or of other bodies (no mention) beside the year's count."""
    if "proactive.total" not in keys:
        return None
    since = rng.choice(("历年累计[公开|发布]政府信息{~big}条", "自{~pastyear}年以来[累计|共]主动公开政府信息{~big}条",
                        "截至{~date}，[累计|已累计|历年累计]公开政府信息{~big}条",
                        "[《条例》施行以来|自政府信息公开工作开展以来][累计|共]公开政府信息{~big}条",
                        "政府信息公开专栏[历年|]累计发布信息{~big}条",
                        "自{~pastyear}年[起|以来]累计受理政府信息公开申请{~cnt}件"))
    bodies = (f"[指导|督促]{rng.choice(OTHER_BODIES)}[主动|]公开政府信息{{~cnt}}条",
              f"{rng.choice(OTHER_BODIES)}[共|]公开政府信息{{~cnt}}条", f"{rng.choice(OTHER_BODIES)}受理政府信息公开申请{{~cnt}}件")
    year = rng.choice(("[{Y}年|本年度|全年][共|累计|]主动公开政府信息{proactive.total}条",
                       "其中[本年度|{Y}年|本年][新增|新|]主动公开[政府信息|]{proactive.total}条",
                       "全年累计公开政府信息{proactive.total}条"))
    roll = rng.random()
    if roll < 0.4:
        other = since if year.startswith("其中") else rng.choice((since, rng.choice(bodies)))
        if year.startswith("其中"):
            return f"{other}，{year}。"
        return f"{year}，{other}。" if rng.random() < 0.5 else f"{other}；{year}。"
    if roll < 0.7:
        return f"{_pick(rng, LEADS[:3])}{since}。"
    if year.startswith("其中"):  # 其中 after other bodies' count would make the year's count theirs
        year = "[{Y}年|本年度]{we}[共|]主动公开政府信息{proactive.total}条"
    return f"{rng.choice(bodies)}[，|。]{year}。"


def channel(keys: set[str], era: str, rng: random.Random) -> str | None:
    """One named channel (its id) and several channels together (the total), close
    together, so that only the channel words tell the two apart."""
    indicator = rng.choice(("proactive.channel.website", "proactive.channel.website", "proactive.channel.wechat",
                            "proactive.channel.weibo"))
    if indicator not in keys or "proactive.total" not in keys:
        return None
    name = rng.choice(CHANNELS[indicator] if indicator != "proactive.channel.website" else WEBSITES)
    single = rng.choice((f"通过{name}[发布|公开][各类|]信息{{{indicator}}}条", f"在{name}发布{{{indicator}}}条[信息|]",
                         f"{name}[全年|][发布|更新][政务|]信息{{{indicator}}}条"))
    several = rng.choice((f"通过{rng.choice(SEVERAL)}等[渠道|平台|载体][共|累计|][发布|公开][政府|]信息{{proactive.total}}条",
                          f"[依托|利用]{rng.choice(SEVERAL)}等[渠道|平台][共|]主动公开政府信息{{proactive.total}}条",
                          "在[局门户网站和政府信息公开网站|政府网站和部门网站|两个门户网站]共[主动|]公开政府信息{proactive.total}条"))
    roll = rng.random()
    if roll < 0.4:
        return f"{_pick(rng, LEADS[:3])}{several}，其中{single}。"
    if roll < 0.7:
        return f"{single}；{several}。"
    if roll < 0.85 and "proactive.channel.new_media" in keys:
        return f"{single}，[政务微博、微信|微博微信][共|合计]发布[信息|]{{proactive.channel.new_media}}条。"
    return f"{several}。"


def scope(keys: set[str], era: str, rng: random.Random) -> str | None:
    """Outcomes read by the case type before them, or an applicant named before the count."""
    if rng.random() < 0.4:
        return _applicants(keys, rng)

    def outcomes(kind: str) -> str:
        parts = [f"{_pick(rng, LEXICON[f'{kind}.{o}'][0].short)}{{{kind}.{o}}}件"
                 for o in ("upheld", "corrected") if rng.random() < 0.8]
        if rng.random() < 0.4:
            parts.append(f"尚未审结{{{kind}.pending}}件")
        return rng.choice(("、", "，")).join(parts or [f"维持{{{kind}.upheld}}件"])

    review = f"[被申请|收到|发生]行政复议{{review.total}}件，其中{outcomes('review')}"
    litigation = f"[被提起|发生|应诉]行政诉讼{{litigation.total}}件，其中{outcomes('litigation')}"
    roll = rng.random()
    if roll < 0.4:
        return f"{_pick(rng, LEADS[:3])}{litigation}。"
    pair = (review, litigation) if roll < 0.7 else (litigation, review)
    return f"{pair[0]}；{pair[1]}。"


def _applicants(keys: set[str], rng: random.Random) -> str | None:
    """受理自然人申请N件、商业企业申请M件: the applicant stands before its count."""
    chosen = ["natural_person", rng.choice(("legal_entity",) * 2 + ORGANISATIONS)]
    if rng.random() < 0.4:
        chosen.append(rng.choice([a for a in ORGANISATIONS if a not in chosen]))
    chosen = [a for a in chosen if f"request.new@{a}" in keys]
    if not chosen:
        return None
    items = [f"{rng.choice(APPLICANTS[a])}[提出的|]申请{{request.new@{a}}}件" for a in chosen]
    verb = rng.choice(("受理", "收到", "共受理", "新收"))
    if rng.random() < 0.5:
        return f"{_pick(rng, LEADS[:3])}{verb}{'、'.join(items)}。"
    return f"{verb}政府信息公开申请{{request.new}}件，其中{'，'.join(items)}。"


def approx(keys: set[str], era: str, rng: random.Random) -> str | None:
    """Approximate counts: 2.4万条, 近N条, N余条, N 余条 (the span is the number, 万 included)."""
    style = rng.choice(STYLES)
    frames = {
        "proactive.total": ("[全年|本年度|{Y}年][共|累计|]主动公开政府信息{t}条", "[共|]发布各类政务信息{t}条"),
        "proactive.channel.website": ("[门户网站|政府网站][全年|]发布信息{t}条",),
        "proactive.channel.wechat": ("[政务微信|微信公众号]推送信息{t}条",),
        "training.trainees": ("[培训|参训]人员{t}人次",),
    }
    indicator = rng.choice(sorted(frames))
    if indicator not in keys:
        return None
    token = "{" + indicator + ":" + style + "}"
    text = rng.choice(frames[indicator]).replace("{t}", token)
    if rng.random() < 0.3:  # an approximate count of no indicator beside it
        text += "，[网站|信息][浏览量|访问量]{~wan}[次|人次]"
    return f"{_pick(rng, LEADS[:3])}{text}。"


CLASSES: dict[str, Callable[[set[str], str, random.Random], str | None]] = {
    "topics": topics, "no_indicator": no_indicator, "cumulative": cumulative,
    "channel": channel, "scope": scope, "approx": approx,
}


def section_of(name: str, template: str) -> int:
    """The report section a hard sentence of class ``name`` stands in."""
    if "{training." in template:
        return ORG
    if "{request." in template:
        return REQUEST
    if "{review." in template or "{litigation." in template:
        return REVIEW
    if "申请" in template and "{proactive." not in template:  # 累计受理申请, 下属单位受理申请
        return REQUEST
    if name == "no_indicator" and "{proactive." not in template:
        return PROACTIVE if any(w in template for w in ("粉丝", "阅读量", "访问量", "栏目")) else CLOSING
    return PROACTIVE


def sentences(classes: tuple[str, ...], keys: set[str], era: str, rng: random.Random) -> list[tuple[int, str, str]]:
    """(section, class, template) of the hard sentences of one document."""
    out = []
    for name in classes:
        for _ in range(rng.randint(1, MAX_PER_CLASS)):
            template = CLASSES[name](keys, era, rng)
            if template:
                out.append((section_of(name, template), name, template))
    return out
