"""The province plan: which sites exist (a 湖南-like roster) and which defects each one carries.

``plan_province(seed, as_of, scale)`` returns the site models and the ground truth (one line per
planted defect, DESIGN.md contract). Defect *profiles* are shuffled among similar sites by the
seed, and the seed also picks columns, dates, letters, guide items and wording.
"""

from __future__ import annotations

import datetime as dt

from govspider.sandbox import content
from govspider.sandbox.model import Column, Guide, Letter, SiteModel, entry
from govspider.sites import Site

# (key, name, short, host, level, kind, region, county, admin code, hall of)
ROSTER = (
    ("P1", "湖南省人民政府", "湖南省", "www.hunan.gov.cn", "province", "portal", "湖南省", None, "430000", None),
    ("H1", "湖南政务服务网", "湖南省", "zwfw.hunan.gov.cn", "province", "service_hall", "湖南省", None, "430000", "P1"),
    ("P2", "长沙市人民政府", "长沙市", "www.changsha.gov.cn", "city", "portal", "长沙市", None, "430100", None),
    ("H2", "长沙市政务服务网", "长沙市", "zwfw.changsha.gov.cn", "city", "service_hall", "长沙市", None, "430100", "P2"),
    ("P3", "长沙县人民政府", "长沙县", "www.csx.gov.cn", "county", "portal", "长沙市", "长沙县", "430121", None),
    ("H3", "长沙县政务服务网", "长沙县", "zwfw.csx.gov.cn", "county", "service_hall", "长沙市", "长沙县", "430121", "P3"),
    ("P4", "株洲市人民政府", "株洲市", "www.zhuzhou.gov.cn", "city", "portal", "株洲市", None, "430200", None),
    ("H4", "株洲市网上办事大厅", "株洲市", "zwfw.zhuzhou.gov.cn", "city", "service_hall", "株洲市", None, "430200", "P4"),
    ("P5", "醴陵市人民政府", "醴陵市", "www.liling.gov.cn", "county", "portal", "株洲市", "醴陵市", "430281", None),
    ("H5", "醴陵市政务服务网", "醴陵市", "zwfw.liling.gov.cn", "county", "service_hall", "株洲市", "醴陵市", "430281", "P5"),
    ("D1", "湖南省教育厅", "省教育厅", "jyt.hunan.gov.cn", "department", "department", "湖南省", None, "430000", None),
    ("D2", "湖南省卫生健康委员会", "省卫生健康委", "wjw.hunan.gov.cn", "department", "department", "湖南省", None, "430000", None),
    ("D3", "长沙市发展和改革委员会", "市发展改革委", "fgw.changsha.gov.cn", "department", "department", "长沙市", None, "430100", None),
    ("D4", "株洲市人力资源和社会保障局", "市人社局", "rsj.zhuzhou.gov.cn", "department", "department", "株洲市", None, "430200", None),
    ("D5", "醴陵市文化旅游广电体育局", "市文旅广体局", "www.lilingwl.com", "department", "department", "株洲市", "醴陵市", "430281", None),
    ("D6", "长沙县自然资源局", "县自然资源局", "zrzyj.csx.gov.cn", "department", "department", "长沙市", "长沙县", "430121", None),
    ("D7", "株洲市粮食局", "市粮食局", "lsj.zhuzhou.gov.cn", "department", "department", "株洲市", None, "430200", None),
    ("D8", "长沙县星沙街道办事处", "星沙街道", "www.csxxingsha.cn", "department", "department", "长沙市", "长沙县", "430121", None),
)
ISSUERS = {"湖南省": "湘政发", "长沙市": "长政发", "长沙县": "长县政发", "株洲市": "株政发", "醴陵市": "醴政发"}

