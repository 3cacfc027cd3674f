"""Freshness (信息更新): home.stale, column.stale by category, column.blank — site scope.

Dates are measured against the campaign's as-of date, never today. A column is the ``column``
fact of list pages (and of the articles under it); its category (news 动态/要闻, notice 通知公告,
policy 政策文件, other, or static 机构设置/领导简介 …) comes from the ruleset's keyword table, and so
does its threshold. The national rules the analyzer keeps apart:

- 空白栏目 is 「有栏目无内容」: a column page with no entry at all, dated or not;
- 「未注明信息发布时间的视为不更新」: a column that must update and prints only undated entries is
  stale, not blank; a static column (机构设置, 领导简介 …) is neither;
- a page that prints entries without dates falls under the rule; a page where the extractor read
  no date although it shows date-shaped text (``date_hints``) is a finding for review, never a veto.
"""

from __future__ import annotations

import datetime as dt

from analyzers.api import Analyzer, Context, SiteData, parse_date


def classify_column(name: str, categories: list[dict]) -> dict:
    """The first category whose keywords occur in ``name`` (the last one is the fallback)."""
    for category in categories:
        if any(word in name for word in category.get("exclude", [])):
            continue
        if any(word in name for word in category.get("keywords", [])):
            return category
    return categories[-1]


def is_static(name: str, table: dict) -> bool:
    """A column of standing information (机构设置, 领导简介 …) that no update rule applies to."""
    return any(word in name for word in table.get("static_keywords") or ())


def newest(dates) -> dt.date | None:
    dates = [d for d in (parse_date(x) for x in dates) if d]
    return max(dates) if dates else None


def undated_rows(page: dict, home_links: set[str]) -> list[dict] | None:
    """The page's linked rows that print no date: the ``undated_entries`` fact, or — on facts
    extracted before it existed — the links to the site's own pages that the homepage does not
    carry (a guess, so the caller asks for review). None when nothing can be said."""
    facts = page.get("facts") or {}
    if "undated_entries" in facts:
        return list(facts.get("undated_entries") or [])
    url = page.get("url") or ""
    host = url.split("/")[2] if url.count("/") >= 2 else ""
    base = url.rsplit("/", 1)[0] + "/"
    rows = [link for link in facts.get("links") or ()
            if not link.get("hidden") and (link.get("url") or "").split("/")[2:3] == [host]
            and link["url"] not in home_links and not link["url"].startswith(base + "index")]
    return rows or None


def gather_columns(data: SiteData) -> dict[str, dict]:
    """Per column name: its list pages, dated and undated rows, articles, dates, date hints."""
    home = data.home or {}
    home_links = {link.get("url") for link in (home.get("facts") or {}).get("links") or ()}
    columns: dict[str, dict] = {}
    for page in data.pages:
        facts = page.get("facts") or {}
        name = (facts.get("column") or "").strip()
        if not name or facts.get("kind") not in ("list", "article"):
            continue
        col = columns.setdefault(name, {"lists": [], "dates": [], "entries": 0, "articles": 0, "latest": None,
                                        "undated": 0, "guessed": False, "hints": 0})
        if facts["kind"] == "list":
            col["lists"].append(page.get("url", ""))
            entries = facts.get("entries") or []
            col["entries"] += len(entries)
            col["dates"].extend(e.get("date") for e in entries)
            col["hints"] += int(facts.get("date_hints") or 0)
            rows = undated_rows(page, home_links) if not entries else []
            if rows:
                col["undated"] += len(rows)
                col["guessed"] = col["guessed"] or "undated_entries" not in facts
            for e in entries:
                if e.get("date") and (col["latest"] is None or str(e["date"]) > str(col["latest"].get("date"))):
                    col["latest"] = e
        else:
            col["articles"] += 1
            col["dates"].append(facts.get("publish_date"))
            if not facts.get("publish_date"):
                col["hints"] += int(facts.get("date_hints") or 0)
    return columns


