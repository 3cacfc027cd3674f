"""The Scrapy scheduler of a worker: scrapy-redis's Scheduler over govspider's reliable queue.

- ``enqueue_request``: JSON-serialises the request (never pickle) and pushes it, checking the
  campaign's seen filter (set or Bloom) in the same Redis script.
- ``next_request``: leases the next request whose host's global rate limit allows it now.
- A heartbeat (``GOVSPIDER_HEARTBEAT_SECONDS``) acknowledges requests the engine has completely
  finished (downloaded, parsed, items through the pipelines, new links enqueued), renews the other
  leases, re-queues leases of dead workers, and wakes the engine when work appears.
- ``spider_idle``: the worker closes (reason ``finished``) only when the campaign is drained
  (nothing pending, no lease held anywhere); otherwise, or with ``GOVSPIDER_STAY``, it waits.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import CloseSpider, DontCloseSpider, NotConfigured
from scrapy.utils.request import request_from_dict
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet import reactor, task

from . import defaults, serialize
from .connection import get_redis
from .dupefilter import RedisBloomDupeFilter, RedisSetDupeFilter
from .queue import ReliableQueue

logger = logging.getLogger(__name__)

LEASE_META = "govspider_lease"


def request_host(request) -> str:
    return (urlsplit(request.url).hostname or "").lower()


RENDER_META = "govspider_render_ms"


def encode_request(request, spider=None) -> bytes:
    data = request.to_dict(spider=spider)
    meta = dict(data.get("meta") or {})
    meta.pop(LEASE_META, None)  # a redirect copies meta: never carry the parent's lease
    if meta.pop("playwright_page_methods", None) is not None:
        # page methods hold Python callables: send the wish to render, rebuild them on the worker
        meta[RENDER_META] = getattr(spider, "render_settle_ms", 3000)
    data["meta"] = meta
    return serialize.dumps(data)


def decode_request(data: bytes, spider=None):
    request = request_from_dict(serialize.loads(data), spider=spider)
    settle = request.meta.pop(RENDER_META, None)
    if settle is not None:
        from govspider.crawling.render import render_meta

        request.meta.update(render_meta(settle))
    return request


def make_dupefilter(server, key: str, settings):
    kind = settings.get("GOVSPIDER_DUPEFILTER", defaults.GOVSPIDER_DUPEFILTER)
    debug = settings.getbool("DUPEFILTER_DEBUG")
    if kind == "set":
        return RedisSetDupeFilter(server, key, debug)
    if kind == "bloom":
        return RedisBloomDupeFilter(
            server, key, debug,
            capacity=settings.getint("GOVSPIDER_BLOOM_CAPACITY", defaults.GOVSPIDER_BLOOM_CAPACITY),
            error_rate=settings.getfloat("GOVSPIDER_BLOOM_ERROR_RATE", defaults.GOVSPIDER_BLOOM_ERROR_RATE),
        )
    raise NotConfigured(f"GOVSPIDER_DUPEFILTER must be 'set' or 'bloom' (got {kind!r})")


class LeasingScheduler(RedisScheduler):
    """scrapy-redis scheduler whose queue leases requests to this worker until they are finished."""

    def __init__(self, server, campaign: str, settings, crawler=None):
        super().__init__(server, persist=True, flush_on_start=False, serializer=serialize)
        self.campaign = campaign
        self.crawler = crawler
        self.worker_id = settings.get("GOVSPIDER_WORKER_ID") or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.stay = settings.getbool("GOVSPIDER_STAY", defaults.GOVSPIDER_STAY)
        self.heartbeat_seconds = settings.getfloat("GOVSPIDER_HEARTBEAT_SECONDS", defaults.GOVSPIDER_HEARTBEAT_SECONDS)
        self.queue = ReliableQueue(
            server, campaign, worker=self.worker_id,
            lease_seconds=settings.getfloat("GOVSPIDER_LEASE_SECONDS", defaults.GOVSPIDER_LEASE_SECONDS),
            site_rate=settings.getfloat("GOVSPIDER_SITE_RATE", defaults.GOVSPIDER_SITE_RATE),
            scan=settings.getint("GOVSPIDER_POP_SCAN", defaults.GOVSPIDER_POP_SCAN),
        )
        self.df = make_dupefilter(server, self.queue.keys["seen"], settings)
        self.leased: dict[str, object] = {}
        self.failed: set[str] = set()  # leases whose items could not be stored: give back, never ack
        self._loop = None
        self._wake = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        campaign = settings.get("GOVSPIDER_CAMPAIGN")
        if not campaign:
            raise NotConfigured("GOVSPIDER_CAMPAIGN is not set: a worker crawls one campaign")
        server = get_redis(settings.get("GOVSPIDER_REDIS_URL"))
        instance = cls(server, campaign, settings, crawler)
        instance.stats = crawler.stats
        crawler.signals.connect(instance._on_idle, signal=signals.spider_idle)
        crawler.signals.connect(instance._on_item_error, signal=signals.item_error)
        return instance

    # -- Scrapy scheduler interface ----------------------------------------------------------------
    def open(self, spider):
        self.spider = spider
        self._loop = task.LoopingCall(self.heartbeat)
        self._loop.start(self.heartbeat_seconds, now=False)
        logger.info("worker %s on campaign %s: %d pending, %d leased", self.worker_id, self.campaign,
                    len(self.queue), self.queue.leased())

    def close(self, reason):
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if self._wake is not None and self._wake.active():
            self._wake.cancel()
        self.ack_finished()
        released = self.queue.release(list(self.leased))
        if released:
            logger.info("worker %s gave %d unfinished requests back to the queue", self.worker_id, released)
        self.leased.clear()

    def flush(self):
        """Never flush a shared campaign from a worker (other workers still use it)."""

    def enqueue_request(self, request):
        seen = ("", ()) if request.dont_filter else self.df.push_args(request)
        rid = self.queue.push(encode_request(request, self.spider), request_host(request), request.priority, seen)
        if not rid:
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self):
        rid, data, wait = self.queue.pop()
        if rid is None:
            if wait > 0:
                self._wake_in(wait)
            return None
        request = decode_request(data, self.spider)
        request.meta[LEASE_META] = rid
        self.leased[rid] = request
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self):
        return len(self.queue) > 0

    def __len__(self):
        return len(self.queue)

    # -- leases ------------------------------------------------------------------------------------
    def _inprogress(self):
        engine = getattr(self.crawler, "engine", None)
        slot = getattr(engine, "_slot", None)
        return getattr(slot, "inprogress", None)

    def ack_finished(self) -> int:
        """Acknowledge leased requests the engine no longer holds (fully processed)."""
        inprogress = self._inprogress()
        if inprogress is None:
            return 0
        done = [rid for rid, req in self.leased.items() if req not in inprogress]
        for rid in done:
            del self.leased[rid]
        back = [rid for rid in done if rid in self.failed]
        done = [rid for rid in done if rid not in self.failed]
        if back:
            self.queue.release(back)
            self.failed.difference_update(back)
        if done:
            self.queue.ack(done)
        return len(done)

    def heartbeat(self):
        try:
            self.ack_finished()
            self.queue.renew(list(self.leased))
            self.queue.requeue_expired()
        except Exception:  # a Redis hiccup must not kill the loop; leases simply age
            logger.exception("heartbeat of worker %s failed", self.worker_id)
        self._nudge()

    def _nudge(self):
        engine = getattr(self.crawler, "engine", None)
        slot = getattr(engine, "_slot", None)
        if slot is not None and getattr(slot, "closing", None) is None:
            slot.nextcall.schedule()

    def _wake_in(self, seconds: float):
        if self._wake is None or not self._wake.active():
            self._wake = reactor.callLater(min(seconds, 5.0) + 0.001, self._nudge)

    # -- store outages ---------------------------------------------------------------------------
    def _on_item_error(self, item, response, spider, failure):
        """An item the pipelines could not store (e.g. MongoDB down past its retries): the request
        goes back to the queue instead of being acknowledged, and this worker stops, so no page is lost."""
        request = getattr(response, "request", None) or getattr(failure, "request", None)
        rid = getattr(request, "meta", {}).get(LEASE_META) if request is not None else None
        if rid is None:
            return
        self.failed.add(rid)
        if self.stats:
            self.stats.inc_value("govspider/store_failures")
        if self._store_down(failure):
            logger.error("worker %s: the page store is unavailable (%s); giving requests back and stopping",
                         self.worker_id, failure.value)
            engine = getattr(self.crawler, "engine", None)
            if engine is not None and getattr(engine, "_slot", None) is not None and engine._slot.closing is None:
                from scrapy.utils.defer import deferred_from_coro

                deferred_from_coro(engine.close_spider_async(reason="store_unavailable"))

    @staticmethod
    def _store_down(failure) -> bool:
        try:
            from pymongo.errors import ConnectionFailure
        except ImportError:  # pragma: no cover
            return False
        return failure.check(ConnectionFailure) is not None

    # -- drain -------------------------------------------------------------------------------------
    def _on_idle(self, spider):
        self.ack_finished()
        if self.leased:
            raise DontCloseSpider
        if not self.stay and self.queue.drained():
            # the campaign is drained: "finished", as an embedded crawl that ran out of requests
            logger.info("campaign %s drained: worker %s closes", self.campaign, self.worker_id)
            raise CloseSpider("finished")
        raise DontCloseSpider
