"""Spider ``watch``: the light daily check (日常巡检) — homepage, column list pages, letter lists.

The site spider (govspider/spiders/site.py) with a narrower link policy: from each page it follows
only navigation (links that are not one of the page's dated entries, letters, attachments or
hidden links), never from articles or guides, to the depth and page cap of govspider/watch/defaults.py,
and checks no links. Safety middleware, robots.txt, per-site politeness, rendering of script-written
lists and the conditional revisits (govspider/revisit.py) are the site spider's, unchanged.
"""

from __future__ import annotations

from govspider.facts import is_attachment_url
from govspider.spiders.site import SiteSpider

#: pages whose links lead away from the lists (articles, 办事指南)
_LEAVES = ("article", "guide")


def light_links(facts: dict) -> list[dict]:
    """The links of a page the light check follows: navigation to columns and letter lists."""
    if facts.get("kind") in _LEAVES:
        return []
    items = {e.get("url") for e in facts.get("entries") or []}
    items |= {letter.get("url") for letter in facts.get("letters") or []}
    items |= {e.get("url") for e in facts.get("undated_entries") or []}
    return [link for link in facts.get("links") or []
            if link.get("url") not in items and not link.get("hidden") and not is_attachment_url(link.get("url") or "")]


class WatchSpider(SiteSpider):
    name = "watch"

    def configure(self, settings) -> None:
        super().configure(settings)
        self.max_link_checks = 0  # the light check fetches pages only, it checks no links

    def requests_from_page(self, page: dict):
        facts = page.get("facts") or {}
        light = {**page, "facts": {**facts, "links": light_links(facts)}}
        return super().requests_from_page(light)
