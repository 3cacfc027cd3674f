"""Incremental recrawl (增量复查): a repeat visit costs what changed.

On when ``GOVSPIDER_REVISIT_FROM`` names the campaign of the last visit (in
``GOVSPIDER_REVISIT_STORE``, default the crawl's own store):

1. **Conditional requests.** :class:`RevisitMiddleware` sends If-None-Match / If-Modified-Since for
   every page the last visit stored with an ``etag`` or ``last_modified`` (the spider keeps the
   server's ETag / Last-Modified on each page). A ``304 Not Modified`` gets
   ``meta["reused_page"]`` = the stored record; :func:`follow_reused` makes it this campaign's page
   (same facts and text, page analyzers run again under the new as-of date) and follows it.
2. **Carry-over (沿用).** An unchanged page (304) shows the same rows as last time, and a
   column's newest items come first: so the pages of its rows (articles, letters) and, for a list
   page, the column's other list pages are carried over from the last visit without a request (the page, and the link checks made from it), as long as the server confirmed its
   content less than ``GOVSPIDER_REVISIT_CARRY_DAYS`` days ago (0: always ask). Older ones are
   asked again (conditionally), so an article corrected in place is seen within that many days.

Never conditional, never carried: link checks, pages rendered in Chromium (their content comes
from scripts and other URLs, which a 304 of the HTML says nothing about), pages stored without
facts. Each page record says what happened: ``revisit`` = ``not_modified`` or ``carried``, and
``validated_at`` = when the server last confirmed its content. Scrapy's own HTTP cache
(RFC2616Policy) revalidates too, but keeps whole bodies and parses them again on every 304.
"""

from __future__ import annotations

import collections
import datetime as dt
import logging
import types

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.extensions.throttle import AutoThrottle

from govspider.crawling.records import TYPE, link_record, now_iso
from govspider.crawling.urls import canonical_url

logger = logging.getLogger(__name__)
_CONDITIONAL = (b"If-None-Match", b"If-Modified-Since")
#: sites whose last-visit link checks are kept indexed (sites crawled at once: CONCURRENT_REQUESTS)
LINK_INDEX_SITES = 64


def validators(response) -> dict:
    """``{"etag", "last_modified"}`` of a response (None when the server sent none)."""
    def header(name):
        value = response.headers.get(name)
        return value.decode("latin-1") if value else None

    return {"etag": header(b"ETag"), "last_modified": header(b"Last-Modified")}


def validated_at(page: dict) -> str | None:
    """When the server last confirmed this page's content (a fetch or a 304)."""
    return page.get("validated_at") or page.get("fetched_at")


def _usable(old: dict | None) -> bool:
    return bool(old and old.get("facts") and not old.get("rendered") and 200 <= (old.get("status") or 0) < 300)


