"""Downloader middleware: the crawl's safety net (安全边界) — nothing leaves the registered sites.

Every request (links, redirects, robots.txt, link checks) passes :class:`SafetyMiddleware` before
anything else: a URL whose host belongs to no registered site, or that points at a private or
loopback address the sites file does not name, is refused with ``IgnoreRequest`` (counted in the
``govspider/refused`` stats). It also stops link-check GETs at the headers, so an attachment's body
is never downloaded just to learn its status.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured, StopDownload

logger = logging.getLogger(__name__)


class SafetyMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
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
        return None

    def _headers_received(self, headers, body_length, request, spider):
        if request.meta.get("link_check") == "GET":
            raise StopDownload(fail=False)
