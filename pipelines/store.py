"""Store pipeline: pages, link checks and site states go to the page store (SQLite or MongoDB).

The store is opened from ``GOVSPIDER_STORE_URI`` (``open_store``); the campaign record is saved
when the spider opens, and when it closes every site gets its final state (pages stored, finished
or interrupted). Writes are idempotent upserts, so a resumed crawl never stores anything twice.

Writes run on one dedicated writer thread, never on the reactor: a MongoDB round trip (or its
retries during an outage) no longer stalls downloads. One thread keeps the writes in the order the
items arrive, and ``process_item`` awaits its item's write, so an item is "through the pipeline"
only once it is stored, and a failed write is still an item error (the distributed scheduler gives
that request back). The writer is drained before the final per-site states are written.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool

from govspider.crawling.records import TYPE
from govspider.storage import open_store


class StorePipeline:
    def __init__(self, crawler, store_uri: str):
        self.crawler = crawler
        self.store_uri = store_uri
        self.store = None
        self._writer: ThreadPool | None = None
        self._shutdown_trigger = None
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
        self._start_writer()

    async def process_item(self, item):
        if not isinstance(item, dict):
            return item
        kind = item.get(TYPE)
        if kind not in ("page", "link", "site_state"):
            return item
        if self._writer is None:
            raise RuntimeError("StorePipeline: the page store is not open (open_spider was not called)")
        # shallow copies are made here, on the reactor thread; the writer thread only reads them
        if kind == "page":
            updates = [_clean(update) for update in item.get("_link_updates") or ()]
            stored = await self._write(self._write_page, _clean(item), updates)
            if stored:
                self.crawler.stats.inc_value("govspider/pages_stored")
            self.crawler.stats.inc_value(f"govspider/pages/{item['site_code']}")
        elif kind == "link":
            await self._write(self._write_link, _clean(item))
            if item.get("status") is None and "status" in item or (item.get("status") or 0) >= 400:
                self.crawler.stats.inc_value("govspider/links_broken")
        else:
            await self._write(self._write_site_state, _clean(item))
        return item

    # -- the writer thread ---------------------------------------------------------------------------
    def _start_writer(self):
        from twisted.internet import reactor  # the installed one (asyncio), imported when in use

        self._writer = ThreadPool(minthreads=1, maxthreads=1, name="govspider-store-writer")
        self._writer.start()
        # a reactor stopped without closing the spider must not hang on the writer thread at exit
        self._shutdown_trigger = reactor.addSystemEventTrigger("during", "shutdown", self._stop_writer)

    def _stop_writer(self):
        """Run every queued write to its end, then stop the writer thread (idempotent)."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.stop()  # the queued writes still run (Twisted's Team never drops pending work)
        trigger, self._shutdown_trigger = self._shutdown_trigger, None
        if trigger is not None:
            from twisted.internet import reactor

            try:
                reactor.removeSystemEventTrigger(trigger)
            except (ValueError, KeyError):  # already fired (we are shutting down)
                pass

    async def _write(self, func, *args):
        from twisted.internet import reactor

        return await maybe_deferred_to_future(deferToThreadPool(reactor, self._writer, func, *args))

    def _write_page(self, page: dict, link_updates: list[dict]) -> bool:
        for update in link_updates:
            self.store.upsert_link(update)
        return self.store.upsert_page(page)

    def _write_link(self, link: dict) -> None:
        self.store.upsert_link(link)

    def _write_site_state(self, state: dict) -> None:
        self.store.upsert_site_state(state)

    # -- closing -------------------------------------------------------------------------------------
    def close_spider(self):
        self._stop_writer()
        if self.store is not None:
            self.store.flush() if hasattr(self.store, "flush") else None

    def spider_closed(self, spider, reason):
        self._stop_writer()  # the final states come after every queued write
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
