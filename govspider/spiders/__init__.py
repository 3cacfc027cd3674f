"""Scrapy spiders: ``site`` crawls every registered government site whole (站点全量抓取)."""
