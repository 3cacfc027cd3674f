"""Record builders for what the crawl stores (storage/base.py shapes) and the campaign id."""

from __future__ import annotations

import datetime as dt
import hashlib

from govspider.sites import Site, dump_sites_yaml

#: item type tag carried by every item the spider yields (stripped before storing)
TYPE = "_type"


def default_campaign_id(sites: list[Site], as_of: dt.date | str) -> str:
    """Deterministic campaign id from the sites and the as-of date (same inputs → same id)."""
    as_of = str(as_of)
    digest = hashlib.sha1((dump_sites_yaml(sites) + "\n" + as_of).encode("utf-8")).hexdigest()[:10]
    return f"{as_of}-{digest}"


def campaign_record(campaign: str, sites: list[Site], as_of, ruleset: str, robots_ignored: bool) -> dict:
    return {
        "id": campaign, "as_of": str(as_of), "ruleset": ruleset, "created": now_iso(),
        "sites": [s.to_dict() for s in sites], "sample": {}, "robots_ignored": bool(robots_ignored),
    }


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def link_record(campaign: str, site_code: str, target: str, *, status=None, error=None, attachment=False,
                on_home=False, source: str | None = None, **extra) -> dict:
    record = {
        TYPE: "link", "campaign": campaign, "site_code": site_code, "target": target, "status": status,
        "error": error, "attachment": bool(attachment), "internal": True, "on_home": bool(on_home),
        "sources": [source] if source else [],
    }
    record.update(extra)
    return record


def link_source_update(campaign: str, site_code: str, target: str, source: str, on_home: bool) -> dict:
    """A partial link record: one more page links to ``target`` (status left as stored)."""
    return {TYPE: "link", "campaign": campaign, "site_code": site_code, "target": target,
            "on_home": bool(on_home), "sources": [source]}


def site_state(campaign: str, site_code: str, **fields) -> dict:
    return {TYPE: "site_state", "campaign": campaign, "site_code": site_code, **fields}
