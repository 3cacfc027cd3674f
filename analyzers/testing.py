"""Test harness: run one analyzer on a few HTML files (or page dicts), the way a campaign would.

    from analyzers.testing import run_on_html
    findings = run_on_html(MyAnalyzer, ["tests/fixtures/home.html"], url="http://www.x.gov.cn/")

Files are extracted with govspider.extract into page records (the first one is the homepage
unless ``url`` says otherwise); page analyzers see each page, site analyzers the whole set, pair
analyzers the pages against ``hall_pages``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin

from analyzers.api import SiteData, SitePair
from analyzers.registry import run_page_analyzers, run_pair_analyzers, run_site_analyzers
from govspider.sites import Site

DEFAULT_SITE = Site(site_code="4300000001", name="测试网站", region="长沙市", level="city", kind="portal",
                    url="http://www.test.gov.cn/")


def page_record(html: str | bytes, url: str, site: Site = DEFAULT_SITE, status: int = 200, depth: int = 0) -> dict:
    """A page record (storage/base.py shape) with facts and text extracted from ``html``."""
    from govspider.extract import extract_page_and_text

    facts, text = extract_page_and_text(html, url)
    return {"campaign": "test", "site_code": site.site_code, "url": url, "status": status, "depth": depth,
            "facts": facts, "text": text}


def pages_from_files(files, url: str | None = None, site: Site = DEFAULT_SITE) -> list[dict]:
    """Page records for ``files``: paths (read as bytes) or (url, html) pairs or page dicts."""
    out = []
    for i, item in enumerate(files):
        if isinstance(item, dict):
            out.append(item)
            continue
        if isinstance(item, tuple):
            page_url, html = item
        else:
            path = Path(item)
            page_url = (url or site.url) if i == 0 else urljoin(site.url, path.name)
            html = path.read_bytes()
        out.append(page_record(html, page_url, site, depth=0 if i == 0 else 1))
    return out


def run_on_html(analyzer, files, *, url: str | None = None, site: Site = DEFAULT_SITE, ruleset: str = "2019",
                as_of: dt.date | None = None, links: list[dict] | None = None, state: dict | None = None,
                hall_pages=None, hall_site: Site | None = None) -> list[dict]:
    """Findings of ``analyzer`` (a class or instance, registered or not) on ``files``."""
    if url and url != site.url:
        site = Site(**{**site.__dict__, "url": url})
    as_of = as_of or dt.date.today()
    items = _only(analyzer)
    pages = pages_from_files(files, url, site)
    scope = items[0].scope
    if scope == "page":
        return [f for page in pages for f in run_page_analyzers(page, site, ruleset, as_of, "test", analyzers=items, strict=True)]
    data = SiteData(site=site, pages=pages, links=list(links or []), state=state)
    if scope == "site":
        return run_site_analyzers(data, ruleset, as_of, "test", analyzers=items, strict=True)
    hall_site = hall_site or Site(site_code="4300000002", name="测试政务服务网", region=site.region, level=site.level,
                                  kind="service_hall", url="http://zwfw.test.gov.cn/")
    hall = SiteData(site=hall_site, pages=pages_from_files(hall_pages or [], None, hall_site))
    return run_pair_analyzers(SitePair(portal=data, hall=hall), ruleset, as_of, "test", analyzers=items, strict=True)


def _only(analyzer):
    from analyzers.registry import Loaded, check_analyzer

    instance = check_analyzer(analyzer)
    cls = type(instance)
    return [Loaded(instance, instance.id, f"{cls.__module__}:{cls.__qualname__}", "(test harness)")]
