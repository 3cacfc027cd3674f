"""Extract pipeline: a fetched page becomes facts + visible text (one parse), then is followed.

Calls ``govspider.extract.extract_page_and_text(body, url, content_type, encoding, as_of)`` — in the
reactor thread for pages up to ``GOVSPIDER_EXTRACT_INLINE_BYTES``, in a worker thread beyond
(bodies beyond ``GOVSPIDER_EXTRACT_MAX_BYTES`` are cut there) — and hands
the facts back to the spider (``requests_from_page``), whose new requests enter the scheduler via
the engine; the raw body is dropped here, so nothing downstream holds page bytes. In
``render_js: auto`` sites a page whose content is written by scripts is re-requested rendered.
"""

from __future__ import annotations

import logging

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from govspider.crawling.records import TYPE

logger = logging.getLogger(__name__)


class ExtractPipeline:
    def __init__(self, crawler, text_max_chars: int = 20000, max_bytes: int = 2 * 1024 * 1024, inline_bytes: int = 0):
        self.crawler = crawler
        self.text_max_chars = text_max_chars
        self.max_bytes = max_bytes
        self.inline_bytes = inline_bytes
        from govspider.extract import extract_page_and_text

        self._extract = extract_page_and_text

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(crawler, settings.getint("GOVSPIDER_TEXT_MAX_CHARS", 20000),
                   settings.getint("GOVSPIDER_EXTRACT_MAX_BYTES", 2 * 1024 * 1024),
                   settings.getint("GOVSPIDER_EXTRACT_INLINE_BYTES"))

    async def process_item(self, item):
        if not isinstance(item, dict) or item.get(TYPE) != "page" or "_body" not in item:
            return item
        body = item.pop("_body")
        if len(body) <= self.inline_bytes:
            # a typical page takes 1-3 ms: cheaper here than the hand-over to a thread and back
            facts, text = self._extract_safe(body, item)
        else:
            # a big page is parsed in a worker thread: a multi-megabyte page must not freeze the
            # reactor (its timers would fire late and healthy links would be recorded as timeouts)
            facts, text = await maybe_deferred_to_future(deferToThread(self._extract_safe, body, item))
        item["facts"] = facts
        item["text"] = (text or "")[: self.text_max_chars]
        spider = self.crawler.spider
        follow = getattr(spider, "requests_from_page", None)
        if follow is not None:
            requests, updates = follow(item)
            if spider.wants_render(item, body):
                self.crawler.stats.inc_value("govspider/render_requested")
                requests.append(spider.render_request(item))
            for request in requests:
                self.crawler.engine.crawl(request)
            item["_link_updates"] = updates
        return item

    def _extract_safe(self, body: bytes, item: dict):
        if len(body) > self.max_bytes:
            self.crawler.stats.inc_value("govspider/extract_truncated")
            body = body[: self.max_bytes]
        as_of = getattr(self.crawler.spider, "as_of", None)  # month-day dates need the check's date
        try:
            return self._extract(body, item["url"], item.get("content_type"), item.get("encoding"), as_of)
        except Exception:  # a page extraction cannot handle is stored with empty facts, crawl goes on
            logger.exception("extraction failed for %s", item["url"])
            self.crawler.stats.inc_value("govspider/extract_errors")
            from govspider.facts import empty_facts

            return empty_facts(), ""
