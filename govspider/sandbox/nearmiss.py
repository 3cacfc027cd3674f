"""Near misses (擦边情形): pages a careless detector flags and a person would not — and the two
planted defects the precision gates of interaction.no_channel and footer.bad_site_code need.

``plant(models, truth, seed, as_of)`` runs at the end of ``plan_province``: it changes a few site
models through the markup families' generic hooks only — ``Column.undated``, ``Column.static``,
article extras ``"para:<text>"`` / ``"title:<text>"``, ``SiteModel.jiucuo_code``,
``SiteModel.home_links``, a site without interaction boxes, guide values drawn verbatim, a
column's ``newest_age`` — and adds their lines to ``truth``: ``near_miss_line`` (``expect:
"none"``) for each near miss, ``truth_line`` for each defect. Sites are picked by the seed among
those whose planted defects the change cannot disturb (a column whose dates move carries no
planted article, a box removed held no defective letter).

What each near miss stands for (the national rule that says it is no problem):

- 「户籍办证指南」 and 「举报色情低俗信息」 as visible homepage links, an anti-gambling news item
  (打击网络赌博、非法博彩、私彩、六合彩), a 扫黄打非 item: the site's own words, not defacement;
- 「各位常委和委员汇报了…」, 「委员汇总」, 「练习近乎…」: a dictionary's wrong form inside correct words;
- a news column exactly 14 days old and a homepage whose newest item is 14 days old: the rule
  says *more than* 2 weeks; a notice column 180 days old: within 6 months;
- a column whose rows print no date but whose articles do, and a static column (机构设置 …):
  neither 空白栏目 (「有栏目无内容」) nor stale;
- 收费标准「无」: no fee, not a blank element;
- the same phone number printed 「0731-…」 on the portal and 「（0731）…」 on the hall, the same
  materials in another order and numbering: no 两张皮;
- a printed 网站标识码 that agrees with the registry, the SiteIDCode meta tag and the 找错 badge.
"""

from __future__ import annotations

import datetime as dt

from govspider.sandbox import content
from govspider.sandbox.model import Column, SiteModel, entry
from govspider.sandbox.truth import near_miss_line, truth_line

#: rules whose truth pins down article paths or dates of a site's columns
_DATED_RULES = ("home.stale", "column.stale", "column.blank", "content.defacement", "content.serious_error",
                "policy.no_interpretation", "link.broken", "attachment.broken")
STATIC_COLUMNS = (("zzjg", "机构设置"), ("ldjj", "领导简介"), ("bmzn", "机构职能"))
ANTI_GAMBLING = ("title:{short}开展打击整治网络赌博违法犯罪专项行动",
                 "para:会议要求，严厉打击网络赌博、非法博彩、私彩、六合彩等违法犯罪活动，依法查处利用网络开设赌场、"
                 "组织参与跨境赌博等行为，提醒广大群众远离赌博。")
ANTI_PORN = ("title:{short}部署“扫黄打非·净网”专项行动",
             "para:行动将集中整治网络色情低俗信息，清理淫秽色情和低俗内容，畅通举报渠道，营造清朗网络空间。")
COMMITTEE = "para:会上，各位常委和委员汇报了分管领域工作进展情况，并就下一步工作提出意见建议。"
COMMITTEE_SUM = "para:会前，由各专门委员汇总本领域意见建议后提交主任会议研究。"
PRACTICE = "para:参训人员经过反复练习近乎熟练掌握了应急处置流程。"


def plant(models: dict[str, SiteModel], truth: list[dict], seed: int, as_of: dt.date) -> None:
    """Plant the near misses (and the no_channel / bad_site_code defects) into ``models``; their
    truth lines go into ``truth``."""
    rng = content.stable_rng(seed, "nearmiss")
    sites = [m for m in models.values() if m.reachable and not m.site.closed]
    pinned = {t["site_code"] for t in truth if t["rule_id"] in _DATED_RULES}
    by_kind = lambda *kinds: [m for m in sites if m.site.kind in kinds]  # noqa: E731
    # dates first: article paths depend on them
    quiet = [m for m in by_kind("portal", "department") if m.code not in pinned]
    quiet = rng.sample(quiet, len(quiet))
    if quiet:
        _quiet_fortnight(quiet.pop(), truth, as_of)
    for model in quiet[:2]:
        _borderline_columns(model, truth, rng)
    for model in rng.sample(by_kind("portal", "department"), min(2, len(by_kind("portal", "department")))):
        _static_column(model, truth, rng)
    undated = [m for m in by_kind("portal", "department") if _undatable(m)]
    for model in rng.sample(undated, min(2, len(undated))):
        _undated_column(model, truth, rng)
    for model in by_kind("portal", "department"):
        _articles(model, truth, rng, as_of)
    for model in rng.sample(by_kind("portal", "department"), min(3, len(by_kind("portal", "department")))):
        _home_links(model, truth, rng)
    _site_codes(sites, truth, rng)
    _no_channel(by_kind("department"), truth, rng)
    _guides(models, truth, rng)


