"""Benchmark: govspider's crawl (extraction + analyzers + SQLite store) vs a bare Scrapy spider.

Run by hand from the repo root:  ``python bench/bench_crawl.py [--seconds 60]``

Starts the sandbox province at ``scale="bench"`` in a separate process (site host + forward
proxy), then, in the same run and with the same download settings (robots.txt obeyed, 32
requests in flight, 2 per site, no AutoThrottle, same time budget), crawls it twice, each in its
own process through ``http_proxy``:

1. ``bare`` — a Scrapy spider that only follows the links of the same sites (no extraction,
   no storage): the baseline;
2. ``govspider`` — ``govspider crawl`` (extract → page analyzers → SQLite store, link checks);
3. ``no-browser`` — the same with ``GOVSPIDER_PLAYWRIGHT=False`` (cost of the playwright handler).

Prints pages/s of each, the ratio govspider/bare (aim ≥ 0.7) and each process's peak RSS (wait4).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-15"
COMMON = {"ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
          "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "REMOTE_CONTROL_ENABLED": False,
          "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "WARNING",
          # a budgeted crawl closes after its requests in flight finish: keep that wait short and equal
          "DOWNLOAD_TIMEOUT": 10, "RETRY_TIMES": 0}


def bare_crawl(sites_file: str, seconds: int) -> None:
    """Mode ``--bare``: the baseline spider (runs in its own process)."""
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor

    from govspider.crawling.urls import registrable_domain
    from govspider.sites import load_sites

    sites = load_sites(sites_file)
    domains = sorted({registrable_domain(s.host) for s in sites})

    class Bare(scrapy.Spider):
        name = "bare"
        links = LinkExtractor(allow_domains=domains)

        async def start(self):
            for site in sites:
                yield scrapy.Request(site.url, callback=self.parse)

        def parse(self, response):
            self.crawler.stats.inc_value("bench/pages")
            if not hasattr(response, "text"):
                return
            for link in self.links.extract_links(response):
                yield scrapy.Request(link.url, callback=self.parse)

    process = CrawlerProcess({**COMMON, "CLOSESPIDER_TIMEOUT": seconds})
    crawler = process.create_crawler(Bare)
    started = time.monotonic()
    process.crawl(crawler)
    process.start()
    elapsed = time.monotonic() - started
    print(json.dumps({"pages": crawler.stats.get_value("bench/pages", 0), "elapsed_s": elapsed}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_measured(cmd: list[str], env: dict) -> tuple[dict, float, str]:
    """Run ``cmd``; return (last JSON line of stdout, peak RSS in MB, stderr tail)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = [l for l in out.read().decode("utf-8", "replace").splitlines() if l.startswith("{")]
        tail = err.read().decode("utf-8", "replace")[-3000:]
    if not lines or not json.loads(lines[-1]).get("elapsed_s"):
        raise SystemExit(f"{cmd[:6]} failed (exit {proc.returncode}):\n{tail}")
    return json.loads(lines[-1]), usage.ru_maxrss / 1024, tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="time budget of each crawl")
    parser.add_argument("--scale", default="bench", choices=["small", "bench"])
    parser.add_argument("--bare", metavar="SITES", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_crawl(args.bare, args.seconds)
        return

    tmp = Path(tempfile.mkdtemp(prefix="govspider-bench-"))
    port = free_port()
    sites = tmp / "sites.yaml"
    server = subprocess.Popen([sys.executable, "-m", "govspider.cli", "sandbox", "serve", "--port", str(port),
                               "--as-of", AS_OF, "--scale", args.scale, "--sites-out", str(sites)],
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            if sites.exists():
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    pass
            time.sleep(0.1)
        else:
            raise SystemExit("the sandbox server did not start")
        env = {**os.environ, "http_proxy": f"http://127.0.0.1:{port}", "GOVSPIDER_STATE_DIR": str(tmp / "state")}
        bare, bare_rss, _ = run_measured([sys.executable, __file__, "--bare", str(sites), "--seconds", str(args.seconds)], env)
        cmd = [sys.executable, "-m", "govspider.cli", "crawl", "--sites", str(sites), "--store",
               f"sqlite:///{tmp}/store.sqlite", "--as-of", AS_OF, "--no-progress",
               "-s", f"CLOSESPIDER_TIMEOUT={args.seconds}", "-s", "LOG_LEVEL=WARNING"]
        for key, value in COMMON.items():
            cmd += ["-s", f"{key}={value}"]
        ours, ours_rss, _ = run_measured(cmd, env)
        # the cost of keeping scrapy-playwright installed when no page needs rendering
        plain, plain_rss, _ = run_measured(cmd + ["-s", "GOVSPIDER_PLAYWRIGHT=False", "--campaign", "bench-plain"], env)
    finally:
        server.terminate()
        server.wait(timeout=10)
    bare_rate = bare["pages"] / bare["elapsed_s"]
    ours_rate = ours["pages_this_run"] / ours["elapsed_s"]
    print(f"sandbox scale={args.scale}, time budget {args.seconds}s per crawl, 2 cores shared with the server")
    print(f"{'crawl':<12}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'peak RSS MB':>14}")
    print(f"{'bare':<12}{bare['pages']:>8}{bare['elapsed_s']:>10.1f}{bare_rate:>10.1f}{bare_rss:>14.0f}")
    print(f"{'govspider':<12}{ours['pages_this_run']:>8}{ours['elapsed_s']:>10.1f}{ours_rate:>10.1f}{ours_rss:>14.0f}")
    plain_rate = plain["pages_this_run"] / plain["elapsed_s"]
    print(f"{'no-browser':<12}{plain['pages_this_run']:>8}{plain['elapsed_s']:>10.1f}{plain_rate:>10.1f}{plain_rss:>14.0f}")
    print(f"ratio govspider/bare = {ours_rate / bare_rate:.2f} (aim >= 0.7); link checks: {ours['links']}")
    print(f"playwright handler installed vs not: {ours_rate / plain_rate:.2f}x pages/s")


if __name__ == "__main__":
    main()
