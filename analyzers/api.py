"""The analyzer plug-in API: what an analyzer is, what it receives, and how it makes findings.

An analyzer is a class with

- ``id``: a short unique name (``freshness``, ``footer`` …);
- ``scope``: ``"page"`` (one stored page), ``"site"`` (all pages, link checks and the crawl
  state of one site) or ``"pair"`` (a portal and its 政务服务网, see :class:`SitePair`);
- ``rule_ids``: the rule ids it may emit (DESIGN.md contract, or new ids);
- ``analyze(subject, ctx)``: returns (or yields) finding dicts made with ``ctx.finding(...)``.

Thresholds and word lists come from ``ctx.ruleset`` (a ruleset table, see analyzers/rulesets),
never from analyzer code. Built-ins and third-party analyzers are registered the same way, in
the ``govspider.analyzers`` entry-point group.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Iterable, Iterator

from govspider.findings import Finding
from govspider.sites import Site

SCOPES = ("page", "site", "pair")


class Analyzer:
    """Base class (optional: any class with these attributes and method works)."""

    id: str = ""
    scope: str = "page"
    rule_ids: tuple[str, ...] = ()
    description: str = ""

    def analyze(self, subject: Any, ctx: "Context") -> Iterable[dict]:
        """Turn ``subject`` (a page dict, a :class:`SiteData` or a :class:`SitePair`) into findings."""
        raise NotImplementedError


@dataclasses.dataclass
class SiteData:
    """Everything the crawl kept about one site: pages (records of storage/base.py, with
    ``facts``), link checks and the crawl state (``None`` when the crawl left none)."""

    site: Site
    pages: list[dict]
    links: list[dict] = dataclasses.field(default_factory=list)
    state: dict | None = None

    @property
    def home(self) -> dict | None:
        """The homepage record: the start URL (or where it redirected), else a page of kind home."""
        wanted = {_norm(self.site.url)}
        if self.state and self.state.get("final_url"):
            wanted.add(_norm(self.state["final_url"]))
        for page in self.pages:
            if _norm(page.get("url", "")) in wanted and (page.get("facts") or {}):
                return page
        for page in self.pages:
            if (page.get("facts") or {}).get("kind") == "home":
                return page
        return None

    def facts_pages(self, kind: str | None = None) -> Iterator[dict]:
        for page in self.pages:
            facts = page.get("facts") or {}
            if kind is None or facts.get("kind") == kind:
                yield page


@dataclasses.dataclass
class SitePair:
    """A portal (the site whose row names ``service_hall``) and its online service hall."""

    portal: SiteData
    hall: SiteData


@dataclasses.dataclass
class Context:
    """What an analyzer knows besides its input: the site, the ruleset table, the as-of date."""

    site: Site
    ruleset: dict
    as_of: dt.date
    campaign: str | None = None

    def rule(self, rule_id: str) -> dict:
        return (self.ruleset.get("rules") or {}).get(rule_id) or {}

    def table(self, name: str) -> Any:
        """A ruleset table (``freshness``, ``interaction`` …); KeyError names the ruleset."""
        try:
            return self.ruleset[name]
        except KeyError:
            raise KeyError(f"ruleset {self.ruleset.get('name')!r} has no table {name!r}") from None

    def finding(self, rule_id: str, *, url: str = "", evidence: str = "", details: dict | None = None,
                key: str = "", site: Site | None = None, severity: str | None = None,
                points: float | None = None, review: str | bool | None = None, review_reason: str | None = None,
                **extra: Any) -> dict:
        """A finding dict under the ruleset's severity and points for ``rule_id``.

        ``key`` names what the finding is about the way the ground truth does (column name,
        item/field, letter title, element, host, target, term, URL path, year, or "").
        ``severity`` and ``points`` override the rule's table values (e.g. "info" for a
        suspected dead link). ``review`` — the reason a person must check the finding before it
        scores (待人工复核: the evidence is suggestive, not conclusive), or ``True`` with the reason in
        ``review_reason``; None = confirmed."""
        site = site or self.site
        rule = self.rule(rule_id)
        severity = severity or rule.get("severity", "info")
        if severity != "deduct":
            points = 0.0
        elif points is None:
            points = float(rule.get("points", 0))
        extra.setdefault("site_name", site.name)
        extra.setdefault("region", site.region)
        extra.setdefault("rule_name", rule.get("name", rule_id))
        extra.setdefault("ruleset", self.ruleset.get("name"))
        extra["key"] = key
        return Finding(
            rule_id=rule_id, site_code=site.site_code, url=url, evidence=evidence[:500],
            details=dict(details or {}), severity=severity, points=points,
            as_of=self.as_of.isoformat(), campaign=self.campaign, review=bool(review or review_reason),
            review_reason=review_reason or (review if isinstance(review, str) else None), extra=extra,
        ).to_dict()


def parse_date(value: Any) -> dt.date | None:
    """An ISO date (facts use ``YYYY-MM-DD``) or None."""
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def url_path(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _norm(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url or "")
    path = parts.path or "/"
    for index in ("index.html", "index.htm", "index.shtml", "index.jsp", "default.htm", "default.html"):
        if path.endswith("/" + index):
            path = path[: -len(index)]
    return f"{(parts.hostname or '').lower()}{path}"
