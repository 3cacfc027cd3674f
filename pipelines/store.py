"""Store pipeline: pages, link checks and site states go to the page store (SQLite or MongoDB).

The store is opened from ``GOVSPIDER_STORE_URI`` (``open_store``); the campaign record is saved
when the spider opens — marked ``partial`` until the crawl finishes — and when it closes every
site gets its final state (pages stored, ``finished`` or not, the requests the egress policy
refused, ``cause: not_attempted`` for a site whose homepage was never asked). Writes are
idempotent upserts, so a resumed crawl never stores anything twice. A page's own link record is
written after the page: a target with a recorded status always has its page stored, which is
what a resumed crawl relies on (govspider/crawling/resume.py).

A write that fails on the local store (disk full, read-only file) stops the crawl at once, with
``close_reason = "store_write_failed"`` and the error in ``write_error``: nothing is lost that the
same command cannot fetch again once the disk has room.

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

import logging
import sqlite3

from govspider.crawling import egress
from govspider.crawling.records import TYPE
from govspider.storage import open_store

logger = logging.getLogger(__name__)
#: errors of the local disk (SQLite store): they stop the crawl (a MongoDB outage is the scheduler's)
WRITE_ERRORS = (sqlite3.Error, OSError)
#: refused requests kept per site state as examples
MAX_REFUSED_EXAMPLES = 20


class StorePipeline:
    def __init__(self, crawler, store_uri: str):
        self.crawler = crawler
        self.store_uri = store_uri
        self.store = None
        self._writer: ThreadPool | None = None
        self._shutdown_trigger = None
        self.write_error: str | None = None
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
            record["runs"] = int(old.get("runs") or 0)
        record["partial"] = True  # until this crawl finishes (a Ctrl-C, a crash or a kill leave it so)
        record["runs"] = int(record.get("runs") or 0) + 1
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
            own = item.get("_link")
            stored = await self._write(self._write_page, _clean(item), updates + ([_clean(own)] if own else []))
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

        if self.write_error is not None:
            return None  # the crawl is stopping: nothing more is written
        try:
            return await maybe_deferred_to_future(deferToThreadPool(reactor, self._writer, func, *args))
        except WRITE_ERRORS as exc:
            if not self._local_store():
                raise  # a MongoDB outage stays an item error: the distributed scheduler gives the request back
            self._write_failed(exc)
            return None

    def _local_store(self) -> bool:
        return str(self.store_uri or "").startswith("sqlite:")

    def _write_failed(self, exc: BaseException) -> None:
        """Stop the crawl on the first failed write (disk full, read-only store), resumable."""
        if self.write_error is not None:
            return
        self.write_error = f"{type(exc).__name__}: {exc}"
        logger.error("cannot write to the page store %s (%s): stopping the crawl; run the same command again "
                     "once the disk has room — nothing stored is lost", self.store_uri, self.write_error)
        self.crawler.stats.set_value("govspider/write_error", self.write_error)
        engine = getattr(self.crawler, "engine", None)
        if engine is not None and getattr(engine, "_slot", None) is not None and engine._slot.closing is None:
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(engine.close_spider_async(reason="store_write_failed"))

    def _write_page(self, page: dict, links: list[dict]) -> bool:
        stored = self.store.upsert_page(page)
        for link in links:  # after the page: a recorded link status implies a stored page
            self.store.upsert_link(link)
        return stored

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
        try:
            if self.write_error is None:
                self._final_states(spider, reason)
        except WRITE_ERRORS as exc:
            if not self._local_store():
                raise
            self._write_failed(exc)
        finally:
            try:
                self.store.close()
            except WRITE_ERRORS as exc:
                logger.error("closing the page store failed: %s", exc)
            self.store = None

    def _final_states(self, spider, reason: str) -> None:
        """Every site's final state, the refused requests, and the campaign's ``partial`` mark."""
        finished = reason == "finished"
        policy = egress.active()
        refused: dict[str, list[dict]] = {}
        for record in (policy.refusals if policy is not None else ()):
            code = record.get("site_code") or spider.site_of(record["url"]) or ""
            refused.setdefault(code, []).append(record)
        states = {s["site_code"]: s for s in self.store.iter_site_states(spider.campaign)}
        for code in spider.sites:
            state = {
                "campaign": spider.campaign, "site_code": code,
                "pages": self.store.count_pages(spider.campaign, code), "finished": finished,
                "robots_ignored": spider.robots_ignored, "close_reason": reason,
            }
            if code in refused:
                state["refused"] = len(refused[code])
                state["refused_examples"] = [{k: r[k] for k in ("url", "why")} for r in refused[code][:MAX_REFUSED_EXAMPLES]]
            old = states.get(code, {})
            if not old.get("cause") and old.get("reachable") is None:
                state.update(cause="not_attempted", reachable=None)  # its homepage was never asked
            self.store.upsert_site_state(state)
        record = self.store.get_campaign(spider.campaign) or spider.campaign_record()
        record["partial"] = not finished
        record["close_reason"] = reason
        if policy is not None:
            record["refused"] = policy.refused
            record["egress_unverified"] = policy.unverified
            record["refused_examples"] = [r for r in policy.refusals if not r.get("site_code")][:MAX_REFUSED_EXAMPLES]
        self.store.save_campaign(record)


def _clean(item: dict) -> dict:
    return {k: v for k, v in item.items() if not k.startswith("_")}
