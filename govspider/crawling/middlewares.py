"""Downloader middleware: the crawl's safety net (安全边界) — nothing leaves the registered sites.

Every request (links, redirects, robots.txt, link checks) passes :class:`SafetyMiddleware` before
anything else: a URL whose host belongs to no registered site, or that points at a private or
loopback address the sites file does not name, is refused with ``IgnoreRequest`` (counted in the
``govspider/refused`` stats). robots.txt fetches get a short timeout (``GOVSPIDER_ROBOTS_TIMEOUT``)
and one retry. It also stops link-check GETs at the headers, so an attachment's body
is never downloaded just to learn its status.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured, StopDownload
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)


class SafetyMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.robots_timeout = crawler.settings.getfloat("GOVSPIDER_ROBOTS_TIMEOUT", 10.0)
        self.link_timeout = crawler.settings.getfloat("GOVSPIDER_LINK_TIMEOUT", 5.0)
        crawler.signals.connect(self._headers_received, signal=signals.headers_received)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVSPIDER_SAFETY_ENABLED", True):
            raise NotConfigured("GOVSPIDER_SAFETY_ENABLED is off")
        return cls(crawler)

    def process_request(self, request):
        resolver = getattr(self.crawler.spider, "resolver", None)
        if resolver is None:
            return None
        why = resolver.fetch_allowed(request.url)
        if why:
            self.crawler.stats.inc_value("govspider/refused")
            logger.info("refused %s: %s", request.url, why)
            raise IgnoreRequest(f"refused: {why}")
        if request.meta.get("dont_obey_robotstxt") and request.url.endswith("/robots.txt"):
            # robots.txt of a host that never answers must not hold its pages for minutes; a host
            # the sites file does not name (old.csx.gov.cn …) gets the link-check timeout, no retry
            named = urlparse_cached(request).hostname in resolver.named_hosts
            request.meta.setdefault("download_timeout", self.robots_timeout if named else self.link_timeout)
            request.meta.setdefault("max_retry_times", 1 if named else 0)
        return None

    def _headers_received(self, headers, body_length, request, spider):
        if request.meta.get("link_check") == "GET":
            raise StopDownload(fail=False)
