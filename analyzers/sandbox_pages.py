"""Sandbox pages without HTTP: walk each simulated site through ``Province.respond`` and extract
its pages into a page store — for analyzer tests and the analysis benchmark (no crawler needed)."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

from govspider.facts import is_attachment_url


def fill_store(province, store, campaign_id: str, ruleset: str = "2019", max_pages: int = 2000,
               run_page_analyzers: bool = True) -> dict:
    """Walk every site of ``province`` (same host, breadth first, ≤ ``max_pages`` each), store
    page records, link checks and site states under ``campaign_id``; returns page counts."""
    from analyzers.registry import run_page_analyzers as run_page
    from govspider.extract import extract_page_and_text

    as_of = province.as_of
    store.save_campaign({"id": campaign_id, "as_of": as_of.isoformat(), "ruleset": ruleset,
                         "created": dt.datetime.now(dt.timezone.utc).isoformat(),
                         "sites": [s.to_dict() for s in province.sites]})
    counts = {}
    for site in province.sites:
        home = site.url
        status, _h, _b = _fetch(province, home)
        reachable = status is not None and status < 400
        store.upsert_site_state({"campaign": campaign_id, "site_code": site.site_code, "reachable": reachable,
                                 "error": None if reachable else f"HTTP {status}" if status else "connection failed",
                                 "home_status": status, "final_url": home, "finished": True})
        if not reachable:
            counts[site.site_code] = 0
            continue
        seen, queue, pages = {home}, deque([(home, 0)]), 0
        checked: dict[str, tuple] = {}
        while queue and pages < max_pages:
            url, depth = queue.popleft()
            status, headers, body = _fetch(province, url)
            ctype = dict((k.lower(), v) for k, v in headers).get("content-type", "")
            if status is None or "html" not in ctype:
                continue
            facts, text = extract_page_and_text(body, url, ctype)
            page = {"campaign": campaign_id, "site_code": site.site_code, "url": url, "status": status,
                    "depth": depth, "content_type": ctype, "facts": facts, "text": text}
            if run_page_analyzers:
                page["findings"] = run_page(page, site, ruleset, as_of)
            store.upsert_page(page)
            pages += 1
            for link in facts.get("links") or []:
                target = urldefrag(link["url"])[0]
                parts = urlsplit(target)
                if parts.scheme not in ("http", "https") or _TRAP.search(target):
                    continue
                internal = (parts.hostname or "") == site.host
                if target not in checked:
                    if internal and not is_attachment_url(target) and status < 400:
                        if target not in seen:
                            seen.add(target)
                            queue.append((target, depth + 1))
                    checked[target] = _fetch(province, target, head=True)[:1]
                st = checked[target][0]
                store.upsert_link({"campaign": campaign_id, "site_code": site.site_code, "target": target,
                                   "status": st, "error": None if st else "timeout",
                                   "attachment": is_attachment_url(target), "internal": internal,
                                   "on_home": url == home, "sources": [url]})
        counts[site.site_code] = pages
    if hasattr(store, "flush"):
        store.flush()
    return counts


#: calendar / session-id URLs a polite crawler does not follow (爬虫陷阱)
_TRAP = re.compile(r"[?&;](?:date|month|year|day|jsessionid)=", re.I)


def _fetch(province, url: str, head: bool = False):
    parts = urlsplit(url)
    host = parts.hostname or ""
    if province.is_timeout_host(host) or province.is_dead_host(host):
        return None, [], b""
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return province.respond("HEAD" if head else "GET", host, target, {})


