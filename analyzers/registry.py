"""Loads analyzers from the ``govspider.analyzers`` entry-point group (built-ins included) when
asked, and runs them by scope: page (during the crawl), site and pair (after it)."""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import logging
from importlib.metadata import entry_points
from typing import Iterable

from analyzers.api import SCOPES, Context, SiteData, SitePair
from analyzers.rulesets import load_ruleset
from govspider.sites import Site

GROUP = "govspider.analyzers"
logger = logging.getLogger(__name__)
#: analyzer id -> how many times it raised (non-strict runs log the error and go on)
failures: collections.Counter = collections.Counter()


class AnalyzerError(ValueError):
    """An analyzer class that does not follow the plug-in API."""


@dataclasses.dataclass
class Loaded:
    """One loaded analyzer and where it came from (entry point, distribution, class path)."""

    analyzer: object
    name: str
    origin: str
    dist: str

    @property
    def id(self) -> str:
        return self.analyzer.id

    @property
    def scope(self) -> str:
        return self.analyzer.scope


def check_analyzer(obj) -> object:
    """Instantiate ``obj`` if it is a class and check it has id, scope, rule_ids and analyze()."""
    analyzer = obj() if isinstance(obj, type) else obj
    name = getattr(analyzer, "id", None)
    if not name or not isinstance(name, str):
        raise AnalyzerError(f"{obj!r}: an analyzer needs a string `id`")
    if getattr(analyzer, "scope", None) not in SCOPES:
        raise AnalyzerError(f"analyzer {name!r}: `scope` must be one of {', '.join(SCOPES)}")
    rules = getattr(analyzer, "rule_ids", None)
    if not rules or isinstance(rules, str) or not all(isinstance(r, str) for r in rules):
        raise AnalyzerError(f"analyzer {name!r}: `rule_ids` must be a non-empty list of rule ids")
    if not callable(getattr(analyzer, "analyze", None)):
        raise AnalyzerError(f"analyzer {name!r}: it needs an `analyze(subject, ctx)` method")
    return analyzer


@functools.lru_cache(maxsize=1)
def _from_entry_points() -> tuple[tuple[Loaded, ...], tuple[str, ...]]:
    loaded, errors = [], []
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        dist = f"{ep.dist.name} {ep.dist.version}" if ep.dist else "?"
        try:
            analyzer = check_analyzer(ep.load())
        except Exception as exc:  # a broken plug-in is reported and skipped, never fatal
            errors.append(f"{ep.name} ({ep.value}, {dist}): {exc}")
            logger.warning("analyzer %s not loaded: %s", ep.name, exc)
            continue
        loaded.append(Loaded(analyzer, ep.name, ep.value, dist))
    if not loaded:
        errors.append(f"no analyzers in entry-point group {GROUP!r}: run `pip install -e .` in the govspider checkout")
    return tuple(loaded), tuple(errors)


def load_analyzers(extra: Iterable = (), only: Iterable[str] | None = None) -> list[Loaded]:
    """All analyzers of the entry-point group, plus ``extra`` classes (tests, the harness),
    optionally only those whose id is in ``only``. Ids must be unique."""
    loaded = list(_from_entry_points()[0])
    for obj in extra:
        analyzer = check_analyzer(obj)
        cls = type(analyzer)
        loaded.append(Loaded(analyzer, analyzer.id, f"{cls.__module__}:{cls.__qualname__}", "(passed in)"))
    seen: dict[str, Loaded] = {}
    for item in loaded:
        if item.id in seen:
            raise AnalyzerError(f"analyzer id {item.id!r} used twice: {seen[item.id].origin} and {item.origin}")
        seen[item.id] = item
    if only is not None:
        wanted = set(only)
        loaded = [item for item in loaded if item.id in wanted]
    return loaded


def load_errors() -> list[str]:
    """Entry points that could not be loaded, with why."""
    return list(_from_entry_points()[1])


@functools.lru_cache(maxsize=8)
def _ruleset(name: str) -> dict:
    return load_ruleset(name)


def ruleset_table(ruleset) -> dict:
    return ruleset if isinstance(ruleset, dict) else _ruleset(str(ruleset))


