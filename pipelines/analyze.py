"""Analyze pipeline: runs page-scope analyzers on each extracted page (页面级检查).

Calls ``analyzers.registry.analyze_page(page, site, ruleset, as_of)`` (imported when the pipeline
starts) and puts the findings in ``page["findings"]`` and what they were made under in
``page["analysis"]`` (ruleset and its digest, analyzer ids, as-of date, analyzers that failed).
Analysis after the crawl (govspider.analysis) reuses the findings only when that stamp matches and
nothing failed; a page stored without a stamp (this pipeline disabled, an exception) is analyzed
again there, so no page finding is lost. Site- and pair-scope analysis runs after the crawl, from
the store.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import NotConfigured

from govspider.crawling.records import TYPE

logger = logging.getLogger(__name__)


class AnalyzePipeline:
    def __init__(self, crawler, analyze_page):
        self.crawler = crawler
        self.analyze = analyze_page

    @classmethod
    def from_crawler(cls, crawler):
        try:
            from analyzers.registry import analyze_page
        except ImportError as exc:
            logger.warning("page analyzers unavailable (%s): pages are stored unanalyzed, analysis runs them later", exc)
            raise NotConfigured(f"analyzers.registry not importable: {exc}") from exc
        return cls(crawler, analyze_page)

    def process_item(self, item):
        if not isinstance(item, dict) or item.get(TYPE) != "page" or item.get("facts") is None:
            return item
        if item.get("_findings_reused"):  # an unchanged page of a revisit (govspider/revisit.py)
            return item
        spider = self.crawler.spider
        page = {k: v for k, v in item.items() if not k.startswith("_")}
        try:
            findings, stamp = self.analyze(page, spider.sites[item["site_code"]], spider.ruleset, spider.as_of)
        except Exception:
            logger.exception("page analyzers failed on %s", item["url"])
            self.crawler.stats.inc_value("govspider/analyze_errors")
            item.pop("analysis", None)  # no stamp: analysis after the crawl runs the page analyzers again
            return item
        if stamp["failed"]:
            self.crawler.stats.inc_value("govspider/analyze_errors", len(stamp["failed"]))
        item["findings"] = findings
        item["analysis"] = stamp
        return item
