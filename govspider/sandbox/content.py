"""Chinese text for the simulated province: titles, bodies, letters, guides and the 错别字 dictionary.

Everything is drawn from a seeded generator (``stable_rng``) so the same seed gives the same words, and
phrasing is varied (many templates × many fillers) so no analyzer can key on one sentence.
"""

from __future__ import annotations

import hashlib
import random
import string
from functools import lru_cache

#: 严重表述错误: wrong term -> right term. The sandbox plants the wrong terms in article bodies.
SERIOUS_ERRORS = {
    "中华人名共和国": "中华人民共和国",
    "社会注意核心价值观": "社会主义核心价值观",
    "全国人民代表大汇": "全国人民代表大会",
    "习近平总书计": "习近平总书记",
    "中国特色社会主意": "中国特色社会主义",
    "中国共产党湖南省委员汇": "中国共产党湖南省委员会",
}

#: 暗链 words planted (hidden by CSS) on defaced pages
SPAM_TERMS = ("澳门新葡京", "太阳城娱乐", "皇冠体育投注", "百家乐在线", "时时彩平台", "棋牌真人娱乐")
SPAM_HOSTS = ("www.xpj8866.com", "www.tyc1188.net", "hg0088-bet.com", "bjl-online.cc")

TOPICS = (
    "优化营商环境", "安全生产", "乡村振兴", "防汛抗旱", "森林防火", "城乡环境整治", "政务公开",
    "招商引资", "民生实事", "耕地保护", "生态环境保护", "食品安全", "文明城市创建", "科技创新",
    "就业创业", "养老服务", "义务教育", "医疗保障", "数字政府建设", "平安建设", "河长制",
    "农村人居环境", "消防安全", "重点项目建设", "基层治理", "粮食生产", "冬春农田水利",
    "燃气安全", "校园安全", "全民健身", "法治政府建设", "社会救助", "退役军人服务",
)
PLACES = (
    "星沙街道", "泉塘街道", "榔梨街道", "黄兴镇", "春华镇", "果园镇", "路口镇", "高桥镇", "金井镇",
    "北山镇", "江背镇", "安沙镇", "湘龙街道", "开慧镇", "福临镇", "青山铺镇", "黄花镇", "暮云街道",
    "洞井街道", "雨花亭街道", "白沙洲街道", "荷塘街道", "石峰街道", "白关镇", "浦口镇", "孙家湾镇",
)
ACTIONS = (
    "召开{topic}工作推进会", "开展{topic}专项检查", "部署{topic}重点工作", "调研{topic}工作",
    "举办{topic}专题培训班", "召开{topic}工作调度会", "推进{topic}取得新成效", "开展{topic}宣传活动",
    "督导{topic}工作落实情况", "召开{topic}领导小组会议", "启动{topic}三年行动", "通报{topic}工作进展",
)
NOTICE_TEMPLATES = (
    "关于做好{year}年{topic}工作的通知", "关于开展{topic}专项行动的通知", "关于{topic}有关事项的公告",
    "关于{place}{project}项目的公示", "关于征求《{topic}工作方案（征求意见稿）》意见的公告",
    "关于{year}年度{topic}考核结果的通报", "关于调整{topic}工作领导小组成员的通知",
    "{place}{project}项目批前公示", "关于{year}年{topic}资金安排情况的公示",
)
PROJECTS = ("道路提质改造", "老旧小区改造", "污水处理厂扩建", "农贸市场升级", "中小学新建", "安置房建设",
            "公园绿地", "供水管网改造", "农村公路", "停车场建设", "社区养老服务中心")
POLICY_TEMPLATES = (
    "{issuer}关于印发《{topic}实施方案》的通知", "{issuer}关于进一步加强{topic}工作的意见",
    "{issuer}关于印发《{topic}管理办法》的通知", "{issuer}关于支持{topic}若干措施的通知",
    "{issuer}关于印发《{topic}三年行动计划（{year}—{year2}年）》的通知",
)
OTHER_TEMPLATES = {
    "人事信息": ("关于{name}等同志职务任免的通知", "{year}年{unit}公开招聘工作人员公告",
             "{unit}{year}年公开遴选公务员拟录用人员名单公示", "关于{name}同志试用期满考核情况的公示"),
    "规划计划": ("{unit}{year}年工作要点", "{region}{topic}专项规划（{year}—{year2}年）",
             "{unit}{year}年{topic}工作计划", "{region}“十五五”{topic}规划"),
    "财政资金": ("{unit}{year}年部门预算公开", "{unit}{year}年部门决算公开", "{year}年{topic}专项资金分配结果公示"),
}
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌浩波宇鹏辉林海燕琳晨雪婷亮"
LEADER_TITLES = ("市长", "副市长", "县长", "副县长", "局长", "主任", "副局长", "党组书记")