def _run(items: list[Loaded], scope: str, subject, ctx: Context, strict: bool,
         failed: list[str] | None = None) -> list[dict]:
    """Findings of the ``scope`` analyzers. An analyzer that raises is logged, counted in
    :data:`failures` (and appended to ``failed``) and skipped — one odd page must not stop a
    province — unless ``strict``."""
    out = []
    for item in items:
        if item.scope != scope:
            continue
        try:
            found = list(item.analyzer.analyze(subject, ctx) or [])
        except Exception:
            if strict:
                raise
            failures[item.id] += 1
            if failed is not None:
                failed.append(item.id)
            logger.exception("analyzer %s failed on site %s (%s)", item.id, ctx.site.site_code,
                             subject.get("url") if isinstance(subject, dict) else scope)
            continue
        for finding in found:
            if finding["rule_id"] not in item.analyzer.rule_ids:
                raise AnalyzerError(f"analyzer {item.id!r} emitted {finding['rule_id']!r}, not in its rule_ids")
        out.extend(found)
    return out


def run_page_analyzers(page: dict, site: Site, ruleset: str, as_of: dt.date, campaign: str | None = None,
                       analyzers: list[Loaded] | None = None, strict: bool = False) -> list[dict]:
    """Findings of every page-scope analyzer on one page record (``facts``, ``text``, ``url``)."""
    return analyze_page(page, site, ruleset, as_of, campaign, analyzers, strict)[0]


def analyze_page(page: dict, site: Site, ruleset, as_of: dt.date, campaign: str | None = None,
                 analyzers: list[Loaded] | None = None, strict: bool = False) -> tuple[list[dict], dict]:
    """(findings, stamp) of the page-scope analyzers on one page record. The stamp says what the
    page was analyzed under (ruleset, its digest, analyzer ids, as-of date) and which analyzers
    failed on it: stored with the page, it lets analysis tell "analyzed, nothing found" from
    "never analyzed" or "analyzed under something else" (:func:`stamp_is_current`)."""
    table = ruleset_table(ruleset)
    items = analyzers if analyzers is not None else load_analyzers()
    ctx = Context(site=site, ruleset=table, as_of=as_of, campaign=campaign or page.get("campaign"))
    failed: list[str] = []
    found = _run(items, "page", page, ctx, strict, failed)
    return found, {**page_stamp(table, items, as_of), "failed": sorted(set(failed))}


def page_stamp(ruleset, analyzers: list[Loaded], as_of: dt.date) -> dict:
    """What page findings depend on: the ruleset (name and content digest), the page-scope
    analyzer ids, the as-of date."""
    table = ruleset_table(ruleset)
    return {"ruleset": str(table.get("name")), "ruleset_digest": ruleset_digest(table),
            "analyzers": sorted(item.id for item in analyzers if item.scope == "page"),
            "as_of": as_of.isoformat()}


def stamp_is_current(stamp, ruleset, analyzers: list[Loaded], as_of: dt.date) -> bool:
    """True when stored page findings can be reused: analyzed under this ruleset, these page
    analyzers and this as-of date, and no analyzer failed on the page."""
    if not isinstance(stamp, dict) or stamp.get("failed"):
        return False
    want = page_stamp(ruleset, analyzers, as_of)
    return all(stamp.get(key) == value for key, value in want.items())


_DIGESTS: dict[int, tuple[dict, str]] = {}


def ruleset_digest(table: dict) -> str:
    """A short digest of a ruleset table's content (cached per table object)."""
    hit = _DIGESTS.get(id(table))
    if hit is None or hit[0] is not table:
        if len(_DIGESTS) > 32:
            _DIGESTS.clear()
        text = json.dumps(table, ensure_ascii=False, sort_keys=True, default=str)
        hit = _DIGESTS[id(table)] = (table, hashlib.sha1(text.encode("utf-8")).hexdigest()[:12])
    return hit[1]


def run_site_analyzers(data: SiteData, ruleset: str, as_of: dt.date, campaign: str | None = None,
                       analyzers: list[Loaded] | None = None, strict: bool = False) -> list[dict]:
    """Findings of every site-scope analyzer on one site's pages, links and crawl state."""
    ctx = Context(site=data.site, ruleset=ruleset_table(ruleset), as_of=as_of, campaign=campaign)
    return _run(analyzers if analyzers is not None else load_analyzers(), "site", data, ctx, strict)


def run_pair_analyzers(pair: SitePair, ruleset: str, as_of: dt.date, campaign: str | None = None,
                       analyzers: list[Loaded] | None = None, strict: bool = False) -> list[dict]:
    """Findings of every pair-scope analyzer on a portal and its service hall (reported on the portal)."""
    ctx = Context(site=pair.portal.site, ruleset=ruleset_table(ruleset), as_of=as_of, campaign=campaign)
    return _run(analyzers if analyzers is not None else load_analyzers(), "pair", pair, ctx, strict)
