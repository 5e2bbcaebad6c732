"""Hand-written phrasings, grouped by report section.

Mini-language: ``{indicator.id}`` an annotated number (``{id@applicant}`` a
breakdown by applicant), ``{~kind}`` a number that must stay untagged (year,
date, pct, phone, post, docno, cnt, diff, ord), ``{we}`` the agency's self
reference, ``{Y}`` the report year, ``[a|b|c]`` pick one. A template tagged
``old`` is only used for reports up to 2018 (2008-era vocabulary), ``new`` for
2019 on; untagged ones for both. All sentences are written for this generator.
"""
from __future__ import annotations

WE = ("我局", "我委", "本机关", "我办", "本局", "我单位", "区政府", "县政府", "市政府办公室", "我镇", "我乡",
      "本部门", "我中心", "街道办事处", "我厅", "本委")
AGENCIES = ("市生态环境局", "区人力资源和社会保障局", "县卫生健康局", "市交通运输局", "区市场监督管理局",
            "县教育局", "市自然资源和规划局", "区民政局", "镇人民政府", "市税务局", "县农业农村局",
            "市住房和城乡建设局", "区司法局", "市统计局", "县水利局", "街道办事处", "市医疗保障局")
PLACES = ("宁远", "江城", "青山", "临川", "白沙", "云岭", "东湖", "南平", "北川", "西岭", "安平", "河源", "长乐")

