"""Benchmark: extraction speed (pages/s on one core) against a bare lxml parse of the same pages.

Run by hand: ``python bench/bench_extract.py [--seconds 5] [--pages DIR]``. The corpus is the real
pages of ../shared/realworld (and the sandbox's pages when the sandbox is importable). Prints pages/s
for ``lxml.html.document_fromstring`` (the floor: what parsing alone costs) and for
``extract_page_and_text`` (what the crawl pays per page), and their ratio. Target: ≥ 200 typical
pages/s for extraction on one core.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import lxml.html

from govspider.extract import extract_page_and_text

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load_corpus(pages_dir: Path) -> list[tuple[bytes, str]]:
    pages = [(p.read_bytes(), f"http://www.example.gov.cn/{p.stem}/t20180301_1.html") for p in sorted(pages_dir.glob("*.html"))]
    if not pages:
        raise SystemExit(f"no *.html pages in {pages_dir}")
    return pages


def rate(fn, pages, seconds: float) -> float:
    """Pages per second of ``fn`` over the corpus, best of 3 runs of ~seconds/3 each."""
    runs = []
    for _ in range(3):
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            for body, url in pages:
                fn(body, url)
            n += len(pages)
        runs.append(n / (time.perf_counter() - start))
    return max(runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=6.0)
    ap.add_argument("--pages", type=Path, default=SHARED / "realworld" / "pages")
    args = ap.parse_args()
    pages = load_corpus(args.pages)
    sizes = [len(b) for b, _ in pages]
    print(f"corpus: {len(pages)} pages, median {statistics.median(sizes) / 1024:.0f} KiB, total {sum(sizes) / 1e6:.1f} MB")
    parse_rate = rate(lambda body, url: lxml.html.document_fromstring(body), pages, args.seconds)
    extract_rate = rate(extract_page_and_text, pages, args.seconds)
    print(f"lxml parse only        : {parse_rate:8.0f} pages/s")
    print(f"extract_page_and_text  : {extract_rate:8.0f} pages/s  ({extract_rate / parse_rate:.2f}x of bare parse)")
    small = [(b, u) for b, u in pages if len(b) <= 80_000]
    if small:
        small_rate = rate(extract_page_and_text, small, args.seconds)
        print(f"  pages ≤ 80 KB ({len(small)}) : {small_rate:8.0f} pages/s")


if __name__ == "__main__":
    main()
