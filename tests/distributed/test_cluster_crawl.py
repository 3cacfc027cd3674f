"""End to end on real Redis + FerretDB: a campaign crawled by two worker processes equals the embedded crawl.

Also: a worker killed with SIGKILL mid-crawl loses nothing (its leased requests return to the queue
and another worker crawls them) and no page is stored twice.
"""

from __future__ import annotations

import datetime as dt
import signal
import time

import pymongo
import pytest

from govspider.analysis import analyze_campaign
from govspider.distributed.connection import get_redis
from govspider.distributed.queue import ReliableQueue
from govspider.findings import matches_truth
from govspider.storage import open_store
from govspider.storage.mongo import MongoPageStore

from .crawls import AS_OF, COMMON, cli, comparable, env_for, finish, pick, reference_urls, run, start_workers, write_subset

#: 醴陵 portal + its service hall (两张皮 pair), the provincial hall, a closed site, an unreachable site
E2E_NAMES = {"醴陵市人民政府", "湖南政务服务网", "长沙县自然资源局", "株洲市粮食局"}
#: two service halls: enough pages to kill a worker in the middle
KILL_NAMES = {"湖南政务服务网", "株洲市网上办事大厅"}


@pytest.fixture
def embedded(sandbox, tmp_path):
    """The same sites crawled and analyzed by the embedded default (Scrapy's scheduler, SQLite)."""
    sites_file = tmp_path / "sites.yaml"
    write_subset(sandbox, pick(sandbox, E2E_NAMES), sites_file)
    store_uri = f"sqlite:///{tmp_path}/embedded.sqlite"
    run(cli("crawl", "--sites", sites_file, "--store", store_uri, "--as-of", AS_OF, "--campaign", "embedded",
            "--no-progress", *COMMON), env_for(sandbox, tmp_path))
    with open_store(store_uri) as store:
        findings = analyze_campaign(store, "embedded", "2019", as_of=dt.date.fromisoformat(AS_OF))
        pages = {p["url"] for p in store.iter_pages("embedded")}
    return sites_file, pages, findings


def test_two_workers_equal_the_embedded_crawl(sandbox, embedded, tmp_path, redis_url, mongo_uri):
    sites_file, embedded_pages, embedded_findings = embedded
    env = env_for(sandbox, tmp_path, redis_url, mongo_uri)
    campaign = run(cli("campaign", "start", "--sites", sites_file, "--as-of", AS_OF), env).stdout.strip()
    workers = start_workers(2, campaign, env)
    summaries = [finish(w) for w in workers]
    assert all(s["close_reason"] == "finished" for s in summaries)  # both closed by themselves: drained
    assert all(s["pages_stored"] > 0 for s in summaries), summaries  # both did work

    store = MongoPageStore.from_uri(mongo_uri)
    urls = [p["url"] for p in store.iter_pages(campaign)]
    assert len(urls) == len(set(urls))  # no page stored twice
    assert set(urls) == embedded_pages  # the same pages as the embedded crawl
    raw = pymongo.MongoClient(mongo_uri).get_default_database()
    assert raw.pages.count_documents({"campaign": campaign}) == len(embedded_pages)
    record = store.get_campaign(campaign)
    assert {s["site_code"] for s in record["sites"]} == pick(sandbox, E2E_NAMES) and record["as_of"] == AS_OF

    queue = ReliableQueue(get_redis(redis_url), campaign)
    assert queue.drained()

    out = run(cli("analyze", "--campaign", campaign), env).stdout
    assert "发现问题" in out
    findings = list(store.iter_findings(campaign))
    assert comparable(findings) == comparable(embedded_findings)
    truth = [t for t in sandbox.province.truth if t["site_code"] in pick(sandbox, E2E_NAMES)]
    assert truth
    found = [t for t in truth if any(matches_truth(f, t) for f in findings)]
    found_embedded = [t for t in truth if any(matches_truth(f, t) for f in embedded_findings)]
    assert found == found_embedded

    report_dir = tmp_path / "report"
    run(cli("report", "--campaign", campaign, "--out", report_dir), env)
    for name in ("findings.jsonl", "sites.jsonl", "report.html", "report.xlsx"):
        assert (report_dir / name).stat().st_size > 0
    store.close()


def test_sigkilled_worker_loses_nothing(sandbox, tmp_path, redis_url, mongo_uri):
    sites_file = tmp_path / "sites.yaml"
    write_subset(sandbox, pick(sandbox, KILL_NAMES), sites_file)
    # reference: the set of pages an uninterrupted crawl stores
    expected = reference_urls(sandbox, tmp_path, sites_file)

    env = env_for(sandbox, tmp_path, redis_url, mongo_uri)
    campaign = run(cli("campaign", "start", "--sites", sites_file, "--as-of", AS_OF), env).stdout.strip()
    short_leases = ["-s", "GOVSPIDER_LEASE_SECONDS=3"]
    victim, survivor = start_workers(2, campaign, env, *short_leases)
    store = MongoPageStore.from_uri(mongo_uri)
    queue = ReliableQueue(get_redis(redis_url), campaign)
    deadline = time.monotonic() + 120
    while store.count_pages(campaign) < len(expected) // 4:
        assert time.monotonic() < deadline, "the crawl did not start"
        time.sleep(0.2)
    held = queue.leased()
    victim.send_signal(signal.SIGKILL)  # no chance to give anything back
    victim.communicate()
    assert held > 0
    replacement = start_workers(1, campaign, env, *short_leases)[0]
    for proc in (survivor, replacement):
        assert finish(proc)["close_reason"] == "finished"
    assert queue.stats()["requeued"] > 0  # the victim's leases were taken over
    assert queue.drained()
    urls = [p["url"] for p in store.iter_pages(campaign)]
    assert len(urls) == len(set(urls))  # none stored twice
    assert set(urls) == expected  # none missing
    store.close()