# (era, template) per section; each document takes a few sentences per section.
PROACTIVE = [
    ("any", "{Y}年，{we}[共|累计|全年共]主动公开政府信息{proactive.total}条。"),
    ("any", "全年[共|累计]主动公开[各类|]政府信息{proactive.total}条，其中[通过|在][门户网站|政府网站|局网站][发布|公开]{proactive.channel.website}条，[政务微信|微信公众号]发布{proactive.channel.wechat}条，[政务微博|官方微博]发布{proactive.channel.weibo}条。"),
    ("any", "{we}主动公开政府信息{proactive.total}条，其中：[门户网站|政府网站]{proactive.channel.website}条、[政务微信|微信公众号]{proactive.channel.wechat}条、[政务微博|微博]{proactive.channel.weibo}条。"),
    ("any", "本年度通过[政府网站|门户网站|官方网站]公开[各类|]信息{proactive.channel.website}条，[较上年|比上年][增加|增长]{~diff}条。"),
    ("any", "[门户网站|政府网站][全年|]发布信息{proactive.channel.website}条，[政务微信公众号|“微信公众号”|官方微信]推送{proactive.channel.wechat}条，[官方微博|政务微博]更新{proactive.channel.weibo}条。"),
    ("any", "通过[政务微博|微博]、[政务微信|微信]等新媒体平台发布信息{proactive.channel.new_media}条。"),
    ("any", "[政务新媒体|微博微信]共发布[信息|政务信息]{proactive.channel.new_media}条，[阅读量|浏览量]{~cnt}人次。"),
    ("any", "在[《{place}政府公报》|政府公报]刊登政府信息{proactive.channel.gazette}条。"),
    ("any", "[新增|新]主动公开政府信息{proactive.total}条，主要包括[工作动态|机构职能|财政预决算|重点领域信息]等内容。"),
    ("any", "[主动|]公开政府信息[共|]计{proactive.total}条，信息公开率{~pct}。"),
    ("any", "截至{~date}，{we}在政府信息公开专栏累计发布信息{proactive.total}条，[设置|开设]栏目{~cnt}个。"),
    ("old", "[制发|制定并发布]规范性文件{proactive.normative_docs_issued}件，[全部|均]按规定[主动公开|向社会公开]。"),
    ("old", "主动公开规范性文件{proactive.normative_docs}条，[备案|清理]文件{~cnt}件。"),
    ("new", "全年[共|]制发[行政|]规范性文件{proactive.normative.made}件，[确定|]现行有效[行政|]规范性文件{proactive.normative.in_force}件。"),
    ("new", "本年[新|]公开[行政|]规范性文件{proactive.normative.published}件，废止{proactive.normative.repealed}件。"),
    ("new", "[制发|制定]规章{proactive.regulations.made}件，现行有效规章{proactive.regulations.in_force}件。"),
    ("new", "公开行政许可[处理决定|决定]{proactive.licensing.decisions}件、行政处罚[决定|案件信息]{proactive.penalty.decisions}件[、行政强制决定{proactive.enforcement.decisions}件|]。"),
    ("new", "[全年|]办理行政处罚案件{proactive.penalty.decisions}件，[并|均]在网站[公示|公开]。"),
    ("any", "主动公开人大代表建议和政协提案办理结果{proactive.proposal_results}[件|条]。"),
    ("any", "全年[浏览量|访问量]达到{~cnt}人次，[更新|维护]专题专栏{~cnt}个，[转载|转发]上级信息{~cnt}条。"),
]
RESPONSE = [
    ("any", "[全年|本年度|{Y}年][召开|举办|参加]新闻发布会{response.press_conferences}[次|场]，[其中|]主要负责同志[出席|参加]{response.press_conferences_by_head}次。"),
    ("any", "[共|]举办新闻发布会{response.press_conferences}场，发布[权威|]信息{~cnt}条。"),
    ("any", "[开展|组织]政府网站在线访谈{response.online_interviews}次，[其中|]主要负责同志参加{response.online_interviews_by_head}次。"),
    ("any", "{response.online_interviews}次[参加|做客]在线访谈[栏目|节目]，[解答|回复]网民[提问|问题]{~cnt}个。"),
    ("any", "[发布|制作]政策解读[稿件|材料|文章]{response.policy_interpretations}[篇|条|份]，[图解|图文解读]{~cnt}个。"),
    ("any", "[围绕|针对]重要政策[文件|]，[发布|推出]解读[信息|材料]{response.policy_interpretations}篇。"),
    ("any", "回应公众关注热点[或重大舆情|问题|]{response.hot_topics}次。"),
    ("any", "[及时|积极]回应[社会|公众]关切{response.hot_topics}[次|条]，[舆情|热点]回应率{~pct}。"),
    ("any", "[通过|利用]微博微信回应事件{response.weibo_wechat}次。"),
    ("any", "接受媒体采访{~cnt}次，[刊发|发布]新闻稿件{~cnt}篇。"),
]
REQUEST = [
    ("any", "{Y}年，{we}[共|]收到政府信息公开申请{request.new}件。"),
    ("any", "[全年|本年度|{Y}年度][共|]受理政府信息公开申请{request.new}件，[较上年|比上年|同比][增加|减少|下降]{~pct}。"),
    ("any", "[本年度|全年]新收政府信息公开申请{request.new}件，上年结转{request.carried_over}件。"),
    ("any", "[共|]接到[依申请公开|信息公开申请][事项|]{request.new}[件|项]，[全部|均]在法定期限内[答复|办结]。"),
    ("any", "收到[公民、法人或其他组织提出的|]政府信息公开申请{request.new}件，其中[网上申请|网络申请|通过网站提交]{request.new.online}件，[信函申请|邮寄|来信]{request.new.letter}件，[当面申请|现场申请|当面提交]{request.new.in_person}件。"),
    ("any", "受理依申请公开{request.new}件（其中：[网上|网络]申请{request.new.online}件，[当面|现场]申请{request.new.in_person}件，[信函|邮寄]申请{request.new.letter}件）。"),
    ("any", "[按申请方式分|从申请方式看]，[网络|网上]申请{request.new.online}件，传真申请{request.new.fax}件，电子邮件申请{request.new.email}件，[其他形式|其他方式]{request.new.other}件。"),
    ("any", "共收到申请{request.new}件，其中[公民|自然人|个人]申请{request.new@natural_person}件，法人或其他组织申请{request.new@legal_entity}件。"),
    ("any", "[全年|]收到政府信息公开申请{request.new}件。[其中，|]公民[个人|]提出申请{request.new@natural_person}件，[占比|占]{~pct}；法人或其他组织提出申请{request.new@legal_entity}件，占{~pct}。"),
    ("any", "{request.new@natural_person}件申请人为公民，{request.new@legal_entity}件为法人或其他组织。"),
    ("any", "上年[度|]结转{request.carried_over}件，[本年度|全年]办结{request.completed}件，结转下年度继续办理{request.carried_forward}件。"),
    ("old", "[申请|]办结{request.completed}件，其中按时办结{request.completed.on_time}件，延期办结{request.completed.extended}件。"),
    ("old", "[共|]答复申请{request.result.total}件，其中同意公开{request.result.granted}件，同意部分公开{request.result.partial}件，不同意公开{request.result.denied}件。"),
    ("old", "[在已答复的|已答复]{request.result.total}件申请中，属于已主动公开范围{request.result.already_public}件，同意公开{request.result.granted}件；不属于本机关公开[范围|]{request.result.not_this_agency}件，申请信息不存在{request.result.nonexistent}件。"),
    ("old", "同意公开答复{request.result.granted}件、同意部分公开答复{request.result.partial}件、不同意公开答复{request.result.denied}件。"),
    ("new", "[办理结果方面|从办理结果看]，予以公开{request.result.granted}件，部分公开{request.result.partial}件，不予公开{request.result.denied}件，无法提供{request.result.unable}件，不予处理{request.result.not_processed}件，其他处理{request.result.other}件。"),
    ("new", "[已|]办理[答复|完结]{request.result.total}件，其中予以公开{request.result.granted}件；部分公开{request.result.partial}件；无法提供{request.result.unable}件。"),
    ("new", "予以公开{request.result.granted}件（其中[自然人|公民]{request.result.granted@natural_person}件，法人或其他组织{request.result.granted@legal_entity}件）。"),
    ("new", "因本机关不掌握相关政府信息[而|]无法提供{request.result.unable.not_held}件，属于国家秘密不予公开{request.result.denied.state_secret}件。"),
    ("new", "[另有|]{request.carried_forward}件[申请|]结转[至|]下年度[继续|]办理。"),
    ("any", "办结率{~pct}，[平均|]办理时间{~cnt}个工作日。"),
]
REVIEW = [
    ("any", "[全年|本年度|{Y}年][共|]发生[因政府信息公开|涉及政府信息公开的]行政复议{review.total}件，行政诉讼{litigation.total}件。"),
    ("any", "[因政府信息公开|]被申请行政复议{review.total}件，其中维持{review.upheld}件，[被依法纠错|纠错]{review.corrected}件，[其他情形|其他]{review.other}件[，尚未审结{review.pending}件|]。"),
    ("any", "[涉及政府信息公开的|]行政诉讼{litigation.total}件，[其中|]维持[具体行政行为|]或驳回原告诉讼请求{litigation.upheld}件，被依法纠错{litigation.corrected}件。"),
    ("any", "收到[针对{we}政府信息公开的|]行政复议申请{review.total}件，[均|全部]维持原答复。"),
    ("any", "[全年|]被提起行政诉讼{litigation.total}件，[尚未审结|在审]{litigation.pending}件。"),
    ("any", "[收到|接到][政府信息公开工作|政府信息公开|]举报投诉{complaints.total}件，已[全部|]调查处理。"),
    ("any", "本年度未发生因政府信息公开[引起|提起]的行政复议和行政诉讼。"),
    ("any", "未收到[针对政府信息公开工作的|]投诉举报。"),
]
FEES = [
    ("any", "[全年|本年度]收取[政府信息公开|信息处理]费用{fees.collected}万元。"),
    ("any", "未[对|向][依申请提供政府信息|申请人]收取[任何|]费用。"),
    ("any", "依申请公开[政府信息|]暂不收费。"),
]
ORG = [
    ("any", "{we}[设立|成立]政府信息公开工作专门机构{org.dedicated_bodies}个，[配备|安排]工作人员{org.staff}[人|名]，其中专职{org.staff.full_time}人，兼职{org.staff.part_time}人。"),
    ("any", "[配备|落实]专职[工作|]人员{org.staff.full_time}名、兼职[工作|]人员{org.staff.part_time}名。"),
    ("any", "从事政府信息公开工作人员{org.staff}人。"),
    ("any", "[在|于][档案馆|图书馆|政务服务中心]等[地|场所][设置|设立]政府信息公开查阅点{org.reading_points}个。"),
    ("any", "[全年|]政府信息公开专项经费{org.budget}万元。"),
    ("any", "[召开|组织召开]政府信息公开工作会议[或专题会议|]{training.meetings}次，[举办|组织]各类培训班{training.sessions}[次|期]，[培训|参训]人员{training.trainees}人次。"),
    ("any", "[开展|组织]政务公开业务培训{training.sessions}次，[接受培训人员|参训人员]{training.trainees}人次。"),
    ("any", "[成立|调整]政务公开领导小组，成员{~cnt}人，[召开|开展]专题学习{~cnt}次。"),
]
PROPOSALS = [
    ("any", "[全年|本年度][共|]办理人大代表建议{proposals.npc}件、政协[委员|]提案{proposals.cppcc}件，办结率{~pct}。"),
    ("any", "[承办|办理]市人大代表建议{proposals.npc}件，政协提案{proposals.cppcc}件，[均|全部]按时办结。"),
    ("any", "[收到|承办][政协委员提案|政协提案]{proposals.cppcc}件，人大代表建议{proposals.npc}件，[满意率|满意和基本满意率]{~pct}。"),
]
CLOSING = [
    ("any", "联系电话：{~phone}，邮政编码：{~post}。"),
    ("any", "根据《{place}市政府信息公开规定》（[{place}政发|政办发]{~docno}号）要求，编制本报告。"),
    ("any", "本报告统计期限自{~date}起至{~date}止。"),
    ("any", "[一|二|三|四]是[加强|完善|深化]政务公开[平台|制度|队伍]建设；[进一步|不断]提升公开质量。"),
    ("any", "[地址|通讯地址]：{place}市[人民|中山|解放]路{~ord}号，[咨询|联系]电话{~phone}。"),
]
SECTIONS = (
    ("一、主动公开政府信息情况", PROACTIVE),
    ("二、政策解读与回应关切情况", RESPONSE),
    ("三、依申请公开政府信息情况", REQUEST),
    ("四、行政复议、行政诉讼情况", REVIEW),
    ("五、政府信息公开的收费及减免情况", FEES),
    ("六、政府信息公开工作机构和人员情况", ORG),
    ("七、人大代表建议和政协提案办理情况", PROPOSALS),
    ("八、其他需要报告的事项", CLOSING),
)

