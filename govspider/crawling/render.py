"""Headless rendering (scrapy-playwright + Debian Chromium) only where a page needs it.

Per site, ``render_js`` (sites file) says ``always``, ``never`` or ``auto``. In ``auto``, a page
fetched over plain HTTP is re-requested rendered when :func:`needs_render` says its content is
written by scripts: the page shows no entries, letters or guide fields, and one of its scripts
writes into the document (``document.write``, ``innerHTML``, ``appendChild``, jQuery
``.html()/.append()/.load()``, ``fetch``/``XMLHttpRequest``). Rendered requests wait explicitly
(:func:`settle`: until new links appear, then network idle) because late scripts run after
``load``.

While rendering, Chromium may fetch only hosts of registered sites, under the crawl's egress
policy: :class:`GuardedPlaywrightHandler` launches it behind an in-process filtering proxy
(:mod:`govspider.crawling.browserproxy`) that judges every request it makes, redirect hops and
script navigations included; :func:`abort_request` (the ``PLAYWRIGHT_ABORT_REQUEST`` hook) also
aborts images, fonts and media (never needed for facts). Chromium runs without background
networking, component updates, pings or service workers, and with a 256 MB script heap, so a
script that eats memory crashes its tab, not the machine; a page whose rendering fails is read
from its plain HTTP body instead (the spider's fallback).
"""

from __future__ import annotations

import os
import re

#: scripts that ask the server for data (the content they then draw)
_FETCH = rb"fetch\(|XMLHttpRequest|\$\.(?:ajax|get|getJSON|post)\(|axios\.|\.load\("
_FETCHES = re.compile(_FETCH)
#: scripts that write page content after load (or fetch it to draw)
_WRITES = re.compile(
    rb"document\.write|\.innerHTML\s*[+]?=|appendChild\(|insertAdjacentHTML|\.append\(|\.html\(|" + _FETCH)
#: what a script-drawn page shows before its data arrives: a loading placeholder or an empty mount point
_PLACEHOLDER = re.compile(
    rb">\s*(?:" + "正在加载|加载中|数据加载|努力加载".encode() + rb"|loading)[^<]{0,12}<"
    rb"|<div\b[^>]*id=[\"'](?:app|root)[\"'][^>]*>\s*</div>", re.I)
_SCRIPT = re.compile(rb"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_SKIP_RESOURCES = {"image", "font", "media"}
_BADGES = re.compile(rb"conac|jiucuo|hm\.baidu|cnzz|google|_hmt|webdig|ucap", re.I)
_EMPTY_CONTAINER = re.compile(
    rb"<(ul|ol|tbody|dl)\b[^>]*>\s*</\1>|<div\b[^>]*(?:id|class)=[\"'][^\"']*list[^\"']*[\"'][^>]*>\s*</div>", re.I)

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pings", "--disable-breakpad",
               "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--disable-default-apps",
               "--metrics-recording-only", "--disable-features=Translate,OptimizationHints,MediaRouter,"
               "AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions",
               "--js-flags=--max-old-space-size=256"]
#: Playwright context options of rendering contexts (JSON-able: they travel in request meta)
CONTEXT_KWARGS = {"service_workers": "block"}

#: the resolver of the crawl that is running (set by the spider; one crawl per process)
_resolver = None


def set_resolver(resolver) -> None:
    global _resolver
    _resolver = resolver


def needs_render(body: bytes, facts: dict) -> bool:
    """True when a plain-HTTP page shows nothing and one of its own scripts writes content.

    Badge and statistics scripts (开普云 conac 党政机关标识, 政府网站找错 jiucuo, analytics) write
    into every page and are ignored; a script that fills an empty list container, writes the page
    with ``document.write``, or fetches the data a loading placeholder waits for (single-page
    apps), makes the page worth rendering. An article read with its date never is.
    """
    if facts.get("entries") or facts.get("letters") or any(v for v in (facts.get("guide") or {}).values()):
        return False
    if facts.get("kind") == "article" and facts.get("publish_date"):
        return False  # an article read with its headline and date (share buttons, counters and font
        # switchers write into nearly every real article page: rendering them adds nothing)
    scripts = [s for s in _SCRIPT.findall(body or b"") if not _BADGES.search(s)]
    writing = [s for s in scripts if _WRITES.search(s)]
    if not writing:
        return False
    if _EMPTY_CONTAINER.search(body) or any(b"document.write" in s for s in writing):
        return True
    # a page whose content a script fetches as data and draws (一网通办 halls built as single-page
    # apps: ``<div id="app">正在加载…</div>`` + fetch('/api/…'))
    return any(_FETCHES.search(s) for s in writing) and bool(_PLACEHOLDER.search(body))