SENTENCES = (
    "会议强调，要坚持以人民为中心的发展思想，把{topic}各项任务落到实处。",
    "{place}将{topic}纳入年度重点工作，明确责任分工，建立工作台账，实行销号管理。",
    "截至目前，全{area}已累计完成{topic}相关任务{n}项，完成年度目标的{pct}%。",
    "下一步，{unit}将持续压实责任，强化督查考核，推动{topic}工作提质增效。",
    "检查组深入{place}，通过查阅资料、实地察看、座谈交流等方式，详细了解{topic}推进情况。",
    "各单位要切实提高政治站位，加强组织领导，确保{topic}工作取得实效。",
    "活动现场发放宣传资料{n}余份，接受群众咨询{n2}人次，营造了良好的社会氛围。",
    "据统计，今年以来共投入资金{money}万元，惠及群众{n}余户。",
    "与会人员围绕{topic}中存在的突出问题进行了深入交流，并提出了具体改进措施。",
    "{name}指出，{topic}事关群众切身利益，必须坚持问题导向，补齐短板弱项。",
    "对检查中发现的{n}个问题，已现场交办相关责任单位限期整改。",
    "本次培训邀请了省市专家授课，{n}名业务骨干参加学习。",
)

ISSUES = (
    "小区停车难", "路灯长期不亮", "夜间施工噪音扰民", "道路积水严重", "公交线路调整", "社保关系转移",
    "住房公积金提取", "子女就近入学", "物业乱收费", "农村危房改造补助", "餐馆油烟扰民", "拖欠农民工工资",
    "不动产权证迟迟未办", "生活垃圾清运不及时", "违章搭建", "自来水水压不足", "学校周边交通拥堵",
    "医保报销比例", "养老金领取资格认证", "新能源汽车充电桩安装", "老旧小区加装电梯", "占道经营",
)
QUESTION_SENTENCES = (
    "本人居住在{place}，{issue}的问题已经持续{m}个多月，多次向社区反映未果。",
    "我们{place}附近{issue}，给周边居民生活带来很大不便，希望有关部门尽快处理。",
    "请问{issue}需要准备哪些材料，到哪里办理？网上能否办理？",
    "去年已经向有关部门反映过{issue}的情况，至今没有任何答复，恳请领导关注。",
    "附近群众对{issue}意见很大，希望政府能给一个明确的解决时间。",
)
REPLY_SENTENCES = (
    "您反映的{place}{issue}问题已收悉。经{unit}工作人员实地核查，情况基本属实。",
    "目前已责成相关单位制定整改方案，计划于{when}前完成整改。",
    "根据《{topic}管理办法》有关规定，您可携带身份证原件到{place}便民服务中心办理，也可登录政务服务网在线申请。",
    "经协调，相关企业已于{when}将问题处理完毕，我们将持续跟踪督办。",
    "如仍有疑问，请拨打{phone}咨询，工作日上午9:00-12:00，下午14:00-17:30。",
    "我们已将该问题纳入{topic}重点整治清单，并安排专人每周巡查。",
)
#: 敷衍回复: bare greetings, 转办 non-answers, thanks only
BOILERPLATE_GREETINGS = ("您好。", "您好！", "您好")
BOILERPLATE_FORWARDED = ("已转至代理公司，请继续关注我中心网站。", "已转至代理公司，请继续关注我中心网站")
BOILERPLATE_THANKS = ("感谢您的留言！", "感谢您对我们工作的关注和支持！", "谢谢您的来信，感谢您对我们工作的理解与支持。")
#: one reply pasted under many different questions
PASTED_REPLY = "您反映的问题已收悉，我们已转交相关部门研究处理，感谢您对我们工作的关注与支持。"

