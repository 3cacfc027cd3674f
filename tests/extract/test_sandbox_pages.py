"""Extraction of every page of the small sandbox province against the facts each page is meant to convey.

Walks the province in-process (``Province.respond``, no HTTP) from every homepage, following the
links extraction itself finds, and compares each page's facts with ``Province.page_model`` field by
field. Lists whose entries only JavaScript writes (the HTML holds none of their titles) cannot be
read without a browser: they are counted apart, not compared.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from urllib.parse import urlsplit

from govspider.extract import extract_page
from govspider.extract.document import decode_body
from govspider.sandbox.families import CLASSIC
from govspider.sandbox.province import build_province

AS_OF = dt.date(2026, 11, 15)


def _target(url: str) -> str:
    p = urlsplit(url)
    return p.path + (f"?{p.query}" if p.query else "")


def walk_and_compare(province):
    score = defaultdict(lambda: [0, 0])
    misses = defaultdict(list)
    js_only = 0
    kinds = defaultdict(int)
    hosts = {urlsplit(s.url).netloc for s in province.sites}
    seen = {f"http://{h}/" for h in hosts}
    queue = deque(sorted(seen))

    def check(field, want, got, url):
        score[field][1] += 1
        if want == got:
            score[field][0] += 1
        else:
            misses[field].append(f"{url}: want {want!r} got {got!r}")

    while queue:
        url = queue.popleft()
        host = urlsplit(url).netloc
        status, headers, body = province.respond("GET", host, _target(url), {})
        ctype = dict(headers).get("Content-Type", "")
        if status != 200 or not ctype.startswith("text/html"):
            continue
        facts = extract_page(body, url, content_type=ctype)
        for link in facts["links"]:
            u = link["url"]
            if u not in seen and urlsplit(u).netloc in hosts and province.page_model(urlsplit(u).netloc, _target(u)) is not None:
                seen.add(u)
                queue.append(u)
        want = province.page_model(host, _target(url))
        if want is None:
            continue
        kinds[want["kind"]] += 1
        for key in ("kind", "title", "column", "publish_date", "guide"):
            check(key, want[key], facts[key], url)
        keys = ("title", "asked", "replied", "reply")
        letters = [{k: letter.get(k) for k in keys} for letter in facts["letters"]]
        check("letters", [{k: letter[k] for k in keys} for letter in want["letters"]], letters, url)
        for key, value in (want["footer"] or {}).items():
            check(f"footer.{key}", value, facts["footer"].get(key), url)
        want_entries = sorted((e["title"], e["url"], e["date"]) for e in want["entries"])
        html = decode_body(body, ctype)
        if want_entries and not any(title in html for title, _, _ in want_entries):
            js_only += 1
            continue
        check("entries", want_entries, sorted((e["title"], e["url"], e["date"]) for e in facts["entries"]), url)
    return score, misses, js_only, kinds


def test_sandbox_province_pages_match_page_model():
    province = build_province(seed=7, as_of=AS_OF, scale="small", families=CLASSIC)   # the pre-issue-9 families
    score, misses, js_only, kinds = walk_and_compare(province)
    pages = score["kind"][1]
    print(f"\nsandbox small province: {pages} pages compared {dict(kinds)}, {js_only} JavaScript-only lists not compared")
    for field in sorted(score):
        right, total = score[field]
        print(f"{field:22s}{right:5d}/{total:<5d} {100 * right / total:6.2f}%")
    for field, lines in misses.items():
        for line in lines[:5]:
            print("MISS", field, line)
    assert pages > 500, "the walk reached too few sandbox pages"
    assert {"home", "list", "article", "guide", "interaction"} <= set(kinds), kinds
    for field, (right, total) in score.items():
        assert right / total >= 0.99, f"{field}: {right}/{total} below 99%"