def _fresh_columns(model: SiteModel) -> list[Column]:
    return [c for c in model.columns if c.count and not c.extras.get("stale") and not c.js
            and not any(isinstance(k, int) for k in c.extras)]


def _quiet_fortnight(model: SiteModel, truth: list[dict], as_of: dt.date) -> None:
    """Nothing new for exactly 14 days: the homepage and its news columns are not stale (> 2 weeks)."""
    cols = [c for c in model.columns if c.count]
    if not cols or len(_fresh_columns(model)) != len(cols):
        return
    for col in cols:
        col.newest_age = max(col.newest_age, 14)
    home = model.site.url
    truth.append(near_miss_line("home.stale", model, "", home, "首页最新信息恰好14天前发布，未超过2周",
                                {"newest_date": str(as_of - dt.timedelta(days=14))}))
    for col in cols:
        if col.category == "news" and col.newest_age == 14:
            truth.append(_column_miss("column.stale", model, col, "动态类栏目最新信息恰好14天前发布，未超过2周"))


def _borderline_columns(model: SiteModel, truth: list[dict], rng) -> None:
    """One news column exactly 14 days old and one notice column 180 days old, while another
    column keeps the homepage fresh."""
    fresh = _fresh_columns(model)
    keep = min((c.newest_age for c in model.columns if c.count), default=99)
    news = [c for c in fresh if c.category == "news"]
    notice = [c for c in fresh if c.category in ("notice", "policy")]
    others_fresh = lambda col: any(c is not col and c.count and c.newest_age < 14 for c in model.columns)  # noqa: E731
    if news and keep < 14:
        col = rng.choice(news)
        if others_fresh(col):
            col.newest_age = 14
            truth.append(_column_miss("column.stale", model, col, "动态类栏目最新信息恰好14天前发布，未超过2周"))
    if notice:
        col = rng.choice(notice)
        if others_fresh(col):
            col.newest_age = 180
            truth.append(_column_miss("column.stale", model, col, f"{col.name}最新信息180天前发布，未超过6个月"))


def _static_column(model: SiteModel, truth: list[dict], rng) -> None:
    """A static column (机构设置 …) listing undated entries or showing one text block: neither
    blank nor stale."""
    slug, name = rng.choice(STATIC_COLUMNS)
    if model.column(slug) is not None:
        return
    # undated links to undated pages, or (count 0) one text block
    col = Column(slug, name, "other", rng.choice((0, rng.randint(3, 8))), 0, 1, 20,
                 max(c.number for c in model.columns) + 1, static=True)
    model.columns.append(col)
    for rule in ("column.blank", "column.stale"):
        truth.append(_column_miss(rule, model, col, f"「{name}」是静态栏目（不注明日期的条目或一段介绍文字），既非空白栏目也非不更新"))


def _undatable(model: SiteModel) -> list[Column]:
    """News/notice columns that may stop printing dates while another column keeps the homepage fresh."""
    return [c for c in _fresh_columns(model) if c.category in ("news", "notice")
            and any(o is not c and o.count and not o.undated and o.newest_age < 14 for o in model.columns)]


def _undated_column(model: SiteModel, truth: list[dict], rng) -> None:
    """A column whose list rows print no date (its articles do): not 空白栏目."""
    col = rng.choice(_undatable(model))
    col.undated = True
    truth.append(_column_miss("column.blank", model, col,
                              f"栏目「{col.name}」列表不显示日期但有内容（「有栏目无内容」才是空白栏目），文章页注明了发布时间"))


def _articles(model: SiteModel, truth: list[dict], rng, as_of: dt.date) -> None:
    """News items a careless detector takes for defacement or a serious error."""
    news = [c for c in model.columns if c.category in ("news", "notice") and c.count >= 8 and not c.extras.get("stale")]
    if not news:
        return
    col = rng.choice(news)
    free = [i for i in range(2, min(col.count, 8)) if i not in col.extras]
    plans = [(ANTI_GAMBLING, "content.defacement", "打击网络赌博的新闻：网站自己发布的可见正文，不是暗链或篡改"),
             (ANTI_PORN, "content.defacement", "“扫黄打非”新闻：网站自己发布的可见正文，不是暗链或篡改"),
             ((COMMITTEE,), "content.serious_error", "「委员汇报」中的「委员汇」不是「委员会」的错字"),
             ((COMMITTEE_SUM,), "content.serious_error", "「委员汇总」中的「委员汇」不是「委员会」的错字"),
             ((PRACTICE,), "content.serious_error", "「练习近乎」中的「习近乎」不是领导人姓名的错字")]
    for (extras, rule, why), index in zip(rng.sample(plans, min(3, len(plans), len(free))), rng.sample(free, min(3, len(free)))):
        col.extras[index] = [x.format(short=model.short) for x in extras]
        e = entry(model, col, index, as_of)
        truth.append(near_miss_line(rule, model, e.path, f"http://{model.host}{e.path}", why))