GUIDE_ITEMS = (
    "城乡居民基本养老保险参保登记", "食品经营许可", "建设工程规划许可证核发", "公共场所卫生许可",
    "药品零售企业经营许可", "个体工商户设立登记", "道路货物运输经营许可", "民办学校设立审批",
    "社会团体成立登记", "残疾人证办理", "城市建筑垃圾处置核准", "户外广告设施设置审批",
    "高龄津贴申领", "临时救助申请", "特困人员认定", "最低生活保障审核确认", "企业投资项目备案",
    "医疗机构执业登记", "排水许可证核发", "人力资源服务许可", "出版物零售单位设立审批",
    "农村村民宅基地审批", "林木采伐许可证核发", "取水许可", "烟花爆竹经营（零售）许可",
)
#: 办理材料 rows: (材料名称, 原件, 复印件, 份数)
MATERIALS = (("申请表", True, False, 1), ("申请人身份证明", False, True, 1), ("营业执照副本", False, True, 1),
             ("场所使用证明", True, False, 1), ("法定代表人身份证明", True, False, 1), ("相关资质证明材料", True, True, 1),
             ("授权委托书（委托办理的提供）", True, False, 1), ("平面布局图", True, False, 2), ("户口簿", True, True, 1),
             ("近期免冠二寸照片", True, False, 2), ("项目建议书", True, False, 3), ("专业技术人员名单及资格证明", False, True, 1))
EXTRA_MATERIALS = (("村（社区）出具的证明", True, False, 1), ("无犯罪记录证明", True, False, 1), ("近三年财务审计报告", False, True, 1))
LAWS = ("《中华人民共和国行政许可法》", "《中华人民共和国食品安全法》第三十五条", "《社会救助暂行办法》第十一条",
        "《城乡规划法》第四十条", "《湖南省实施〈社会团体登记管理条例〉办法》", "《药品管理法》第五十一条")
FEES = ("不收费", "免费", "按省物价局核定标准收取工本费10元", "每件20元（湘价费〔2019〕12号）")
HOURS = ("工作日上午9:00-12:00，下午13:30-17:00", "周一至周五 8:30-12:00，14:30-17:30（法定节假日除外）",
         "工作日9:00-17:00（中午不休）")
PROCESSES = ("申请—受理—审查—决定—送达", "网上申报→窗口受理→审核→办结→出证", "申请、受理、审核、审批、办结")


class StableRandom:
    """A small splitmix64 generator with the few ``random.Random`` methods the sandbox uses.

    Seeding it costs nothing (``random.Random`` spends ~10 µs building its state), which matters
    when every list page draws 20 titles on request.
    """

    __slots__ = ("state",)
    MASK = (1 << 64) - 1

    def __init__(self, seed: int):
        self.state = seed & self.MASK

    def _next(self) -> int:
        self.state = z = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        return (self._next() >> 11) / 9007199254740992.0

    def randint(self, a: int, b: int) -> int:
        return a + self._next() % (b - a + 1)

    def choice(self, seq):
        return seq[self._next() % len(seq)]

    def sample(self, population, k: int) -> list:
        pool = list(population)
        if not 0 <= k <= len(pool):
            raise ValueError("sample larger than population")
        return [pool.pop(self._next() % len(pool)) for _ in range(k)]

    def randbytes(self, n: int) -> bytes:
        return random.Random(self._next()).randbytes(n)


def stable_rng(*parts) -> StableRandom:
    """A generator seeded by the given parts (stable across runs, processes and Python versions)."""
    return StableRandom(stable_int(*parts))


def stable_int(*parts) -> int:
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def person_name(rng: StableRandom) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


_SLOTS = {
    "topic": lambda r, y: r.choice(TOPICS), "place": lambda r, y: r.choice(PLACES),
    "project": lambda r, y: r.choice(PROJECTS), "name": lambda r, y: person_name(r),
    "n": lambda r, y: r.randint(3, 900), "n2": lambda r, y: r.randint(20, 600), "pct": lambda r, y: r.randint(60, 99),
    "money": lambda r, y: r.randint(50, 9000), "m": lambda r, y: r.randint(2, 11),
    "area": lambda r, y: r.choice(("县", "市", "区", "省")), "year": lambda r, y: y, "year2": lambda r, y: y + 2,
    "issue": lambda r, y: r.choice(ISSUES), "unit": lambda r, y: "我局", "region": lambda r, y: "全县",
    "issuer": lambda r, y: "县人民政府办公室", "phone": lambda r, y: "0731-84012345",
    "when": lambda r, y: f"{y}年{r.randint(1, 12)}月底",
}


