"""Site identity (页面底部功能区 and domain): footer.missing per element, footer.bad_site_code,
domain.not_gov_cn — site scope, the footer judged on the homepage."""

from __future__ import annotations

import re

from analyzers.api import Analyzer, Context, SiteData
from govspider.facts import FOOTER_FACT_OF_ELEMENT

ELEMENT_NAMES = {
    "conac": "党政机关网站标识", "jiucuo": "“我为政府网站找错”入口", "site_code": "网站标识码",
    "sponsor": "主办单位", "contact": "联系方式", "icp": "ICP备案号", "police_record": "公安机关备案号",
    "sitemap": "网站地图",
}


def element_missing(footer: dict, element: str) -> bool:
    """True when the homepage footer lacks ``element``. A null badge (conac/jiucuo) means only an
    empty JavaScript placeholder was seen — not reported as missing."""
    value = footer.get(FOOTER_FACT_OF_ELEMENT[element])
    if element in ("conac", "jiucuo"):
        return value is False
    if isinstance(value, bool):
        return not value
    return value is None or not str(value).strip()


class FooterAnalyzer(Analyzer):
    id = "footer"
    scope = "site"
    rule_ids = ("footer.missing", "footer.bad_site_code")
    description = "首页底部功能区必备要素与网站标识码"

    def analyze(self, data: SiteData, ctx: Context):
        home = data.home
        if home is None:
            return
        facts = home.get("facts") or {}
        footer = facts.get("footer") or {}
        table = ctx.table("footer")
        url = home.get("url", "")
        for element in table["required_elements"]:
            if element_missing(footer, element):
                yield ctx.finding("footer.missing", url=url, key=element,
                                  evidence=f"首页底部缺少{ELEMENT_NAMES.get(element, element)}（{element}）",
                                  details={"element": element})
        code = str(footer.get("site_code") or "").strip()
        if not code:
            return
        problems = []
        if not re.fullmatch(table["site_code_pattern"], code):
            problems.append("格式应为10位数字或bm加8位数字")
        meta = str((facts.get("meta") or {}).get("SiteIDCode") or "").strip()
        if meta and meta != code:
            problems.append(f"与页面 SiteIDCode 元数据 {meta} 不一致")
        jiucuo = str(footer.get("jiucuo_site_code") or "").strip()
        if jiucuo and jiucuo != code:
            problems.append(f"与「我为政府网站找错」入口的 sitecode {jiucuo} 不一致")
        if re.fullmatch(table["site_code_pattern"], code) and code != ctx.site.site_code:
            problems.append(f"与登记的网站标识码 {ctx.site.site_code} 不一致")
        if problems:
            yield ctx.finding("footer.bad_site_code", url=url, key=code,
                              evidence=f"首页底部网站标识码「{code}」" + "，".join(problems),
                              details={"site_code": code, "registered": ctx.site.site_code, "problems": problems})


class DomainAnalyzer(Analyzer):
    id = "domain"
    scope = "site"
    rule_ids = ("domain.not_gov_cn",)
    description = "网站未使用 gov.cn（或 .政务）域名"

    def analyze(self, data: SiteData, ctx: Context):
        suffixes = tuple(s.lower() for s in ctx.table("domain")["allowed_suffixes"])
        host = ctx.site.host
        if host and not ("." + host.rstrip(".")).endswith(suffixes):
            yield ctx.finding("domain.not_gov_cn", url=ctx.site.url, key=host,
                              evidence=f"网站域名 {host} 不是 gov.cn（或 .政务）域名", details={"host": host})
