"""Extract pipeline: a fetched page becomes facts + visible text (one parse), then is followed.

Calls ``govspider.extract.extract_page_and_text(body, url, content_type, encoding)`` and hands
the facts back to the spider (``requests_from_page``), whose new requests enter the scheduler via
the engine; the raw body is dropped here, so nothing downstream holds page bytes. In
``render_js: auto`` sites a page whose content is written by scripts is re-requested rendered.
"""

from __future__ import annotations

import logging

from govspider.crawling.records import TYPE

logger = logging.getLogger(__name__)


class ExtractPipeline:
    def __init__(self, crawler, text_max_chars: int = 20000):
        self.crawler = crawler
        self.text_max_chars = text_max_chars
        from govspider.extract import extract_page_and_text

        self._extract = extract_page_and_text

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.getint("GOVSPIDER_TEXT_MAX_CHARS", 20000))

    def process_item(self, item):
        if not isinstance(item, dict) or item.get(TYPE) != "page" or "_body" not in item:
            return item
        body = item.pop("_body")
        try:
            facts, text = self._extract(body, item["url"], item.get("content_type"), item.get("encoding"))
        except Exception:  # a page extraction cannot handle is stored with empty facts, crawl goes on
            logger.exception("extraction failed for %s", item["url"])
            self.crawler.stats.inc_value("govspider/extract_errors")
            from govspider.facts import empty_facts

            facts, text = empty_facts(), ""
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
