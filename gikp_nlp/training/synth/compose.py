"""Composed phrasings: sentences built from parts, so that the model meets far
more ways of naming a count than whole hand-written sentences can give.

Each indicator has verbs, nouns and units (``LEXICON``); a sentence is a frame
(lead-in, verb, noun, link word, number, unit, tail) filled from them, a list of
a total and its parts (``GROUPS``), or a number-first clause (``3件属于网上申请``).
The result is a template of :mod:`training.synth.templates`' mini-language
(``{id}`` a number, ``{~kind}`` an untagged number), filled by ``generate._fill``.
All words are written for this generator from the national forms' vocabulary;
applicant words are the lexicon's (:mod:`gikp_nlp.lexicon`), and every phrasing
that names an indicator holds one of the lexicon's evidence words for it (a test
checks it), so the relation step finds what the model was taught.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from gikp_nlp.lexicon import get_lexicon


@dataclass(frozen=True)
class Entry:
    verbs: tuple[str, ...]   # the action before the noun ("" allowed)
    nouns: tuple[str, ...]   # what is counted
    units: tuple[str, ...]
    short: tuple[str, ...] = ()  # the name inside a list of parts (其中门户网站12条)
    era: str = "any"            # "old" (to 2018), "new" (2019 on) or "any"


def E(verbs: str, nouns: str, units: str, short: str = "", era: str = "any") -> Entry:
    split = lambda s: tuple(s.split("|")) if s else ()  # noqa: E731
    return Entry(split(verbs), split(nouns), split(units), split(short), era)


LEXICON: dict[str, tuple[Entry, ...]] = {
    "proactive.total": (
        E("主动公开|公开|发布|累计公开|主动发布|对外公开|新增公开|公开发布|累计发布|共公开",
          "政府信息|各类政府信息|政务信息|信息|各类信息|政府信息公开事项|各类公开信息|政务公开信息", "条|条|条|则|项"),),
    "proactive.channel.website": (
        E("通过门户网站公开|在政府网站发布|门户网站发布|网站公开|在官方网站发布|通过政府信息公开专栏发布|在政务公开网站公开"
          "|政府网站主动公开|在门户网站信息公开平台发布|通过局网站发布|网站更新",
          "信息|政府信息|各类信息|政务信息|工作信息", "条", "门户网站|政府网站|网站|官网|政府信息公开网站"),),
    "proactive.channel.wechat": (
        E("通过微信公众号发布|政务微信推送|微信公众号发布|官方微信发布|通过政务微信公开|微信公众号推送",
          "信息|稿件|文章|图文信息|政务信息|各类信息", "条|篇|条", "政务微信|微信公众号|微信|官方微信"),),
    "proactive.channel.weibo": (
        E("通过政务微博发布|官方微博发布|政务微博更新|通过微博公开|微博发布",
          "信息|博文|微博|政务信息", "条|条|篇", "政务微博|官方微博|微博"),),
    "proactive.channel.new_media": (
        E("通过政务新媒体发布|政务新媒体发布|通过微博、微信发布|通过“两微一端”发布|新媒体平台发布|微博微信发布",
          "信息|政务信息|各类信息|稿件", "条|条|篇", "政务新媒体|新媒体平台|“两微一端”"),),
    "proactive.channel.gazette": (
        E("在政府公报刊登|通过政府公报公开|政府公报刊发|在《政府公报》公开",
          "信息|政府信息|文件", "条|件", "政府公报|公报"),),
    "proactive.normative_docs_issued": (
        E("制发|制定|制定并发布|印发|出台|新制定|制定出台", "规范性文件|规范性文件", "件|份|个", era="old"),),
    "proactive.normative_docs": (
        E("主动公开|公开|公布|在网站公开", "规范性文件|规范性文件信息", "件|条|份", era="old"),),
    "proactive.normative.made": (
        E("制发|制定|印发|出台|新制定|制定并发布", "行政规范性文件|规范性文件", "件|份|个", era="new"),),
    "proactive.normative.published": (
        E("公开|主动公开|公布|新公开", "行政规范性文件|规范性文件", "件|份|条", era="new"),),
    "proactive.normative.in_force": (
        E("现行有效|清理后保留|继续有效的|经清理现行有效", "行政规范性文件|规范性文件", "件|份", era="new"),),
    "proactive.normative.repealed": (
        E("废止|宣布废止|清理废止|废止失效", "行政规范性文件|规范性文件", "件|份", era="new"),),
    "proactive.regulations.made": (
        E("制定|制发|出台|新制定", "规章|政府规章", "件|部", era="new"),),
    "proactive.licensing.decisions": (
        E("公开|办理|作出|公示|办结", "行政许可决定|行政许可事项|行政许可处理决定|行政许可信息|行政许可", "件|条|项",
          "行政许可"),),
    "proactive.penalty.decisions": (
        E("公开|作出|公示|办理|查处", "行政处罚决定|行政处罚案件信息|行政处罚信息|行政处罚结果|行政处罚案件", "件|条|起",
          "行政处罚"),),
    "proactive.enforcement.decisions": (
        E("公开|作出|实施", "行政强制决定|行政强制措施|行政强制信息", "件|条", "行政强制"),),
    "proactive.proposal_results": (
        E("公开|主动公开|在网站公开", "建议提案办理结果|人大代表建议和政协提案办理结果|建议提案复文|建议提案答复全文", "件|条|份"),),
    "response.press_conferences": (
        E("召开|举办|组织召开|参加|举行|组织", "新闻发布会|政策发布会|新闻发布活动|新闻发布会议", "次|场|期", "新闻发布会|发布会"),),
    "response.press_conferences_by_head": (
        E("主要负责同志出席|主要负责人参加|主要领导出席|主要负责同志参加", "新闻发布会|发布会", "次|场"),),
    "response.online_interviews": (
        E("开展|举办|参加|组织|做客", "在线访谈|网上访谈|在线访谈节目|“在线访谈”活动|政务访谈|网络访谈", "次|期|场",
          "在线访谈|网上访谈"),),
    "response.online_interviews_by_head": (
        E("主要负责同志参加|主要负责人做客|主要领导参加", "在线访谈|网上访谈", "次|期"),),
    "response.policy_interpretations": (
        E("发布|制作|推出|刊发|开展|编发|撰写", "政策解读|政策解读稿件|解读材料|政策解读文章|政策图解|图文解读|解读信息|政策解读信息",
          "篇|条|份|期|次", "政策解读|解读"),),
    "response.hot_topics": (
        E("回应|回应公众关注|处置|及时回应|妥善回应", "热点|社会关切|公众关注热点|舆情|热点问题|网络舆情|热点事件",
          "次|条|件|个", "回应关切|回应热点|舆情回应"),),
    "request.new": (
        E("收到|受理|接到|共收到|新收|新受理|登记", "政府信息公开申请|依申请公开件|信息公开申请|申请|依申请公开事项|依申请公开申请|公开申请",
          "件|件|件|项|份|个|宗"),),
    "request.new.online": (E("", "网上申请|网络申请|通过网站提交的申请|在线申请|通过互联网提交的申请|网站申请"
                             "|网络平台申请|通过网络平台提交的申请|在线平台申请", "件",
                             "网上申请|网络申请|在线申请|互联网申请|网络平台申请|网上平台申请"),),
    "request.new.letter": (E("", "信函申请|邮寄申请|来信申请|通过信函提交的申请", "件", "信函申请|邮寄|信函|来信"),),
    "request.new.in_person": (E("", "当面申请|现场申请|窗口申请|当面提交的申请", "件", "当面申请|现场申请|当面提交|窗口提交"),),
    "request.new.fax": (E("", "传真申请|通过传真提交的申请", "件", "传真申请|传真"),),
    "request.new.email": (E("", "电子邮件申请|通过电子邮件提交的申请|邮件申请", "件", "电子邮件|电子邮件申请|电子邮箱"),),
    "request.new.other": (E("", "其他形式申请|通过其他方式提交的申请", "件", "其他形式|其他方式"),),
    "request.carried_over": (E("", "上年结转申请|上年度结转的申请|上一年度结转申请", "件", "上年结转|上年度结转|上一年度结转"),),
    "request.carried_forward": (E("", "结转下年度办理的申请|结转至下一年度的申请", "件", "结转下年度|结转下一年度|转入下年度办理"),),
    "request.completed": (E("办结|已办结|答复办结|办理完毕", "申请|依申请公开件|政府信息公开申请", "件", "办结|已办结"),),
    "request.completed.on_time": (E("按时办结|在法定期限内办结|按期答复", "申请|", "件", "按时办结|按期办结|按时答复"),),
    "request.completed.extended": (E("延期办结|延期答复|依法延期答复", "申请|", "件", "延期办结|延期答复"),),
    "request.result.total": (E("答复|办理答复|已答复|作出答复|办理", "申请|政府信息公开申请|依申请公开件", "件", "答复|已答复"),),
    # the answer types of 《条例》 art. 36, in the words reports use for them; words that
    # name a sub-type with its own id (涉及国家秘密, 重复申请, 需另行制作…) stay with that id
    "request.result.granted": (E("", "", "件", "同意公开|公开|已公开|同意提供", era="old"),
                               E("", "", "件", "予以公开|全部公开|依法予以公开|向申请人提供", era="new")),
    "request.result.partial": (E("", "", "件", "部分公开|同意部分公开|予以部分公开|区分处理后部分公开"),),
    "request.result.denied": (E("", "", "件", "不予公开|不同意公开|不公开|依法不予公开"),),
    "request.result.already_public": (E("", "", "件", "属于已主动公开|已主动公开|属于主动公开范围|属于已公开信息"),),
    "request.result.not_this_agency": (E("", "", "件", "不属于本机关公开范围|不属于本行政机关|非本机关掌握|不属于本机关职责范围"
                                        "|属于其他部门职能|属于其他机关职责|非本机关政府信息|告知向有关机关申请"
                                        "|不属于本单位职能"),),
    "request.result.nonexistent": (E("", "", "件", "信息不存在|申请信息不存在|所申请信息不存在"
                                     "|经检索没有所申请信息"),),
    "request.result.unable": (E("", "", "件", "无法提供|无法提供相关信息"),),
    "request.result.not_processed": (E("", "", "件", "不予处理|依法不予处理"),),
    "request.result.other": (E("", "", "件", "其他处理"),),
    "review.total": (E("发生|收到|被申请|涉及|办理", "行政复议|行政复议案件|行政复议申请", "件|起|宗", "行政复议"),),
    "review.upheld": (E("", "", "件", "维持|结果维持"),),
    "review.corrected": (E("", "", "件", "纠错|被依法纠错|被纠正"),),
    "review.other": (E("", "", "件", "其他结果"),),
    "review.pending": (E("", "", "件", "尚未审结"),),
    "litigation.total": (E("发生|涉及|被提起|应诉", "行政诉讼|行政诉讼案件|行政应诉案件", "件|起|宗", "行政诉讼"),),
    "litigation.upheld": (E("", "", "件", "维持或驳回|驳回原告诉讼请求|维持"),),
    "litigation.corrected": (E("", "", "件", "被依法纠错|纠错"),),
    # the indicator counts complaints about information disclosure; a bare 投诉 is
    # any complaint (hotlines, 政民互动): see ``other_work`` for those, untagged
    "complaints.total": (E("收到|受理|接到|处理", "政府信息公开举报投诉|政府信息公开方面的投诉|涉及政府信息公开的举报投诉"
                             "|信息公开类投诉|对政府信息公开工作的投诉举报|政府信息公开工作举报|政务公开投诉", "件|起|次"),),
    "org.dedicated_bodies": (E("设立|设置|成立", "专门机构|政府信息公开专门机构|政府信息公开工作机构", "个"),),
    "org.reading_points": (E("设立|设置|建立|开设", "查阅点|政府信息查阅场所|信息公开查阅室|政府信息公开受理点|查阅窗口", "个|处"),),
    "org.staff": (E("配备|安排|确定", "工作人员|信息公开工作人员|专（兼）职人员|专兼职工作人员", "名|人"),),
    "org.staff.full_time": (E("配备", "专职工作人员|专职人员", "名|人", "专职"),),
    "org.staff.part_time": (E("配备", "兼职工作人员|兼职人员", "名|人", "兼职"),),
    "training.meetings": (E("召开|组织召开", "政府信息公开工作会议|专题会议|政务公开工作会议|专题工作会", "次|场"),),
    "training.sessions": (E("举办|组织|开展", "培训班|业务培训|专题培训|政务公开培训|培训", "次|期|场"),),
    "training.trainees": (E("培训|参训", "人员|干部职工|工作人员", "人次|人"),),
    "proposals.npc": (E("办理|承办|办结", "人大代表建议|人大建议|代表建议|市人大代表建议", "件|条", "人大代表建议|人大建议"),),
    "proposals.cppcc": (E("办理|承办|办结", "政协委员提案|政协提案|提案", "件|条", "政协提案|提案"),),
}

#: a total and its parts (``id@applicant`` for a breakdown by applicant)
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("proactive.total", ("proactive.channel.website", "proactive.channel.wechat", "proactive.channel.weibo",
                         "proactive.channel.gazette", "proactive.channel.new_media")),
    ("request.new", ("request.new.online", "request.new.letter", "request.new.in_person", "request.new.fax",
                     "request.new.email", "request.new.other")),
    ("request.new", ("request.new@natural_person", "request.new@legal_entity")),
    ("request.result.total", ("request.result.granted", "request.result.partial", "request.result.denied",
                              "request.result.already_public", "request.result.not_this_agency",
                              "request.result.nonexistent", "request.result.unable", "request.result.not_processed",
                              "request.result.other")),
    ("request.completed", ("request.completed.on_time", "request.completed.extended")),
    ("review.total", ("review.upheld", "review.corrected", "review.other", "review.pending")),
    ("litigation.total", ("litigation.upheld", "litigation.corrected")),
    ("org.staff", ("org.staff.full_time", "org.staff.part_time")),
    ("response.press_conferences", ("response.press_conferences_by_head",)),
    ("response.online_interviews", ("response.online_interviews_by_head",)),
)

#: the applicants a narrative breakdown names, with the lexicon's words for them
#: (the words the relation step reads an applicant from)
APPLICANT_NAMES = {a: words for a, words in get_lexicon().applicants if a in ("natural_person", "legal_entity")}

LEADS = ("", "", "", "{Y}年，", "全年", "本年度", "报告期内，", "{we}", "{Y}年{we}", "截至{~date}，", "其中，",
         "围绕[乡村振兴|教育|医疗卫生|安全生产|财政预决算|重大项目|食品安全]等重点领域，",
         "[聚焦|围绕][群众关心的|社会关注的][热点问题|重点工作]，", "[坚持|按照][“公开为常态、不公开为例外”|依法公开、真实准确]原则，",
         "[按照|根据]《政府信息公开条例》要求，", "[一是|二是|三是]", "（[一|二|三]）", "[1|2|3]．", "另外，", "同时，",
         "[上半年|下半年|年内]", "[在|从]信息公开方面看，")
ADVERBS = ("", "", "", "共", "累计", "全年共", "共计", "新", "及时", "全年", "依法")
LINKS = ("", "", "", "共", "共计", "合计", "总计", "计", "达", "达到", "为", "有", "共有")
TAILS = ("", "", "", "", "，[较上年|同比][增长|增加|减少|下降]{~pct}", "，比上年[增加|减少]{~diff}{unit}",
         "，[占|占比]{~pct}", "，较{~year}年的{~cnt}{unit}[有所增长|明显增加|有所下降]", "，[均|全部][已|]按时[办结|完成]",
         "，[内容涵盖|主要包括][工作动态|通知公告|人事信息|财政信息]等", "，[办结率|满意率|公开率]{~pct}",
         "（[较上年|同比][增长|增加]{~pct}）", "，[在|位居]全[市|区|县]前列")
#: topic categories of published information: counted in reports, but no indicator (left untagged)
CATEGORIES = ("工作动态", "通知公告", "人事信息", "财政预决算", "财政及“三公”经费", "“三公”经费", "办事指南", "统计信息",
              "招标采购", "政策法规", "规划计划", "应急管理", "机构职能", "重点项目", "价格收费", "其他", "业务工作",
              "领导活动", "公示公告", "政务动态", "工作", "各类工作")
#: verbs before a topic category (其中：发布工作信息421条；更新办事指南143条)
CATEGORY_VERBS = ("", "", "", "发布", "公开", "更新", "发布各类", "主动公开")
SEPARATORS = ("、", "，", "；", "、", "，")
#: chance that a composed sentence is about the agency's other work (untagged counts)
P_OTHER_WORK = 0.08
#: chance that channel_context names channels of several kinds and counts the total
P_SEVERAL_CHANNELS = 0.25
#: chance that a composed sentence on requests states answers one by one, with no total
P_ANSWERS = 0.15
#: answer names that carry their own verb (no 为/属于 before them)
ANSWER_VERBS = ("属于", "非", "不", "已", "经", "告知", "无法", "同意", "予以", "依法", "向", "全部", "区分", "部分",
                "所", "信息", "申请")
#: what reports add after an answer
ANSWER_TAILS = ("", "", "", "，已告知申请人", "，已告知申请人[向有关机关申请|查询途径|获取途径]", "，已依法答复",
                "，已[按时|依法]答复申请人")
#: chance that a listing gives its parts first and the total after them (…，总计17条)
P_PARTS_FIRST = 0.25
#: items a proactive total "contains" (含规范性文件3件): own ids, not parts of a sum
#: (only the *published* normative ids: 规范性文件N件 inside published information is not a count made)
CONTAINED = ("proactive.normative.published", "proactive.normative_docs", "response.policy_interpretations",
             "proactive.licensing.decisions",
             "proactive.penalty.decisions", "proactive.proposal_results", "response.hot_topics")
CONTAINED_OPENERS = ("含", "其中", "其中，", "包括", "内容包括", "涵盖", "其中包括")
#: where a channel is named before the count, in an earlier clause or sentence
CHANNELS = {
    "proactive.channel.website": ("门户网站", "政府门户网站", "局官方网站", "官方网站", "政府网站", "部门网站",
                                  "政府信息公开专栏", "信息公开网站", "官网"),
    "proactive.channel.wechat": ("微信公众号", "政务微信", "官方微信公众号", "“{place}发布”微信公众号"),
    "proactive.channel.weibo": ("政务微博", "官方微博", "“{place}发布”微博"),
    "proactive.channel.new_media": ("政务新媒体", "官方微博、微信", "“两微一端”", "新媒体矩阵"),
}
CHANNEL_SETUP = ("[依托|以|坚持以]{ch}为[主渠道|主要平台|第一平台|主阵地]",
                 "[利用|借助|利用和借助|通过]{ch}[更新了|更新|发布了|完善了]政府信息公开[指南|目录|指南、政府信息公开目录]",
                 "[进一步|不断][完善|优化|改版]{ch}[栏目设置|功能|建设]",
                 "在{ch}[开设|设置|开辟]“[政府信息公开|政务公开|信息公开]”专栏", "{ch}[改版升级|完成改版|集约化建设]",
                 "[充分发挥|发挥好]{ch}[作用|第一平台作用]", "{ch}[全年|]运行[平稳|正常|良好]")
CHANNEL_MIDDLE = ("", "", "[规范|完善][栏目内容|发布流程|审核制度]",
                  "[设置|开设][栏目|子栏目]{~cnt}个", "[围绕|聚焦][重点工作|中心工作|群众关切][做好|加强]信息发布",
                  "[内容涵盖|涉及][工作动态|通知公告|政策法规|人事信息]等[方面|内容]", "[安排|明确]专人[负责|维护]")
CHANNEL_COUNT = ("[全年|本年度|{Y}年|]{adv}[公开|发布|更新|推送][各类|政务|]信息{token}条",
                 "[信息|各类信息][发布量|发布总量|更新量][达|为|达到]{token}条",
                 "[全年|]{adv}[发布|公开]{token}条[信息|政务信息|]",
                 "[公开|发布|更新][各类|]工作信息{token}条")
#: other work of the agency that reports count beside disclosure (untagged)
OTHER_WORK = ("[12345热线|市长信箱|局长信箱|信访窗口][共|][受理|办理|转办|回复]"
              "[群众投诉|网民留言|群众诉求|来信来访|咨询投诉|投诉举报|信访件|工单]{~cnt}[件|条|起]",
              "[受理|办理|处理][群众|消费者|市场主体|][投诉举报|投诉|信访|来信来访]{~cnt}[件|起|次|批]",
              "[办理|答复][网民留言|在线咨询|“我为群众办实事”诉求]{~cnt}[条|件]",
              "[处理|化解][矛盾纠纷|信访积案|消费纠纷]{~cnt}[起|件]")


def _pick(rng: random.Random, items: tuple[str, ...]) -> str:
    return rng.choice(items) if items else ""


def _parts(total: str) -> tuple[str, ...]:
    """Every part ``GROUPS`` lists under ``total`` (request.new has two breakdowns)."""
    return tuple(p for t, parts in GROUPS if t == total for p in parts)


def _entry(indicator: str, era: str, rng: random.Random) -> Entry | None:
    entries = [e for e in LEXICON.get(indicator, ()) if e.era in ("any", era)]
    return rng.choice(entries) if entries else None


def single(indicator: str, era: str, rng: random.Random) -> str | None:
    """One sentence stating one indicator, or None if the lexicon has no full name for it."""
    e = _entry(indicator, era, rng)
    if e is None or not e.nouns or not any(e.nouns):
        return None
    verb, noun, unit = _pick(rng, e.verbs), _pick(rng, e.nouns), _pick(rng, e.units)
    token = "{" + indicator + "}"
    tail = _pick(rng, TAILS).replace("{unit}", unit)
    lead, adv, link = _pick(rng, LEADS), _pick(rng, ADVERBS), _pick(rng, LINKS)
    roll = rng.random()
    if roll < 0.55 or not verb or not noun:
        body = f"{adv}{verb}{noun}{link}{token}{unit}"
    elif roll < 0.8:
        body = f"{adv}{verb}{token}{unit}{noun}"                      # 主动公开123条政府信息
    elif roll < 0.9:
        body = f"{verb}{noun}[数量|总数|总量][为|达|是]{token}{unit}"   # …数量为123条
    else:
        body = f"{adv}{verb}{noun}{token}{unit}"
    return f"{lead}{body}{tail}。"


def listing(total: str, parts: tuple[str, ...], era: str, rng: random.Random) -> str | None:
    """A total with some of its parts: ``收到申请11件，其中网上申请8件、信函3件。``"""
    head = single(total, era, rng)
    if head is None:
        return None
    chosen = [p for p in parts if rng.random() < 0.7] or [parts[0]]
    items = []
    for part in chosen:
        indicator, _, applicant = part.partition("@")
        if applicant:
            name = rng.choice(APPLICANT_NAMES[applicant])
            names, units = (name + rng.choice(("申请", "提出申请", "提出的申请", "")),), ("件",)
        else:
            e = _entry(indicator, era, rng)
            if e is None or not e.short:
                continue
            names, units = e.short, e.units
        token = "{" + part + "}"
        unit = _pick(rng, units)
        if rng.random() < 0.75:
            items.append(f"{_pick(rng, names)}{rng.choice(('', '', '的', '为'))}{token}{unit}")
        else:  # 1件属于…, 1件申请信息，属于其他部门职能
            noun = rng.choice(("", "", "申请", "申请信息，", "，")) if indicator.startswith("request.result.") else ""
            name = _pick(rng, names)
            link = "" if name.startswith(("属于", "非", "不", "已", "经", "告知")) else rng.choice(("为", "属于", "系", "是", ""))
            items.append(f"{token}{unit}{noun}{link}{name}")
    if not items:
        return head
    sep = rng.choice(SEPARATORS)
    if rng.random() < P_PARTS_FIRST:  # 门户网站发布12条、微信5条，总计17条
        unit = _pick(rng, (_entry(total, era, rng) or Entry((), (), ("件",))).units)
        return (f"{_pick(rng, LEADS)}{sep.join(items)}，[共计|合计|总计|总共|以上共计|共][公开|发布|办理|]"
                f"{{{total}}}{unit}{_pick(rng, TAILS).replace('{unit}', unit)}。")
    opener = rng.choice(("其中", "其中，", "其中：", "包括", "具体为：", "从[申请方式|办理结果|类别]看，"))
    return f"{head[:-1]}，{opener}{sep.join(items)}。"


def categories(stats_keys: set[str], era: str, rng: random.Random) -> str | None:
    """A proactive total broken down by topic: the parts are no indicator (untagged);
    now and then an item with its own id among them (制定并发布规范性文件11件)."""
    head = single("proactive.total", era, rng)
    if head is None:
        return None
    items = [f"{rng.choice(CATEGORY_VERBS)}[{'|'.join((c + '信息', c + '类信息', c + '类', c))}]{{~cnt}}条"
             for c in rng.sample(CATEGORIES, rng.randint(2, 5))]
    own = [k for k in CONTAINED if k in stats_keys]
    if own and rng.random() < 0.3:
        indicator = rng.choice(own)
        e = _entry(indicator, era, rng)
        if e is not None and any(e.nouns):
            item = f"{_pick(rng, e.verbs)}{_pick(rng, e.nouns)}{{{indicator}}}{_pick(rng, e.units)}"
            items.insert(rng.randint(1, len(items)), item)
    opener = rng.choice(("其中", "其中：", "包括", "主要包括"))
    return f"{head[:-1]}，{opener}{rng.choice(SEPARATORS).join(items)}。"


def contained(stats_keys: set[str], era: str, rng: random.Random) -> str | None:
    """A proactive total, then items it contains that have their own ids
    (``公开政府信息3条，含规范性文件0份、政策解读0份``)."""
    head = single(rng.choice(("proactive.total", "proactive.total", "proactive.channel.website")), era, rng)
    items = []
    for indicator in rng.sample(CONTAINED, rng.randint(1, 3)):
        e = _entry(indicator, era, rng)
        if head is None or e is None or indicator not in stats_keys:
            continue
        name = _pick(rng, e.short) if e.short and rng.random() < 0.5 else _pick(rng, e.nouns)
        items.append(f"{name}{rng.choice(('', '', '为'))}{{{indicator}}}{_pick(rng, e.units)}")
    if head is None or not items:
        return None
    return f"{head[:-1]}，{rng.choice(CONTAINED_OPENERS)}{rng.choice(SEPARATORS[:2]).join(items)}。"


def channel_context(stats_keys: set[str], rng: random.Random) -> str | None:
    """A channel named first and its count said later with a bare noun, one or
    two clauses (or a sentence) away: ``依托门户网站为主渠道，…，全年公开工作信息845条``."""
    indicator = rng.choice(sorted(CHANNELS))
    if indicator not in stats_keys:
        return None
    # channels of several kinds named together, then the total (通过门户网、“两微”平台等渠道…公开政府信息4517条)
    if rng.random() < P_SEVERAL_CHANNELS and "proactive.total" in stats_keys:
        names = "、".join(rng.choice(CHANNELS[k]) for k in rng.sample(sorted(CHANNELS), rng.randint(2, 3)))
        setup = f"[通过|依托|利用|借助]{names}等[渠道|平台|载体][进行|开展|做好]政府信息[的|]主动公开"
        count = rng.choice(CHANNEL_COUNT).replace("{token}", "{proactive.total}").replace("{adv}", _pick(rng, ADVERBS))
        return f"{_pick(rng, LEADS)}{setup}{rng.choice(('。', '，'))}{_pick(rng, LEADS)}{count}。"
    channel = rng.choice(CHANNELS[indicator])
    if rng.random() < 0.3:  # two channels named together, the count is the first one's
        channel = f"{channel}[、|和|及]{rng.choice(CHANNELS[indicator])}"
    setup = rng.choice(CHANNEL_SETUP).replace("{ch}", channel)
    middle = [m for m in rng.sample(CHANNEL_MIDDLE, rng.randint(1, 2)) if m]
    count = rng.choice(CHANNEL_COUNT).replace("{token}", "{" + indicator + "}").replace("{adv}", _pick(rng, ADVERBS))
    joint = rng.choice(("，", "，", "，", "。"))
    tail = _pick(rng, TAILS).replace("{unit}", "条")
    return f"{_pick(rng, LEADS)}{setup}，{'，'.join(middle) + joint if middle else ''}{count}{tail}。"


def other_work(rng: random.Random) -> str:
    """Counts of the agency's other work (hotline, complaints in general): no indicator."""
    return f"{_pick(rng, LEADS)}{rng.choice(OTHER_WORK)}{_pick(rng, TAILS).replace('{unit}', '件')}。"