# Prose without counts (or with counts of no indicator), mixed between the
# sentences above so that numbers sit in realistic amounts of running text.
FILLER = [
    "[坚持|始终坚持|深入贯彻]以公开为常态、不公开为例外的原则，[不断|持续][加大|深化]政府信息公开力度。",
    "[围绕|聚焦]{we}中心工作，[及时|准确|全面]发布[政策文件|工作动态|通知公告]等信息。",
    "[进一步|不断]健全政府信息公开[工作机制|制度体系]，[明确|压实][工作责任|分管领导和具体经办人员]。",
    "[严格|认真]落实信息发布[保密审查|三审三校]制度，[确保|做到]信息[安全|准确]、[及时|规范]。",
    "[加强|强化]政府网站[信息公开专栏|政务公开专栏]建设，[优化|调整][栏目设置|页面布局]，[方便|便于]群众查阅。",
    "[按照|根据]《中华人民共和国政府信息公开条例》[规定|要求]，[认真|扎实]做好[依申请公开|政府信息公开]工作。",
    "[畅通|拓宽]依申请公开[渠道|受理渠道]，[规范|优化][办理流程|答复文书]，[依法|按时][答复|回复]申请人。",
    "[对照|结合]上级[考核|评估]要求，[逐项|全面][梳理|排查][公开内容|存在问题]并[及时|限期]整改。",
    "[存在的主要问题|工作中还存在一些不足]：[公开内容还不够全面|政策解读形式较为单一|信息更新不够及时]。",
    "下一步，{we}将[继续|进一步][提高|提升]政府信息公开[质量|水平]，[更好地|切实]保障[人民群众|公众]的知情权、参与权和监督权。",
    "[组织|开展]“[政务公开日|开放日]”活动，[邀请|组织]群众代表{~cnt}名[走进|参观]机关。",
    "[全年|本年度]网站[访问量|点击量|总访问量]{~cnt}人次，[较上年|同比][增长|上升]{~pct}。",
    "[12345|12333|12369]热线[共|]受理群众来电{~cnt}[个|件]，[按时|及时]办结率{~pct}。",
    "[做好|加强]政府信息[管理|动态调整]，[清理|审查][历史|过期]文件{~cnt}件，[确保|保证]公开信息[准确|有效]。",
    "{Y}年[是|为]“十[三|四|五]五”规划[开局之年|关键之年|收官之年]，{we}[紧紧围绕|聚焦]年度目标任务[扎实推进|统筹推进]各项工作。",
    "[建立|完善]政务舆情[监测|回应]机制，[做到|实现]早发现、早研判、早处置。",
    "[依托|利用]政务服务大厅[设置|开设]政府信息公开[查阅|咨询]窗口，[提供|安排]专人[服务|值守]。",
    "[各科室|各单位]按照[“谁制作、谁公开”|“谁公开、谁审查”]的原则，[及时|主动]报送公开信息。",
    "[本报告|本年度报告]由{we}[编制|负责编写]，[电子版|全文]可在[门户网站|政府信息公开网]下载。",
    "[办公地址|地址]位于{place}市[新华|建设|人民]路{~ord}号，[邮编|邮政编码]{~post}。",
]

