"""Analysis throughput: pages/s through every page and site analyzer, and jieba's share of it.

    python bench/bench_analysis.py [--scale small|bench] [--max-pages N] [--repeat R]

Walks the simulated province through ``Province.respond`` (no HTTP) into a temporary SQLite store,
then times, in the same run: extraction of those pages (the baseline), page analyzers alone, and
the whole ``analyze_campaign`` (page + site + pair analyzers, reading the store). jieba time is
measured by wrapping the tokenizer the analyzers call. Machine-dependent: compare the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class Timer:
    """Wraps a function and adds up the time spent in it."""

    def __init__(self, fn):
        self.fn, self.seconds, self.calls = fn, 0.0, 0

    def __call__(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return self.fn(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - start
            self.calls += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", "bench"), default="small")
    parser.add_argument("--max-pages", type=int, default=400, help="pages per site walked (default 400)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ruleset", default="2019")
    args = parser.parse_args()

    import analyzers.divergence
    import analyzers.interaction
    from analyzers.registry import load_analyzers, run_page_analyzers
    from analyzers.sandbox_pages import fill_store
    from govspider.analysis import analyze_campaign, campaign_sites
    from govspider.extract import extract_page_and_text
    from govspider.sandbox.province import build_province
    from govspider.storage import open_store
    from govspider.text import tokenize

    tokenize("预热分词词典")  # jieba's dictionary load is per process, not per page
    province = build_province(seed=7, as_of=dt.date(2026, 11, 15), scale=args.scale)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        t0 = time.perf_counter()
        fill_store(province, store, "bench", args.ruleset, max_pages=args.max_pages, run_page_analyzers=False)
        pages = list(store.iter_pages("bench"))
        print(f"walked {len(pages)} pages of {len(province.sites)} sites in {time.perf_counter() - t0:.1f} s")
        bodies = []
        for page in pages[:: max(1, len(pages) // 300)]:
            host = page["url"].split("/")[2]
            bodies.append((province.respond("GET", host, "/" + page["url"].split("/", 3)[3])[2], page["url"]))
        items = load_analyzers()
        sites = {s.site_code: s for s in campaign_sites(store.get_campaign("bench"))}

        best = {}
        for _ in range(args.repeat):
            start = time.perf_counter()
            for body, url in bodies:
                extract_page_and_text(body, url)
            best["extract"] = min(best.get("extract", 1e9), (time.perf_counter() - start) / len(bodies))

            start = time.perf_counter()
            for page in pages:
                run_page_analyzers(page, sites[page["site_code"]], args.ruleset, province.as_of, "bench", analyzers=items)
            best["page"] = min(best.get("page", 1e9), (time.perf_counter() - start) / len(pages))

            timer = Timer(tokenize)
            analyzers.interaction.tokenize = analyzers.divergence.tokenize = timer
            start = time.perf_counter()
            findings = analyze_campaign(store, "bench", args.ruleset, analyzers=items, write=False)
            whole = time.perf_counter() - start
            analyzers.interaction.tokenize = analyzers.divergence.tokenize = tokenize
            if whole / len(pages) < best.get("all", 1e9):
                best.update(all=whole / len(pages), jieba=timer.seconds / whole, jieba_calls=timer.calls, findings=len(findings))
        store.close()

    print(f"extraction (baseline)        {1 / best['extract']:9.0f} pages/s")
    print(f"page analyzers only          {1 / best['page']:9.0f} pages/s  ({best['extract'] / best['page']:.1f}× extraction)")
    print(f"all analyzers (from store)   {1 / best['all']:9.0f} pages/s  ({best['extract'] / best['all']:.1f}× extraction)"
          f"  — {best['findings']} findings")
    print(f"jieba segmentation share     {best['jieba'] * 100:8.1f} %   ({best['jieba_calls']} tokenize calls)")


if __name__ == "__main__":
    main()
