"""The row/column grammars of the national statistics tables, as data.

Nothing here is code: printed labels → indicator ids (or id parts), per form.
:mod:`gikp_nlp.tables.grammar` loads these tables, checks every id against
the taxonomy (the id exists and carries the form) and builds the lookups.
Labels are written as printed on the official forms; matching folds
whitespace, punctuation, numbering, full-width forms, traditional characters
and trailing parentheticals (see ``grammar.label_key``).

Kept as a Python module (plain literals) rather than YAML so that it ships with
the package without a package-data entry.
"""
from __future__ import annotations

#: knobs of the detector and the grammars (no magic numbers in code)
LIMITS = {
    # consecutive label cells joined to match one label wrapped across lines/cells
    # (a narrow PDF column wraps the longest table 三 label over seven lines)
    "max_label_join": 8,
    # label pieces of two labels side by side split back into the two (2 ** n - 1 splits tried)
    "max_interleaved_pieces": 8,
    # non-table lines tolerated inside a text-flattened table (one-cell-a-line layouts)
    "max_gap_lines": 3,
    # a line longer than this is narrative: it ends a zone unless it is itself tabular
    "max_cell_chars": 120,
    # short lines looked at before a zone for its title (政府信息公开情况统计表, (2017年度))
    "title_lookback_lines": 6,
    # a title line is at most this long
    "max_title_chars": 60,
    # pipes needed in a zone to read it as pipe-separated cells (else whitespace tokens)
    "min_pipes": 3,
    # a cell that is a Chinese numeral up to this (一 … 十) is a section number (| 一 | 主动公开情况 |),
    # not a value; 〇/零 and larger numerals (十二, 一百零五) are values
    "max_section_number": 10,
    # joint placements of a table's short rows tried by the general aligner (align.unique_alignment)
    "max_alignments": 2000,
}

#: words printed only in statistics-table headers: a line holding one belongs to
#: the table around it however long it is (a header run together on one line)
ANCHORS = ("统计指标", "第二十条第", "申请人情况", "勾稽关系", "结果维持", "未经复议直接起诉")

#: confidence of a table mention, by how the cell's (indicator, applicant) was decided
CONFIDENCE = {
    "exact": 1.0,         # row label and column header both matched in full
    "header_prefix": 0.9,  # a truncated column header (本年新 | 本年新) read by position among the form's columns
    "default_columns": 0.8,  # no usable header: the form's column order assumed
    "section_guess": 0.7,  # a label shared by two sections (被依法纠错数) with no section seen before it
}

#: words that mean a cell states no value (a blank cell of a recognised row is an implicit 0)
BLANK_MARKS = ("——", "—", "－", "-", "/", "／", "－－", "--", "———", "……", "…", "无")

#: labels that may open a row without being part of it
PREFIXES = ("其中:", "其中：", "其中")

