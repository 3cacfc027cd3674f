"""Benchmark: the crawl's per-page work grows linearly with a page's text, up to 10^6 characters.

Run by hand: ``python bench/bench_bounds.py [--max 1000000] [--repeat 3]``. For each text length
n = 10^3 … 10^6 and each kind of text — ordinary sentences, one character repeated (jieba's worst
case), a letter whose title and reply are the whole text — it builds one page and times what the
crawl does with it: extraction (``extract_page_and_text``), the facts caps (``bound_facts``), the
page analyzers, and jieba segmentation of everything kept (the index's tokens). It prints the time
per page, the time per 1,000 characters, and that cost relative to the smallest page of the same
kind: a ratio that stays ≤ 1 is linear (or better: caps bound the work). A second table is the
baseline of the same run: segmentation of one repeated character, chunked vs jieba on the whole
run (quadratic: 100,000 characters took 44 s on the machine the issue was measured on). Last, a
sites file of 10,000 sites read by govspider.sites against the pure-Python YAML it replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from analyzers.registry import run_page_analyzers
from govspider.bounds import bound_facts
from govspider.extract import extract_page_and_text
from govspider.sites import Site
from govspider.text import tokenize

SITE = Site("4300000001", "基准测试县人民政府", "长沙市", "county", "portal", "http://www.bench.gov.cn/")
SENTENCE = "县人民政府办公室关于做好政府网站信息发布工作的通知，请各乡镇、各部门认真贯彻落实。"


def page(kind: str, n: int) -> bytes:
    if kind == "sentences":
        text = (SENTENCE * (n // len(SENTENCE) + 1))[:n]
        return f"<html><head><title>通知</title></head><body><div class='content'><p>{text}</p></div></body></html>".encode()
    if kind == "one-character":
        return f"<html><head><title>的</title></head><body><p>{'的' * n}</p></body></html>".encode()
    half = "咨询" * (n // 4)
    return (f"<html><head><title>留言详情</title></head><body><table class='letter'>"
            f"<tr><th>标题</th><td>{half}</td></tr><tr><th>留言时间</th><td>2026-11-01</td></tr>"
            f"<tr><th>答复内容</th><td>{half}</td></tr><tr><th>答复时间</th><td>2026-11-03</td></tr></table></body></html>").encode()


def per_page(body: bytes) -> float:
    started = time.perf_counter()
    facts, text = extract_page_and_text(body, "http://www.bench.gov.cn/hdjl/1.html", "text/html; charset=utf-8")
    bound_facts(facts)
    text = text[:20000]  # GOVSPIDER_TEXT_MAX_CHARS
    record = {"url": "http://www.bench.gov.cn/hdjl/1.html", "site_code": SITE.site_code, "status": 200, "depth": 1,
              "facts": facts, "text": text}
    run_page_analyzers(record, SITE, "2019", dt.date(2026, 11, 15), "bench")
    tokenize(text)
    for letter in facts.get("letters") or []:
        tokenize(letter.get("title") or "")
        tokenize(letter.get("reply") or "")
    tokenize(facts.get("title") or "")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=1_000_000, help="longest text, characters")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median kept)")
    parser.add_argument("--direct-max", type=int, default=100_000, help="longest run given to jieba whole (baseline)")
    parser.add_argument("--sites", type=int, default=10_000, help="sites in the sites-file benchmark")
    args = parser.parse_args()
    tokenize("预热")  # jieba's dictionary, once
    sizes = [n for n in (1_000, 10_000, 100_000, 1_000_000) if n <= args.max]
    print(f"{'text':14s} {'chars':>9s} {'s/page':>9s} {'ms/1k chars':>12s} {'ratio':>6s}")
    for kind in ("sentences", "one-character", "letter"):
        base = None
        for n in sizes:
            body = page(kind, n)
            seconds = statistics.median(per_page(body) for _ in range(args.repeat))
            per_k = seconds / n * 1000 * 1000
            base = base or per_k
            print(f"{kind:14s} {n:9,d} {seconds:9.3f} {per_k:12.3f} {per_k / base:6.2f}")
    print("\nsegmentation alone, one character repeated: govspider.text.tokenize (chunked) vs jieba on the whole run")
    print(f"{'chars':>9s} {'chunked s':>10s} {'µs/char':>8s} {'jieba s':>9s} {'µs/char':>8s}")
    from govspider.text import _jieba

    for n in [n for n in (10_000, 30_000, 100_000) if n <= args.direct_max]:
        text = "的" * n
        started = time.perf_counter()
        tokenize(text)
        chunked = time.perf_counter() - started
        started = time.perf_counter()
        _jieba().lcut_for_search(text)
        direct = time.perf_counter() - started
        print(f"{n:9,d} {chunked:10.2f} {chunked / n * 1e6:8.1f} {direct:9.2f} {direct / n * 1e6:8.1f}")
    sites_file(args.sites)


def sites_file(count: int) -> None:
    """A sites file of ``count`` sites: govspider.sites (libyaml, composed once) vs what it replaced
    (pure-Python compose + safe_load of the same text)."""
    import yaml

    from govspider.sites import dump_sites_yaml, parse_sites

    text = dump_sites_yaml([Site(f"43{i:08d}", f"网站{i}", "长沙市", "county", "portal", f"http://www{i}.gov.cn/")
                            for i in range(count)])
    started = time.perf_counter()
    parse_sites(text)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    yaml.compose(text, Loader=yaml.SafeLoader)
    yaml.safe_load(text)
    before = time.perf_counter() - started
    print(f"\nsites file of {count:,} sites: parse_sites {ours:.2f} s; pure-Python compose + safe_load alone "
          f"{before:.2f} s (ratio {before / ours:.1f}×)")


if __name__ == "__main__":
    main()