class RevisitMiddleware:
    def __init__(self, crawler, store, campaign: str, carry_days: float = 0.0):
        self.crawler, self.store, self.campaign = crawler, store, campaign
        self.carry_days = carry_days
        self.ruleset = str((store.get_campaign(campaign) or {}).get("ruleset"))  # of the last visit's page findings
        self._asked: dict[str, dict] = {}        # URL -> last visit's record, while its request is out
        self._links: collections.OrderedDict = collections.OrderedDict()  # site_code -> {source: [link records]}
        self._followed: dict[str, set] = {}      # site_code -> link URLs carried pages already offered
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        campaign = settings.get("GOVSPIDER_REVISIT_FROM")
        if not campaign:
            raise NotConfigured("GOVSPIDER_REVISIT_FROM is not set: every page is fetched in full")
        from govspider.storage import open_store

        uri = settings.get("GOVSPIDER_REVISIT_STORE") or settings.get("GOVSPIDER_STORE_URI")
        store = open_store(uri)
        if store.get_campaign(campaign) is None:
            store.close()
            raise NotConfigured(f"campaign {campaign!r} (GOVSPIDER_REVISIT_FROM) is not in {uri}: every page is fetched in full")
        return cls(crawler, store, campaign, settings.getfloat("GOVSPIDER_REVISIT_CARRY_DAYS"))

    def spider_opened(self, spider):
        spider.revisit = self  # follow_reused finds the last visit through the spider

    def spider_closed(self, spider, reason):
        self.store.close()

    # -- conditional requests --------------------------------------------------------------------
    def process_request(self, request):
        meta = request.meta
        if ("site_code" not in meta or meta.get("link_check") or meta.get("playwright") or meta.get("revisit_off")
                or request.method != "GET"):
            return None
        old = self.store.get_page(self.campaign, canonical_url(request.url))
        if not _usable(old) or not (old.get("etag") or old.get("last_modified")):
            return None
        if old.get("etag"):
            request.headers[b"If-None-Match"] = old["etag"]
        if old.get("last_modified"):
            request.headers[b"If-Modified-Since"] = old["last_modified"]
        self._asked[request.url] = old
        meta["revisit"] = True
        meta["handle_httpstatus_list"] = [*meta.get("handle_httpstatus_list", ()), 304]
        return None

    def process_response(self, request, response):
        if not request.meta.pop("revisit", False):
            return response
        old = self._asked.pop(request.url, None)
        if response.status != 304:
            self.crawler.stats.inc_value("govspider/revisit/modified")
            return response
        if old is None:  # asked in an earlier process (a resumed crawl): ask again, unconditionally
            for name in _CONDITIONAL:
                request.headers.pop(name, None)
            return request.replace(meta={**request.meta, "revisit_off": True}, dont_filter=True)
        self.crawler.stats.inc_value("govspider/revisit/not_modified")
        request.meta["reused_page"] = old
        return response

    def process_exception(self, request, exception):
        if request.meta.pop("revisit", False):
            self._asked.pop(request.url, None)

    # -- carry-over ------------------------------------------------------------------------------
    def carryable(self, url: str) -> dict | None:
        """The last visit's record of ``url`` if it may be carried over without a request."""
        if self.carry_days <= 0:
            return None
        old = self.store.get_page(self.campaign, url)
        if not _usable(old) or not validated_at(old):
            return None
        when = dt.datetime.fromisoformat(validated_at(old).replace("Z", "+00:00"))
        age = dt.datetime.now(dt.timezone.utc) - when
        return old if age < dt.timedelta(days=self.carry_days) else None

    def links_from(self, site_code: str, source: str) -> list[dict]:
        """The last visit's link checks whose sources include ``source`` (indexes of the sites
        crawled at the moment are kept, the least recently used dropped)."""
        if site_code not in self._links:
            index: dict[str, list[dict]] = {}
            for link in self.store.iter_links(self.campaign, site_code):
                for src in link.get("sources") or ():
                    index.setdefault(src, []).append(link)
            self._links[site_code] = index
            if len(self._links) > LINK_INDEX_SITES:
                self._links.popitem(last=False)
        self._links.move_to_end(site_code)
        return self._links[site_code].get(source, [])

    def new_links(self, site_code: str, links: list[dict], everything: bool = False) -> list[dict]:
        """The links no unchanged page of the site offered yet (all of them when ``everything``).
        Navigation repeats on every page, and a link the spider has seen yields no request, so
        offering it once is enough; the homepage offers all (its links are marked on_home)."""
        followed = self._followed.setdefault(site_code, set())
        fresh = links if everything else [link for link in links if link.get("url") not in followed]
        followed.update(link.get("url") for link in fresh)
        return fresh


class RevisitAutoThrottle(AutoThrottle):
    """AutoThrottle that lets a 304 Not Modified shorten the delay like a 200 does.

    Scrapy's policy ignores a faster non-200 answer, because error pages and redirects are small
    and would speed the crawl up against a failing server. A 304 is the healthy answer of a
    revisit: without this, a site that did not change is revisited at the start delay forever
    (0.5 s a page), however fast it answers."""

    _OK = types.SimpleNamespace(status=200)  # the policy reads nothing of the response but its status

    def _adjust_delay(self, slot, latency, response):
        super()._adjust_delay(slot, latency, self._OK if response.status == 304 else response)


def follow_reused(spider, response):
    """The spider's output for a 304: this campaign's page, its requests, and the entries of an
    unchanged list carried over (see the module docstring)."""
    meta, old = response.meta, response.meta["reused_page"]
    item = _page_item(spider, old, meta, "not_modified", validated=now_iso(), fresh=validators(response))
    yield from _follow(spider, item)


