"""The embedded crawl: every registered site, one Scrapy process, pages into the page store.

:func:`crawl_sites` runs Scrapy's ``CrawlerProcess`` in the current process (the Twisted reactor
cannot restart: one crawl per process) and returns a summary dict.

Resuming: the page store is the record of what was done. A crawl that did not finish (Ctrl-C, a
crash, SIGKILL, a full disk) leaves its campaign marked ``partial``; the same call again rebuilds
the rest of the frontier from the store (govspider/crawling/resume.py) and finishes it. The
scheduler's queue only spills to ``JOBDIR`` while a crawl runs (JSON, wiped at every start). The
job directory is named after everything that identifies a crawl — campaign, store (so the
``--out`` directory of ``govspider run``), sites and as-of date — so two runs never share one.
``STATE_DIR`` is ``$GOVSPIDER_STATE_DIR`` (default ``$XDG_STATE_HOME/govspider`` or
``~/.local/state/govspider``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import time
from pathlib import Path

from govspider.crawling import quiet
from govspider.redact import install_redaction
from govspider.sites import Site
from govspider.state import state_dir


def job_dir(campaign: str, store_uri: str = "", sites: list[Site] | None = None, as_of=None) -> Path:
    """``STATE_DIR/jobs/<campaign>-<digest of store, sites and as-of>``: one directory per crawl."""
    from govspider.sites import dump_sites_yaml

    identity = "\n".join([campaign, _store_identity(store_uri), dump_sites_yaml(sites or []), str(as_of or "")])
    digest = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:12]
    return state_dir() / "jobs" / f"{re.sub(r'[^A-Za-z0-9._-]', '_', campaign)[:80]}-{digest}"


def _store_identity(store_uri: str) -> str:
    """A SQLite store by its absolute path (relative URIs depend on the working directory)."""
    if store_uri.startswith("sqlite:///") and not store_uri.startswith("sqlite:///:memory:"):
        return "sqlite:///" + str(Path(store_uri[len("sqlite:///"):]).resolve())
    return store_uri


def build_settings(store_uri: str, campaign: str, settings: dict | None = None, progress: bool = True,
                   sites: list[Site] | None = None):
    """Project settings + the crawl's own (store, campaign, JOBDIR, progress) + the caller's."""
    from scrapy.settings import Settings

    result = Settings()
    result.setmodule("govspider.settings", priority="project")
    result.set("GOVSPIDER_STORE_URI", store_uri, priority="cmdline")
    result.set("GOVSPIDER_CAMPAIGN", campaign, priority="cmdline")
    result.set("GOVSPIDER_PROGRESS", bool(progress), priority="cmdline")
    extra = settings or {}
    jobdir = job_dir(campaign, store_uri, sites, extra.get("GOVSPIDER_AS_OF"))
    result.set("JOBDIR", str(jobdir), priority="cmdline")
    if progress:
        # the live display owns the terminal: the log goes to a file beside the job
        log = state_dir() / "logs" / f"{jobdir.name}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        result.set("LOG_FILE", str(log), priority="cmdline")
        result.set("LOG_FILE_APPEND", True, priority="cmdline")
    for key, value in extra.items():
        result.set(key, value, priority="cmdline")
    if not result.getbool("GOVSPIDER_PLAYWRIGHT"):
        # plain HTTP only: Scrapy's own download handlers, no browser machinery at all
        result.set("DOWNLOAD_HANDLERS", {}, priority="cmdline")
    return result


def crawl_sites(sites: list[Site], store_uri: str, campaign: str, settings: dict | None = None,
                progress: bool = True, as_of: dt.date | str | None = None, ruleset: str | None = None) -> dict:
    """Crawl ``sites`` into the store at ``store_uri`` under ``campaign``; return a summary dict.

    ``settings`` overrides Scrapy/govspider settings (e.g. ``{"ROBOTSTXT_OBEY": False,
    "GOVSPIDER_MAX_PAGES": 500}``). Summary keys: campaign, close_reason, finished, sites,
    sites_reachable, sites_unreachable, pages, links, links_broken, elapsed_s, pages_per_s,
    robots_ignored, job_dir, log_file, refused, write_error, resumed_requests, partial.
    """
    from scrapy.crawler import CrawlerProcess

    from govspider.spiders.site import SiteSpider

    extra = dict(settings or {})
    if as_of is not None:
        extra["GOVSPIDER_AS_OF"] = str(as_of)
    if ruleset is not None:
        extra["GOVSPIDER_RULESET"] = str(ruleset)
    scrapy_settings = build_settings(store_uri, campaign, extra, progress, sites=list(sites))
    jobdir = Path(scrapy_settings["JOBDIR"]) if scrapy_settings.get("JOBDIR") else None
    if jobdir is not None and jobdir.exists():
        shutil.rmtree(jobdir, ignore_errors=True)  # the store, not the queue files, says what is left
    process = CrawlerProcess(scrapy_settings)
    install_redaction()
    quiet.install()
    crawler = process.create_crawler(SiteSpider)
    started = time.monotonic()
    process.crawl(crawler, sites=list(sites), campaign=campaign)
    process.start()
    elapsed = time.monotonic() - started
    reason = crawler.stats.get_value("finish_reason")
    if jobdir is not None and jobdir.exists():
        shutil.rmtree(jobdir, ignore_errors=True)  # only a spill of this run's queue: never resumed from
    summary = summarize(store_uri, campaign, len(sites))
    summary.update({
        "close_reason": reason, "finished": reason == "finished", "elapsed_s": round(elapsed, 2),
        "pages_this_run": crawler.stats.get_value("govspider/pages_stored", 0),
        "robots_ignored": not scrapy_settings.getbool("ROBOTSTXT_OBEY"),
        "job_dir": str(jobdir) if jobdir else None, "log_file": scrapy_settings.get("LOG_FILE"),
        "refused": crawler.stats.get_value("govspider/refused", 0),
        "write_error": crawler.stats.get_value("govspider/write_error"),
        "resumed_requests": crawler.stats.get_value("govspider/resumed_requests"),
        "traps": {k.rsplit("/", 1)[1]: v for k, v in crawler.stats.get_stats().items() if k.startswith("govspider/trap/")},
    })
    summary["pages_per_s"] = round(summary["pages_this_run"] / elapsed, 2) if elapsed > 0 else 0.0
    return summary


def summarize(store_uri: str, campaign: str, sites_total: int) -> dict:
    """Figures of a campaign read back from the store (so a resumed crawl reports its total)."""
    from govspider.storage import open_store

    with open_store(store_uri) as store:
        states = list(store.iter_site_states(campaign))
        links = broken = 0
        for link in store.iter_links(campaign):
            links += 1
            if "status" in link and (link["status"] is None or link["status"] >= 400):
                broken += 1
        record = store.get_campaign(campaign) or {}
        return {
            "campaign": campaign, "sites": sites_total, "partial": bool(record.get("partial", True)),
            "sites_reachable": sum(1 for s in states if s.get("reachable") is True),
            "sites_unreachable": sorted(s["site_code"] for s in states if s.get("reachable") is False),
            "pages": store.count_pages(campaign), "links": links, "links_broken": broken,
        }