# ---------------------------------------------------------------- t2008
#: 政府信息公开情况统计表 (reports for 2008-2018): rows in printed order.
#: ``section`` is the top-level item a row belongs to; a label printed in two
#: sections (被依法纠错数, 其他情形数) takes the id of the section it stands in.
T2008 = {
    "titles": ("政府信息公开情况统计表",),
    # header / caption cells that carry no value
    "ignore": ("统计指标", "单位", "统计数", "填报单位", "填报单位盖章", "年度"),
    "headers": (  # rows that carry no value of their own (—— in the value cell)
        ("主动公开情况", "一"),
        ("通过不同渠道和方式公开政府信息的情况", "一"),
        ("回应解读情况", "二"),
        ("依申请公开情况", "三"),
        ("机构建设和保障经费情况", "八"),
        ("政府信息公开会议和培训情况", "九"),
    ),
    "rows": (
        ("主动公开政府信息数", "proactive.total", "一"),
        ("主动公开规范性文件数", "proactive.normative_docs", "一"),
        ("制发规范性文件总数", "proactive.normative_docs_issued", "一"),
        ("人大代表建议和政协提案办理结果公开数", "proactive.proposal_results", "一"),
        ("政府公报公开政府信息数", "proactive.channel.gazette", "一"),
        ("政府网站公开政府信息数", "proactive.channel.website", "一"),
        ("政务微博公开政府信息数", "proactive.channel.weibo", "一"),
        ("政务微信公开政府信息数", "proactive.channel.wechat", "一"),
        ("其他方式公开政府信息数", "proactive.channel.other", "一"),
        ("回应公众关注热点或重大舆情数", "response.hot_topics", "二"),
        ("通过不同渠道和方式回应解读的情况", "response.channels_total", "二"),
        ("参加或举办新闻发布会总次数", "response.press_conferences", "二"),
        ("主要负责同志参加新闻发布会次数", "response.press_conferences_by_head", "二"),
        ("政府网站在线访谈次数", "response.online_interviews", "二"),
        ("主要负责同志参加政府网站在线访谈次数", "response.online_interviews_by_head", "二"),
        ("政策解读稿件发布数", "response.policy_interpretations", "二"),
        ("微博微信回应事件数", "response.weibo_wechat", "二"),
        ("其他方式回应事件数", "response.other", "二"),
        ("收到申请数", "request.new", "三"),
        ("当面申请数", "request.new.in_person", "三"),
        ("传真申请数", "request.new.fax", "三"),
        ("网络申请数", "request.new.online", "三"),
        ("信函申请数", "request.new.letter", "三"),
        ("电子邮件申请数", "request.new.email", "三"),
        ("其他形式申请数", "request.new.other", "三"),
        ("申请办结数", "request.completed", "三"),
        ("按时办结数", "request.completed.on_time", "三"),
        ("延期办结数", "request.completed.extended", "三"),
        ("申请答复数", "request.result.total", "三"),
        ("属于已主动公开范围数", "request.result.already_public", "三"),
        ("同意公开答复数", "request.result.granted", "三"),
        ("同意部分公开答复数", "request.result.partial", "三"),
        ("不同意公开答复数", "request.result.denied", "三"),
        ("涉及国家秘密", "request.result.denied.state_secret", "三"),
        ("涉及商业秘密", "request.result.denied.commercial_secret", "三"),
        ("涉及个人隐私", "request.result.denied.privacy", "三"),
        ("危及国家安全、公共安全、经济安全和社会稳定", "request.result.denied.security_stability", "三"),
        ("不是《条例》所指政府信息", "request.result.denied.not_gov_info", "三"),
        ("法律法规规定的其他情形", "request.result.denied.other_law", "三"),
        ("不属于本行政机关公开数", "request.result.not_this_agency", "三"),
        ("申请信息不存在数", "request.result.nonexistent", "三"),
        ("告知作出更改补充数", "request.result.amend_requested", "三"),
        ("告知通过其他途径办理数", "request.result.other_channel", "三"),
        ("行政复议数量", "review.total", "四"),
        ("维持具体行政行为数", "review.upheld", "四"),
        ("被依法纠错数", "review.corrected", "四"),
        ("其他情形数", "review.other", "四"),
        ("行政诉讼数量", "litigation.total", "五"),
        ("维持具体行政行为或者驳回原告诉讼请求数", "litigation.upheld", "五"),
        ("被依法纠错数", "litigation.corrected", "五"),
        ("其他情形数", "litigation.other", "五"),
        ("举报投诉数量", "complaints.total", "六"),
        ("依申请公开信息收取的费用", "fees.collected", "七"),
        ("政府信息公开工作专门机构数", "org.dedicated_bodies", "八"),
        ("设置政府信息公开查阅点数", "org.reading_points", "八"),
        ("从事政府信息公开工作人员数", "org.staff", "八"),
        ("专职人员数", "org.staff.full_time", "八"),
        ("兼职人员数", "org.staff.part_time", "八"),
        ("政府信息公开专项经费", "org.budget", "八"),
        ("召开政府信息公开工作会议或专题会议数", "training.meetings", "九"),
        ("举办各类培训班数", "training.sessions", "九"),
        ("接受培训人员数", "training.trainees", "九"),
    ),
}

