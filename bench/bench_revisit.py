"""Benchmark: the incremental recrawl — a second visit of an unchanged site vs the first.

Run by hand from the repo root:  ``python bench/bench_revisit.py [--sites 4] [--repeat 3] [--spider watch]``

Starts the sandbox province in its own process (site host + forward proxy; it answers
If-None-Match / If-Modified-Since with 304), then crawls the chosen sites twice, each visit in its
own process through ``http_proxy`` with the project's settings (robots.txt, AutoThrottle, page
analyzers, SQLite store; no browser), ``--repeat`` times, each pair in a fresh store:

1. ``first`` — every page fetched, extracted and stored (campaign ``v1``);
2. ``second`` — the same sites with ``GOVSPIDER_REVISIT_FROM=v1``: conditional requests, 304s,
   stored facts reused, unchanged columns carried over (campaign ``v2``).

``--spider watch`` measures the light daily check (govspider watch's spider) instead of the
whole-site crawl. Prints, per visit, pages, 304 answers, bytes on the wire (requests + responses,
headers included, from Scrapy's downloader stats) and the crawl's CPU seconds (process time of
the crawling process, all threads, from spider_opened to spider_closed: imports and start-up
excluded), then the ratios second/first (median over the pairs). The target (issue 14): ≤ 0.20
for bytes and for CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-15"


def child(args) -> None:
    """One visit, in this process: crawl, then print a JSON line of figures."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from govspider.crawl import build_settings
    from govspider.sites import load_sites

    if args.spider == "watch":
        from govspider.watch.defaults import GOVSPIDER_WATCH_MAX_DEPTH, GOVSPIDER_WATCH_MAX_PAGES
        from govspider.watch.spider import WatchSpider as Spider

        extra = {"GOVSPIDER_MAX_DEPTH": GOVSPIDER_WATCH_MAX_DEPTH, "GOVSPIDER_MAX_PAGES": GOVSPIDER_WATCH_MAX_PAGES}
    else:
        from govspider.spiders.site import SiteSpider as Spider

        extra = {"GOVSPIDER_MAX_PAGES": args.max_pages}
    extra.update({"GOVSPIDER_PLAYWRIGHT": False, "LOG_LEVEL": "WARNING", "GOVSPIDER_AS_OF": AS_OF})
    if args.revisit_from:
        extra["GOVSPIDER_REVISIT_FROM"] = args.revisit_from
    settings = build_settings(args.store, args.campaign, extra, progress=False)
    settings.set("JOBDIR", None, priority="cmdline")  # nothing to resume: measure the crawl only
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(Spider)
    # what every crawl process pays once (imports, download handlers, analyzer plug-ins, the jieba
    # dictionary) is paid before the clock starts: the clock runs from spider_opened to
    # spider_closed, and the lazily loaded parts are loaded first
    from analyzers.registry import load_analyzers, ruleset_table
    from govspider.extract import extract_page_and_text
    from govspider.text import tokenize

    load_analyzers()
    ruleset_table("2019")
    extract_page_and_text("<html><body><p>预热</p></body></html>", "http://www.example.gov.cn/")
    tokenize("预热")
    clock = {}

    def opened(spider):
        clock.update(cpu=time.process_time(), wall=time.monotonic())

    def closed(spider, reason):
        clock.update(cpu=time.process_time() - clock["cpu"], wall=time.monotonic() - clock["wall"])

    crawler.signals.connect(opened, signal=signals.spider_opened)
    crawler.signals.connect(closed, signal=signals.spider_closed)
    process.crawl(crawler, sites=load_sites(args.sites_file), campaign=args.campaign)
    process.start()
    stats = crawler.stats.get_stats()
    print(json.dumps({
        "cpu_s": round(clock["cpu"], 3), "elapsed_s": round(clock["wall"], 2),
        "pages": stats.get("govspider/pages_stored", 0), "not_modified": stats.get("govspider/revisit/not_modified", 0),
        "carried": stats.get("govspider/revisit/carried", 0),
        "requests": stats.get("downloader/request_count", 0),
        "request_bytes": stats.get("downloader/request_bytes", 0), "response_bytes": stats.get("downloader/response_bytes", 0),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def visit(args, tmp: Path, sites_file: Path, proxy: str, campaign: str, revisit_from: str | None, store: str) -> dict:
    env = {**os.environ, "http_proxy": proxy, "no_proxy": "", "GOVSPIDER_STATE_DIR": str(tmp / "state")}
    cmd = [sys.executable, __file__, "--child", "--sites-file", str(sites_file), "--store", f"sqlite:///{tmp / store}",
           "--campaign", campaign, "--spider", args.spider, "--max-pages", str(args.max_pages)]
    if revisit_from:
        cmd += ["--revisit-from", revisit_from]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
    if proc.returncode or not lines:
        sys.exit(f"visit {campaign} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=("small", "bench"), default="small",
                        help="small: whole sites fit under the page cap (bench scale gets capped, and a capped "
                             "crawl reaches other pages each time)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sites", type=int, default=4, help="how many portals to crawl")
    parser.add_argument("--max-pages", type=int, default=2000, help="page cap per site (whole-site crawl)")
    parser.add_argument("--spider", choices=("site", "watch"), default="site")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of visits (CPU time is noisy on a shared machine)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--sites-file", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--campaign", help=argparse.SUPPRESS)
    parser.add_argument("--revisit-from", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    import yaml

    with tempfile.TemporaryDirectory(prefix="bench-revisit-") as tmp_name:
        tmp = Path(tmp_name)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "govspider.cli", "sandbox", "serve", "--port", str(port),
                                   "--seed", str(args.seed), "--as-of", AS_OF, "--scale", args.scale,
                                   "--sites-out", str(tmp / "all.yaml")], cwd=REPO, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            for _ in range(200):
                if (tmp / "all.yaml").exists():
                    break
                time.sleep(0.1)
            time.sleep(0.5)
            rows = yaml.safe_load((tmp / "all.yaml").read_text(encoding="utf-8"))
            portals = [dict(r, service_hall=None) for r in rows if r["kind"] == "portal" and r.get("status") != "closed"]
            chosen = portals[1:1 + args.sites]  # county/city portals (the provincial one is the largest)
            sites_file = tmp / "sites.yaml"
            sites_file.write_text(yaml.safe_dump(chosen, allow_unicode=True), encoding="utf-8")
            proxy = f"http://127.0.0.1:{port}"
            pairs = [(visit(args, tmp, sites_file, proxy, "v1", None, f"store-{n}.sqlite"),
                      visit(args, tmp, sites_file, proxy, "v2", "v1", f"store-{n}.sqlite")) for n in range(args.repeat)]
        finally:
            server.terminate()
            server.wait(10)
    print(f"incremental recrawl — {args.spider} spider, {len(chosen)} site(s) ({', '.join(s['name'] for s in chosen)}), "
          f"scale {args.scale}, seed {args.seed}, {args.repeat} pair(s) of visits")
    print(f"{'visit':8s} {'pages':>6s} {'304':>6s} {'carried':>7s} {'requests':>8s} {'req bytes':>10s} {'resp bytes':>11s} "
          f"{'CPU s':>7s} {'wall s':>7s} {'RSS MB':>7s}")
    total = lambda r: r["request_bytes"] + r["response_bytes"]  # noqa: E731
    ratios = []
    for first, second in pairs:
        for name, r in (("first", first), ("second", second)):
            print(f"{name:8s} {r['pages']:6d} {r['not_modified']:6d} {r['carried']:7d} {r['requests']:8d} {r['request_bytes']:10d} "
                  f"{r['response_bytes']:11d} {r['cpu_s']:7.2f} {r['elapsed_s']:7.2f} {r['max_rss_mb']:7.1f}")
        ratios.append((total(second) / total(first), second["cpu_s"] / first["cpu_s"]))
    cpu = sorted(r[1] for r in ratios)
    print(f"second/first: bytes {statistics.median(r[0] for r in ratios):.3f}, CPU median {statistics.median(cpu):.3f} "
          f"(range {cpu[0]:.3f}-{cpu[-1]:.3f})   (target ≤ 0.20)")


if __name__ == "__main__":
    main()