PORTAL_PROFILES = {
    "A": dict(home_stale=True, footer_missing={"conac", "jiucuo"}, annual_missing=True, unanswered=2, overdue=1),
    "B": dict(stale=["news"], blank=["notice", "other"], divergence=2, hall_blank=3, boilerplate=True,
              unanswered=2, overdue=2, no_interp=2, broken_links=True, broken_attachment=True, serious=2,
              footer_missing={"police_record"}, privacy_missing=True),
    "C": dict(stale=["notice", "policy", "other"], blank=["news"], divergence=1, hall_blank=2, defaced=True,
              footer_missing={"site_code", "icp"}, serious=1, js=True, overdue=1),
    "D": dict(),
}
DEPT_PROFILES = {
    "A": dict(dept_blank=3, stale=["other"], privacy_missing=True, annual_missing=True, blank=["policy"]),
    "B": dict(hazards=True),
    "C": dict(),
    "D": dict(defaced=True, serious=1, stale=["notice"], boilerplate=True),
}
FIXED_PROFILES = {
    "P1": dict(footer_missing={"sponsor", "contact"}, one_broken_link=True, no_interp=1),
    "D5": dict(non_gov=True),
    "D6": dict(fake_closure=True),
    "D7": dict(unreachable=True),
    "D8": dict(non_gov=True),
}
FAMILIES = ("ul", "table", "dl")
DATE_STYLES = ("iso", "slash", "cn", "dot", "yearhead", "iso", "yearhead")
ENCODINGS = ("utf8", "utf8", "gbk-both", "utf8", "gbk-meta", "utf8", "gb18030-header", "utf8")

# (slug, name, category) per site kind
PORTAL_COLUMNS = (("zwyw", "政务要闻", "news"), ("bmdt", "部门动态", "news"), ("xzdt", "乡镇动态", "news"),
                  ("tzgg", "通知公告", "notice"), ("zcwj", "政策文件", "policy"),
                  ("rsxx", "人事信息", "other"), ("ghjh", "规划计划", "other"))
DEPT_COLUMNS = (("gzdt", "工作动态", "news"), ("tzgg", "通知公告", "notice"), ("zcwj", "政策文件", "policy"),
                ("gfxwj", "规范性文件", "policy"), ("rsxx", "人事信息", "other"), ("czzj", "财政资金", "other"))
HALL_COLUMNS = (("tzgg", "通知公告", "notice"), ("bsdt", "办事动态", "news"))
BOXES_PORTAL = (("ldxx", "领导信箱"), ("zxts", "咨询投诉"), ("wmly", "网民留言"))
BOXES_OTHER = (("zxts", "咨询投诉"),)

SIZES = {"news": (25, 45, 1, 4), "notice": (15, 30, 5, 15), "policy": (10, 20, 10, 30), "other": (8, 15, 20, 50)}
STALE_AGE = {"news": (45, 150), "notice": (230, 500), "policy": (230, 500), "other": (430, 700)}


