"""Bounds pipeline: a page's facts cut to the caps of govspider.bounds before anything reads them.

Runs after extraction and before the page analyzers, so no analyzer, store or index ever sees a
200,000-character letter title or 100,000 links; the page record's ``capped`` lists what was cut.
"""

from __future__ import annotations

from govspider.bounds import bound_facts
from govspider.crawling.records import TYPE


class BoundsPipeline:
    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if isinstance(item, dict) and item.get(TYPE) == "page" and isinstance(item.get("facts"), dict):
            capped = bound_facts(item["facts"])
            if capped:
                item["capped"] = capped
                if self.crawler is not None:
                    self.crawler.stats.inc_value("govspider/facts_capped")
        return item
