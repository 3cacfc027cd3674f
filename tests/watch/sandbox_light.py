"""The light check of one sandbox site without HTTP (Province.respond), following exactly the links
the watch spider follows (govspider.watch.spider.light_links) — for the detector's tests."""

from __future__ import annotations

from collections import deque
from urllib.parse import urlsplit

from analyzers.api import SiteData
from govspider.extract import extract_page_and_text
from govspider.watch.defaults import GOVSPIDER_WATCH_MAX_DEPTH, GOVSPIDER_WATCH_MAX_PAGES
from govspider.watch.spider import light_links


def light_site(province, site) -> SiteData:
    pages, seen, queue = [], {site.url}, deque([(site.url, 0)])
    while queue and len(pages) < GOVSPIDER_WATCH_MAX_PAGES:
        url, depth = queue.popleft()
        parts = urlsplit(url)
        status, headers, body = province.respond("GET", parts.hostname, parts.path + (f"?{parts.query}" if parts.query else ""))
        ctype = dict(headers).get("Content-Type", "")
        if status >= 400 or "html" not in ctype:
            continue
        facts, _text = extract_page_and_text(body, url, ctype)
        pages.append({"url": url, "status": status, "depth": depth, "site_code": site.site_code, "facts": facts})
        if depth < GOVSPIDER_WATCH_MAX_DEPTH:
            for link in light_links(facts):
                target = link["url"].split("#", 1)[0]
                if urlsplit(target).hostname == site.host and target not in seen:
                    seen.add(target)
                    queue.append((target, depth + 1))
    return SiteData(site=site, pages=pages, state={"finished": True, "reachable": True})