def _page_item(spider, old: dict, meta: dict, how: str, validated: str | None, fresh: dict | None = None) -> dict:
    fresh = fresh or {}
    item = {
        TYPE: "page", "campaign": spider.campaign, "site_code": meta["site_code"], "url": old["url"],
        "status": old.get("status", 200), "depth": meta.get("depth", 0), "fetched_at": now_iso(),
        "content_type": old.get("content_type"), "encoding": old.get("encoding"), "rendered": False,
        "facts": old["facts"], "text": old.get("text"), "findings": [], "revisit": how, "validated_at": validated,
        "archive": old.get("archive"),  # the response the facts were read from (the last visit's)
        "etag": fresh.get("etag") or old.get("etag"), "last_modified": fresh.get("last_modified") or old.get("last_modified"),
        "_is_home": bool(meta.get("is_home")),
    }
    findings = old.get("findings")
    if spider.revisit.ruleset == spider.ruleset and isinstance(findings, list) and all(
            f.get("ruleset") == spider.ruleset for f in findings):
        # page findings are a function of the page and the ruleset (govspider.analysis reuses
        # stored ones on the same assumption): the same page gets them again, dated this campaign
        item["findings"] = [{**f, "campaign": spider.campaign, "as_of": spider.as_of.isoformat()} for f in findings]
        item["_findings_reused"] = True
    return item


def _rows(facts: dict) -> set[str]:
    """The pages a list links as its rows: dated and undated entries, letters."""
    rows = [*(facts.get("entries") or ()), *(facts.get("undated_entries") or ()), *(facts.get("letters") or ())]
    return {canonical_url(r["url"]) for r in rows if r.get("url")}


def _follow(spider, item: dict):
    """The item's requests — with the rest of an unchanged column carried over — then the item."""
    carrier: RevisitMiddleware = spider.revisit
    facts = item["facts"]
    links = carrier.new_links(item["site_code"], facts.get("links") or [], everything=item["_is_home"])
    requests, item["_link_updates"] = spider.requests_from_page({**item, "facts": {**facts, "links": links}})
    rows = _rows(facts)
    column = (facts.get("column") or "").strip() if facts.get("kind") in ("list", "interaction") else ""
    for request in requests:
        if (rows or column) and request.callback == spider.parse_page:
            old = carrier.carryable(request.meta["target"])
            if old is not None and (request.meta["target"] in rows or _same_column_list(old, column)):
                yield from _carry(spider, carrier, old, request.meta)
                continue
        yield request
    yield item


def _same_column_list(old: dict, column: str) -> bool:
    """A list page of the same column (its next pages): unchanged when its first page is."""
    facts = old["facts"]
    return bool(column) and facts.get("kind") in ("list", "interaction") and (facts.get("column") or "").strip() == column


def _carry(spider, carrier: RevisitMiddleware, old: dict, meta: dict):
    """A page carried over: its requests, then the page — written with its own link record and
    the link checks made from it last time (one store write)."""
    spider.crawler.stats.inc_value("govspider/revisit/carried")
    code = meta["site_code"]
    item = _page_item(spider, old, meta, "carried", validated=validated_at(old))
    copied = [link_record(spider.campaign, code, meta["target"], status=old.get("status"), on_home=meta.get("on_home"),
                          source=meta.get("source"), revisit="carried", archive=old.get("archive"))]
    checked = {link["target"]: link for link in carrier.links_from(code, old["url"])}
    for output in _follow(spider, item):
        if output is item:
            break
        if isinstance(output, dict):  # a page this one carried over in turn (the rest of its column)
            yield output
            continue
        link = checked.get(output.meta.get("target")) if output.callback != spider.parse_page else None
        if link is not None and ("status" in link or link.get("error")):
            copied.append(link_record(spider.campaign, code, link["target"], status=link.get("status"), error=link.get("error"),
                                      on_home=False, source=old["url"], attachment=link.get("attachment"), revisit="carried",
                                      archive=link.get("archive")))
        else:
            yield output
    item["_link_updates"] = [*copied, *item["_link_updates"]]
    yield item