def answers(stats_keys: set[str], era: str, rng: random.Random) -> str | None:
    """Answers stated one by one, with no total, often number first and after the
    channel breakdown (``5件属于网络平台申请，且1件申请信息，属于其他部门职能，已告知申请人。``)."""
    kinds = [k for k in _parts("request.result.total") if k in stats_keys]
    if not kinds:
        return None
    items = []
    for indicator in rng.sample(kinds, min(len(kinds), rng.randint(1, 3))):
        e = _entry(indicator, era, rng)
        if e is None or not e.short:
            continue
        name, token = _pick(rng, e.short), "{" + indicator + "}"
        if rng.random() < 0.6:
            noun = rng.choice(("", "申请", "申请信息", "政府信息公开申请"))
            comma = rng.choice(("", "，"))
            link = "" if name.startswith(ANSWER_VERBS) else rng.choice(("为", "属于", "系", ""))
            items.append(f"{token}件{noun}{comma}{link}{name}")
        else:
            items.append(f"{name}[的|]{token}件")
        items[-1] += rng.choice(ANSWER_TAILS)
    if not items:
        return None
    body = rng.choice(("。", "；", "，")).join(items)
    channels = tuple(p for p in _parts("request.new") if "@" not in p and p in stats_keys)
    if channels and rng.random() < 0.4:
        lead = listing("request.new", channels, era, rng)
        if lead is not None:
            return f"{lead[:-1]}{rng.choice(('，且', '，', '；', '。'))}{body}。"
    return f"{_pick(rng, LEADS)}{rng.choice(('', '', '另有', '其中'))}{body}。"


def sentence(stats_keys: set[str], era: str, rng: random.Random, prefixes: tuple[str, ...]) -> str | None:
    """A composed sentence on statistics this report has, for indicators of one
    report section (ids starting with one of ``prefixes``); None if there is none."""
    groups = [(t, p) for t, p in GROUPS if t.startswith(prefixes)]
    if groups and rng.random() < 0.4:
        total, parts = rng.choice(groups)
        parts = tuple(p for p in parts if p in stats_keys)
        if total in stats_keys and parts:
            return listing(total, parts, era, rng)
    if "proactive." in prefixes:
        roll = rng.random()
        if roll < 0.2 and "proactive.total" in stats_keys:
            return categories(stats_keys, era, rng)
        if roll < 0.35:
            return contained(stats_keys, era, rng)
        if roll < 0.55:
            return channel_context(stats_keys, rng)
    if "request." in prefixes and rng.random() < P_ANSWERS:
        return answers(stats_keys, era, rng)
    if rng.random() < P_OTHER_WORK:
        return other_work(rng)
    candidates = sorted(k for k in LEXICON if k in stats_keys and k.startswith(prefixes))
    return single(rng.choice(candidates), era, rng) if candidates else None
