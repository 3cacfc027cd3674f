"""Campaign sampling, schedules and the full-stack commands' errors (pure logic, plus exit codes)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from govspider.campaigns import new_campaign, sample_sites
from govspider.cli import main
from govspider.schedule import ScheduleError, load_schedule, next_runs
from govspider.sites import Site


def registry():
    sites = []
    for region, n in (("长沙市", 9), ("株洲市", 4), ("湘西土家族苗族自治州", 1)):
        for i in range(n):
            code = f"43{len(sites):08d}"
            sites.append(Site(code, f"{region}站点{i}", region, "county", "department", f"http://s{len(sites)}.gov.cn/"))
    portal = Site("4399000001", "长沙市人民政府", "长沙市", "city", "portal", "http://www.changsha.gov.cn/", service_hall="4399000002")
    hall = Site("4399000002", "长沙市政务服务网", "长沙市", "city", "service_hall", "http://zwfw.changsha.gov.cn/")
    return sites + [portal, hall]


def test_half_per_region_at_least_one_reproducible():
    sites = registry()
    a = sample_sites(sites, 0.5, "region", seed=3)
    b = sample_sites(sites, 0.5, "region", seed=3)
    assert a == b
    per = {r: sum(s.region == r for s in a) for r in ("长沙市", "株洲市", "湘西土家族苗族自治州")}
    assert per["株洲市"] == 2 and per["湘西土家族苗族自治州"] == 1  # ceil(0.5 × 4), ≥ 1 of 1
    assert per["长沙市"] >= 6  # ceil(0.5 × 11), plus a paired hall when its portal is drawn
    assert [s.site_code for s in a] == sorted(s.site_code for s in a)  # registry order kept
    assert {s.site_code for s in sample_sites(sites, 0.5, "region", seed=4)} != {s.site_code for s in a}


def test_portal_brings_its_service_hall():
    sites = registry()
    for seed in range(30):
        codes = {s.site_code for s in sample_sites(sites, 0.3, "region", seed)}
        if "4399000001" in codes:
            assert "4399000002" in codes
            break
    else:
        pytest.fail("the portal was never drawn")


def test_full_sample_and_bad_arguments():
    sites = registry()
    assert sample_sites(sites, 1.0, None) == sites
    with pytest.raises(ValueError, match="fraction"):
        sample_sites(sites, 0)
    with pytest.raises(ValueError, match="--by"):
        sample_sites(sites, 0.5, "town")


def test_campaign_record_says_how_it_was_drawn():
    record = new_campaign(registry(), dt.date(2026, 11, 15), "2015", 0.5, "region", 7)
    assert record["as_of"] == "2026-11-15" and record["ruleset"] == "2015" and record["id"].startswith("2026-11-15-")
    assert record["sample"]["groups"]["株洲市"] == {"sites": 4, "sampled": 2}
    assert record["sample"]["sampled_sites"] == len(record["sites"])


SCHEDULE = """
timezone: Asia/Shanghai
jobs:
  - name: 季度全面检查
    cron: "0 2 1 1,4,7,10 *"
    sites: sites.yaml
    sample: 1.0
  - name: 首页更新周检
    cron: "0 6 * * mon"
    sites: sites.yaml
    max_pages: 1
    max_depth: 0
"""


def test_schedule_fires_quarterly_and_weekly(tmp_path):
    path = tmp_path / "schedule.yaml"
    path.write_text(SCHEDULE, encoding="utf-8")
    schedule = load_schedule(path)
    assert schedule.jobs[1].settings() == {"GOVSPIDER_MAX_PAGES": 1, "GOVSPIDER_MAX_DEPTH": 0}
    assert schedule.jobs[0].sites == str(tmp_path / "sites.yaml")
    runs = next_runs(schedule, 3, now=dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc))
    assert [t.strftime("%Y-%m-%d %H:%M") for t in runs["季度全面检查"]] == ["2027-01-01 02:00", "2027-04-01 02:00", "2027-07-01 02:00"]
    assert [t.strftime("%a %H:%M") for t in runs["首页更新周检"]] == ["Mon 06:00"] * 3


def test_schedule_errors_name_the_job(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text('jobs:\n  - {name: a, cron: "61 * * * *", sites: s.yaml}\n  - {name: b, sites: s.yaml, colour: red}\n',
                    encoding="utf-8")
    with pytest.raises(ScheduleError) as err:
        load_schedule(path)
    msg = str(err.value)
    assert "job 1 (a): bad cron" in msg and "job 2 (b): unknown field(s) colour" in msg
    result = CliRunner().invoke(main, ["schedule", str(path), "--dry-run"])
    assert result.exit_code == 2 and "bad cron" in result.output


@pytest.mark.parametrize("args", [["worker"], ["analyze", "--campaign", "x"], ["report", "--campaign", "x", "--out", "o"],
                                  ["campaign", "status", "x"]])
def test_unreachable_services_exit_2_saying_what_to_do(args, monkeypatch, tmp_path):
    monkeypatch.setenv("GOVSPIDER_REDIS_URL", "redis://127.0.0.1:9/0")
    monkeypatch.setenv("GOVSPIDER_MONGO_URL", "mongodb://127.0.0.1:9/govspider")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "127.0.0.1:9" in result.output and "deploy/stack.sh start" in result.output


def test_campaign_start_checks_redis_before_writing(monkeypatch, tmp_path, sandbox_files):
    monkeypatch.setenv("GOVSPIDER_REDIS_URL", "redis://127.0.0.1:9/0")
    result = CliRunner().invoke(main, ["campaign", "start", "--sites", str(sandbox_files[0])])
    assert result.exit_code == 2 and "redis://127.0.0.1:9/0" in result.output


def test_campaign_start_records_and_enqueues(sandbox_files, redis_url, mongo_uri):
    from govspider.distributed.connection import get_redis
    from govspider.distributed.queue import ReliableQueue
    from govspider.storage.mongo import MongoPageStore

    result = CliRunner().invoke(main, ["campaign", "start", "--sites", str(sandbox_files[0]), "--sample", "0.5",
                                       "--seed", "11", "--as-of", "2026-11-15", "--redis", redis_url, "--mongo", mongo_uri])
    assert result.exit_code == 0, result.output
    campaign = result.stdout.strip().splitlines()[-1]
    with MongoPageStore.from_uri(mongo_uri) as store:
        record = store.get_campaign(campaign)
    assert record["sample"]["fraction"] == 0.5 and record["sample"]["seed"] == 11
    queue = ReliableQueue(get_redis(redis_url), campaign)
    assert len(queue) == len(record["sites"])  # one home page per sampled site
    status = CliRunner().invoke(main, ["campaign", "status", campaign, "--redis", redis_url, "--mongo", mongo_uri])
    assert json.loads(status.stdout)["pending"] == len(record["sites"])
