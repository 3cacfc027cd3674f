"""Downloader middlewares: the crawl's safety net (安全边界) and its record of homepage attempts.

:class:`SafetyMiddleware` (first of all, before robots.txt) sees every request — pages, link
checks, robots.txt, each redirect hop — and refuses, with :class:`~govspider.crawling.linkcheck.Refused`:

- a URL whose host belongs to no registered site (scope);
- a URL whose host is, or resolves to, an address the egress policy refuses
  (:mod:`govspider.crawling.egress`).

Refusals are counted (``govspider/refused``) and kept in the policy's records, which the store
pipeline writes into the site states and the campaign. It also bounds what a response may cost:
link-check GETs stop at the headers, and a page body stops at ``GOVSPIDER_PAGE_MAX_BYTES`` (the
part received is kept and the page marked truncated; a declared length beyond
``DOWNLOAD_MAXSIZE`` ends the download at the headers). robots.txt fetches get a short timeout
(``GOVSPIDER_ROBOTS_TIMEOUT``) and one retry.

:class:`AttemptsMiddleware` (next to the downloader, so it sees every retry and redirect hop)
records each fetch of a homepage actually made — time, URL, status or error — in the request's
``attempts`` list: the site state keeps it, and availability is judged from it.
"""

from __future__ import annotations

import logging

from scrapy import signals
from scrapy.downloadermiddlewares import redirect
from scrapy.exceptions import IgnoreRequest, NotConfigured, StopDownload
from scrapy.utils.httpobj import urlparse_cached

from govspider.crawling import egress
from govspider.crawling.linkcheck import Refused, classify
from govspider.crawling.urls import use_bundled_suffix_list

logger = logging.getLogger(__name__)


def is_page_request(request) -> bool:
    return "site_code" in request.meta and not request.meta.get("link_check")


class SafetyMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.robots_timeout = settings.getfloat("GOVSPIDER_ROBOTS_TIMEOUT", 10.0)
        self.link_timeout = settings.getfloat("GOVSPIDER_LINK_TIMEOUT", 5.0)
        self.page_max_bytes = settings.getint("GOVSPIDER_PAGE_MAX_BYTES", 4 * 1024 * 1024)
        self.download_maxsize = settings.getint("DOWNLOAD_MAXSIZE", 0)
        self.policy: egress.EgressPolicy | None = None
        crawler.signals.connect(self._headers_received, signal=signals.headers_received)
        crawler.signals.connect(self._bytes_received, signal=signals.bytes_received)
        use_bundled_suffix_list()  # Scrapy's cookie handling must never fetch the suffix list

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVSPIDER_SAFETY_ENABLED", True):
            raise NotConfigured("GOVSPIDER_SAFETY_ENABLED is off")
        return cls(crawler)

    def _policy(self, resolver) -> egress.EgressPolicy:
        """The crawl's policy (the spider activates it; a bare resolver gets one of its own)."""
        if self.policy is None:
            self.policy = egress.active() or egress.EgressPolicy.from_settings(self.crawler.settings, resolver.named_hosts)
        return self.policy

    async def process_request(self, request):
        resolver = getattr(self.crawler.spider, "resolver", None)
        if resolver is None:
            return None
        why = resolver.fetch_allowed(request.url)
        cause = "refused_scope"
        if why is None:
            why = await self._policy(resolver).check(request.url)
            cause = "refused_private"
        if why:
            self.crawler.stats.inc_value("govspider/refused")
            self._policy(resolver).record(request.url, why, request.meta.get("site_code"))
            logger.info("refused %s: %s", request.url, why)
            raise Refused(why, cause)
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
        if is_page_request(request) and self.download_maxsize and isinstance(body_length, int) \
                and body_length > self.download_maxsize:
            request.meta["too_large"] = body_length
            raise StopDownload(fail=False)  # the answer counts (the site is up); the body is not read

    def _bytes_received(self, data, request, spider):
        if not self.page_max_bytes or not is_page_request(request):
            return
        received = request.meta.get("bytes_received", 0) + len(data)
        request.meta["bytes_received"] = received
        if received > self.page_max_bytes:
            raise StopDownload(fail=False)  # keep what arrived; the page is marked truncated


class AttemptsMiddleware:
    """Appends every homepage fetch actually made to ``request.meta["attempts"]`` (shared by retries)."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def process_response(self, request, response):
        if request.meta.get("is_home"):
            self._attempts(request).append({"at": _now_ms(), "url": request.url, "status": response.status, "error": None})
        return response

    def process_exception(self, request, exception):
        # IgnoreRequest comes from a middleware's refusal (robots.txt, the egress policy): no fetch was made
        if request.meta.get("is_home") and not isinstance(exception, IgnoreRequest):
            from twisted.python.failure import Failure

            failure = Failure(exception)
            failure.request = request
            cause, error = classify(failure)
            self._attempts(request).append({"at": _now_ms(), "url": request.url, "status": None,
                                            "error": error or cause})
        return None

    @staticmethod
    def _attempts(request) -> list:
        return request.meta.setdefault("attempts", [])


def _now_ms() -> str:
    """UTC time to the millisecond (retries of one request can fall within the same second)."""
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _FetchEveryHop:
    """Redirect hops are fetched even when their URL was seen before (``dont_filter``).

    Scrapy's dupefilter would otherwise drop a hop back to a seen URL without a trace: a redirect
    loop, or a homepage redirecting to a page already crawled, left no link record and no site
    state. ``REDIRECT_MAX_TIMES`` still bounds every chain; the spider records loops and long
    chains as failed links."""

    def _redirect(self, redirected, request, reason):
        redirected = super()._redirect(redirected, request, reason)
        redirected.dont_filter = True
        return redirected


class RedirectMiddleware(_FetchEveryHop, redirect.RedirectMiddleware):
    pass


class MetaRefreshMiddleware(_FetchEveryHop, redirect.MetaRefreshMiddleware):
    pass
