"""Crash-safe resume: the frontier of an interrupted crawl, rebuilt from the page store (断点续爬).

Scrapy's on-disk queue and its seen-fingerprint file are written at different times: after a
SIGKILL the queue came back empty while the seen file kept every URL, and the "resumed" crawl
finished at once with a third of the site missing. govspider does not trust either file. The page
store is the only record of what was done, written so that it is always consistent with itself:
a page's own link record is written after the page (same writer thread, same order), so "this
target has a link record with a status" implies "its page, if it was one, is stored".

On start, when the campaign record says the crawl is ``partial`` (it began and never finished),
:func:`replay_requests` walks the stored pages in depth order through the spider's own
:meth:`~govspider.spiders.site.SiteSpider.requests_from_page`, which rebuilds every counter (pages
and link checks per site, targets seen, trap guards) exactly as the first run built them, and
keeps only the requests whose target is not done yet. Seeds whose homepage was answered are not
asked again; pages that had asked for rendering and were not rendered yet are asked again.
"""

from __future__ import annotations

import logging

from govspider.crawling.urls import canonical_url
from govspider.storage import open_store

logger = logging.getLogger(__name__)


def interrupted(store_uri: str, campaign: str) -> bool:
    """True when the store holds a crawl of ``campaign`` that began and never finished."""
    with open_store(store_uri) as store:
        record = store.get_campaign(campaign)
    return bool(record and record.get("partial"))


def replay_requests(spider) -> list:
    """Requests that finish the interrupted crawl of ``spider.campaign`` (see module docstring)."""
    with open_store(spider.store_uri) as store:
        done = {link["target"] for link in store.iter_links(spider.campaign) if "status" in link}
        order = sorted((page.get("depth") or 0, page["url"]) for page in store.iter_pages(spider.campaign))
        homes = {canonical_url(site.url) for site in spider.sites.values()}
        homes |= {s["final_url"] for s in store.iter_site_states(spider.campaign) if s.get("final_url")}
        done |= {url for _depth, url in order}
        out = []
        for site in spider.sites.values():
            try:
                seed = spider.seed_request(site)
            except ValueError:
                out.append(spider.seed_or_state(site))
                continue
            if seed.meta["target"] not in done:
                out.append(seed)
        for _depth, url in order:
            page = store.get_page(spider.campaign, url)
            if page is None or page.get("site_code") not in spider.sites:
                continue
            page["_is_home"] = url in homes
            requests, _updates = spider.requests_from_page(page)
            out.extend(r for r in requests if r.meta["target"] not in done)
            if page.get("render_requested") and not page.get("rendered"):
                out.append(spider.render_request(page))
    spider.crawler.stats.set_value("govspider/resumed_requests", len(out))
    logger.info("resuming campaign %s: %d pages stored, %d requests left", spider.campaign, len(order), len(out))
    return out
