"""The province plan: which sites exist (a 湖南-like roster) and which defects each one carries.

``plan_province(seed, as_of, scale, families)`` returns the site models and the ground truth (one
line per planted defect or near miss, DESIGN.md contract). Defect *profiles* are shuffled among
similar sites by the seed, and the seed also picks each site's markup family (``draw_families``:
every family on some site of every province), its layouts, columns, dates, letters, guide items
and wording.
"""

from __future__ import annotations

import datetime as dt

from govspider.sandbox import content
from govspider.sandbox.families import FAMILY_NAMES, HALL_ONLY, family
from govspider.sandbox.guides import plan_dept_guides, plan_pair_guides
from govspider.sandbox.letters import plan_letters
from govspider.sandbox.model import Column, SiteModel
from govspider.sandbox.truth import site_truth
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
#: sites with guides and letters (every page type): portals, halls and the four 厅局 departments
FULL_SITES = ("P1", "H1", "P2", "H2", "P3", "H3", "P4", "H4", "P5", "H5", "D1", "D2", "D3", "D4")
ENCODINGS = ("utf8", "utf8", "gbk-both", "utf8", "gbk-meta", "utf8", "gb18030-header", "utf8")

# (slug, name, category) per site kind
PORTAL_COLUMNS = (("zwyw", "政务要闻", "news"), ("bmdt", "部门动态", "news"), ("xzdt", "乡镇动态", "news"),
                  ("tzgg", "通知公告", "notice"), ("zcwj", "政策文件", "policy"),
                  ("rsxx", "人事信息", "other"), ("ghjh", "规划计划", "other"))
DEPT_COLUMNS = (("gzdt", "工作动态", "news"), ("tzgg", "通知公告", "notice"), ("zcwj", "政策文件", "policy"),
                ("gfxwj", "规范性文件", "policy"), ("rsxx", "人事信息", "other"), ("czzj", "财政资金", "other"))
HALL_COLUMNS = (("tzgg", "通知公告", "notice"), ("bsdt", "办事动态", "news"))

SIZES = {"news": (25, 45, 1, 4), "notice": (15, 30, 5, 15), "policy": (10, 20, 10, 30), "other": (8, 15, 20, 50)}
STALE_AGE = {"news": (45, 150), "notice": (230, 500), "policy": (230, 500), "other": (430, 700)}


def draw_families(seed: int, names=FAMILY_NAMES) -> dict:
    """Roster key -> markup family: each hall-only family on a hall, every other family once on a
    site that has every page type, the remaining sites drawn at random."""
    rng = content.stable_rng(seed, "families")
    general = [n for n in names if n not in HALL_ONLY]
    out = {}
    halls = [k for k in FULL_SITES if k.startswith("H")]
    for name in (n for n in names if n in HALL_ONLY):
        out[halls.pop(rng.randint(0, len(halls) - 1))] = name
    full = [k for k in FULL_SITES if k not in out]
    full = rng.sample(full, len(full))
    deck = rng.sample(general, len(general))
    for key in full:
        out[key] = deck.pop() if deck else rng.choice(general)
    for row in ROSTER:
        out.setdefault(row[0], rng.choice(general))
    return out


def plan_province(seed: int, as_of: dt.date, scale: str = "small", families=FAMILY_NAMES):
    """(site models, truth lines) for one province whose sites are drawn in ``families``."""
    family_of = draw_families(seed, families)
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
            site=site, seed=seed, short=short, family=family_of[key], date_style="iso",
            encoding=ENCODINGS[i % len(ENCODINGS)], sponsor=sponsor,
            phone=f"0731-{srng.randint(22000000, 89999999)}" if admin.startswith("4301") or admin == "430000"
            else f"0731-{srng.randint(22000000, 29999999)}",
            icp=f"湘ICP备{srng.randint(10000000, 99999999) if srng.random() < 0.5 else srng.randint(5000000, 9999999):08d}号",
            police=f"{admin}{srng.randint(2, 3):02d}{srng.randint(0, 999999):06d}",
            issuer=ISSUERS.get(short, short[:2] + "发"),
            id_base=srng.randint(100, 899) * 100,
        )
        family(model.family).draw_styles(model, content.stable_rng(seed, "styles", key))
        y = as_of.year
        model.annual_years = (y - 2,) if profile.get("annual_missing") else (y - 1, y - 2)
        model.privacy = not profile.get("privacy_missing")
        model.footer_missing = set(profile.get("footer_missing", ()))
        model.reachable = not profile.get("unreachable")
        if profile.get("hazards"):
            model.hazards = {"calendar", "session", "redirect_loop", "big_page", "binary_html", "malformed", "private_links"}
        _columns(model, kind, profile, srng, multiplier, as_of)
        plan_letters(model, kind, profile, srng, as_of)
        models[key] = model
        truth.extend(site_truth(model, profile, as_of))
    # guides: portal + its hall share items; departments have their own
    for key, model in models.items():
        profile = profile_of.get(key, {})
        if key.startswith("P"):
            truth.extend(plan_pair_guides(model, models["H" + key[1:]], profile, seed))
        elif key in ("D1", "D2", "D3", "D4"):
            truth.extend(plan_dept_guides(model, profile, seed))
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


