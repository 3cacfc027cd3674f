"""The page-store interface every backend implements (SQLite embedded, MongoDB full stack).

Records are plain JSON-able dicts:

- campaign: ``{"id", "as_of", "ruleset", "created", "sites": [site dicts], "sample": {...},
  "robots_ignored": bool}``
- page: ``{"campaign", "site_code", "url", "status", "depth", "fetched_at", "content_type",
  "encoding", "rendered", "facts", "text", "findings"}`` — ``facts`` is the page-facts object,
  ``text`` the visible text (capped), ``findings`` what page-scope analyzers found on it,
  ``archive`` where its response is kept in the WARC archive (``{"warc", "offset", "record_id"}``).
  Unique by (campaign, url): storing a page again replaces it, so a resumed or retried crawl
  never stores a page twice.
- link: ``{"campaign", "site_code", "target", "status", "error", "attachment", "internal",
  "on_home", "sources", "archive"}`` — one availability check per target; upserting again ORs ``on_home``
  and adds to ``sources`` (capped).
- site state: ``{"campaign", "site_code", "reachable", "cause", "error", "attempts", "home_status",
  "final_url", "pages", "finished", "robots_ignored", "refused"}`` — unique by (campaign,
  site_code); upserting again replaces the given keys, except ``attempts`` (every homepage fetch
  made: ``{"at", "url", "status", "error"}``), which accumulates over runs (:func:`merge_site_state`).
- finding: the findings contract, plus ``finding_id``.
- review decision: ``{"campaign", "finding_id", "rule_id", "site_code", "key", "decision"
  (accept|reject), "by", "reason", "at"}`` — an analyst's decision (govspider/review.py); unique by
  (campaign, finding_id): deciding again replaces it.
"""

from __future__ import annotations

from typing import Iterable, Iterator

MAX_LINK_SOURCES = 5
#: homepage attempts kept per site state (the newest)
MAX_ATTEMPTS = 50


def merge_site_state(old: dict | None, new: dict) -> dict:
    """The site state after ``new`` is upserted over ``old`` (shared by every backend)."""
    merged = {**(old or {}), **new}
    if "attempts" in new:
        seen, attempts = set(), []
        for attempt in [*((old or {}).get("attempts") or []), *(new.get("attempts") or [])]:
            key = (attempt.get("at"), attempt.get("url"), attempt.get("status"), attempt.get("error"))
            if key not in seen:
                seen.add(key)
                attempts.append(attempt)
        merged["attempts"] = attempts[-MAX_ATTEMPTS:]
    return merged


class PageStore:
    """Base class: documents every method a backend must provide."""

    @classmethod
    def from_uri(cls, uri: str) -> "PageStore":
        raise NotImplementedError

    # campaigns
    def save_campaign(self, campaign: dict) -> None:
        raise NotImplementedError

    def get_campaign(self, campaign_id: str) -> dict | None:
        raise NotImplementedError

    def list_campaigns(self) -> list[dict]:
        raise NotImplementedError

    # pages
    def upsert_page(self, page: dict) -> bool:
        """Store a page; True when it was not stored before."""
        raise NotImplementedError

    def get_page(self, campaign: str, url: str) -> dict | None:
        raise NotImplementedError

    def iter_pages(self, campaign: str, site_code: str | None = None) -> Iterator[dict]:
        """Stream pages (never loads a whole site into memory)."""
        raise NotImplementedError

    def count_pages(self, campaign: str, site_code: str | None = None) -> int:
        raise NotImplementedError

    # link availability
    def upsert_link(self, link: dict) -> None:
        raise NotImplementedError

    def iter_links(self, campaign: str, site_code: str | None = None) -> Iterator[dict]:
        raise NotImplementedError

    # per-site crawl state
    def upsert_site_state(self, state: dict) -> None:
        raise NotImplementedError

    def iter_site_states(self, campaign: str) -> Iterator[dict]:
        raise NotImplementedError

    # findings
    def replace_findings(self, campaign: str, findings: Iterable[dict]) -> int:
        """Replace all findings of a campaign (analysis is idempotent); returns how many."""
        raise NotImplementedError

    def iter_findings(self, campaign: str) -> Iterator[dict]:
        raise NotImplementedError

    # analysts' review decisions (kept across re-analysis: replace_findings leaves them alone)
    def save_review_decision(self, decision: dict) -> None:
        raise NotImplementedError

    def iter_review_decisions(self, campaign: str) -> Iterator[dict]:
        """The campaign's decisions, oldest first."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
