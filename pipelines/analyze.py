"""Analyze pipeline: runs page-scope analyzers on each extracted page (页面级检查).

Calls ``analyzers.registry.run_page_analyzers(page, site, ruleset, as_of)`` (imported when the
pipeline starts) and puts the findings in ``page["findings"]``. Site- and pair-scope analysis runs
after the crawl (govspider.analysis), from the store.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import NotConfigured

from govspider.crawling.records import TYPE

logger = logging.getLogger(__name__)


class AnalyzePipeline:
    def __init__(self, crawler, run_page_analyzers):
        self.crawler = crawler
        self.run = run_page_analyzers

    @classmethod
    def from_crawler(cls, crawler):
        try:
            from analyzers.registry import run_page_analyzers
        except ImportError as exc:
            logger.warning("page analyzers unavailable (%s): pages are stored without page findings", exc)
            raise NotConfigured(f"analyzers.registry not importable: {exc}") from exc
        return cls(crawler, run_page_analyzers)

    def process_item(self, item):
        if not isinstance(item, dict) or item.get(TYPE) != "page" or item.get("facts") is None:
            return item
        if item.get("_findings_reused"):  # an unchanged page of a revisit (govspider/revisit.py)
            return item
        spider = self.crawler.spider
        page = {k: v for k, v in item.items() if not k.startswith("_")}
        try:
            item["findings"] = list(self.run(page, spider.sites[item["site_code"]], spider.ruleset, spider.as_of))
        except Exception:
            logger.exception("page analyzers failed on %s", item["url"])
            self.crawler.stats.inc_value("govspider/analyze_errors")
        return item
