"""Run one worker process on a campaign: the ``site-redis`` spider with the leasing scheduler.

:func:`worker_settings` layers the distributed pieces over the embedded crawl's settings;
:func:`run_worker` runs until the campaign is drained (or forever with ``stay``) and returns a
summary; :func:`seed_campaign` enqueues the home page of every site of a campaign.
"""

from __future__ import annotations

import time

from . import defaults
from .connection import get_redis


def worker_settings(campaign: str, redis_url: str, mongo_url: str, extra: dict | None = None, progress: bool = False):
    from govspider.crawl import build_settings

    settings = build_settings(mongo_url, campaign, extra, progress)
    for key, value in {
        "GOVSPIDER_REDIS_URL": redis_url,
        "SCHEDULER": "govspider.distributed.scheduler.LeasingScheduler",
        "JOBDIR": None,  # the frontier lives in Redis, not on this machine's disk
    }.items():
        settings.set(key, value, priority="cmdline")
    for key, value in (extra or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def filter_scrapy_redis_warnings() -> None:
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"scrapy_redis(\..*)?")
    try:
        from scrapy.exceptions import ScrapyDeprecationWarning

        warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module=r"scrapy_redis(\..*)?")
    except ImportError:  # pragma: no cover
        pass


def run_worker(campaign: str, redis_url: str, mongo_url: str, settings: dict | None = None,
               stay: bool = False, progress: bool = False) -> dict:
    """Crawl ``campaign`` from the shared queue until it is drained; returns a summary dict."""
    from scrapy.crawler import CrawlerProcess

    from govspider.crawling import quiet
    from govspider.redact import install_redaction

    from .spider import RedisSiteSpider

    filter_scrapy_redis_warnings()
    extra = dict(settings or {})
    extra["GOVSPIDER_STAY"] = bool(stay)
    scrapy_settings = worker_settings(campaign, redis_url, mongo_url, extra, progress)
    process = CrawlerProcess(scrapy_settings)
    install_redaction()
    quiet.install()
    crawler = process.create_crawler(RedisSiteSpider)
    started = time.monotonic()
    process.crawl(crawler, campaign=campaign)
    process.start()
    elapsed = time.monotonic() - started
    pages = crawler.stats.get_value("govspider/pages_stored", 0)
    return {
        "campaign": campaign, "close_reason": crawler.stats.get_value("finish_reason"),
        "pages_stored": pages, "requests": crawler.stats.get_value("scheduler/dequeued/redis", 0),
        "elapsed_s": round(elapsed, 2), "pages_per_s": round(pages / elapsed, 2) if elapsed else 0.0,
    }


def latest_campaign(server) -> str | None:
    """The newest campaign registered in Redis (workers started without --campaign take it)."""
    newest = server.zrevrange(defaults.CAMPAIGNS_KEY, 0, 0)
    return newest[0].decode() if newest else None


def seed_campaign(record: dict, redis_url: str, settings: dict | None = None) -> int:
    """Enqueue the home page of every site of the campaign ``record``; returns how many were new."""
    from govspider.crawl import build_settings

    from .queue import ReliableQueue
    from .scheduler import encode_request, make_dupefilter, request_host
    from .spider import RedisSiteSpider

    server = get_redis(redis_url)
    campaign = record["id"]
    scrapy_settings = build_settings("sqlite:///:memory:", campaign, settings, progress=False)
    scrapy_settings.set("GOVSPIDER_REDIS_URL", redis_url, priority="cmdline")
    spider = RedisSiteSpider(campaign=campaign, campaign_record=record)
    spider.configure(scrapy_settings)
    queue = ReliableQueue(server, campaign, worker="campaign-start")
    df = make_dupefilter(server, queue.keys["seen"], scrapy_settings)
    new = 0
    for site in spider.sites.values():
        request = spider.seed_request(site)
        new += queue.push(encode_request(request, spider), request_host(request), request.priority,
                          df.push_args(request)) > 0
    server.zadd(defaults.CAMPAIGNS_KEY, {campaign: time.time()})
    return new
