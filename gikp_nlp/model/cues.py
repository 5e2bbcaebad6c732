"""Rule tables (data, not code) for what surrounds a model mention.

``EVIDENCE_CUES``: extra words that name an indicator in narrative text, beside
the taxonomy's printed labels and aliases. The model decides the indicator; these
only point at the words in the text that say so (the mention's evidence).
Applicant words are those of the narrative rule table (``gikp_nlp/narrative/cues.yaml``).
Traditional-script text is folded to simplified before matching (:mod:`gikp_nlp.chars`).
"""
from __future__ import annotations

EVIDENCE_CUES: dict[str, tuple[str, ...]] = {
    "proactive.total": ("主动公开政府信息", "主动公开信息", "公开政府信息", "主动公开", "发布政务信息", "公开信息",
                        "公布信息", "发布信息", "发布政府信息", "政府信息", "政务信息", "各类信息"),
    "proactive.normative_docs": ("公开规范性文件", "规范性文件"),
    "proactive.normative_docs_issued": ("制发规范性文件", "制定并发布规范性文件", "规范性文件"),
    "proactive.proposal_results": ("建议提案办理", "建议和提案办理结果", "人大建议、政协提案", "建议提案", "建议和政协提案"),
    "proactive.channel.gazette": ("政府公报", "公报"),
    "proactive.channel.website": ("门户网站", "政府网站", "官方网站", "网站", "公开网", "门户网", "官网", "公开专栏"),
    "proactive.channel.weibo": ("政务微博", "官方微博", "微博"),
    "proactive.channel.wechat": ("微信公众号", "政务微信", "官方微信", "微信"),
    "proactive.channel.new_media": ("政务新媒体", "微博、微信", "微博微信", "新媒体", "两微一端"),
    "proactive.channel.other": ("其他方式",),
    "proactive.regulations.made": ("制发规章", "制定规章", "规章"),
    "proactive.regulations.published": ("公开规章", "规章"),
    "proactive.normative.made": ("制发行政规范性文件", "制发规范性文件", "行政规范性文件", "规范性文件", "规范性档案"),
    "proactive.normative.published": ("公开规范性文件", "行政规范性文件", "规范性文件", "规范性档案"),
    "proactive.normative.in_force": ("现行有效", "继续有效", "规范性文件"),
    "proactive.normative.repealed": ("废止", "规范性文件"),
    "proactive.licensing.decisions": ("行政许可",),
    "proactive.penalty.decisions": ("行政处罚",),
    "proactive.enforcement.decisions": ("行政强制",),
    "response.hot_topics": ("回应公众关注热点", "回应热点", "回应关切", "舆情", "社会关切", "热点"),
    "response.press_conferences": ("新闻发布会", "发布会", "新闻发布"),
    "response.press_conferences_by_head": ("主要负责同志", "主要负责人", "主要领导", "新闻发布会", "发布会"),
    "response.online_interviews": ("在线访谈", "网上访谈", "访谈"),
    "response.online_interviews_by_head": ("主要负责同志", "主要负责人", "主要领导", "在线访谈", "网上访谈"),
    "response.policy_interpretations": ("政策解读", "解读", "图解"),
    "response.weibo_wechat": ("微博微信回应", "回应事件"),
    "request.new": ("政府信息公开申请", "依申请公开", "收到", "受理", "接到", "申请"),
    "request.new.in_person": ("当面申请", "当面", "现场申请", "现场", "窗口"),
    "request.new.fax": ("传真",),
    "request.new.online": ("网上申请", "网络申请", "网上", "网络", "网站", "在线", "互联网"),
    "request.new.letter": ("信函", "邮寄", "来信"),
    "request.new.email": ("电子邮件", "邮件", "电子邮箱", "邮箱"),
    "request.new.other": ("其他形式", "其他方式"),
    "request.carried_over": ("上年结转", "上年度结转", "结转"),
    "request.completed": ("办结", "办理完毕"),
    "request.completed.on_time": ("按时办结", "按时", "按期", "法定期限内"),
    "request.completed.extended": ("延期办结", "延期"),
    "request.result.total": ("答复", "办理结果", "办理申请", "办理政府信息公开申请", "办理依申请公开件"),
    "request.result.already_public": ("已主动公开", "主动公开范围", "已公开信息"),
    "request.result.granted": ("予以公开", "同意公开", "全部公开", "已公开", "公开", "同意提供", "向申请人提供"),
    "request.result.partial": ("部分公开",),
    "request.result.denied": ("不予公开", "不同意公开", "不公开"),
    "request.result.denied.state_secret": ("国家秘密",),
    "request.result.denied.commercial_secret": ("商业秘密",),
    "request.result.denied.privacy": ("个人隐私",),
    "request.result.not_this_agency": ("不属于本机关", "不属于本行政机关", "非本机关", "其他机关", "其他部门", "有关机关",
                                        "本单位职能"),
    "request.result.nonexistent": ("信息不存在", "不存在", "没有所申请"),
    "request.result.unable": ("无法提供",),
    "request.result.unable.not_held": ("不掌握",),
    "request.result.not_processed": ("不予处理",),
    "request.result.other": ("其他处理",),
    "request.carried_forward": ("结转下年度", "结转下年", "结转下一年度", "结转至下一年度", "转入下年度"),
    "review.total": ("行政复议", "复议"),
    "review.upheld": ("维持",),
    "review.corrected": ("纠错", "纠正"),
    "litigation.total": ("行政诉讼", "诉讼", "应诉"),
    "litigation.upheld": ("维持", "驳回"),
    "litigation.corrected": ("纠错", "纠正"),
    "complaints.total": ("举报投诉", "投诉", "举报", "申诉"),
    "fees.collected": ("收取", "收费", "费用"),
    "org.dedicated_bodies": ("专门机构", "工作机构"),
    "org.reading_points": ("查阅点", "查阅场所", "受理点", "查阅室", "查阅窗口"),
    "org.staff": ("工作人员", "人员"),
    "org.staff.full_time": ("专职", "全职"),
    "org.staff.part_time": ("兼职",),
    "org.budget": ("专项经费", "经费"),
    "training.meetings": ("工作会议", "专题会议", "会议", "工作会", "专题会"),
    "training.sessions": ("培训班", "培训"),
    "training.trainees": ("培训人员", "参训", "人次", "培训"),
    "proposals.npc": ("人大代表建议", "人大建议", "代表建议"),
    "proposals.cppcc": ("政协委员提案", "政协提案", "提案"),
}

#: indicators whose narrative breakdowns can carry an applicant.
APPLICANT_INDICATORS: frozenset[str] = frozenset({"request.new", "request.result.total", "request.result.granted"})

#: Big5-gateway words and their mainland words (equal length: offsets hold).
GATEWAY_WORDS: tuple[tuple[str, str], ...] = (("资讯", "信息"), ("档案", "文件"))

#: clause boundaries: evidence and applicant are looked for inside the clause only.
CLAUSE_BREAKS = "。；;！!？?\n"