def plan_province(seed: int, as_of: dt.date, scale: str = "small"):
    """(site models, truth lines) for one province."""
    rng = content.stable_rng(seed, "plan")
    portal_keys = ["P2", "P3", "P4", "P5"]
    dept_keys = ["D1", "D2", "D3", "D4"]
    profile_of = dict(FIXED_PROFILES)
    for key, name in zip(rng.sample(portal_keys, 4), "ABCD"):
        profile_of[key] = PORTAL_PROFILES[name]
    for key, name in zip(rng.sample(dept_keys, 4), "ABCD"):
        profile_of[key] = DEPT_PROFILES[name]
    multiplier = 64 if scale == "bench" else 1

    codes, used = {}, set()
    for row in ROSTER:
        key, admin = row[0], row[8]
        if key.startswith("P"):
            serial = 1
        else:
            serial = rng.randint(40, 89) if key.startswith("H") else rng.randint(2, 39)
            while (admin, serial) in used:
                serial += 1
        used.add((admin, serial))
        codes[key] = f"{admin}{serial:04d}"

    truth: list[dict] = []
    models: dict[str, SiteModel] = {}
    for i, row in enumerate(ROSTER):
        key, name, short, host, level, kind, region, county, admin, hall_of = row
        profile = profile_of.get(key, {})
        if hall_of:
            profile = {"hall_blank": profile_of[hall_of].get("hall_blank", 0)}
            if profile_of[hall_of].get("home_stale"):
                profile["footer_missing"] = {"sitemap"}
        hall_code = codes["H" + key[1:]] if key.startswith("P") else None
        site = Site(site_code=codes[key], name=name, region=region, level=level, kind=kind,
                    url=f"http://{host}/", county=county, service_hall=hall_code,
                    status="closed" if profile.get("fake_closure") else "active",
                    render_js="auto")
        srng = content.stable_rng(seed, "site", key)
        sponsor = (name + "办公厅") if level == "province" and kind == "portal" else (
            name.replace("人民政府", "人民政府办公室") if kind == "portal" else
            (short + "政务服务中心" if kind == "service_hall" else name))
        model = SiteModel(
            site=site, seed=seed, short=short, family=FAMILIES[i % 3], date_style=DATE_STYLES[i % len(DATE_STYLES)],
            encoding=ENCODINGS[i % len(ENCODINGS)], sponsor=sponsor,
            phone=f"0731-{srng.randint(22000000, 89999999)}" if admin.startswith("4301") or admin == "430000"
            else f"0731-{srng.randint(22000000, 29999999)}",
            icp=f"湘ICP备{srng.randint(10000000, 99999999) if srng.random() < 0.5 else srng.randint(5000000, 9999999):08d}号",
            police=f"{admin}{srng.randint(2, 3):02d}{srng.randint(0, 999999):06d}",
            issuer=ISSUERS.get(short, short[:2] + "发"),
        )
        y = as_of.year
        model.annual_years = (y - 2,) if profile.get("annual_missing") else (y - 1, y - 2)
        model.privacy = not profile.get("privacy_missing")
        model.footer_missing = set(profile.get("footer_missing", ()))
        model.reachable = not profile.get("unreachable")
        if profile.get("hazards"):
            model.hazards = {"calendar", "session", "redirect_loop", "big_page", "binary_html", "malformed", "private_links"}
        _columns(model, kind, profile, srng, multiplier, as_of)
        _letters(model, kind, profile, srng, as_of)
        models[key] = model
        truth.extend(_site_truth(model, profile, as_of))
    # guides: portal + its hall share items; departments have their own
    for key, model in models.items():
        profile = profile_of.get(key, {})
        if key.startswith("P"):
            truth.extend(_pair_guides(model, models["H" + key[1:]], profile, seed))
        elif key in ("D1", "D2", "D3", "D4"):
            truth.extend(_dept_guides(model, profile, seed))
    order = [models[row[0]] for row in ROSTER]
    truth.sort(key=lambda t: (t["site_code"], t["rule_id"], t["key"]))
    return order, truth


def _columns(model: SiteModel, kind: str, profile: dict, rng, multiplier: int, as_of: dt.date) -> None:
    specs = PORTAL_COLUMNS if kind == "portal" else HALL_COLUMNS if kind == "service_hall" else DEPT_COLUMNS
    stale = list(profile.get("stale", ()))
    blank = list(profile.get("blank", ()))
    for number, (slug, name, category) in enumerate(specs, start=1):
        lo, hi, sp_lo, sp_hi = SIZES[category]
        count = rng.randint(lo, hi) * multiplier
        age = rng.randint(0, 7)
        spacing = rng.randint(sp_lo, sp_hi) if multiplier == 1 else 1   # bench: daily items, dates stay plausible
        col = Column(slug, name, category, count, age, spacing, rng.choice((15, 20)), number)
        if profile.get("home_stale") or category in stale:
            if category in stale:
                stale.remove(category)
            col.newest_age = rng.randint(*STALE_AGE[category])
            col.extras["stale"] = True
        elif category in blank:
            blank.remove(category)
            col.count = 0
        model.columns.append(col)
    first_news = [c for c in model.columns if c.category == "news" and c.count]
    if profile.get("js") and len(first_news) > 0:
        target = first_news[-1]
        target.js = True
        target.newest_age = min(target.newest_age, 5)
    # near-miss: one fresh column updated exactly 7 days ago
    fresh = [c for c in model.columns if c.count and "stale" not in c.extras]
    if fresh and not profile.get("home_stale"):
        fresh[-1].newest_age = 7
        # the homepage's newest entry must be fresh: the first fresh news/notice column is 0-3 days old
        lead = next((c for c in fresh if c.category in ("news", "notice")), fresh[0])
        lead.newest_age = min(lead.newest_age, 3)
    # planted extras on articles (small indices: present at every scale, on the first list page)
    by_cat = {}
    for col in model.columns:
        if col.count >= 6:
            by_cat.setdefault(col.category, []).append(col)
    news = by_cat.get("news", []) + by_cat.get("notice", [])
    policy = by_cat.get("policy", [])
    host_root = model.host[4:] if model.host.startswith("www.") else model.host
    if policy and profile.get("no_interp"):
        for idx in (1, 3, 4)[: profile["no_interp"]]:
            policy[0].extras.setdefault(idx, []).append("no_interp")
    if news:
        for n, term in enumerate(rng.sample(sorted(content.SERIOUS_ERRORS), profile.get("serious", 0))):
            news[n % len(news)].extras.setdefault(2 + n, []).append(f"serious:{term}")
        if profile.get("defaced"):
            news[0].extras.setdefault(1, []).append("defaced")
        if profile.get("broken_links"):
            model.broken_links.append((f"http://{model.host}/zt/2019/lhzt/index.html", 404, True))
            news[0].extras.setdefault(3, []).append(f"broken:http://{model.host}/cms/wcm/jsp/detail.jsp?id=5521:500")
            news[-1].extras.setdefault(2, []).append(f"broken:http://old.{host_root}/ztzl/index.html:timeout")
        if profile.get("one_broken_link"):
            news[0].extras.setdefault(4, []).append(f"broken:http://{model.host}/xxgk/2018/zfxxgknb.html:404")
        if profile.get("broken_attachment"):
            news[-1].extras.setdefault(0, []).append("broken_attachment")


