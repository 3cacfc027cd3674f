"""Freshness (信息更新): home.stale, column.stale by category, column.blank — site scope.

Dates are measured against the campaign's as-of date, never today. A column is the ``column``
fact of list pages (and of the articles under it); its category (news 动态/要闻, notice 通知公告,
policy 政策文件, other) comes from the ruleset's keyword table, and so does its threshold.
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


def newest(dates) -> dt.date | None:
    dates = [d for d in (parse_date(x) for x in dates) if d]
    return max(dates) if dates else None


class FreshnessAnalyzer(Analyzer):
    id = "freshness"
    scope = "site"
    rule_ids = ("home.stale", "column.stale", "column.blank")
    description = "首页、栏目更新情况与空白栏目"

    def analyze(self, data: SiteData, ctx: Context):
        table = ctx.table("freshness")
        yield from self._home(data, ctx, table)
        yield from self._columns(data, ctx, table)

    def _home(self, data: SiteData, ctx: Context, table: dict):
        home = data.home
        if home is None:
            return
        facts = home.get("facts") or {}
        entries = facts.get("entries") or []
        latest = newest(e.get("date") for e in entries)
        basis = "首页"
        if latest is None:
            # navigation-only homepage: the rule then looks at the second-level column pages
            latest = newest(e.get("date") for p in data.facts_pages("list") for e in (p["facts"].get("entries") or []))
            basis = "首页无带日期的信息，按二级栏目页"
        if latest is None and not table.get("undated_home_is_stale", True):
            return
        limit = int(table["home_max_age_days"])
        if latest is None or (ctx.as_of - latest).days > limit:
            age = f"{(ctx.as_of - latest).days} 天" if latest else "无发布日期"
            yield ctx.finding(
                "home.stale", url=home.get("url", ""),
                evidence=f"{basis}最新信息日期 {latest or '无'}（距 {ctx.as_of} 已 {age}，超过 {limit} 天）",
                details={"newest_date": latest.isoformat() if latest else None, "max_age_days": limit},
            )

    def _columns(self, data: SiteData, ctx: Context, table: dict):
        columns: dict[str, dict] = {}
        for page in data.pages:
            facts = page.get("facts") or {}
            name = (facts.get("column") or "").strip()
            if not name or facts.get("kind") not in ("list", "article"):
                continue
            col = columns.setdefault(name, {"lists": [], "dates": [], "entries": 0, "articles": 0, "latest": None})
            if facts["kind"] == "list":
                col["lists"].append(page.get("url", ""))
                entries = facts.get("entries") or []
                col["entries"] += len(entries)
                col["dates"].extend(e.get("date") for e in entries)
                for e in entries:
                    if e.get("date") and (col["latest"] is None or str(e["date"]) > str(col["latest"].get("date"))):
                        col["latest"] = e
            else:
                col["articles"] += 1
                col["dates"].append(facts.get("publish_date"))
        categories = table["categories"]
        for name, col in sorted(columns.items()):
            if not col["lists"]:
                continue  # only columns whose own page was seen are judged
            url = sorted(col["lists"], key=len)[0]
            if col["entries"] == 0 and col["articles"] == 0:
                yield ctx.finding("column.blank", url=url, key=name,
                                  evidence=f"栏目「{name}」没有任何信息", details={"column": name})
                continue
            category = classify_column(name, categories)
            limit = int(category["max_age_days"])
            latest = newest(col["dates"])
            if latest is None or (ctx.as_of - latest).days > limit:
                head = col["latest"]
                title = f"《{head['title']}》" if head and head.get("title") and str(head.get("date")) == latest.isoformat() else ""
                when = (f"最新信息{title} {latest}，距 {ctx.as_of} 已 {(ctx.as_of - latest).days} 天" if latest
                        else "信息均无发布日期")
                yield ctx.finding(
                    "column.stale", url=url, key=name,
                    evidence=f"栏目「{name}」（{category.get('label', category['name'])}）{when}，超过 {limit} 天未更新",
                    details={"column": name, "category": category["name"],
                             "newest_date": latest.isoformat() if latest else None, "max_age_days": limit},
                )
