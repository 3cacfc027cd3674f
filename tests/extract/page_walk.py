"""Walking the sandbox province in-process and comparing each page's facts with ``page_model``."""

from __future__ import annotations

from collections import defaultdict, deque
from urllib.parse import urlsplit

from govspider.extract import extract_page
from govspider.extract.document import decode_body


def target(url: str) -> str:
    p = urlsplit(url)
    return p.path + (f"?{p.query}" if p.query else "")


def drawn_by_script(want: dict, html: str) -> bool:
    """What the page conveys (its list rows, its guide) is not in its HTML: a script draws it, and
    only a browser can read it (the crawl renders such pages)."""
    shown = [e["title"] for e in want["entries"] + want.get("undated_entries", [])]
    if want["guide"]:
        shown.append(want["guide"]["事项名称"])
    return bool(shown) and not any(title in html for title in shown)


def walk_and_compare(province, by_family: bool = False):
    """(score, misses, js_only, kinds): score[field] (or score[(family, field)]) = [right, total];
    js_only: the URLs of pages whose content a script draws (not compared)."""
    score = defaultdict(lambda: [0, 0])
    misses = defaultdict(list)
    js_only = []
    kinds = defaultdict(int)
    hosts = {urlsplit(s.url).netloc for s in province.sites}
    seen = {f"http://{h}/" for h in hosts}
    queue = deque(sorted(seen))

    def check(field, want, got, url):
        if by_family:
            field = (province.model(urlsplit(url).netloc).family, field)
        score[field][1] += 1
        if want == got:
            score[field][0] += 1
        else:
            misses[field].append(f"{url}: want {want!r} got {got!r}")

    while queue:
        url = queue.popleft()
        host = urlsplit(url).netloc
        status, headers, body = province.respond("GET", host, target(url), {})
        ctype = dict(headers).get("Content-Type", "")
        if status != 200 or not ctype.startswith("text/html"):
            continue
        facts = extract_page(body, url, content_type=ctype)
        for link in facts["links"]:
            u = link["url"]
            if u not in seen and urlsplit(u).netloc in hosts and province.page_model(urlsplit(u).netloc, target(u)) is not None:
                seen.add(u)
                queue.append(u)
        want = province.page_model(host, target(url))
        if want is None:
            continue
        if drawn_by_script(want, decode_body(body, ctype)):
            js_only.append(url)
            continue
        kinds[want["kind"]] += 1
        for key in ("kind", "title", "column", "publish_date", "guide"):
            check(key, want[key], facts[key], url)
        check("letters", want["letters"], facts["letters"], url)
        for key, value in (want["footer"] or {}).items():
            check(f"footer.{key}", value, facts["footer"].get(key), url)
        want_entries = sorted((e["title"], e["url"], e["date"]) for e in want["entries"])
        check("entries", want_entries, sorted((e["title"], e["url"], e["date"]) for e in facts["entries"]), url)
        if "undated_entries" in want:
            check("undated_entries", want["undated_entries"], facts["undated_entries"], url)
    return score, misses, js_only, kinds
