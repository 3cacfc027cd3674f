"""Links (链接可用性): link.broken and attachment.broken from the crawl's link checks — site scope.

Counted the way the ruleset counts (Ucap practice): statuses in ``links.confirmed_statuses``
(404, 403) confirm a dead link; any other failure (5xx, timeout, refused) is only "suspected"
and reported as info, without points. A target the crawl fetched as a page with a good status
is never dead, whatever a separate check of it said. Only links on the site itself (same 主域名) count when
``links.internal_only`` is set. Links on the homepage cost ``points_on_home``.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

import tldextract

from analyzers.api import Analyzer, Context, SiteData
from govspider.facts import is_attachment_url


@functools.lru_cache(maxsize=1)
def _extract() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # bundled snapshot, never fetched


@functools.lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """``csx.gov.cn`` for ``old.csx.gov.cn`` (the site's 主域名)."""
    parts = _extract()(host)
    return f"{parts.domain}.{parts.suffix}" if parts.suffix else host


def on_site(target: str, site) -> bool:
    """The target belongs to the site: its host is one of the site's or shares its 主域名."""
    host = (urlsplit(target).hostname or "").lower()
    return host == site.host or host in site.hosts or registrable_domain(host) == registrable_domain(site.host)


def link_failure(status, error) -> bool:
    return bool(error) or (status is not None and int(status) >= 400)


class LinksAnalyzer(Analyzer):
    id = "links"
    scope = "site"
    rule_ids = ("link.broken", "attachment.broken")
    description = "死链与无法下载的附件"

    def analyze(self, data: SiteData, ctx: Context):
        table = ctx.table("links")
        if data.state is not None and data.state.get("reachable") is False:
            return  # an unreachable site is site.unreachable, not a pile of dead links
        confirmed_statuses = {int(s) for s in table["confirmed_statuses"]}
        # a page the crawl fetched and got is not dead, whatever a link check of it said (a
        # HEAD that timed out under load while the GET of the same URL answered)
        fetched = {p.get("url") for p in data.pages if p.get("status") is not None and int(p["status"]) < 400}
        checks = {}
        for link in data.links:
            if link["target"] not in fetched:
                checks[link["target"]] = link
        for page in data.pages:  # pages the crawl fetched and got an error for
            url, status = page.get("url", ""), page.get("status")
            if url and url not in checks and status is not None and int(status) >= 400:
                checks[url] = {"target": url, "status": status, "error": None, "internal": True,
                               "on_home": False, "sources": [], "attachment": is_attachment_url(url)}
        for target in sorted(checks):
            link = checks[target]
            status, error = link.get("status"), link.get("error")
            if not link_failure(status, error):
                continue
            internal = on_site(target, ctx.site)
            if table.get("internal_only") and not internal:
                continue
            confirmed = status is not None and int(status) in confirmed_statuses
            if not confirmed and not table.get("report_suspected", True):
                continue
            attachment = bool(link.get("attachment")) or is_attachment_url(target)
            rule_id = "attachment.broken" if attachment else "link.broken"
            rule = ctx.rule(rule_id)
            on_home = bool(link.get("on_home"))
            points = float(rule.get("points_on_home", rule.get("points", 0)) if on_home else rule.get("points", 0))
            sources = list(link.get("sources") or [])
            what = "附件" if attachment else "链接"
            state = f"HTTP {status}" if status is not None else (error or "无法访问")
            yield ctx.finding(
                rule_id, url=sources[0] if sources else target, key=target,
                severity=None if confirmed else "info", points=points if confirmed else 0.0,
                evidence=f"{'首页' if on_home else ''}{what} {target} {state}（{'确认' if confirmed else '疑似'}）"
                         + (f"，来源页 {sources[0]}" if sources else ""),
                details={"target": target, "status": status, "error": error, "on_home": on_home,
                         "confirmed": confirmed, "internal": internal, "sources": sources},
            )
