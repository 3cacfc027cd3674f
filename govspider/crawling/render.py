"""Headless rendering (scrapy-playwright + Debian Chromium) only where a page needs it.

Per site, ``render_js`` (sites file) says ``always``, ``never`` or ``auto``. In ``auto``, a page
fetched over plain HTTP is re-requested rendered when :func:`needs_render` says its content is
written by scripts: the page shows no entries, letters or guide fields, and one of its scripts
writes into the document (``document.write``, ``innerHTML``, ``appendChild``, jQuery
``.html()/.append()/.load()``, ``fetch``/``XMLHttpRequest``). Rendered requests wait explicitly
(:func:`settle`: until new links appear, then network idle) because late scripts run after
``load``.

While rendering, Chromium may fetch only hosts of registered sites: :func:`abort_request` (the
``PLAYWRIGHT_ABORT_REQUEST`` hook) aborts any other host, private addresses not named in the
sites file, and images/fonts/media (never needed for facts).
"""

from __future__ import annotations

import os
import re

#: scripts that write page content after load
_WRITES = re.compile(
    rb"document\.write|\.innerHTML\s*[+]?=|appendChild\(|insertAdjacentHTML|\.append\(|\.html\(|"
    rb"\.load\(|XMLHttpRequest|fetch\(|\$\.(?:ajax|get|getJSON|post)\(",
)
_SCRIPT = re.compile(rb"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_SKIP_RESOURCES = {"image", "font", "media"}
_BADGES = re.compile(rb"conac|jiucuo|hm\.baidu|cnzz|google|_hmt|webdig|ucap", re.I)
_EMPTY_CONTAINER = re.compile(
    rb"<(ul|ol|tbody|dl)\b[^>]*>\s*</\1>|<div\b[^>]*(?:id|class)=[\"'][^\"']*list[^\"']*[\"'][^>]*>\s*</div>", re.I)

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

#: the resolver of the crawl that is running (set by the spider; one crawl per process)
_resolver = None


def set_resolver(resolver) -> None:
    global _resolver
    _resolver = resolver


def needs_render(body: bytes, facts: dict) -> bool:
    """True when a plain-HTTP page shows nothing and one of its own scripts writes content.

    Badge and statistics scripts (开普云 conac 党政机关标识, 政府网站找错 jiucuo, analytics) write
    into every page and are ignored; a script that fills an empty list container, or writes the
    page with ``document.write``, makes the page worth rendering.
    """
    if facts.get("entries") or facts.get("letters") or any(v for v in (facts.get("guide") or {}).values()):
        return False
    scripts = [s for s in _SCRIPT.findall(body or b"") if not _BADGES.search(s)]
    writing = [s for s in scripts if _WRITES.search(s)]
    if not writing:
        return False
    return bool(_EMPTY_CONTAINER.search(body)) or any(b"document.write" in s for s in writing)


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
    """Request meta that renders a page in Chromium and waits for late scripts."""
    from scrapy_playwright.page import PageMethod

    return {"playwright": True, "playwright_page_methods": [PageMethod(settle, settle_ms)], "rendered": True}


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
