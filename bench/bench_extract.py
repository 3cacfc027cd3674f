"""Benchmark: extraction speed (pages/s on one core) against a bare lxml parse of the same pages.

Run by hand: ``python bench/bench_extract.py [--seconds 6] [--pages DIR]``. Two corpora: the real
pages of ../shared/realworld (4-435 KB, median 45 KB) and 400 pages of the small sandbox province. Prints pages/s
for ``lxml.html.document_fromstring`` (the floor: what parsing alone costs) and for
``extract_page_and_text`` (what the crawl pays per page), and their ratio. Target: ≥ 200 typical
pages/s for extraction on one core.
"""

from __future__ import annotations

import argparse
import re
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


#: sandbox hazard pages (endless calendars, a 4 MB table, download traps): not typical pages
_HAZARD = re.compile(r"/calendar/|/big/|/download/|jsessionid|/redirect/|/xxgk/(?:list|detail)\.jsp")


def sandbox_corpus(limit: int = 400) -> list[tuple[bytes, str, str]]:
    """Up to ``limit`` HTML pages of the small sandbox province (home, list, article, guide, letters)."""
    import datetime as dt
    from collections import deque
    from urllib.parse import urlsplit

    from govspider.sandbox.province import build_province

    province = build_province(seed=7, as_of=dt.date(2026, 11, 15), scale="small")
    hosts = {urlsplit(s.url).netloc for s in province.sites}
    queue = deque(f"http://{h}/" for h in sorted(hosts))
    seen, out = set(queue), []
    while queue and len(out) < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        status, headers, body = province.respond("GET", parts.netloc, parts.path + (f"?{parts.query}" if parts.query else ""), {})
        ctype = dict(headers).get("Content-Type", "")
        if status != 200 or not ctype.startswith("text/html"):
            continue
        out.append((body, url, ctype))
        for link in extract_page_and_text(body, url, ctype)[0]["links"]:
            u = link["url"]
            if u not in seen and urlsplit(u).netloc in hosts and not _HAZARD.search(u):
                seen.add(u)
                queue.append(u)
    return out


def rate(fn, pages, seconds: float) -> float:
    """Pages per CPU-second of ``fn`` over the corpus, best of 3 runs of ~seconds/3 each (CPU time:
        the machine is shared, wall time would measure the neighbours)."""
    runs = []
    for _ in range(3):
        n, start = 0, time.process_time()
        while time.process_time() - start < seconds / 3:
            for body, url, *_ in pages:
                fn(body, url)
            n += len(pages)
        runs.append(n / (time.process_time() - start))
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
        print(f"  real pages ≤ 80 KB ({len(small)}) : {small_rate:8.0f} pages/s")
    sandbox = sandbox_corpus()
    sizes = [len(b) for b, _, _ in sandbox]
    print(f"sandbox corpus: {len(sandbox)} pages, median {statistics.median(sizes) / 1024:.1f} KiB")
    sb_parse = rate(lambda body, url: lxml.html.document_fromstring(body), sandbox, args.seconds)
    sb_extract = rate(extract_page_and_text, sandbox, args.seconds)
    print(f"lxml parse only        : {sb_parse:8.0f} pages/s")
    print(f"extract_page_and_text  : {sb_extract:8.0f} pages/s  ({sb_extract / sb_parse:.2f}x of bare parse)")


if __name__ == "__main__":
    main()
