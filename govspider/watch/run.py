"""The daily watch (日常预警): light check → warnings → what changed → files and webhooks.

``run_watch(sites, out_dir, as_of=…)``: crawls the homepage, column lists and letter lists of every
active site (spider.py) into a page store of its own under ``OUT/store/``, revisiting the last
run's pages conditionally (govspider/revisit.py); computes each site's warnings (detect.py);
compares them with the last run (changes.py, state in ``OUT/watch-state.json``); spools the new,
worse and cleared ones for the receivers (govspider/notify) and delivers them; writes
``OUT/warnings.jsonl``, ``warnings.html`` and ``warnings.xlsx``. One watch per directory at a
time (a lock file); a run that is interrupted changes no state, so the next one starts from the
last complete run.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from filelock import FileLock, Timeout

from analyzers.api import SiteData
from govspider.watch import defaults
from govspider.watch.changes import NOTIFY, classify, load_state, next_state, save_state, to_send

#: page fields the detector reads
_PAGE_FIELDS = ("url", "status", "depth", "site_code", "facts")


class WatchBusy(RuntimeError):
    """Another watch is running on the same directory."""


def crawl_light(sites, store_uri: str, campaign: str, settings: dict, progress: bool) -> dict:
    """The light check of ``sites`` into ``store_uri`` (one Scrapy process, nothing to resume)."""
    from scrapy.crawler import CrawlerProcess

    from govspider.crawl import build_settings, summarize
    from govspider.watch.spider import WatchSpider

    scrapy_settings = build_settings(store_uri, campaign, settings, progress)
    scrapy_settings.set("JOBDIR", None, priority="cmdline")
    process = CrawlerProcess(scrapy_settings)
    crawler = process.create_crawler(WatchSpider)
    started = time.monotonic()
    process.crawl(crawler, sites=list(sites), campaign=campaign)
    process.start()
    stats = crawler.stats.get_stats()
    summary = summarize(store_uri, campaign, len(sites))
    summary.update({
        "finished": stats.get("finish_reason") == "finished", "close_reason": stats.get("finish_reason"),
        "elapsed_s": round(time.monotonic() - started, 2), "requests": stats.get("downloader/request_count", 0),
        "bytes": stats.get("downloader/request_bytes", 0) + stats.get("downloader/response_bytes", 0),
        "not_modified": stats.get("govspider/revisit/not_modified", 0), "carried": stats.get("govspider/revisit/carried", 0),
    })
    return summary


def run_watch(sites, out_dir, *, as_of: dt.date, ruleset: str = "2019", receivers=(), settings: dict | None = None,
              progress: bool = True, echo=print) -> dict:
    """One watch run; returns its summary (warnings by change, delivery, crawl figures, paths)."""
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(out / ".watch.lock"), timeout=0):
            return _run(sites, out, as_of, ruleset, list(receivers), settings or {}, progress, echo)
    except Timeout:
        raise WatchBusy(f"another govspider watch is running on {out} (lock {out / '.watch.lock'})") from None


def _run(sites, out: Path, as_of, ruleset, receivers, settings, progress, echo) -> dict:
    from govspider.notify import Spool, notify
    from govspider.notify.messages import warnings_message
    from govspider.storage import open_store
    from govspider.watch.detect import Detector
    from govspider.watch.output import write_outputs

    detector = Detector(ruleset)  # a bad warnings table stops the run before anything is fetched
    state_path = out / defaults.STATE_FILE
    state = load_state(state_path)
    active = [s for s in sites if not s.closed]
    campaign = f"{defaults.WATCH_CAMPAIGN_PREFIX}-{as_of.isoformat()}-{time.strftime('%H%M%S')}"
    store_path = out / defaults.STORE_DIR / f"{campaign}.sqlite"
    store_uri = f"sqlite:///{store_path}"
    extra = {"GOVSPIDER_MAX_DEPTH": defaults.GOVSPIDER_WATCH_MAX_DEPTH, "GOVSPIDER_MAX_PAGES": defaults.GOVSPIDER_WATCH_MAX_PAGES,
             "GOVSPIDER_AS_OF": as_of.isoformat(), "GOVSPIDER_RULESET": ruleset,
             "ITEM_PIPELINES": {"pipelines.analyze.AnalyzePipeline": None}, **settings}
    last = out / state["store"] if state.get("store") else None
    if last is not None and last.exists():
        extra.update(GOVSPIDER_REVISIT_FROM=state["campaign"], GOVSPIDER_REVISIT_STORE=f"sqlite:///{last}")
    echo(f"日常预警：{len(active)} 个网站（基准日 {as_of}，指标 {ruleset}）→ {out}")
    # every registered site goes to the spider, so each host keeps its owner; a closed site is
    # only probed there (its homepage), and not watched
    crawl = crawl_light(sites, store_uri, campaign, extra, progress)
    echo(f"巡检完成：{crawl['pages']} 个页面，{crawl['requests']} 次请求（{crawl['not_modified']} 个未变化），"
         f"{crawl['bytes'] / 1024:.0f} KB，用时 {crawl['elapsed_s']} 秒")
    if not crawl["finished"]:
        raise InterruptedError(f"the light check stopped ({crawl['close_reason']}); nothing was sent and the state "
                               f"is unchanged: run govspider watch again")
    current, observed, unreachable = [], {}, []
    with open_store(store_uri) as store:
        record = store.get_campaign(campaign) or {"id": campaign}
        store.save_campaign({**record, "light": True})
        states = {s["site_code"]: s for s in store.iter_site_states(campaign)}
        for site in active:
            pages = [{k: p.get(k) for k in _PAGE_FIELDS} for p in store.iter_pages(campaign, site.site_code)]
            site_state = states.get(site.site_code)
            if not pages or (site_state or {}).get("reachable") is False:
                unreachable.append({"site_code": site.site_code, "name": site.name, "region": site.region,
                                    "error": (site_state or {}).get("error") or "未取得首页"})
                continue
            warnings, observed[site.site_code] = detector.site(SiteData(site=site, pages=pages, state=site_state), as_of)
            current.extend(warnings)
    classified = classify(state["warnings"], current, observed, as_of.isoformat())
    changed = to_send(classified)
    spool = Spool(out / defaults.SPOOL_DIR)
    message = warnings_message(changed, as_of.isoformat(), ruleset)
    if message is not None and receivers:
        delivery = notify(receivers, message, spool)
    else:
        delivery = {"spooled": 0, **(spool.flush() if len(spool) else {"sent": 0, "pending": 0, "errors": []})}
    for w in classified:
        w["notified"] = w["change"] in NOTIFY and any(
            r.wants("warnings") and r.concerns(w["site_code"], w.get("region")) for r in receivers)
    summary = {
        "campaign": campaign, "as_of": as_of.isoformat(), "ruleset": ruleset, "sites": len(active),
        "unreachable": unreachable, "crawl": crawl, "delivery": delivery,
        "changes": {c: sum(1 for w in classified if w["change"] == c) for c in
                    ("new", "worse", "unchanged", "improved", "cleared", "unverified")},
    }
    summary["paths"] = {k: str(v) for k, v in write_outputs(out, classified, summary).items()}
    save_state(state_path, {"campaign": campaign, "store": str(store_path.relative_to(out)), "as_of": as_of.isoformat(),
                            "ruleset": ruleset, "warnings": next_state(classified)})
    _prune_stores(out / defaults.STORE_DIR, keep=store_path)
    return summary


def _prune_stores(directory: Path, keep: Path) -> None:
    """Only the last complete run's store is needed (the next revisit reads it)."""
    for path in directory.glob("*.sqlite*"):
        if not path.name.startswith(keep.name):
            path.unlink(missing_ok=True)
