"""The full stack end to end on real Redis, FerretDB and the Elasticsearch 8.14.3 node
(GOVSPIDER_ES_URL): a sandbox campaign crawled by two workers, ``govspider analyze`` publishes it,
``govspider search`` returns exactly the campaign's findings; re-analysis after a fix replaces
them. Also the scheduled path: ``govspider schedule --run-now JOB --wait`` publishes by itself.

Sandbox seed 131 (no other test uses it), so nothing here was tuned on the pages it checks.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import uuid

import pymongo
import pytest

from govspider.index import open_index
from govspider.index.documents import finding_doc
from govspider.storage.mongo import MongoPageStore

from .crawls import AS_OF, REPO, cli, env_for, finish, pick, run, start_workers, write_subset

SEED = 131
#: a department with boilerplate replies (您好), a site off gov.cn, a dead site
E2E_NAMES = {"湖南省卫生健康委员会", "长沙县星沙街道办事处", "株洲市粮食局"}
#: two portals (their service halls come along) and a dead site
HOME_CHECK_NAMES = {"湖南省人民政府", "长沙县人民政府", "株洲市粮食局"}


@pytest.fixture(scope="module")
def province():
    from govspider.sandbox.server import SandboxServer

    with SandboxServer(seed=SEED, as_of=dt.date.fromisoformat(AS_OF), scale="small") as server:
        yield server


@pytest.fixture
def es_index_url(tmp_path):
    """GOVSPIDER_ES_URL with a prefix of this test's own; FAILS when the node does not answer."""
    import os

    from govspider.index.client import ServerUnavailable, UnsupportedServer, server_info

    url = os.environ.get("GOVSPIDER_ES_URL")
    if not url:
        pytest.fail("GOVSPIDER_ES_URL is not set: bash deploy/stack.sh start; . deploy/.stack/env")
    try:
        assert server_info(url).name == "elasticsearch"
    except (ServerUnavailable, UnsupportedServer) as exc:
        pytest.fail(f"GOVSPIDER_ES_URL={url}: {exc}")
    uri = f"{url}?prefix=e2e{uuid.uuid4().hex[:8]}"
    yield uri
    with open_index(uri) as index:
        index.drop()


def searched(env, *args) -> list[dict]:
    out = run(cli("search", *args, "--json", "--limit", "10000"), env).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_two_workers_analyze_publishes_and_search_finds_exactly_the_campaign(province, tmp_path, redis_url,
                                                                             mongo_uri, es_index_url):
    sites_file = tmp_path / "sites.yaml"
    codes = pick(province, E2E_NAMES)
    write_subset(province, codes, sites_file)
    env = {**env_for(province, tmp_path, redis_url, mongo_uri), "GOVSPIDER_ES_URL": es_index_url}
    campaign = run(cli("campaign", "start", "--sites", sites_file, "--as-of", AS_OF), env).stdout.strip()
    assert all(s["close_reason"] == "finished" for s in map(finish, start_workers(2, campaign, env)))

    out = run(cli("analyze", "--campaign", campaign), env).stdout
    assert f"发布到检索索引 {es_index_url}" in out
    store = MongoPageStore.from_uri(mongo_uri)
    stored = {f["finding_id"]: f for f in store.iter_findings(campaign)}
    assert {f["rule_id"] for f in stored.values()} >= {"interaction.boilerplate_reply", "domain.not_gov_cn",
                                                       "site.unreachable"}
    with open_index(es_index_url) as index:
        index.refresh()
        verdicts = index.verdicts(campaign=campaign)
    assert {v["site_code"] for v in verdicts} == codes

    # every finding of the campaign, nothing else — and the same document the store holds
    hits = searched(env, "", "--campaign", campaign)
    assert len(hits) == len(stored) and {h["finding_id"] for h in hits} == set(stored)
    for hit in hits:
        assert {k: hit.get(k) for k in ("rule_id", "site_code", "url", "details", "evidence")} == \
            {k: stored[hit["finding_id"]].get(k) for k in ("rule_id", "site_code", "url", "details", "evidence")}
    # a jieba word: exactly the findings whose words hold it
    polite = {i for i, f in stored.items() if "您好" in finding_doc(f)["tokens"]}
    assert polite and {h["finding_id"] for h in searched(env, "您好", "--campaign", campaign)} == polite
    domain = {i for i, f in stored.items() if f["rule_id"] == "domain.not_gov_cn"}
    assert {h["finding_id"] for h in searched(env, "", "--rule", "domain.not_gov_cn", "--campaign", campaign)} == domain

    # the site fixes a reply: its page no longer says 您好 only; re-analysis takes it out of search
    fixed = next(f for f in stored.values() if f["rule_id"] == "interaction.boilerplate_reply")
    raw = pymongo.MongoClient(mongo_uri).get_default_database()
    assert raw.pages.delete_one({"campaign": campaign, "url": fixed["url"]}).deleted_count == 1
    run(cli("analyze", "--campaign", campaign), env)
    again = {f["finding_id"] for f in store.iter_findings(campaign)}
    assert fixed["finding_id"] not in again
    hits = searched(env, "", "--campaign", campaign)
    assert len(hits) == len(again) and {h["finding_id"] for h in hits} == again
    store.close()