def _home_links(model: SiteModel, truth: list[dict], rng) -> None:
    """Visible homepage links whose words a keyword list takes for spam."""
    skin = model.skin
    target = skin.guides_path(model) if model.guides else skin.list_path(model, model.columns[0], 0)
    model.home_links.append((target, "户籍办证指南"))
    truth.append(near_miss_line("content.defacement", model, "户籍办证指南", model.site.url,
                                "首页可见的本站办事链接「户籍办证指南」，不是暗链"))
    # the site's own 举报 page (real sites also link the national centre www.12377.cn, which
    # the sandbox does not serve)
    boxes = sorted(model.boxes)
    report = skin.letters_path(model, boxes[0], 0, 1) if boxes else target
    model.home_links.append((report, "举报色情低俗信息"))
    truth.append(near_miss_line("content.defacement", model, "举报色情低俗信息", model.site.url,
                                "首页可见的举报入口「举报色情低俗信息」（违法和不良信息举报），不是违规内容"))


def _site_codes(sites: list[SiteModel], truth: list[dict], rng) -> None:
    """One site whose 找错 badge carries another site's code (a defect, as on a real homepage);
    elsewhere a printed code that agrees with the registry (a near miss)."""
    printed = [m for m in sites if not {"site_code", "jiucuo"} & m.footer_missing]
    if len(printed) < 2:
        return
    bad, *rest = rng.sample(printed, len(printed))
    other = rng.choice([m for m in sites if m is not bad])
    bad.jiucuo_code = other.code
    truth.append(truth_line("footer.bad_site_code", bad, bad.code, bad.site.url,
                            {"jiucuo_code": other.code, "registered": bad.code}))
    for model in rest[:3]:
        truth.append(near_miss_line("footer.bad_site_code", model, model.code, model.site.url,
                                    "底部网站标识码与登记的标识码、SiteIDCode、找错入口一致"))


def _no_channel(departments: list[SiteModel], truth: list[dict], rng) -> None:
    """A department site without any online consultation channel (2019 互动回应差 veto)."""
    defective = {t["site_code"] for t in truth if t["rule_id"].startswith("interaction.") and t.get("expect") != "none"}
    free = [m for m in departments if m.code not in defective and m.boxes]
    if not free:
        return
    model = rng.choice(free)
    model.boxes.clear()
    truth[:] = [t for t in truth if not (t["site_code"] == model.code and t["rule_id"].startswith("interaction."))]
    truth.append(truth_line("interaction.no_channel", model, "", model.site.url, {}))


def _guides(models: dict[str, SiteModel], truth: list[dict], rng) -> None:
    """收费标准「无」 on a department guide; a portal/hall pair printing the same phone and the same
    materials in two ways."""
    named = {(t["site_code"], t["key"]) for t in truth}
    depts = [m for m in models.values() if m.site.kind == "department" and m.guides]
    if depts:
        model = rng.choice(depts)
        guides = [g for g in model.guides if (model.code, f"{g.item}/收费标准") not in named]
        if guides:
            guide = rng.choice(guides)
            guide.fields["收费标准"] = "无"
            truth.append(near_miss_line("guide.blank_field", model, f"{guide.item}/收费标准",
                                        f"http://{model.host}{model.skin.guide_path(model, guide)}",
                                        "收费标准「无」即不收费，不是空白要素"))
    pairs = [(m, models.get("H" + key[1:])) for key, m in models.items() if key.startswith("P") and m.guides]
    pairs = [(p, h) for p, h in pairs if h is not None and h.guides]
    if not pairs:
        return
    portal, hall = rng.choice(pairs)
    hall_items = {g.item: g for g in hall.guides}
    shared = [g for g in portal.guides if g.item in hall_items
              and not any(t["site_code"] == portal.code and t["key"].startswith(g.item + "/") for t in truth)]
    for guide, (field, why) in zip(rng.sample(shared, min(2, len(shared))),
                                   (("联系电话", "同一号码，区号写法不同（0731-… / （0731）…）"),
                                    ("办理材料", "同样的材料，顺序和编号不同"))):
        theirs = hall_items[guide.item].fields
        if field == "联系电话" and guide.fields[field].startswith("0731-"):
            theirs[field] = "（0731）" + guide.fields[field][5:]
        elif field == "办理材料":  # the same list, the other way round and numbered again
            items = [part.split(".", 1)[-1] for part in guide.fields[field].split("；")]
            theirs[field] = "；".join(f"{n}.{item}" for n, item in enumerate(reversed(items), 1))
        else:
            continue
        truth.append(near_miss_line("guide.divergence", portal, f"{guide.item}/{field}",
                                    f"http://{portal.host}{portal.skin.guide_path(portal, guide)}", why))


def _column_miss(rule: str, model: SiteModel, col: Column, why: str) -> dict:
    url = f"http://{model.host}{model.skin.list_path(model, col, 0)}"
    return near_miss_line(rule, model, col.name, url, why, {"category": col.category})
