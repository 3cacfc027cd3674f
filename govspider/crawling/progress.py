"""Progress extension: a live line for long crawls (sites done/total, pages, pages/s, errors).

Drawn with rich on stderr once a second when ``GOVSPIDER_PROGRESS`` is true (``govspider crawl``
turns it on); otherwise it only keeps the figures. A site counts as done once its home page has answered and nothing of it is
queued or downloading any more. ``snapshot()`` gives the same figures as a dict (used for the
summary and by tests).
"""

from __future__ import annotations

import time

from scrapy import signals
from twisted.internet import task


class ProgressExtension:
    def __init__(self, crawler, show: bool):
        self.crawler = crawler
        self.show = show
        self.started = time.monotonic()
        self.homes: set[str] = set()
        self.done: set[str] = set()
        self.total = 0
        self._loop = None
        self._progress = None
        self._task = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, show=crawler.settings.getbool("GOVSPIDER_PROGRESS"))

    def spider_opened(self, spider):
        self.total = len(getattr(spider, "sites", {}))
        self.started = time.monotonic()
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("[bold]抓取 crawl[/bold]"), BarColumn(), MofNCompleteColumn(), TextColumn("sites"),
                TextColumn("{task.fields[pages]} pages · {task.fields[rate]:.1f} pages/s · {task.fields[errors]} errors"),
                TimeElapsedColumn(), console=Console(stderr=True), transient=False, auto_refresh=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("crawl", total=self.total, pages=0, rate=0.0, errors=0)
        self._loop = task.LoopingCall(self.tick)
        self._loop.start(1.0, now=False)

    def item_scraped(self, item, response, spider):
        if isinstance(item, dict) and item.get("_type") == "site_state" and "reachable" in item:
            self.homes.add(item["site_code"])

    def snapshot(self) -> dict:
        stats = self.crawler.stats
        pages = stats.get_value("govspider/pages_stored", 0)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        self._update_done()
        return {
            "sites_total": self.total, "sites_done": len(self.done), "pages": pages,
            "pages_per_s": pages / elapsed, "elapsed_s": elapsed,
            "errors": stats.get_value("log_count/ERROR", 0) + stats.get_value("govspider/links_broken", 0),
        }

    def _update_done(self) -> None:
        busy = self._busy_slots()
        if busy is None:
            return
        for code in self.homes - self.done:
            if code not in busy:
                self.done.add(code)

    def _busy_slots(self) -> set[str] | None:
        """Download slots with queued or in-flight requests (None when the engine says nothing)."""
        engine = self.crawler.engine
        try:
            busy = {key for key, slot in engine.downloader.slots.items() if slot.active or slot.queue}
            scheduler = engine._slot.scheduler
            for queue in (getattr(scheduler, "mqs", None), getattr(scheduler, "dqs", None)):
                for key, pq in (getattr(queue, "pqueues", None) or {}).items():
                    if len(pq):
                        busy.add(key)
            return busy
        except AttributeError:
            return None

    def tick(self):
        snap = self.snapshot()
        if self._progress is None:
            return
        self._progress.update(self._task, completed=snap["sites_done"], pages=snap["pages"],
                              rate=snap["pages_per_s"], errors=snap["errors"])
        self._progress.refresh()

    def spider_closed(self, spider, reason):
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if self._progress is not None:
            snap = self.snapshot()
            completed = self.total if reason == "finished" else snap["sites_done"]
            self._progress.update(self._task, completed=completed, pages=snap["pages"],
                                  rate=snap["pages_per_s"], errors=snap["errors"])
            self._progress.refresh()
            self._progress.stop()
