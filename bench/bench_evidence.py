"""Benchmark: the cost of the WARC archive and the speed and memory of the screenshots.

Run by hand from the repo root:  ``python bench/bench_evidence.py [--seconds 40] [--rounds 2]``

1. **WARC cost** — the sandbox province (``scale="bench"``) is crawled in the same run with the
   archive on and off (``GOVSPIDER_WARC_ENABLED``), alternating ``--rounds`` times, each crawl in
   its own process with bench_crawl.py's download settings and time budget; prints pages/s of
   each, the ratio (budget: the archive costs ≤ 10 % of crawl throughput) and WARC bytes per
   1,000 pages (records: pages, robots.txt, link checks). CPU ms per page of the crawl process
   is printed too: on a machine shared with other work, wall-clock rates are noisy.
2. **Screenshots** — the findings of the archived crawl (all of them) are pictured from the WARC
   records at concurrency 1 and ``--concurrency``; prints pictures per second and the peak
   memory of this process plus its Chromium processes (sampled from /proc).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_crawl import AS_OF, COMMON, REPO, free_port, run_measured  # noqa: E402


def tree_rss_mb(root: int) -> float:
    """RSS of ``root`` and all its descendants (Chromium's processes), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields["PPid"].strip()), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total / 1024


class PeakSampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak, self._halt = 0.0, threading.Event()

    def run(self):
        while not self._halt.wait(0.2):
            self.peak = max(self.peak, tree_rss_mb(os.getpid()))

    def stop(self) -> float:
        self._halt.set()
        self.join()
        return self.peak


def crawl_cmd(sites: Path, store: str, seconds: int, campaign: str, *settings: str) -> list[str]:
    cmd = [sys.executable, "-m", "govspider.cli", "crawl", "--sites", str(sites), "--store", store, "--as-of", AS_OF,
           "--no-progress", "--campaign", campaign, "-s", f"CLOSESPIDER_TIMEOUT={seconds}", "-s", "LOG_LEVEL=WARNING",
           "-s", "GOVSPIDER_PLAYWRIGHT=False"]
    for key, value in COMMON.items():
        cmd += ["-s", f"{key}={value}"]
    for setting in settings:
        cmd += ["-s", setting]
    return cmd


def screenshots(store_uri: str, campaign: str, warc_dir: Path, out: Path, concurrency: int) -> dict:
    from govspider.analysis import analyze_campaign
    from govspider.screenshots import capture_screenshots
    from govspider.storage import open_store

    with open_store(store_uri) as store:
        findings = analyze_campaign(store, campaign, as_of=dt.date.fromisoformat(AS_OF), write=False)
        sampler = PeakSampler()
        sampler.start()
        figures = capture_screenshots(store, findings, out, store_uri=store_uri, which="all",
                                      concurrency=concurrency, warc_dirs=[warc_dir])
        figures["peak_mb"] = sampler.stop()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=40, help="time budget of each crawl")
    parser.add_argument("--rounds", type=int, default=2, help="crawls with and without the archive, alternating")
    parser.add_argument("--scale", default="bench", choices=["small", "bench"])
    parser.add_argument("--concurrency", type=int, default=4, help="pages rendered at once (second screenshot run)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="govspider-bench-evidence-"))
    port = free_port()
    sites = tmp / "sites.yaml"
    server = subprocess.Popen([sys.executable, "-m", "govspider.cli", "sandbox", "serve", "--port", str(port),
                               "--as-of", AS_OF, "--scale", args.scale, "--sites-out", str(sites)],
                              cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rates = {"on": [], "off": []}
    cpu = {"on": [], "off": []}  # CPU ms per page of the crawl process (robust when other work shares the cores)
    warc_bytes = warc_pages = 0
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
        for n in range(args.rounds):
            for mode in ("off", "on") if n % 2 == 0 else ("on", "off"):
                warc_dir = tmp / f"warc-{n}"
                store = f"sqlite:///{tmp}/{mode}-{n}.sqlite"
                setting = f"GOVSPIDER_WARC_DIR={warc_dir}" if mode == "on" else "GOVSPIDER_WARC_ENABLED=False"
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                result, rss, _ = run_measured(crawl_cmd(sites, store, args.seconds, f"bench-{mode}-{n}", setting), env)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                rates[mode].append(result["pages_this_run"] / result["elapsed_s"])
                cpu[mode].append(1000 * used / max(1, result["pages_this_run"]))
                print(f"  round {n + 1} WARC {mode:<3}: {result['pages_this_run']:>6} pages in {result['elapsed_s']:.1f}s "
                      f"= {rates[mode][-1]:.1f} pages/s, {cpu[mode][-1]:.2f} CPU ms/page, peak RSS {rss:.0f} MB", flush=True)
                if mode == "on":
                    warc_bytes += sum(p.stat().st_size for p in warc_dir.glob("*.warc.gz"))
                    warc_pages += result["pages_this_run"]
                    last = (store, f"bench-{mode}-{n}", warc_dir)
    finally:
        server.terminate()
        server.wait(timeout=10)
    on, off = sum(rates["on"]) / len(rates["on"]), sum(rates["off"]) / len(rates["off"])
    print(f"sandbox scale={args.scale}, {args.rounds} round(s) of {args.seconds}s crawls, no browser, 2 cores shared with the server")
    print(f"WARC on {on:.1f} pages/s, off {off:.1f} pages/s: the archive costs {100 * (1 - on / off):.1f}% of throughput (budget <= 10%)")
    cpu_on, cpu_off = sum(cpu["on"]) / len(cpu["on"]), sum(cpu["off"]) / len(cpu["off"])
    print(f"CPU per page: on {cpu_on:.2f} ms, off {cpu_off:.2f} ms: the archive costs {100 * (cpu_on / cpu_off - 1):.1f}% more CPU per page")
    print(f"WARC size: {warc_bytes / warc_pages * 1000 / 1e6:.2f} MB per 1,000 pages (gzip per record; pages, robots.txt, link checks)")
    for concurrency in sorted({1, args.concurrency}):
        fig = screenshots(*last, tmp / f"shots-{concurrency}", concurrency)
        rate = fig["screenshots"] / fig["seconds"] if fig["seconds"] else 0.0
        print(f"screenshots at concurrency {concurrency}: {fig['screenshots']} pictures ({fig['findings']} findings) in "
              f"{fig['seconds']:.1f}s = {rate:.2f}/s, outline placed on {fig['located']}, failed {fig['failed']}, "
              f"peak memory (python + Chromium) {fig['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
