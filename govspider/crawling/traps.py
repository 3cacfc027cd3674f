"""Crawler-trap guards: refuse URLs that would keep a crawl busy forever (爬虫陷阱).

Each guard names the trap it stops, so the log and the stats say why a URL was skipped:

- ``url-too-long`` — generated URLs that keep growing;
- ``repeated-segment`` — relative-link loops such as ``/a/b/a/b/a/b/…``;
- ``too-many-params`` — query strings built by faceted search or filters;
- ``query-explosion`` — one path reached with ever new query strings (``?page=…&sort=…``);
- ``calendar`` — infinite calendars: a date-addressed page (``?month=2026-11``) linking to more
  date-addressed pages, or a year far in the future of the check's as-of date, or before
  ``min_year``, in the path or the query.

Session-id URLs are handled by :func:`govspider.crawling.urls.canonical_url` (the id is dropped,
so the dupefilter sees one URL); redirect loops by Scrapy's ``REDIRECT_MAX_TIMES`` and the
dupefilter; everything else by the per-site depth and page caps.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

_FULL_DATE = re.compile(r"(1[0-9]{3}|2[0-9]{3})(?:-(0?[1-9]|1[0-2])(?:-(0?[1-9]|[12][0-9]|3[01]))?|(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01]))")
_DATE_KEY = re.compile(r"year|date|month|day|cal|time|^y$|^ym$|^d$|^m$|nian|yue|riqi", re.I)
_YEAR_SEGMENT = re.compile(r"(1[0-9]{3}|2[0-9]{3})(?:[-_]?(0[1-9]|1[0-2]))?")


def _dated_query(query: str) -> bool:
    """True when a query value is a month or a day (2026-11, 2026-11-03, 20261103)."""
    return bool(query) and any(_FULL_DATE.fullmatch(v) for _, v in parse_qsl(query, keep_blank_values=True))


class TrapGuard:
    """Decides whether a URL found on a site looks like a crawler trap; keeps small counters."""

    def __init__(self, as_of: dt.date | None = None, max_url_length: int = 512, max_query_params: int = 8,
                 max_query_variants: int = 200, max_segment_repeats: int = 3, min_year: int = 1990,
                 future_years: int = 1):
        self.as_of = as_of or dt.date.today()
        self.max_url_length = max_url_length
        self.max_query_params = max_query_params
        self.max_query_variants = max_query_variants
        self.max_segment_repeats = max_segment_repeats
        self.min_year = min_year
        self.max_year = self.as_of.year + future_years
        self._variants: Counter = Counter()  # (site, path) -> distinct query strings admitted

    @classmethod
    def from_settings(cls, settings, as_of: dt.date | None = None) -> "TrapGuard":
        return cls(
            as_of=as_of,
            max_url_length=settings.getint("GOVSPIDER_MAX_URL_LENGTH", 512),
            max_query_params=settings.getint("GOVSPIDER_MAX_QUERY_PARAMS", 8),
            max_query_variants=settings.getint("GOVSPIDER_MAX_QUERY_VARIANTS", 200),
            max_segment_repeats=settings.getint("GOVSPIDER_MAX_SEGMENT_REPEATS", 3),
        )

    def reason(self, url: str, site_code: str = "", source: str | None = None) -> str | None:
        """Why ``url`` (found on page ``source``) is a trap (a short tag), or None.

        Counts the URL when it is admitted.
        """
        if len(url) > self.max_url_length:
            return "url-too-long"
        parts = urlsplit(url)
        if source and _dated_query(parts.query) and _dated_query(urlsplit(source).query):
            # a date-addressed page linking to more date-addressed pages is a calendar: its
            # first page is crawled (from a normal page), the endless months and days are not
            return "calendar"
        segments = [s for s in parts.path.split("/") if s]
        if segments and max(Counter(segments).values()) > self.max_segment_repeats:
            return "repeated-segment"
        query = parse_qsl(parts.query, keep_blank_values=True)
        if len(query) > self.max_query_params:
            return "too-many-params"
        if self._calendar(parts.path, query):
            return "calendar"
        if parts.query:
            key = (site_code, parts.netloc, parts.path)
            if self._variants[key] >= self.max_query_variants:
                return "query-explosion"
            self._variants[key] += 1
        return None

    def _calendar(self, path: str, query: list[tuple[str, str]]) -> bool:
        # a year counts in a path only as a whole segment: /2031/, /203105/, /2031-05/
        for segment in path.split("/"):
            match = _YEAR_SEGMENT.fullmatch(segment)
            if match and self._out_of_range(int(match.group(1))):
                return True
        for key, value in query:
            match = _FULL_DATE.fullmatch(value) or (_DATE_KEY.search(key) and _YEAR_SEGMENT.fullmatch(value))
            if match and self._out_of_range(int(match.group(1))):
                return True
        return False

    def _out_of_range(self, year: int) -> bool:
        return year > self.max_year or year < self.min_year
