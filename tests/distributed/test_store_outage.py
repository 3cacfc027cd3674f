"""A MongoDB outage during a crawl loses no page: the worker gives its requests back and stops (exit 1);
after MongoDB returns, another worker finishes the campaign with every page stored once."""

from __future__ import annotations

import json
import subprocess
import time

import pymongo
import pytest

from govspider.distributed.connection import get_redis
from govspider.distributed.queue import ReliableQueue

from .crawls import AS_OF, cli, env_for, finish, pick, reference_urls, run, start_workers, write_subset
from .services import ferretdb_binary, free_port

NAMES = {"湖南政务服务网", "株洲市网上办事大厅"}


def start_ferretdb(binary, port, data):
    proc = subprocess.Popen([binary, "--handler=sqlite", f"--sqlite-url=file:{data}/", f"--listen-addr=127.0.0.1:{port}",
                             "--telemetry=disable", f"--state-dir={data}", "--debug-addr=-", "--log-level=error"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            pymongo.MongoClient(f"mongodb://127.0.0.1:{port}/", serverSelectionTimeoutMS=500).admin.command("ping")
            return proc
        except pymongo.errors.PyMongoError:
            assert proc.poll() is None and time.monotonic() < deadline, "private FerretDB did not start"
            time.sleep(0.2)


def test_mongodb_outage_mid_crawl_loses_no_page(sandbox, tmp_path, redis_url):
    binary = ferretdb_binary()
    if not binary:
        pytest.fail("FerretDB is not built: bash deploy/ferretdb/build.sh")
    sites_file = tmp_path / "sites.yaml"
    write_subset(sandbox, pick(sandbox, NAMES), sites_file)
    expected = reference_urls(sandbox, tmp_path, sites_file)

    port, data = free_port(), tmp_path / "ferret"
    data.mkdir()
    mongo = start_ferretdb(binary, port, data)
    try:
        mongo_uri = f"mongodb://127.0.0.1:{port}/outage"
        env = env_for(sandbox, tmp_path, redis_url, mongo_uri)
        env["GOVSPIDER_MONGO_RETRY_SECONDS"] = "2"
        campaign = run(cli("campaign", "start", "--sites", sites_file, "--as-of", AS_OF), env).stdout.strip()
        (worker,) = start_workers(1, campaign, env, "-s", "GOVSPIDER_LEASE_SECONDS=3")
        client = pymongo.MongoClient(mongo_uri, serverSelectionTimeoutMS=2000)
        deadline = time.monotonic() + 120
        while client.get_default_database().pages.count_documents({"campaign": campaign}) < len(expected) // 4:
            assert time.monotonic() < deadline and worker.poll() is None, "the crawl did not start"
            time.sleep(0.3)
        mongo.kill()  # the outage
        mongo.wait()
        out, err = worker.communicate(timeout=180)
        assert worker.returncode == 1, err[-3000:]
        summary = json.loads([line for line in out.splitlines() if line.startswith("{")][-1])
        assert summary["close_reason"] == "store_unavailable"
        queue = ReliableQueue(get_redis(redis_url), campaign)
        assert queue.leased() == 0 and len(queue) > 0  # everything unfinished is back in the queue

        mongo = start_ferretdb(binary, port, data)  # MongoDB is back
        (again,) = start_workers(1, campaign, env)
        assert finish(again)["close_reason"] == "finished"
        urls = [p["url"] for p in client.get_default_database().pages.find({"campaign": campaign}, {"url": 1})]
        assert len(urls) == len(set(urls))
        assert set(urls) == expected
    finally:
        mongo.kill()
        mongo.wait()
