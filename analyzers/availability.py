"""Availability: site.unreachable (the homepage never answered) and site.fake_closure (a site
registered as closed that still answers) — site scope, from the crawl's site state."""

from __future__ import annotations

from analyzers.api import Analyzer, Context, SiteData


def reachable(data: SiteData) -> bool:
    """The crawl's verdict, else: some page was stored with a status below 400."""
    if data.state is not None and data.state.get("reachable") is not None:
        return bool(data.state["reachable"])
    return any((p.get("status") or 0) and int(p["status"]) < 400 for p in data.pages)


class AvailabilityAnalyzer(Analyzer):
    id = "availability"
    scope = "site"
    rule_ids = ("site.unreachable", "site.fake_closure")
    description = "站点无法访问；已报关停但仍可访问（虚假关停）"

    def analyze(self, data: SiteData, ctx: Context):
        state = data.state or {}
        up = reachable(data)
        if ctx.site.closed:
            if up:
                yield ctx.finding("site.fake_closure", url=ctx.site.url,
                                  evidence=f"已报关停的网站 {ctx.site.url} 仍可访问（首页 HTTP {state.get('home_status') or '200'}）",
                                  details={"home_status": state.get("home_status"), "final_url": state.get("final_url")})
            return
        if not up:
            why = state.get("error") or (f"HTTP {state['home_status']}" if state.get("home_status") else "无响应")
            yield ctx.finding("site.unreachable", url=ctx.site.url,
                              evidence=f"首页 {ctx.site.url} 多次尝试后仍无法访问：{why}",
                              details={"error": state.get("error"), "home_status": state.get("home_status")})
