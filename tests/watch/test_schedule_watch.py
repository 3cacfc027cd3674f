"""The daily watch from ``govspider schedule``: a job with ``watch:`` runs the light check (no Redis
or MongoDB needed) and posts to its webhook; bad watch entries are named with their job."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from govspider.sandbox.server import SandboxServer
from govspider.schedule import ScheduleError, load_schedule

from .crawls import run_govspider
from .receiver import Receiver


def test_watch_jobs_are_checked(tmp_path):
    path = tmp_path / "schedule.yaml"
    path.write_text(yaml.safe_dump({"jobs": [
        {"name": "daily", "cron": "30 7 * * *", "sites": "sites.yaml", "watch": {"out": "watch", "webhook": "http://h/"}},
        {"name": "bad", "cron": "30 7 * * *", "sites": "sites.yaml", "watch": {"dir": "x"}},
    ]}), encoding="utf-8")
    with pytest.raises(ScheduleError, match=r"job 2 \(bad\): watch must be a mapping with `out`"):
        load_schedule(path)
    path.write_text(yaml.safe_dump({"jobs": [
        {"name": "daily", "cron": "30 7 * * *", "sites": "sites.yaml", "watch": {"out": "watch", "webhook": "http://h/"}}]}),
        encoding="utf-8")
    job = load_schedule(path).jobs[0]
    assert job.watch == {"out": str(tmp_path / "watch"), "webhook": "http://h/"}


def test_schedule_runs_the_watch_now(tmp_path):
    """seed 141 (never used elsewhere): a department with a stale column, so it has a warning whatever today is."""
    with SandboxServer(seed=141, as_of=dt.date.today()) as server, Receiver() as receiver:
        stale = {t["site_code"] for t in server.province.truth if t["rule_id"] == "column.stale" and t.get("expect") != "none"}
        site = next(m.site for m in server.province.models if m.site.kind == "department" and m.site.site_code in stale
                    and m.reachable and not m.site.closed and not m.hazards)
        # sites sharing its registrable domain are listed (closed: probed, not watched), so the
        # department's light check stays on its own host
        domain = site.host.split(".", 1)[1]
        others = [{**s.to_dict(), "status": "closed"} for s in server.province.sites
                  if s is not site and s.host.endswith("." + domain)]
        (tmp_path / "sites.yaml").write_text(yaml.safe_dump([site.to_dict(), *others], allow_unicode=True), encoding="utf-8")
        (tmp_path / "schedule.yaml").write_text(yaml.safe_dump({"jobs": [
            {"name": "daily-watch", "cron": "30 7 * * *", "sites": "sites.yaml",
             "watch": {"out": "watch", "webhook": f"{receiver.url}/hook"}}]}), encoding="utf-8")
        # no GOVSPIDER_REDIS_URL / GOVSPIDER_MONGO_URL: a schedule of watch jobs needs no stack
        proc = run_govspider(server, tmp_path / "state", "schedule", tmp_path / "schedule.yaml", "--run-now", "daily-watch",
                             "--redis", "redis://127.0.0.1:1/0", "--mongo", "mongodb://127.0.0.1:1/x")
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.strip().endswith(str(tmp_path / "watch"))
        warnings = [json.loads(line) for line in (tmp_path / "watch" / "warnings.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {w["site_code"] for w in warnings} == {site.site_code}
        assert any(w["rule_id"] == "column.stale" and w["level"] == "crossed" for w in warnings)
        assert len(receiver.delivered("/hook")) == 1
