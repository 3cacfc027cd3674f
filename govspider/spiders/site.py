"""Spider ``site``: crawls every registered government site whole (站点全量抓取).

``scrapy crawl site -a sites=FILE [-a campaign=ID -a as_of=YYYY-MM-DD -a ruleset=2019]`` from the
repo root, or :func:`govspider.crawl.crawl_sites`. The pieces the distributed worker reuses:

- :meth:`SiteSpider.seed_request` — the first request of a site (its home page, 首页);
- :meth:`SiteSpider.parse_page` — a response becomes a link record, a site state (home page) and a
  page item; the extract pipeline then calls :meth:`SiteSpider.requests_from_page` to follow it;
- :meth:`SiteSpider.site_of` — which registered site owns a URL.

Extraction happens once, in the extract pipeline (pipelines/extract.py), which hands the page's
facts back to :meth:`requests_from_page`; the spider itself never parses HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import scrapy
from scrapy.http import TextResponse

from govspider import revisit
from govspider.crawling import egress, render
from govspider.crawling.linkcheck import ERROR_STATUSES, check_request, classify, needs_get_retry
from govspider.crawling.records import (
    TYPE, campaign_record, default_campaign_id, link_record, link_source_update, now_iso, site_state,
)
from govspider.crawling.resume import interrupted, replay_requests
from govspider.crawling.traps import TrapGuard
from govspider.crawling.urls import SiteResolver, canonical_url, host_key, site_hosts
from govspider.facts import is_attachment_url
from govspider.sites import Site, load_sites
from govspider.storage.base import MAX_LINK_SOURCES


class SiteSpider(scrapy.Spider):
    name = "site"

    def __init__(self, sites=None, campaign=None, as_of=None, ruleset=None, max_pages=None, max_depth=None, **kwargs):
        super().__init__(**kwargs)
        self._args = {"sites": sites, "campaign": campaign, "as_of": as_of, "ruleset": ruleset,
                      "max_pages": max_pages, "max_depth": max_depth}

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.configure(crawler.settings)
        return spider

    def configure(self, settings) -> None:
        """Read the sites, the campaign and the caps (spider arguments win over settings)."""
        args = self._args
        sites = args["sites"] or settings.get("GOVSPIDER_SITES_FILE")
        if isinstance(sites, (str, Path)):
            sites = load_sites(sites)
        if not sites:
            raise ValueError("no sites to crawl: pass -a sites=FILE (or set GOVSPIDER_SITES_FILE)")
        self.sites: dict[str, Site] = {s.site_code: s for s in sites}
        self.resolver = SiteResolver(list(sites))
        self._site_hosts = {s.site_code: set(site_hosts(s)) for s in sites}
        render.set_resolver(self.resolver)
        as_of = args["as_of"] or settings.get("GOVSPIDER_AS_OF") or dt.date.today()
        self.as_of = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of))
        self.ruleset = str(args["ruleset"] or settings.get("GOVSPIDER_RULESET") or "2019")
        self.campaign = args["campaign"] or settings.get("GOVSPIDER_CAMPAIGN") or default_campaign_id(list(sites), self.as_of)
        self.robots_ignored = not settings.getbool("ROBOTSTXT_OBEY")
        self.max_pages = int(args["max_pages"] or settings.getint("GOVSPIDER_MAX_PAGES", 2000))
        self.max_depth = int(args["max_depth"] if args["max_depth"] is not None else settings.getint("GOVSPIDER_MAX_DEPTH", 12))
        self.max_link_checks = settings.getint("GOVSPIDER_MAX_LINK_CHECKS", 0) or 4 * self.max_pages
        self.link_timeout = settings.getfloat("GOVSPIDER_LINK_TIMEOUT", 5.0)
        self.render_enabled = settings.getbool("GOVSPIDER_PLAYWRIGHT", True)
        self.render_settle_ms = settings.getint("GOVSPIDER_RENDER_SETTLE_MS", 3000)
        self.traps = TrapGuard.from_settings(settings, self.as_of)
        self.store_uri = settings.get("GOVSPIDER_STORE_URI")
        # decided before the store pipeline marks this run's campaign partial
        self.resuming = bool(settings.getbool("GOVSPIDER_RESUME", True) and self.store_uri
                             and interrupted(self.store_uri, self.campaign))
        egress.activate(egress.EgressPolicy.from_settings(settings, self.resolver.named_hosts))

    def campaign_record(self) -> dict:
        return campaign_record(self.campaign, list(self.sites.values()), self.as_of, self.ruleset, self.robots_ignored)

    # -- crawl state (rebuilt from the page store when an interrupted crawl resumes: crawling/resume.py)
    @property
    def counters(self) -> dict:
        state = self.__dict__.setdefault("state", {})
        for key in ("pages", "checks"):
            state.setdefault(key, {})
        state.setdefault("seen", {})  # url key -> number of source pages recorded (≤ MAX_LINK_SOURCES)
        return state

    @staticmethod
    def _key(url: str) -> int:
        return int.from_bytes(hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest(), "big")

    # -- reusable pieces
    def site_of(self, url: str) -> str | None:
        """site_code of the registered site that owns ``url`` (None: not ours, never fetched)."""
        return self.resolver.owner(url)

    async def start(self):
        """The home page of every site; after an interruption, what the store says is left to do."""
        if self.resuming:
            for item in replay_requests(self):
                yield item
            return
        for site in self.sites.values():
            yield self.seed_or_state(site)

    def seed_or_state(self, site: Site):
        """The seed request, or (a start URL that cannot be requested) the site state saying so."""
        try:
            return self.seed_request(site)
        except ValueError as exc:
            return self.home_state(site.site_code, {}, reachable=None, cause="invalid_url", error=str(exc)[:200])

    def seed_request(self, site: Site) -> scrapy.Request:
        """The home-page request of ``site`` (depth 0); filtered, so a resume never refetches it."""
        url = canonical_url(site.url)
        counters = self.counters
        counters["seen"].setdefault(self._key(url), 0)
        counters["pages"][site.site_code] = counters["pages"].get(site.site_code, 0) + 1
        return self.page_request(site.url, site.site_code, 0, source=None, on_home=False, is_home=True,
                                 priority=1000, target=url)

    def page_request(self, url: str, site_code: str, depth: int, source: str | None, on_home: bool,
                     is_home: bool = False, priority: int | None = None, target: str | None = None) -> scrapy.Request:
        """GET ``url`` as linked; ``target`` (its canonical form) is what the link record names."""
        meta = {"site_code": site_code, "depth": depth, "target": target or canonical_url(url), "source": source, "on_home": on_home,
                "is_home": is_home, "handle_httpstatus_list": ERROR_STATUSES, "download_slot": site_code,
                "download_fail_on_dataloss": False}
        host = _host_key(url)
        if not is_home and host not in self._site_hosts[site_code]:
            # a sub-domain the sites file does not name (old.csx.gov.cn …): may be long dead, so it
            # gets the link-check timeout, no retries and a slot of its own — it cannot stall the site
            meta.update({"download_timeout": self.link_timeout, "max_retry_times": 0,
                         "download_slot": f"{site_code}:{host}"})
        if self.render_enabled and self.sites[site_code].render_js == "always":
            meta.update(render.render_meta(self.render_settle_ms))
        return scrapy.Request(url, callback=self.parse_page, errback=self.page_failed, meta=meta,
                              priority=-depth if priority is None else priority)

    def render_request(self, page: dict) -> scrapy.Request:
        """Fetch ``page`` again in Chromium (render_js: auto found script-written content)."""
        page["render_requested"] = True  # stored with the page: a resumed crawl asks again
        request = self.page_request(page.get("fetched_url") or page["url"], page["site_code"], page["depth"], source=None,
                                    on_home=False, is_home=page.get("_is_home", False), target=page["url"])
        request.meta.update(render.render_meta(self.render_settle_ms))
        return request.replace(dont_filter=True)

    def wants_render(self, page: dict, body: bytes) -> bool:
        site = self.sites[page["site_code"]]
        return (self.render_enabled and site.render_js == "auto" and not page.get("rendered")
                and render.needs_render(body, page.get("facts") or {}))

    def parse_page(self, response):
        """A page response → its link record, its site state (home) and a page item to extract."""
        meta = response.meta
        code = meta["site_code"]
        if meta.get("rendered") and not self._render_ok(response):
            self.crawler.stats.inc_value("govspider/render_failed")
            yield self.plain_request(response.request, f"rendered page ended at {response.url[:200]}")
            return
        url = canonical_url(response.url)
        status = response.status
        owner = self.resolver.owner(url)
        flags = set(response.flags or ())
        truncated = "dataloss" in flags or "download_stopped" in flags or meta.get("too_large") is not None
        link = link_record(self.campaign, code, meta["target"], status=status, on_home=meta.get("on_home"),
                           source=meta.get("source"), attachment=is_attachment_url(meta["target"]),
                           final_url=url if url != meta["target"] else None, archive=meta.get("archive"))
        if truncated:
            link["truncated"] = True
        if meta.get("is_home"):
            yield self.home_state(code, meta, **self._home_outcome(response, url, owner, flags))
        if meta.get("reused_page") is not None:  # 304 to a conditional revisit: the last visit's facts
            yield link
            yield from revisit.follow_reused(self, response)
            return
        keep = status < 400 and _is_html(response) and owner == code and meta.get("too_large") is None
        if not keep:
            yield link
            return
        yield {
            TYPE: "page", "campaign": self.campaign, "site_code": code, "url": url, "status": status,
            "depth": meta.get("depth", 0), "fetched_at": now_iso(),
            "content_type": response.headers.get("Content-Type", b"").decode("latin-1") or None,
            "encoding": response.encoding, "rendered": bool(meta.get("rendered")), "facts": None,
            "text": None, "findings": [], "truncated": truncated, "archive": meta.get("archive"),
            "_body": response.body,
            # the URL as fetched when it is not the canonical one (query order, session id): a
            # re-request (rendering) must ask for it exactly so, some servers read it literally
            **({"fetched_url": response.url} if response.url != url else {}),
            "_is_home": bool(meta.get("is_home")), "_link": link,
            **revisit.validators(response),
        }

    def _home_outcome(self, response, url: str, owner: str | None, flags: set) -> dict:
        """The site-state fields a homepage response decides (cause vocabulary: docs/internals.md)."""
        meta, status, code = response.meta, response.status, response.meta["site_code"]
        fields = {"home_status": status, "final_url": url, "rendered": bool(meta.get("rendered"))}
        if status >= 400:
            return {**fields, "reachable": False, "cause": "http_error", "error": f"HTTP {status}"}
        if owner != code:
            return {**fields, "reachable": True, "cause": "redirected_away", "error": f"redirected to {url}",
                    "redirected_to_site": owner}
        if meta.get("too_large") is not None or "download_stopped" in flags:
            return {**fields, "reachable": True, "cause": "too_large", "error": None}
        if "dataloss" in flags:
            return {**fields, "reachable": True, "cause": "truncated", "error": None}
        if meta.get("render_fallback"):
            return {**fields, "reachable": True, "cause": "render_failed", "error": meta["render_fallback"]}
        return {**fields, "reachable": True, "cause": "ok", "error": None}

    def home_state(self, code: str, meta: dict, **fields) -> dict:
        """A site-state item for ``code``'s homepage, with the fetches made (``attempts``)."""
        return site_state(self.campaign, code, attempts=list(meta.get("attempts") or []),
                          robots_ignored=self.robots_ignored, closed=self.sites[code].closed, **fields)

    def _render_ok(self, response) -> bool:
        """A rendered page is usable when Chromium stayed on the site (no error page, no script
        redirect to a host the site does not register)."""
        if response.url.startswith(("chrome-error:", "about:")):
            return False
        code = response.meta["site_code"]
        return _host_key(response.url) in self._site_hosts[code] or _host_key(response.url) == _host_key(response.request.url)

    def plain_request(self, request: scrapy.Request, why: str) -> scrapy.Request:
        """The same page over plain HTTP: what a failed rendering falls back to."""
        meta = {k: v for k, v in request.meta.items() if not k.startswith(_NOT_COPIED)}
        meta.update(rendered=False, render_fallback=why[:300], download_fail_on_dataloss=False)
        return request.replace(meta=meta, dont_filter=True)

    def requests_from_page(self, page: dict) -> tuple[list[scrapy.Request], list[dict]]:
        """Follow a page's internal links: (page or link-check requests, partial link records)."""
        code, source, depth = page["site_code"], page["url"], page["depth"]
        on_home = bool(page.get("_is_home"))
        if self.sites[code].closed:
            return [], []  # a closed site is only probed (首页), to find 虚假关停
        counters = self.counters
        seen, pages, checks = counters["seen"], counters["pages"], counters["checks"]
        requests, updates = [], []
        for link in (page.get("facts") or {}).get("links") or []:
            raw = (link.get("url") or "").split("#", 1)[0]
            if not raw.startswith(("http://", "https://")):
                continue
            try:
                target = canonical_url(raw)
            except ValueError:
                continue
            if target == source or self.resolver.owner(target) != code:
                continue  # external and other sites' links stay in facts.links only
            key = self._key(target)
            count = seen.get(key)
            if count is not None:
                if count < MAX_LINK_SOURCES:
                    seen[key] = count + 1
                    updates.append(link_source_update(self.campaign, code, target, source, on_home))
                continue
            attachment = is_attachment_url(target)
            trap = None if attachment else self.traps.reason(target, code, source)
            if trap:
                seen[key] = MAX_LINK_SOURCES
                self.crawler.stats.inc_value(f"govspider/trap/{trap}")
                continue
            seen[key] = 1
            if not attachment and depth + 1 <= self.max_depth and pages.get(code, 0) < self.max_pages:
                pages[code] = pages.get(code, 0) + 1
                requests.append(self.page_request(raw, code, depth + 1, source, on_home, target=target))
            elif checks.get(code, 0) < self.max_link_checks:
                checks[code] = checks.get(code, 0) + 1
                meta = {"site_code": code, "target": target, "source": source, "on_home": on_home,
                        "attachment": attachment}
                requests.append(check_request(raw, meta, self.link_timeout, self.link_checked, self.link_failed,
                                              slot=self._check_slot(code, target)))
            else:
                self.crawler.stats.inc_value("govspider/link_checks_capped")
        return requests, updates

    def page_failed(self, failure):
        request = failure.request
        meta = request.meta
        code = meta["site_code"]
        cause, error = classify(failure)
        if meta.get("rendered") and not meta.get("render_fallback") and cause not in ("refused_private", "refused_scope",
                                                                                      "robots_refused"):
            # a script that loops, eats memory or navigates somewhere refused: the plain body will do
            self.crawler.stats.inc_value("govspider/render_failed")
            yield self.plain_request(request, f"rendering failed: {error or cause}")
            return
        if cause in _REDIRECTS:
            yield redirect_record(self.campaign, code, meta, error)
        elif error is not None:
            yield link_record(self.campaign, code, meta["target"], error=error, on_home=meta.get("on_home"),
                              source=meta.get("source"), attachment=is_attachment_url(meta["target"]))
        if meta.get("is_home"):
            reached = _REACHED.get(cause)
            yield self.home_state(code, meta, reachable=reached, cause=cause, error=error or str(failure.value)[:200],
                                  home_status=None, final_url=None)

    def link_checked(self, response):
        meta = response.meta
        if needs_get_retry(response.request, response.status):
            yield self._recheck(response.request)
            return
        yield link_record(self.campaign, meta["site_code"], meta["target"], status=response.status,
                          on_home=meta.get("on_home"), source=meta.get("source"), attachment=meta.get("attachment"),
                          method=meta.get("link_check"), archive=meta.get("archive"))

    def link_failed(self, failure):
        request = failure.request
        meta = request.meta
        cause, error = classify(failure)
        if cause in _REDIRECTS:
            yield redirect_record(self.campaign, meta["site_code"], meta, error, method=meta.get("link_check"))
            return
        if error is None:
            return
        if meta.get("link_check") == "HEAD" and cause == "error":
            yield self._recheck(request)  # some servers drop HEAD requests: ask with GET
            return
        yield link_record(self.campaign, meta["site_code"], meta["target"], error=error,
                          on_home=meta.get("on_home"), source=meta.get("source"), attachment=meta.get("attachment"),
                          method=meta.get("link_check"))

    def _recheck(self, request):
        meta = {k: request.meta[k] for k in ("site_code", "target", "source", "on_home", "attachment")}
        return check_request(request.url, meta, self.link_timeout, self.link_checked, self.link_failed, method="GET",
                             slot=self._check_slot(meta["site_code"], request.url))

    def _check_slot(self, site_code: str, url: str) -> str | None:
        """Checks on the site's registered hosts wait in its slot behind its pages; others get their own."""
        return site_code if _host_key(url) in self._site_hosts[site_code] else None