@lru_cache(maxsize=None)
def _slots_of(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for _lit, f, _spec, _conv in string.Formatter().parse(template) if f))


def fill(rng: StableRandom, template: str, **known) -> str:
    """Fill a template's {slots} with random domain words (known values win); only used slots draw."""
    year = known.get("year", 2026)
    values = {slot: known[slot] if slot in known else _SLOTS[slot](rng, year) for slot in _slots_of(template)}
    return template.format(**values)


def news_title(rng: StableRandom, short: str) -> str:
    action = rng.choice(ACTIONS)
    who = rng.choice((short, rng.choice(PLACES), f"{person_name(rng)}{rng.choice(LEADER_TITLES)}"))
    return fill(rng, "{who}" + action, who=who)


def notice_title(rng: StableRandom, year: int) -> str:
    return fill(rng, rng.choice(NOTICE_TEMPLATES), year=year)


def policy_title(rng: StableRandom, issuer: str, year: int) -> str:
    return fill(rng, rng.choice(POLICY_TEMPLATES), issuer=issuer, year=year)


def other_title(rng: StableRandom, column: str, unit: str, region: str, year: int) -> str:
    templates = OTHER_TEMPLATES.get(column, OTHER_TEMPLATES["规划计划"])
    return fill(rng, rng.choice(templates), unit=unit, region=region, year=year)


def body_paragraphs(rng: StableRandom, unit: str, count: int | None = None) -> list[str]:
    paras = []
    for _ in range(count or rng.randint(3, 6)):
        picks = rng.sample(SENTENCES, rng.randint(2, 4))
        paras.append("".join(fill(rng, s, unit=unit) for s in picks))
    return paras


#: static columns (机构设置 / 领导简介 / 内设机构 …): what their undated items are called
UNITS = ("办公室", "政策法规科", "综合规划科", "财务审计科", "人事科", "行政审批服务科", "监督检查科", "宣传教育科",
         "信息中心", "执法大队")
DUTIES = ("贯彻执行国家和省、市有关方针政策和法律法规，拟订本地区相关政策措施并组织实施。",
          "负责本系统行政审批事项的受理、审查和办理工作，推进政务服务标准化、规范化、便利化。",
          "组织开展相关领域的监督检查，依法查处违法违规行为。",
          "承担本部门政府信息公开、政务公开和网站建设管理工作。",
          "完成上级交办的其他任务。")


def static_title(rng: StableRandom, column: str, short: str, index: int) -> str:
    """An item of a static column: a leader (领导), a unit (机构) or a standing page."""
    if "领导" in column:
        return f"{rng.choice(LEADER_TITLES)}{person_name(rng)}"
    if "机构" in column or "科室" in column:
        return f"{short}{UNITS[index % len(UNITS)]}"
    return f"{short}{column}（{index + 1}）"


def duty_paragraphs(rng: StableRandom, site: str, column: str) -> list[str]:
    """The text block of a static column page (机构职能 …)."""
    first = f"{site}{column}如下："
    return [first] + [f"（{n}）{d}" for n, d in enumerate(rng.sample(DUTIES, rng.randint(3, 5)), 1)]


def letter_question(rng: StableRandom, place: str, issue: str) -> str:
    picks = rng.sample(QUESTION_SENTENCES, rng.randint(2, 3))
    return "".join(fill(rng, s, place=place, issue=issue) for s in picks)


def substantive_reply(rng: StableRandom, place: str, issue: str, unit: str, phone: str, greet: bool) -> str:
    picks = rng.sample(REPLY_SENTENCES, rng.randint(2, 4))
    text = "".join(fill(rng, s, place=place, issue=issue, unit=unit, phone=phone) for s in picks)
    return ("您好！" + text) if greet else text