async def settle(page, timeout_ms: int = 3000) -> None:
    """Explicit wait for late scripts: until new links appear (or ``timeout_ms``), then network idle."""
    try:
        before = await page.evaluate("document.links.length")
        await page.wait_for_function("n => document.links.length > n", arg=before, timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - a page that adds no links is returned as it is
        pass
    try:
        await page.wait_for_load_state("networkidle", timeout=timeout_ms)
    except Exception:  # noqa: BLE001
        pass


def render_meta(settle_ms: int = 3000) -> dict:
    """Request meta that renders a page in Chromium and waits for late scripts (JSON-able:
    :class:`SettleMiddleware` adds the wait when the request is downloaded)."""
    return {"playwright": True, "playwright_context_kwargs": dict(CONTEXT_KWARGS), "render_settle_ms": settle_ms,
            "rendered": True}


class SettleMiddleware:
    """Downloader middleware: a rendered request waits for late scripts (:func:`settle`)."""

    def process_request(self, request):
        meta = request.meta
        if meta.get("playwright") and meta.get("render_settle_ms") and "playwright_page_methods" not in meta:
            from scrapy_playwright.page import PageMethod

            meta["playwright_page_methods"] = [PageMethod(settle, meta["render_settle_ms"])]
        return None


def _guarded_handler_class():
    from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

    class GuardedPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
        """scrapy-playwright's handler with Chromium behind :class:`~govspider.crawling.browserproxy.FilteringProxy`.

        The proxy starts with the handler (a thread, no browser yet); the browser itself still
        starts only at the first rendered request."""

        def __init__(self, crawler):
            super().__init__(crawler)
            from govspider.crawling.browserproxy import FilteringProxy

            launch = dict(self.config.launch_options)
            upstream = (launch.get("proxy") or {}).get("server")
            self.egress_proxy = FilteringProxy(lambda url: _scope(crawler, url), upstream,
                                               timeout=crawler.settings.getfloat("DOWNLOAD_TIMEOUT", 20.0)).start()
            launch["proxy"] = {"server": self.egress_proxy.url}
            self.config.launch_options = launch

        async def _close(self) -> None:
            try:
                await super()._close()
            finally:
                self.egress_proxy.stop()

    return GuardedPlaywrightHandler


def _scope(crawler, url: str) -> str | None:
    resolver = getattr(crawler.spider, "resolver", None)
    return "no crawl is running" if resolver is None else resolver.fetch_allowed(url)


def __getattr__(name):  # the handler class is built on first use (scrapy-playwright imports are heavy)
    if name == "GuardedPlaywrightHandler":
        cls = _guarded_handler_class()
        globals()[name] = cls
        return cls
    raise AttributeError(name)


def launch_options(proxy: str | None = None) -> dict:
    """Chromium launch options (Debian's /usr/bin/chromium; never `playwright install`)."""
    options = {"headless": True, "executable_path": CHROMIUM, "args": list(LAUNCH_ARGS), "timeout": 30_000}
    proxy = proxy if proxy is not None else (os.environ.get("http_proxy") or os.environ.get("HTTP_PROXY"))
    if proxy:
        options["proxy"] = {"server": proxy}
    return options


def abort_request(request) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST hook: True aborts a browser request (see module docstring)."""
    if request.resource_type in _SKIP_RESOURCES:
        return True
    url = request.url
    if url.startswith(("data:", "blob:", "about:")):
        return False
    if _resolver is None:
        return True
    return _resolver.fetch_allowed(url) is not None