#: request meta a fallback request must not inherit (Chromium's, and what Scrapy's middlewares set per download)
_NOT_COPIED = ("playwright", "redirect_", "download_latency", "_scheme_proxy", "retry_times", "render_settle_ms")

#: whether a homepage failure says the site answered (True), did not (False), or nothing (None: not asked)
_REACHED = {"timeout": False, "dns": False, "connection_refused": False, "connect_error": False, "error": False,
            "redirect_loop": False, "too_many_redirects": False, "too_large": True,
            "robots_refused": None, "refused_private": None, "refused_scope": None, "refused": None}


_REDIRECTS = ("redirect_loop", "too_many_redirects")


def redirect_record(campaign: str, code: str, meta: dict, why: str, **extra) -> dict:
    """The link record of a redirect loop or an over-long chain: the last status the server sent
    (3xx) and ``redirect`` saying what went wrong. Whether that is a broken link is the link
    analyzer's call (a loop never opens; a long chain still may in a browser)."""
    reasons = [r for r in meta.get("redirect_reasons") or [] if isinstance(r, int)]
    urls = meta.get("redirect_urls") or []
    return link_record(campaign, code, meta["target"], status=reasons[-1] if reasons else None, error=None,
                       on_home=meta.get("on_home"), source=meta.get("source"), attachment=is_attachment_url(meta["target"]),
                       redirect=why, final_url=canonical_url(urls[-1]) if urls else None,
                       archive=meta.get("archive"), **extra)


def _host_key(url: str) -> str:
    return host_key(urlsplit(url))


def _is_html(response) -> bool:
    if not isinstance(response, TextResponse):
        return False
    ctype = response.headers.get("Content-Type", b"").lower()
    return not ctype or b"html" in ctype or b"xml" in ctype