# Numbers before the noun, percentages beside counts, topic categories (untagged).
PROACTIVE += [
    ("any", "{we}[全年|]主动公开[各类|]政府信息{proactive.total}条，其中[工作动态|政务动态]{~cnt}条、[通知公告|公示公告]{~cnt}条、[人事信息|财政信息]{~cnt}条。"),
    ("any", "[按类别分|从内容看]，[机构职能类|业务动态类|计划总结类]信息{~cnt}条，占{~pct}。"),
    ("any", "通过[微信公众号|政务微信]公开[工作动态|各类信息]（含原创、转发等）{proactive.channel.wechat}条。"),
    ("any", "[局|委|中心][官方|]网站[共|全年]发布[各类|]信息{proactive.channel.website}条，[抖音号|头条号|视频号]发布作品{~cnt}条。"),
    ("new", "{Y}年度新发布的[行政|]规范性文件{proactive.normative.made}[件|份]，[确定|]继续有效的[行政|]规范性文件{proactive.normative.in_force}件。"),
    ("new", "主动公开规章{proactive.regulations.published}件，[行政|]规范性文件{proactive.normative.published}[件|份]。"),
    ("any", "[公示|公开][各类|]行政处罚案件信息{proactive.penalty.decisions}条。"),
    ("any", "主动公开建议提案办理[结果|复文]{proactive.proposal_results}条。"),
]
RESPONSE += [
    ("any", "{response.press_conferences}次[召开|举办|参加]新闻发布会，[发布|通报]重要信息{~cnt}条。"),
    ("any", "[全年|]办理[回复|处置]网络舆情{response.hot_topics}[条|次]。"),
    ("any", "[共|][主办|举办]{response.press_conferences}场新闻发布会。"),
    ("any", "政策解读[信息|稿件]{response.policy_interpretations}[条|篇]，[回应关切|回应社会关切]{response.hot_topics}条。"),
    ("any", "{response.online_interviews}次参加[市政府|区政府|电台]组织的在线访谈[栏目|节目]。"),
]
REQUEST += [
    ("any", "{Y}年，{we}[收到|接到|受理]{request.new}[件|项|条]政府信息公开申请，[均|全部]已按时答复。"),
    ("any", "{we}接到依申请公开[方面的诉求|申请事项]{request.new}件。"),
    ("any", "其中{request.completed.on_time}件按时办结，{request.carried_forward}件结转下年度办理。"),
    ("any", "通过[网站|官方网站|政务网]提交申请的{request.new.online}件，占比{~pct}；通过信函提交申请的{request.new.letter}件，占比{~pct}；当面提交{request.new.in_person}件。"),
    ("any", "在已经答复的{request.result.total}件申请中：“[予以公开|同意公开]”的{request.result.granted}件，“不予公开”的{request.result.denied}件，占总数{~pct}。"),
    ("any", "[全年|]受理政府信息公开申请{request.new}件，予以公开{request.result.granted}件。"),
    ("any", "[共|]收到{request.new}起政府信息[依申请公开|公开]申请。"),
]
ORG += [
    ("any", "为开展政府信息公开工作配备了{org.staff.full_time}名专职工作人员，设立了{org.reading_points}个政府信息[查阅点|申请受理点]。"),
    ("any", "[专门|]配备了{org.staff.part_time}名兼职工作人员。"),
    ("any", "[年初、年中|上半年|全年]{training.sessions}次举办政府信息公开[业务|]培训[班|]。"),
    ("any", "[单位|]组织开展信息公开工作培训会{training.sessions}次。"),
    ("any", "在[政务中心|档案馆|图书馆]、[档案馆|文化馆|便民服务中心]设置{org.reading_points}个政府[公开信息|信息公开]查阅点。"),
]