def test_a_scheduled_campaign_is_published_once_drained(province, tmp_path, redis_url, mongo_uri, es_index_url):
    """The weekly home-page check of deploy/systemd/schedule.yaml, started with --run-now --wait."""
    sites_file = tmp_path / "sites.yaml"
    sites = write_subset(province, pick(province, HOME_CHECK_NAMES), sites_file)
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text('jobs:\n  - {name: 首页更新周检, cron: "0 6 * * mon", sites: sites.yaml, max_pages: 1, '
                        'max_depth: 0}\n', encoding="utf-8")
    env = {**env_for(province, tmp_path, redis_url, mongo_uri), "GOVSPIDER_ES_URL": es_index_url}
    scheduler = subprocess.Popen(cli("schedule", schedule, "--run-now", "首页更新周检", "--wait"), cwd=REPO, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    campaign = scheduler.stdout.readline().strip()
    assert campaign, scheduler.stderr.read()[-3000:]
    assert finish(start_workers(1, campaign, env)[0])["close_reason"] == "finished"
    out, err = scheduler.communicate(timeout=240)
    assert scheduler.returncode == 0, err[-3000:]
    assert out.startswith(f"{campaign}: 问题 ")
    with MongoPageStore.from_uri(mongo_uri) as store:
        record = store.get_campaign(campaign)
        stored = {f["finding_id"] for f in store.iter_findings(campaign)}
        assert 0 < store.count_pages(campaign) <= len(sites)  # home pages only
    assert record["published"]["index"] == es_index_url and record["published"]["pending"] == 0
    assert stored and {h["finding_id"] for h in searched(env, "", "--campaign", campaign)} == stored


def test_analyze_while_the_index_is_down_spools_and_the_next_analyze_sends(province, tmp_path, mongo_uri,
                                                                           es_index_url):
    """Nothing is lost: analyze exits 1 saying how many documents wait; the next analyze, with
    the index back, replays them (the same spool) before publishing again."""
    from govspider.campaigns import new_campaign

    sites = [s for s in province.province.sites if s.name in E2E_NAMES]
    record = new_campaign(sites, dt.date.fromisoformat(AS_OF))  # never crawled: nothing fetched
    with MongoPageStore.from_uri(mongo_uri) as store:
        store.save_campaign(record)
    prefix = es_index_url.split("prefix=")[1]
    spool = tmp_path / "spool"
    env = env_for(province, tmp_path, mongo_uri=mongo_uri)
    down = subprocess.run(cli("analyze", "--campaign", record["id"], "--es", f"http://127.0.0.1:1?prefix={prefix}&spool={spool}"),
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=240)
    assert down.returncode == 1, down.stderr[-3000:]
    assert "wait in the spool" in down.stderr and list(spool.glob("batch-*.jsonl"))
    live = es_index_url.split("?")[0] + f"?prefix={prefix}&spool={spool}"
    run(cli("analyze", "--campaign", record["id"], "--es", live), env)
    assert not list(spool.glob("batch-*.jsonl"))
    with MongoPageStore.from_uri(mongo_uri) as store:
        stored = {f["finding_id"] for f in store.iter_findings(record["id"])}
    with open_index(live) as index:
        index.refresh()
        assert {v["site_code"] for v in index.verdicts(campaign=record["id"])} == {s.site_code for s in sites}
        assert {h["finding_id"] for h in index.search("", campaign=record["id"], limit=1000)} == stored