def _letters(model: SiteModel, kind: str, profile: dict, rng, as_of: dt.date) -> None:
    boxes = BOXES_PORTAL if kind == "portal" else BOXES_OTHER
    pairs = rng.sample([(p, i) for p in content.PLACES for i in content.ISSUES], 60)
    unit = model.short + ("政府办" if kind == "portal" else "")
    number = 1000 + rng.randint(0, 500)
    plan = []
    for box, _name in boxes:
        for _ in range(rng.randint(6, 10)):
            plan.append((box, None))
        plan.append((box, "recent"))       # near-miss: asked 1-3 days ago, no reply yet
        plan.append((box, "greet_ok"))     # near-miss: starts with 您好 and then answers
    defects = []
    if profile.get("boilerplate"):
        defects += ["bp:greet", "bp:forward", "bp:thanks"] + ["bp:pasted"] * 4
    defects += ["unanswered"] * profile.get("unanswered", 0) + ["overdue"] * profile.get("overdue", 0)
    for n, d in enumerate(defects):
        plan.append((boxes[n % len(boxes)][0], d))
    for box, name in boxes:
        model.boxes[box] = (name, [])
    for (box, kind_), (place, issue) in zip(plan, pairs):
        lrng = content.stable_rng(model.seed, model.code, "letter", number)
        title = lrng.choice(("关于{p}{i}的问题", "{p}{i}问题何时解决？", "反映{p}{i}", "咨询{i}相关事宜（{p}）")).format(p=place, i=issue)
        question = content.letter_question(lrng, place, issue)
        asked = as_of - dt.timedelta(days=lrng.randint(5, 200))
        replied = asked + dt.timedelta(days=lrng.randint(0, 3))
        reply = content.substantive_reply(lrng, place, issue, unit, model.phone, greet=lrng.random() < 0.3)
        defect = None
        if kind_ == "recent":
            asked, replied, reply = as_of - dt.timedelta(days=lrng.randint(1, 3)), None, None
        elif kind_ == "greet_ok":
            reply = content.substantive_reply(lrng, place, issue, unit, model.phone, greet=True)
        elif kind_ == "unanswered":
            asked, replied, reply, defect = as_of - dt.timedelta(days=lrng.randint(100, 300)), None, None, "unanswered"
        elif kind_ == "overdue":
            asked = as_of - dt.timedelta(days=lrng.randint(120, 250))
            replied, defect = asked + dt.timedelta(days=lrng.randint(30, 90)), "overdue"
        elif kind_ and kind_.startswith("bp:"):
            defect = "boilerplate"
            reply = {"bp:greet": lrng.choice(content.BOILERPLATE_GREETINGS),
                     "bp:forward": lrng.choice(content.BOILERPLATE_FORWARDED),
                     "bp:thanks": lrng.choice(content.BOILERPLATE_THANKS),
                     "bp:pasted": content.PASTED_REPLY}[kind_]
        model.boxes[box][1].append(Letter(number, box, title, question, asked, replied, reply, unit, defect))
        number += 1 + lrng.randint(0, 30)
    for _name, letters in model.boxes.values():
        letters.sort(key=lambda l: (l.asked, l.number), reverse=True)


