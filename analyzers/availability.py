"""Availability: site.unreachable (the homepage never answered) and site.fake_closure (a site
registered as closed that still answers) — site scope, from the crawl's site state.

The national rule (站点无法访问) counts repeated probes over time: a veto rests only on homepage
fetches the crawl actually made (the state's ``attempts``), at least
``availability.min_failed_attempts`` of them, all failed. A site the crawl never asked — an
interrupted or unfinished crawl, a homepage refused by robots.txt or by the egress policy, a start
URL that cannot be requested — gets a finding marked for review, never a veto; so does a site
whose homepage redirects to another site. Details hold counts, never the attempts' times, so the
same finding keeps the same id from one run to the next (the times stay in the site state). A closed site (已关停) whose homepage redirects to another
site (its parent portal, as closed sites are told to) is properly closed, not a fake closure.
"""

from __future__ import annotations

from analyzers.api import Analyzer, Context, SiteData

#: why a site was never (fully) asked, as a person reads it (causes: docs/internals.md, Seams)
NOT_ASKED = {
    "robots_refused": "首页被 robots.txt 禁止抓取，未实际访问（可用 --ignore-robots 复查）",
    "refused_private": "首页地址解析到内网/保留地址，按出口策略未访问",
    "refused_scope": "首页不属于任何登记网站，未访问",
    "invalid_url": "登记的首页地址无法请求",
    "not_attempted": "抓取未完成，本站首页未被访问",
}


def reachable(data: SiteData) -> bool | None:
    """The crawl's verdict, else: some page was stored with a status below 400 (None: unknown)."""
    if data.state is not None and data.state.get("reachable") is not None:
        return bool(data.state["reachable"])
    if any((p.get("status") or 0) and int(p["status"]) < 400 for p in data.pages):
        return True
    return None


def failed_attempts(state: dict) -> tuple[int, int]:
    """(failed, answered) homepage fetches recorded in the state."""
    failed = answered = 0
    for attempt in state.get("attempts") or []:
        if attempt.get("error") or (attempt.get("status") or 0) >= 400:
            failed += 1
        elif attempt.get("status"):
            answered += 1
    return failed, answered


class AvailabilityAnalyzer(Analyzer):
    id = "availability"
    scope = "site"
    rule_ids = ("site.unreachable", "site.fake_closure")
    description = "站点无法访问；已报关停但仍可访问（虚假关停）"

    def analyze(self, data: SiteData, ctx: Context):
        state = data.state or {}
        up = reachable(data)
        url = ctx.site.url
        if ctx.site.closed:
            if up and state.get("cause") != "redirected_away":
                yield ctx.finding("site.fake_closure", url=url,
                                  evidence=f"已报关停的网站 {url} 仍可访问（首页 HTTP {state.get('home_status') or '200'}）",
                                  details={"home_status": state.get("home_status"), "final_url": state.get("final_url")})
            return
        if up:
            if state.get("cause") == "redirected_away":
                yield self._review(ctx, state, f"首页跳转至其他网站 {state.get('final_url')}，本站内容未检查"
                                                "（是否已整合或关停，请人工确认）")
            return
        cause = state.get("cause") or ("not_attempted" if not state else None)
        failed, answered = failed_attempts(state)
        if up is False and not answered and failed >= int(ctx.table("availability")["min_failed_attempts"]):
            why = state.get("error") or (f"HTTP {state['home_status']}" if state.get("home_status") else "无响应")
            yield ctx.finding("site.unreachable", url=url,
                              evidence=f"首页 {url} {failed} 次尝试均无法访问：{why}",
                              details={"error": state.get("error"), "home_status": state.get("home_status"),
                                       "cause": cause, "failed_attempts": failed})
            return
        if cause in NOT_ASKED:
            reason = NOT_ASKED[cause]
        elif up is False:
            reason = f"首页访问失败，但只有 {failed} 次实际尝试记录，不足以认定无法访问"
        else:
            reason = "抓取未记录首页的访问结果"
        yield self._review(ctx, state, reason)

    @staticmethod
    def _review(ctx: Context, state: dict, reason: str):
        return ctx.finding("site.unreachable", url=ctx.site.url, evidence=f"首页 {ctx.site.url}：{reason}",
                           details={"cause": state.get("cause"), "error": state.get("error"),
                                    "attempts": len(state.get("attempts") or []), "final_url": state.get("final_url")},
                           review=True, review_reason=reason)