class FreshnessAnalyzer(Analyzer):
    id = "freshness"
    scope = "site"
    rule_ids = ("home.stale", "column.stale", "column.blank")
    description = "首页、栏目更新情况与空白栏目"

    def analyze(self, data: SiteData, ctx: Context):
        table = ctx.table("freshness")
        yield from self._home(data, ctx, table)
        yield from self._columns(data, ctx, table)

    # -- 首页不更新 ------------------------------------------------------------------------------
    def _home(self, data: SiteData, ctx: Context, table: dict):
        home = data.home
        limit = int(table["home_max_age_days"])
        if home is None:
            if data.state and data.state.get("reachable"):
                yield ctx.finding("home.stale", url=ctx.site.url, evidence="首页已响应但未取得可解析的首页内容，无法判断是否更新",
                                  details={"newest_date": None, "max_age_days": limit},
                                  review="未取得首页内容（抓取中断或首页不是网页）")
            return
        facts = home.get("facts") or {}
        url = home.get("url", "")
        latest = newest(e.get("date") for e in facts.get("entries") or [])
        basis = "首页"
        if latest is None:
            # navigation-only homepage: the rule then looks at the second-level column pages
            latest = newest(e.get("date") for p in data.facts_pages("list") for e in (p["facts"].get("entries") or []))
            basis = "首页无带日期的信息，按二级栏目页"
        details = {"newest_date": latest.isoformat() if latest else None, "max_age_days": limit}
        if latest is not None:
            age = (ctx.as_of - latest).days
            if age > limit:
                yield ctx.finding("home.stale", url=url, details=details,
                                  evidence=f"{basis}最新信息日期 {latest}（距 {ctx.as_of} 已 {age} 天，超过 {limit} 天）")
            return
        hints, undated = facts.get("date_hints"), facts.get("undated_entries")
        if hints:
            yield ctx.finding("home.stale", url=url, details={**details, "date_hints": hints},
                              evidence=f"首页可见 {hints} 处日期字样，但未读出任何信息的发布日期",
                              review="页面上有日期而未能读出（可能是提取失败），不能据此判定首页不更新")
        elif undated and table.get("undated_home_is_stale", True):
            yield ctx.finding("home.stale", url=url, details={**details, "undated_entries": len(undated)},
                              evidence=f"首页 {len(undated)} 条信息均未注明发布时间（未注明信息发布时间的视为不更新）")
        else:
            yield ctx.finding("home.stale", url=url, details=details,
                              evidence="首页及二级栏目页未见带日期的信息",
                              review="首页未见信息条目（可能由脚本生成或未能读出），需人工查看首页")

    # -- 栏目不更新、空白栏目 -------------------------------------------------------------------------
    def _columns(self, data: SiteData, ctx: Context, table: dict):
        columns = gather_columns(data)
        categories = table["categories"]
        for name, col in sorted(columns.items()):
            if not col["lists"]:
                continue  # only columns whose own page was seen are judged
            if is_static(name, table):
                continue  # 机构设置, 领导简介 …: standing information, neither stale nor blank
            url = sorted(col["lists"], key=len)[0]
            if col["entries"] == 0 and col["articles"] == 0 and col["undated"] == 0:
                # dates on a page of which no row was read: the rows are there, unread
                review = f"栏目页可见 {col['hints']} 处日期字样而未读出任何条目（可能是提取失败）" if col["hints"] else None
                yield ctx.finding("column.blank", url=url, key=name, review=review,
                                  evidence=f"栏目「{name}」没有任何信息（有栏目无内容）", details={"column": name})
                continue
            category = classify_column(name, categories)
            limit = int(category["max_age_days"])
            latest = newest(col["dates"])
            details = {"column": name, "category": category["name"],
                       "newest_date": latest.isoformat() if latest else None, "max_age_days": limit}
            label = category.get("label", category["name"])
            if latest is not None:
                if (ctx.as_of - latest).days > limit:
                    head = col["latest"]
                    title = f"《{head['title']}》" if head and head.get("title") and str(head.get("date")) == latest.isoformat() else ""
                    yield ctx.finding(
                        "column.stale", url=url, key=name, details=details,
                        evidence=f"栏目「{name}」（{label}）最新信息{title} {latest}，距 {ctx.as_of} 已 "
                                 f"{(ctx.as_of - latest).days} 天，超过 {limit} 天未更新")
                continue
            # no date read in the column: undated entries count as not updated — unless the
            # page shows dates the extractor missed, the rows are only guessed, or the column is
            # one govspider (not the national table) says must update
            review = None
            if col["hints"]:
                review = f"栏目页可见 {col['hints']} 处日期字样而未读出日期（可能是提取失败）"
            elif col["guessed"]:
                review = "未能确认栏目条目是否注明日期"
            elif category.get("unverified"):
                review = f"栏目「{name}」是否属于应更新栏目需人工确认"
            yield ctx.finding(
                "column.stale", url=url, key=name, details={**details, "undated_entries": col["undated"]},
                evidence=f"栏目「{name}」（{label}）{col['undated'] or col['articles']} 条信息均未注明发布时间"
                         f"（未注明信息发布时间的视为不更新）", review=review)