# ---------------------------------------------------------------- t2019 / t2021
#: table 二 (第二十条): per item, row label → id prefix, and per era the
#: column headers → id suffix (id = prefix + "." + suffix).
TABLE2 = {
    "titles": ("主动公开政府信息情况",),
    "ignore": ("信息内容", "资讯内容"),  # 資訊: the Hong Kong / Taiwan word for 信息
    "items": {
        "一": {
            "rows": (("规章", "proactive.regulations"), ("规范性文件", "proactive.normative"),
                     ("行政规范性文件", "proactive.normative"), ("规范性档案", "proactive.normative")),
            "columns": {
                "t2019": (("本年新制作数量", "made"), ("本年新公开数量", "published"),
                          ("对外公开总数量", "published_total")),
                "t2021": (("本年制发件数", "made"), ("本年废止件数", "repealed"), ("现行有效件数", "in_force")),
            },
        },
        "五": {
            "rows": (("行政许可", "proactive.licensing"), ("其他对外管理服务事项", "proactive.other_services")),
            "columns": {
                "t2019": (("上一年项目数量", "items_prev_year"), ("本年增/减", "items_change"),
                          ("处理决定数量", "decisions")),
                "t2021": (("本年处理决定数量", "decisions"),),
            },
        },
        "六": {
            "rows": (("行政处罚", "proactive.penalty"), ("行政强制", "proactive.enforcement")),
            "columns": {
                "t2019": (("上一年项目数量", "items_prev_year"), ("本年增/减", "items_change"),
                          ("处理决定数量", "decisions")),
                "t2021": (("本年处理决定数量", "decisions"),),
            },
        },
        "八": {
            "rows": (("行政事业性收费", "proactive.fees"),),
            "columns": {
                "t2019": (("上一年项目数量", "items_prev_year"), ("本年增/减", "items_change")),
                "t2021": (("本年收费金额", "amount"),),
            },
        },
        "九": {
            "rows": (("政府集中采购", "proactive.procurement"),),
            "columns": {
                "t2019": (("采购项目数量", "projects"), ("采购总金额", "amount")),
            },
        },
    },
}

#: table 三: rows (label → id), the applicant columns, and the group headers.
TABLE3 = {
    "titles": ("收到和处理政府信息公开申请情况",),
    "ignore": ("申请人情况",),
    "applicants": (
        ("自然人", "natural_person"),
        ("商业企业", "commercial"),
        ("科研机构", "research"),
        ("社会公益组织", "social_welfare"),
        ("法律服务机构", "legal_service"),
        ("其他", "other_org"),
        ("总计", "total"),
    ),
    # the header cell spanning the five organisation columns
    "organisations": ("法人或其他组织", ("commercial", "research", "social_welfare", "legal_service", "other_org")),
    "groups": ("本年度办理结果",),
    "rows": (
        ("本年新收政府信息公开申请数量", "request.new"),
        ("上年结转政府信息公开申请数量", "request.carried_over"),
        ("予以公开", "request.result.granted"),
        ("部分公开", "request.result.partial"),
        ("不予公开", "request.result.denied"),
        ("属于国家秘密", "request.result.denied.state_secret"),
        ("其他法律行政法规禁止公开", "request.result.denied.prohibited_by_law"),
        ("危及“三安全一稳定”", "request.result.denied.security_stability"),
        ("保护第三方合法权益", "request.result.denied.third_party"),
        ("属于三类内部事务信息", "request.result.denied.internal_affairs"),
        ("属于四类过程性信息", "request.result.denied.process_info"),
        ("属于行政执法案卷", "request.result.denied.enforcement_files"),
        ("属于行政查询事项", "request.result.denied.query_matter"),
        ("无法提供", "request.result.unable"),
        ("本机关不掌握相关政府信息", "request.result.unable.not_held"),
        ("没有现成信息需要另行制作", "request.result.unable.needs_creation"),
        ("补正后申请内容仍不明确", "request.result.unable.unclear"),
        ("不予处理", "request.result.not_processed"),
        ("信访举报投诉类申请", "request.result.not_processed.petition"),
        ("重复申请", "request.result.not_processed.duplicate"),
        ("要求提供公开出版物", "request.result.not_processed.publication"),
        ("无正当理由大量反复申请", "request.result.not_processed.excessive"),
        ("要求行政机关确认或重新出具已获取信息", "request.result.not_processed.confirmation"),
        ("其他处理", "request.result.other"),
        ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "request.result.other.no_amendment"),
        ("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "request.result.other.unpaid_fee"),
        ("其他", "request.result.other.other"),
        ("总计", "request.result.total"),
        ("结转下年度继续办理", "request.carried_forward"),
    ),
    #: rows printed only on the 2021 form (their presence marks t2021)
    "t2021_rows": ("request.result.other.no_amendment", "request.result.other.unpaid_fee",
                   "request.result.other.other"),
}

#: table 四: the group headers (in printed order) and the five result columns of each.
TABLE4 = {
    "titles": ("政府信息公开行政复议和行政诉讼情况", "政府信息公开行政复议、行政诉讼情况"),
    "ignore": ("行政诉讼",),
    "groups": (("行政复议", "review"), ("未经复议直接起诉", "litigation.direct"),
               ("复议后起诉", "litigation.after_review")),
    "leaves": (("结果维持", "upheld"), ("结果纠正", "corrected"), ("其他结果", "other"),
               ("尚未审结", "pending"), ("总计", "total")),
}
