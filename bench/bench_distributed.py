"""Distributed crawl benchmark: pages/s and CPU-seconds per page, embedded vs 1 and 2 Redis workers.

Run by hand with the stack started (``bash deploy/stack.sh start && . deploy/.stack/env``)::

    python bench/bench_distributed.py [--sites 8] [--max-pages 150] [--latency-ms 100] [--concurrency 8]

The sandbox serves the *bench* province with a fixed latency per response, so the crawl is
latency-bound: each worker's concurrency is capped (``--concurrency``) and the cluster-wide site
rate is lifted, so what is measured is how throughput grows with workers. All runs store into the
same MongoDB (FerretDB here), so the only difference between "embedded" and "1 worker" is the
scheduler (Scrapy's in memory vs the Redis queue with leases). CPU is the workers' own (user+sys,
from rusage of the child processes). Figures are ratios within one run; the machine is shared.
Also measures Redis memory per seen URL for the set and the Bloom dupefilters.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args):
    return [sys.executable, "-m", "govspider.cli", *map(str, args)]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def crawl_settings(args) -> list[str]:
    return ["-s", "GOVSPIDER_PLAYWRIGHT=False", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", f"GOVSPIDER_MAX_PAGES={args.max_pages}",
            "-s", "ROBOTSTXT_OBEY=False", "-s", "LOG_LEVEL=WARNING", "-s", f"CONCURRENT_REQUESTS={args.concurrency}",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "GOVSPIDER_MAX_LINK_CHECKS=1"]


def pages_in(mongo_base: str, db: str, campaign: str) -> int:
    import pymongo

    return pymongo.MongoClient(f"{mongo_base}/{db}").get_default_database().pages.count_documents({"campaign": campaign})


def run_embedded(args, env, sites_file, mongo_base):
    db = "bench_" + uuid.uuid4().hex[:8]
    cpu0, t0 = children_cpu(), time.monotonic()
    subprocess.run(cli("crawl", "--sites", sites_file, "--store", f"{mongo_base}/{db}", "--campaign", "embedded",
                       "--as-of", args.as_of, "--no-progress", *crawl_settings(args)),
                   cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall, cpu = time.monotonic() - t0, children_cpu() - cpu0
    return {"pages": pages_in(mongo_base, db, "embedded"), "wall_s": wall, "cpu_s": cpu}


def run_workers(args, env, sites_file, mongo_base, n):
    db = "bench_" + uuid.uuid4().hex[:8]
    env = {**env, "GOVSPIDER_MONGO_URL": f"{mongo_base}/{db}"}
    campaign = subprocess.run(cli("campaign", "start", "--sites", sites_file, "--as-of", args.as_of,
                                  "--max-pages", args.max_pages), cwd=REPO, env=env, check=True,
                              capture_output=True, text=True).stdout.strip()
    cpu0, t0 = children_cpu(), time.monotonic()
    procs = [subprocess.Popen(cli("worker", "--campaign", campaign, "--site-rate", 0, *crawl_settings(args)),
                              cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(n)]
    for p in procs:
        p.wait()
    wall, cpu = time.monotonic() - t0, children_cpu() - cpu0
    return {"pages": pages_in(mongo_base, db, campaign), "wall_s": wall, "cpu_s": cpu}


def redis_memory_per_url(redis_url: str, n: int = 100_000) -> dict:
    from scrapy import Request

    from govspider.distributed.connection import get_redis
    from govspider.distributed.dupefilter import RedisBloomDupeFilter, RedisSetDupeFilter

    server = get_redis(redis_url)
    key = f"govspider:bench-{uuid.uuid4().hex[:6]}"
    plain = RedisSetDupeFilter(server, key + ":set")
    bloom = RedisBloomDupeFilter(server, key + ":bloom", capacity=n, error_rate=0.001)
    for start in range(0, n, 5000):
        with server.pipeline(transaction=False) as pipe:
            for i in range(start, start + 5000):
                req = Request(f"http://www.site{i % 800}.gov.cn/col{i % 37}/2026{i % 12:02d}/t{i}.html")
                pipe.sadd(plain.key, plain.request_fingerprint(req))
                for pos in bloom.positions(bloom.request_fingerprint(req)):
                    pipe.setbit(bloom.key, pos, 1)
            pipe.execute()
    set_bytes = server.memory_usage(plain.key, samples=0)
    bloom_bytes = server.memory_usage(bloom.key, samples=0)
    probe = sum(bloom.contains(Request(f"http://other{i}.gov.cn/x{i}.html")) for i in range(20000)) / 20000
    server.delete(plain.key, bloom.key)
    big = RedisBloomDupeFilter.size_for(10_000_000, 0.001)
    return {"urls": n, "set_bytes_per_url": round(set_bytes / n, 1), "bloom_bytes_per_url": round(bloom_bytes / n, 2),
            "bloom_error_rate_stated": 0.001, "bloom_false_positives_measured": probe,
            "bloom_hashes": bloom.hashes, "bloom_10M_urls_MB": round(big[0] / 8 / 2**20, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=8, help="sites of the bench province to crawl")
    parser.add_argument("--max-pages", type=int, default=150, help="pages per site")
    parser.add_argument("--latency-ms", type=float, default=100.0, help="sandbox latency per response")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight per worker")
    parser.add_argument("--as-of", default="2026-11-15")
    parser.add_argument("--skip-crawls", action="store_true", help="only the Redis memory figures")
    args = parser.parse_args()
    redis_url, mongo_url = os.environ.get("GOVSPIDER_REDIS_URL"), os.environ.get("GOVSPIDER_MONGO_URL")
    if not redis_url or not mongo_url:
        sys.exit("start the stack first: bash deploy/stack.sh start && . deploy/.stack/env")
    mongo_base = mongo_url.rsplit("/", 1)[0] if mongo_url.count("/") > 2 else mongo_url
    results = {"redis_memory": redis_memory_per_url(redis_url)}
    print(json.dumps(results["redis_memory"], ensure_ascii=False), flush=True)
    if args.skip_crawls:
        return
    tmp = Path(tempfile.mkdtemp(prefix="govspider-bench-"))
    port = free_port()
    all_sites, sites_file = tmp / "all.yaml", tmp / "sites.yaml"
    server = subprocess.Popen(cli("sandbox", "serve", "--port", port, "--scale", "bench", "--as-of", args.as_of,
                                  "--latency", args.latency_ms, "--sites-out", all_sites),
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while not all_sites.exists() or not all_sites.stat().st_size:
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("the sandbox did not start")
            time.sleep(0.5)
        time.sleep(1)
        rows = [r for r in yaml.safe_load(all_sites.read_text(encoding="utf-8")) if r.get("status", "active") == "active"]
        chosen = [r for r in rows if not r.get("service_hall")][: args.sites]
        sites_file.write_text(yaml.safe_dump(chosen, allow_unicode=True), encoding="utf-8")
        env = dict(os.environ, http_proxy=f"http://127.0.0.1:{port}", no_proxy="", GOVSPIDER_STATE_DIR=str(tmp / "state"))
        env.pop("HTTP_PROXY", None)
        for name, fn in (("embedded", lambda: run_embedded(args, env, sites_file, mongo_base)),
                         ("workers_1", lambda: run_workers(args, env, sites_file, mongo_base, 1)),
                         ("workers_2", lambda: run_workers(args, env, sites_file, mongo_base, 2))):
            r = fn()
            r["pages_per_s"] = round(r["pages"] / r["wall_s"], 2)
            r["cpu_s_per_page"] = round(r["cpu_s"] / max(r["pages"], 1), 4)
            results[name] = r
            print(name, json.dumps(r), flush=True)
    finally:
        server.terminate()
        server.wait(20)
    e, w1, w2 = results["embedded"], results["workers_1"], results["workers_2"]
    results["ratios"] = {
        "speedup_2_vs_1_workers": round(w2["pages_per_s"] / w1["pages_per_s"], 2),
        "cpu_per_page_redis_vs_embedded": round(w1["cpu_s_per_page"] / e["cpu_s_per_page"], 2),
        "cpu_per_page_2_workers_vs_embedded": round(w2["cpu_s_per_page"] / e["cpu_s_per_page"], 2),
    }
    print(json.dumps(results["ratios"]))
    print(json.dumps({"settings": vars(args)}))


if __name__ == "__main__":
    main()