def _guide_fields(seed, item: str, region: str, short: str, phone: str) -> dict:
    rng = content.stable_rng(seed, "guide", region, item)
    promised = rng.randint(3, 15)
    return {
        "事项名称": item,
        "设定依据": rng.choice(content.LAWS),
        "申请条件": f"申请人符合{item}的法定条件，材料齐全、符合法定形式。",
        "办理材料": "；".join(f"{n}.{m}" for n, m in enumerate(rng.sample(content.MATERIALS, rng.randint(3, 5)), 1)),
        "办理地点": f"{short}政务服务中心{rng.randint(1, 3)}楼{rng.randint(1, 40)}号窗口",
        "办理机构": f"{short}行政审批服务局",
        "收费标准": rng.choice(content.FEES),
        "办理时间": rng.choice(content.HOURS),
        "联系电话": phone,
        "办理流程": rng.choice(content.PROCESSES),
        "承诺时限": f"{promised}个工作日",
        "法定时限": f"{promised + rng.randint(5, 15)}个工作日",
    }


DIVERGE = ("办理材料", "收费标准", "承诺时限", "联系电话")
BLANKABLE = ("办理材料", "收费标准", "办理地点", "联系电话", "承诺时限", "设定依据")


def _pair_guides(portal: SiteModel, hall: SiteModel, profile: dict, seed: int) -> list[dict]:
    rng = content.stable_rng(seed, "pair", portal.code)
    items = rng.sample(content.GUIDE_ITEMS, 12)
    shared, hall_only = items[:8], items[8:]
    truth = []
    for n, item in enumerate(shared):
        fields = _guide_fields(seed, item, portal.site.region + portal.short, portal.short, hall.phone)
        portal.guides.append(Guide(n + 1, dict(fields)))
        hall_fields = dict(fields)
        if n < profile.get("divergence", 0):
            for field in rng.sample(DIVERGE, 3 if n == 0 else 2):
                hall_fields[field] = _diverge(field, fields[field], rng)
                truth.append(_t("guide.divergence", portal, f"{item}/{field}", f"http://{portal.host}/bsfw/zn_{n + 1}.html",
                                {"hall": hall.code, "portal_value": fields[field], "hall_value": hall_fields[field]}))
        hall.guides.append(Guide(n + 1, hall_fields))
    for n, item in enumerate(hall_only):
        fields = _guide_fields(seed, item, hall.site.region + hall.short, hall.short, hall.phone)
        if n < profile.get("hall_blank", 0):
            field = BLANKABLE[(n + rng.randint(0, 5)) % len(BLANKABLE)]
            fields[field] = ""
            truth.append(_t("guide.blank_field", hall, f"{item}/{field}",
                            f"http://{hall.host}/bsfw/zn_{len(shared) + n + 1}.html", {}))
        hall.guides.append(Guide(len(shared) + n + 1, fields))
    return truth


def _dept_guides(model: SiteModel, profile: dict, seed: int) -> list[dict]:
    rng = content.stable_rng(seed, "dept-guides", model.code)
    truth = []
    for n, item in enumerate(rng.sample(content.GUIDE_ITEMS, 5)):
        fields = _guide_fields(seed, item, model.code, model.short, model.phone)
        if n < profile.get("dept_blank", 0):
            field = BLANKABLE[n % len(BLANKABLE)]
            fields[field] = ""
            truth.append(_t("guide.blank_field", model, f"{item}/{field}", f"http://{model.host}/bsfw/zn_{n + 1}.html", {}))
        model.guides.append(Guide(n + 1, fields))
    return truth


