"""Store pipeline: pages, link checks and site states go to the page store (SQLite or MongoDB).

The store is opened from ``GOVSPIDER_STORE_URI`` (``open_store``); the campaign record is saved
when the spider opens, and when it closes every site gets its final state (pages stored, finished
or interrupted). Writes are idempotent upserts, so a resumed crawl never stores anything twice.
"""

from __future__ import annotations

from scrapy import signals

from govspider.crawling.records import TYPE
from govspider.storage import open_store


class StorePipeline:
    def __init__(self, crawler, store_uri: str):
        self.crawler = crawler
        self.store_uri = store_uri
        self.store = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.get("GOVSPIDER_STORE_URI"))

    def open_spider(self):
        self.store = open_store(self.store_uri)
        spider = self.crawler.spider
        record = spider.campaign_record()
        old = self.store.get_campaign(spider.campaign)
        if old:  # a resume keeps the campaign's creation time, and remembers any robots override
            record["created"] = old.get("created", record["created"])
            record["robots_ignored"] = bool(old.get("robots_ignored")) or record["robots_ignored"]
        self.store.save_campaign(record)

    def process_item(self, item):
        if not isinstance(item, dict):
            return item
        kind = item.get(TYPE)
        if kind == "page":
            for update in item.get("_link_updates") or ():
                self.store.upsert_link(_clean(update))
            if self.store.upsert_page(_clean(item)):
                self.crawler.stats.inc_value("govspider/pages_stored")
            self.crawler.stats.inc_value(f"govspider/pages/{item['site_code']}")
        elif kind == "link":
            self.store.upsert_link(_clean(item))
            if item.get("status") is None and "status" in item or (item.get("status") or 0) >= 400:
                self.crawler.stats.inc_value("govspider/links_broken")
        elif kind == "site_state":
            self.store.upsert_site_state(_clean(item))
        return item

    def close_spider(self):
        if self.store is not None:
            self.store.flush() if hasattr(self.store, "flush") else None

    def spider_closed(self, spider, reason):
        if self.store is None:
            return
        finished = reason == "finished"
        for code in spider.sites:
            self.store.upsert_site_state({
                "campaign": spider.campaign, "site_code": code,
                "pages": self.store.count_pages(spider.campaign, code), "finished": finished,
                "robots_ignored": spider.robots_ignored, "close_reason": reason,
            })
        self.store.close()
        self.store = None


def _clean(item: dict) -> dict:
    return {k: v for k, v in item.items() if not k.startswith("_")}
