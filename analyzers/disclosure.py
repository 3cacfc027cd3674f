"""Disclosure duties: report.annual_missing (homepage), policy.no_interpretation (policy articles),
privacy.missing (whole site). Word lists and dates come from the ruleset tables."""

from __future__ import annotations

import datetime as dt

from analyzers.api import Analyzer, Context, SiteData, url_path
from analyzers.freshness import classify_column


def due_report_year(as_of: dt.date, due_month_day: str) -> int:
    """The year whose 年度报表 must be on the homepage at ``as_of`` (due by 31 January)."""
    month, day = (int(x) for x in due_month_day.split("-"))
    return as_of.year - 1 if as_of > dt.date(as_of.year, month, day) else as_of.year - 2


def _texts(facts: dict) -> list[str]:
    out = [l.get("text") or "" for l in facts.get("links") or []]
    out += [e.get("title") or "" for e in facts.get("entries") or []]
    return [t for t in out if t]


class AnnualReportAnalyzer(Analyzer):
    id = "annual_report"
    scope = "site"
    rule_ids = ("report.annual_missing",)
    description = "首页未公开上年度政府网站工作年度报表"

    def analyze(self, data: SiteData, ctx: Context):
        home = data.home
        if home is None:
            return
        table = ctx.table("report")
        year = due_report_year(ctx.as_of, table["due_month_day"])
        for text in _texts(home.get("facts") or {}):
            if str(year) in text and any(k in text for k in table["keywords"]):
                return
        yield ctx.finding("report.annual_missing", url=home.get("url", ""), key=str(year),
                          evidence=f"首页未见 {year} 年度政府网站工作年度报表链接",
                          details={"year": year})


class PolicyInterpretationAnalyzer(Analyzer):
    id = "policy_interpretation"
    scope = "page"
    rule_ids = ("policy.no_interpretation",)
    description = "政策文件未关联解读材料"

    def analyze(self, page: dict, ctx: Context):
        facts = page.get("facts") or {}
        column = (facts.get("column") or "").strip()
        if facts.get("kind") != "article" or not column:
            return
        if classify_column(column, ctx.table("freshness")["categories"])["name"] != "policy":
            return
        table = ctx.table("policy")
        nav = set(table["navigation_texts"])
        for link in facts.get("links") or []:
            text = (link.get("text") or "").strip()
            if text and text not in nav and any(k in text for k in table["interpretation_keywords"]):
                return
        url = page.get("url", "")
        title = facts.get("title") or url
        yield ctx.finding("policy.no_interpretation", url=url, key=url_path(url),
                          evidence=f"政策文件「{title}」（栏目「{column}」）未关联解读材料",
                          details={"title": title, "column": column, "path": url_path(url)})


class PrivacyAnalyzer(Analyzer):
    id = "privacy"
    scope = "site"
    rule_ids = ("privacy.missing",)
    description = "未明示用户信息保护（隐私）政策"

    def analyze(self, data: SiteData, ctx: Context):
        if not data.pages:
            return
        words = ctx.table("privacy")["keywords"]
        for page in data.pages:
            facts = page.get("facts") or {}
            if any(w in (facts.get("title") or "") for w in words):
                return
            if any(w in text for text in _texts(facts) for w in words):
                return
        home = data.home
        yield ctx.finding("privacy.missing", url=(home or {}).get("url", ctx.site.url),
                          evidence="全站未见用户信息保护（隐私）政策或声明的链接", details={})
