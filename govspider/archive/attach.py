"""Every finding points to the archived record it rests on (``finding["archive"]``).

- ``link.broken`` / ``attachment.broken``: the link check's own response (its status line);
- every other finding: the response of the page it names (``url``) — for a site that answered
  with an error, the home page's error response, kept with its link record.

A finding whose page was never received (a timeout, a refused host) gets no ``archive``.
"""

from __future__ import annotations

from collections import defaultdict

from govspider.crawling.urls import canonical_url

#: rules whose evidence is the checked link's response, not the page that links to it
LINK_RULES = ("link.broken", "attachment.broken")


def attach_archives(store, campaign_id: str, findings: list[dict]) -> int:
    """Set ``archive`` on ``findings`` (in place) from the page and link records; returns how many."""
    by_site: dict[str, list[dict]] = defaultdict(list)
    for finding in findings:
        by_site[finding["site_code"]].append(finding)
    attached = 0
    for site_code, items in by_site.items():
        records = _SiteRecords(store, campaign_id, site_code)
        for finding in items:
            ref = record_of(finding, records)
            if ref:
                finding["archive"] = ref
                attached += 1
    return attached


def record_of(finding: dict, records: "_SiteRecords") -> dict | None:
    """The archive reference a finding rests on (None when nothing was received)."""
    target = (finding.get("details") or {}).get("target") if finding["rule_id"] in LINK_RULES else None
    if target:
        ref = records.link(target).get("archive")
        if ref:
            return ref
    url = _canonical(finding.get("url") or "")
    if not url:
        return None
    page = records.page(url)
    return (page or records.link(url)).get("archive")


class _SiteRecords:
    """A site's page records (by URL, fetched when asked) and link records (read once, when asked)."""

    def __init__(self, store, campaign_id: str, site_code: str):
        self.store, self.campaign_id, self.site_code = store, campaign_id, site_code
        self._pages: dict[str, dict | None] = {}
        self._links: dict[str, dict] | None = None

    def page(self, url: str) -> dict | None:
        if url not in self._pages:
            self._pages[url] = self.store.get_page(self.campaign_id, url)
        return self._pages[url]

    def link(self, target: str) -> dict:
        if self._links is None:
            self._links = {link["target"]: link for link in self.store.iter_links(self.campaign_id, self.site_code)}
        return self._links.get(target) or {}


def _canonical(url: str) -> str:
    try:
        return canonical_url(url) if url else ""
    except ValueError:
        return url
