"""Request fingerprints without session ids: one page, one fingerprint, whatever session it came with.

Requests keep the URL exactly as linked (some servers need their ``;jsessionid=…``), but the
dupefilter compares :func:`govspider.crawling.urls.canonical_url` forms, so session-id URLs cannot
multiply pages (``REQUEST_FINGERPRINTER_CLASS``).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from scrapy.utils.request import fingerprint

from govspider.crawling.urls import canonical_url


class SessionlessFingerprinter:
    def __init__(self, crawler=None):
        self._cache: WeakKeyDictionary = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def fingerprint(self, request) -> bytes:
        cached = self._cache.get(request)
        if cached is None:
            url = canonical_url(request.url)
            cached = fingerprint(request if url == request.url else request.replace(url=url))
            self._cache[request] = cached
        return cached