def _diverge(field: str, value: str, rng) -> str:
    if field == "办理材料":
        return value + f"；{value.count('；') + 2}.{rng.choice(('村（社区）出具的证明', '无犯罪记录证明', '近三年财务审计报告'))}"
    if field == "收费标准":
        return "按件收取工本费50元" if "不" in value or "免" in value else "不收费"
    if field == "承诺时限":
        return f"{int(value.split('个')[0]) + rng.randint(5, 20)}个工作日"
    return f"0731-{rng.randint(30000000, 39999999)}"


def _t(rule: str, model: SiteModel, key: str, url: str, details: dict) -> dict:
    return {"rule_id": rule, "site_code": model.code, "key": key, "url": url, "details": details}


def _site_truth(model: SiteModel, profile: dict, as_of: dt.date) -> list[dict]:
    out = []
    home = model.site.url
    if profile.get("unreachable"):
        return [_t("site.unreachable", model, "", home, {})]
    if profile.get("fake_closure"):
        out.append(_t("site.fake_closure", model, "", home, {}))
    if profile.get("non_gov"):
        out.append(_t("domain.not_gov_cn", model, model.host, home, {}))
    if profile.get("home_stale"):
        newest = min(c.newest_age for c in model.columns if c.count)
        out.append(_t("home.stale", model, "", home, {"newest_date": str(as_of - dt.timedelta(days=newest))}))
    for col in model.columns:
        url = f"http://{model.host}/{col.slug}/index.html"
        if col.count == 0:
            out.append(_t("column.blank", model, col.name, url, {"category": col.category}))
        elif col.extras.get("stale"):
            out.append(_t("column.stale", model, col.name, url, {
                "category": col.category, "newest_date": str(as_of - dt.timedelta(days=col.newest_age))}))
        for idx, extras in col.extras.items():
            if not isinstance(idx, int):
                continue
            e = entry(model, col, idx, as_of)
            page = f"http://{model.host}{e.path}"
            for extra in extras:
                if extra == "no_interp":
                    out.append(_t("policy.no_interpretation", model, e.path, page, {"title": e.title}))
                elif extra == "defaced":
                    out.append(_t("content.defacement", model, e.path, page, {"terms": list(content.SPAM_TERMS[:3])}))
                elif extra.startswith("serious:"):
                    term = extra.split(":", 1)[1]
                    out.append(_t("content.serious_error", model, term, page, {"correct": content.SERIOUS_ERRORS[term]}))
                elif extra.startswith("broken:"):
                    target, status = extra[len("broken:"):].rsplit(":", 1)
                    status = int(status) if status.isdigit() else status
                    out.append(_t("link.broken", model, target, page, {"status": status, "on_home": False}))
                elif extra == "broken_attachment":
                    target = f"http://{model.host}/uploads/{e.date:%Y%m}/{e.doc_id}_fj.pdf"
                    out.append(_t("attachment.broken", model, target, page, {"status": 404}))
    for url, status, on_home in model.broken_links:
        out.append(_t("link.broken", model, url, home, {"status": status, "on_home": on_home}))
    for element in sorted(model.footer_missing):
        out.append(_t("footer.missing", model, element, home, {}))
    if not model.privacy:
        out.append(_t("privacy.missing", model, "", home, {}))
    if as_of.year - 1 not in model.annual_years:
        out.append(_t("report.annual_missing", model, str(as_of.year - 1), home, {}))
    for _box, (_name, letters) in model.boxes.items():
        for letter in letters:
            url = f"http://{model.host}{letter.path}"
            if letter.defect == "boilerplate":
                out.append(_t("interaction.boilerplate_reply", model, letter.title, url, {"reply": letter.reply}))
            elif letter.defect == "unanswered":
                out.append(_t("interaction.unanswered", model, letter.title, url, {"asked": str(letter.asked)}))
            elif letter.defect == "overdue":
                out.append(_t("interaction.overdue_reply", model, letter.title, url,
                              {"days": (letter.replied - letter.asked).days}))
    return out
