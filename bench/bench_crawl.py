"""Benchmark: govspider's crawl (extraction + analyzers + SQLite store) vs a bare Scrapy spider.

Run by hand from the repo root:  ``python bench/bench_crawl.py [--seconds 45]``

Starts the sandbox province at ``scale="bench"`` in a separate process (site host + forward
proxy), then, in the same run and with the same download settings (robots.txt obeyed, 32
requests in flight, 2 per site, no AutoThrottle, same time budget), crawls it in turn, each in
its own process through ``http_proxy``:

1. ``bare`` — a Scrapy spider that only follows the links of the same sites (no extraction,
   no storage): the baseline; run first and again last, so a sandbox that warms up (its page
   cache) or load that changes on a shared machine shows as a difference between the two;
2. ``govspider`` — ``govspider crawl`` (extract → page analyzers → SQLite store, link checks);
3. ``no-browser`` — the same with ``GOVSPIDER_PLAYWRIGHT=False`` (cost of the playwright handler).

Every crawl is timed from spider open to spider close by :class:`RateExtension` (process start-up
and imports are a fixed cost, not crawl speed), and from spider open to its last response (the
close — in-flight link checks, the Playwright handler shutting down — is a fixed cost too). Prints
pages/s over both windows, pages per CPU-second of the crawling process over the first (robust to
neighbours on a shared machine), the ratios govspider/bare (aim ≥ 0.8) and each process's peak RSS
(wait4).
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


class RateExtension:
    """Records spider open/close (wall and CPU time of the whole process) into ``BENCH_RATE_FILE``."""

    def __init__(self, crawler):
        from scrapy import signals

        self.path = os.environ.get("BENCH_RATE_FILE")
        self.opened = None
        self.last_response = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.response_received, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        self.opened = (time.monotonic(), time.process_time())

    def response_received(self, response, request, spider):
        self.last_response = time.monotonic()

    def spider_closed(self, spider, reason):
        if self.path and self.opened:
            wall, cpu = time.monotonic() - self.opened[0], time.process_time() - self.opened[1]
            fetching = (self.last_response or time.monotonic()) - self.opened[0]
            Path(self.path).write_text(json.dumps({"wall_s": wall, "cpu_s": cpu, "fetching_s": fetching}), encoding="utf-8")


RATE_EXTENSION = {"bench_crawl.RateExtension": 900}


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

    process = CrawlerProcess({**COMMON, "CLOSESPIDER_TIMEOUT": seconds, "EXTENSIONS": RATE_EXTENSION})
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


def run_measured(cmd: list[str], env: dict, rate_file: Path) -> dict:
    """Run ``cmd``; return its last JSON line of stdout with the window's wall/CPU seconds and peak RSS (MB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=REPO, env={**env, "BENCH_RATE_FILE": str(rate_file)}, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = [l for l in out.read().decode("utf-8", "replace").splitlines() if l.startswith("{")]
        tail = err.read().decode("utf-8", "replace")[-3000:]
    if not lines or not rate_file.exists():
        raise SystemExit(f"{cmd[:6]} failed (exit {proc.returncode}):\n{tail}")
    result = json.loads(lines[-1])
    result.update(json.loads(rate_file.read_text(encoding="utf-8")))
    result["rss_mb"] = usage.ru_maxrss / 1024
    rate_file.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=45, help="time budget of each crawl")
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
    rate_file = tmp / "rate.json"
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
        env = {**os.environ, "http_proxy": f"http://127.0.0.1:{port}", "GOVSPIDER_STATE_DIR": str(tmp / "state"),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "bench"), os.environ.get("PYTHONPATH")]))}
        bare_cmd = [sys.executable, __file__, "--bare", str(sites), "--seconds", str(args.seconds)]
        cmd = [sys.executable, "-m", "govspider.cli", "crawl", "--sites", str(sites), "--store",
               f"sqlite:///{tmp}/store.sqlite", "--as-of", AS_OF, "--no-progress",
               "-s", f"CLOSESPIDER_TIMEOUT={args.seconds}", "-s", "LOG_LEVEL=WARNING",
               "-s", "EXTENSIONS=" + json.dumps(RATE_EXTENSION)]
        for key, value in COMMON.items():
            cmd += ["-s", f"{key}={value}"]
        runs = [("bare", run_measured(bare_cmd, env, rate_file))]
        runs.append(("govspider", run_measured(cmd, env, rate_file)))
        # the cost of keeping scrapy-playwright installed when no page needs rendering
        runs.append(("no-browser", run_measured(cmd + ["-s", "GOVSPIDER_PLAYWRIGHT=False", "--campaign", "bench-plain"],
                                                env, rate_file)))
        runs.append(("bare again", run_measured(bare_cmd, env, rate_file)))
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"sandbox scale={args.scale}, time budget {args.seconds}s per crawl, 2 cores shared with the server")
    print(f"{'crawl':<12}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'fetching s':>12}{'pages/s':>10}{'CPU s':>8}"
          f"{'pages/CPU-s':>13}{'peak RSS MB':>14}")
    rates = {}
    for name, run in runs:
        pages = run.get("pages", run.get("pages_this_run")) if name.startswith("bare") else run["pages_this_run"]
        rates[name] = (pages / run["wall_s"], pages / run["fetching_s"], pages / run["cpu_s"])
        print(f"{name:<12}{pages:>8}{run['wall_s']:>10.1f}{rates[name][0]:>10.1f}{run['fetching_s']:>12.1f}"
              f"{rates[name][1]:>10.1f}{run['cpu_s']:>8.1f}{rates[name][2]:>13.1f}{run['rss_mb']:>14.0f}")
    bare = [(rates["bare"][i] + rates["bare again"][i]) / 2 for i in (0, 1, 2)]
    ours = rates["govspider"]
    print(f"ratio govspider/bare (bare = mean of its two runs): {ours[0] / bare[0]:.2f} pages/s open→close, "
          f"{ours[1] / bare[1]:.2f} pages/s open→last response (without the close), {ours[2] / bare[2]:.2f} "
          f"pages/CPU-s (aim >= 0.8); link checks: {dict(runs)['govspider']['links']}")
    print(f"playwright handler installed vs not: {ours[0] / rates['no-browser'][0]:.2f}x pages/s")


if __name__ == "__main__":
    main()
