"""Site- and pair-scope analysis of a crawled campaign: reads the page store, returns findings.

``analyze_campaign(store, campaign_id, ruleset)`` streams each site's pages from the store (so it
works whichever worker fetched which page), collects the page-scope findings made during the
crawl — only when the page's ``analysis`` stamp says they were made under this ruleset, these
analyzers and this as-of date with no analyzer failing; otherwise it runs the page analyzers
again —, runs the site analyzers and then the pair analyzers (portal vs 政务服务网), and:

- on a site whose crawl did not finish (or in a partial campaign), turns findings of the
  absence-based rules (ruleset ``findings.absence_rules``) into review findings: what was not
  seen may be on the pages not fetched;
- merges findings with one cause (``details.cause``) into one, with a page count and examples;
- applies the analysts' review decisions kept in the store (govspider/review.py);

and replaces the campaign's findings in the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from analyzers.api import SiteData, SitePair
from analyzers.registry import (analyze_page, load_analyzers, ruleset_table, run_pair_analyzers,
                                run_site_analyzers, stamp_is_current)
from govspider.archive.attach import attach_archives
from govspider.findings import finding_id, mark_review, merge_same_cause
from govspider.review import apply_decisions, stored_decisions
from govspider.sites import Site

logger = logging.getLogger(__name__)
#: page fields site analyzers need; the visible text stays in the store
_KEEP = ("url", "status", "depth", "site_code", "facts", "content_type", "rendered")


def site_from_dict(data: dict) -> Site:
    """A :class:`Site` from a campaign's site dict (``Site.to_dict`` output)."""
    known = {f.name for f in dataclasses.fields(Site)}
    args = {k: v for k, v in data.items() if k in known}
    args["site_code"] = str(args["site_code"])
    if args.get("service_hall") is not None:
        args["service_hall"] = str(args["service_hall"])
    args["hosts"] = tuple(args.get("hosts") or ())
    return Site(**args)


def campaign_sites(campaign: dict) -> list[Site]:
    return [site_from_dict(s) for s in campaign.get("sites") or []]


def analyze_campaign(store, campaign_id: str, ruleset: str | None = None, *, as_of: dt.date | None = None,
                     analyzers=None, progress: bool = False, write: bool = True, strict: bool = False) -> list[dict]:
    """All findings of a campaign (deduplicated, each with ``finding_id``); stored unless ``write`` is false."""
    campaign = store.get_campaign(campaign_id)
    if campaign is None:
        known = ", ".join(c["id"] for c in store.list_campaigns()) or "none"
        raise LookupError(f"campaign {campaign_id!r} is not in the store (campaigns: {known})")
    ruleset = str(ruleset or campaign.get("ruleset") or "2019")
    as_of = as_of or dt.date.fromisoformat(str(campaign.get("as_of") or dt.date.today().isoformat())[:10])
    items = analyzers if analyzers is not None else load_analyzers()
    table = ruleset_table(ruleset).get("findings") or {}
    sites = campaign_sites(campaign)
    states = {s["site_code"]: s for s in store.iter_site_states(campaign_id)}
    by_code = {s.site_code: s for s in sites}
    pair_codes = {s.site_code for s in sites if s.service_hall} | {s.service_hall for s in sites if s.service_hall}
    kept: dict[str, SiteData] = {}
    findings: list[dict] = []
    bar = _progress(progress, len(sites))
    for site in sites:
        state = states.get(site.site_code)
        data, page_findings = _site_data(store, campaign_id, site, state, ruleset, as_of, items, strict)
        site_findings = page_findings + run_site_analyzers(data, ruleset, as_of, campaign_id, analyzers=items, strict=strict)
        unfinished = crawl_unfinished(campaign, state)
        if unfinished:
            absence = set(table.get("absence_rules") or ())
            for finding in site_findings:
                if finding["rule_id"] in absence:
                    mark_review(finding, f"抓取未完成（{unfinished}），未见到的内容可能在未抓取的页面上")
        findings.extend(site_findings)
        if site.site_code in pair_codes:
            data.links = []
            data.pages = [p for p in data.pages if (p.get("facts") or {}).get("guide")]
            kept[site.site_code] = data
        bar.advance(site.name)
    bar.close()
    for site in sites:
        hall = by_code.get(site.service_hall or "")
        if hall is not None and site.site_code in kept and hall.site_code in kept:
            pair = SitePair(portal=kept[site.site_code], hall=kept[hall.site_code])
            findings.extend(run_pair_analyzers(pair, ruleset, as_of, campaign_id, analyzers=items, strict=strict))
    out = dedupe(merge_same_cause(findings, int(table.get("examples", 10))), campaign_id)
    apply_decisions(out, stored_decisions(store, campaign_id))
    attach_archives(store, campaign_id, out)  # each finding points to the WARC record it rests on
    if write:
        store.replace_findings(campaign_id, out)
    return out


def crawl_unfinished(campaign: dict, state: dict | None) -> str | None:
    """Why a site's crawl cannot be taken as complete (None when it can): its state says it did
    not finish, or the campaign is partial and the state does not say the site finished."""
    state = state or {}
    if state.get("finished") is False:
        return state.get("cause") or state.get("close_reason") or "未抓取完"
    if campaign.get("partial") and state.get("finished") is not True:
        return "批次未完成"
    return None


def _site_data(store, campaign_id, site, state, ruleset, as_of, items, strict):
    pages, page_findings = [], []
    for page in store.iter_pages(campaign_id, site.site_code):
        stored = page.get("findings")
        if isinstance(stored, list) and stamp_is_current(page.get("analysis"), ruleset, items, as_of):
            page_findings.extend(stored)
        elif page.get("facts"):
            found, _stamp = analyze_page(page, site, ruleset, as_of, campaign_id, analyzers=items, strict=strict)
            page_findings.extend(found)
        pages.append({k: page.get(k) for k in _KEEP})
    links = list(store.iter_links(campaign_id, site.site_code))
    return SiteData(site=site, pages=pages, links=links, state=state), page_findings


def dedupe(findings: list[dict], campaign_id: str | None = None) -> list[dict]:
    """One finding per id (campaign, rule, site, url, details), each carrying ``finding_id``."""
    out, seen = [], set()
    for finding in findings:
        if campaign_id and not finding.get("campaign"):
            finding["campaign"] = campaign_id
        fid = finding_id(finding)
        if fid in seen:
            continue
        seen.add(fid)
        finding["finding_id"] = fid
        out.append(finding)
    return out


class _progress:
    """A rich progress bar on stderr when asked, else nothing."""

    def __init__(self, enabled: bool, total: int):
        self._bar = None
        if enabled:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True), transient=False)
            self._bar.start()
            self._task = self._bar.add_task("分析站点", total=total)

    def advance(self, name: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=f"分析站点 {name[:16]}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
