"""Extraction: one page (bytes or text) -> the page-facts object of govspider.facts, from one parse.

``extract_page`` returns the facts, ``page_text`` the visible text, ``extract_page_and_text`` both
(the crawl calls it on every page). Nothing here raises on bad input: an unparseable page yields
``empty_facts()`` (kind "other") and empty text.
"""

from __future__ import annotations

from .core import extract_page, extract_page_and_text, page_text

__all__ = ["extract_page", "extract_page_and_text", "page_text"]
