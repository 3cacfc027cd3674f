"""Pages a crawler must survive (NOT findings): infinite calendar, per-visit session ids, a redirect
loop, a multi-megabyte page, a binary served as text/html. Malformed HTML and links to private
addresses are planted by markup/render on the hazard site's ordinary pages.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import parse_qs

from govspider.sandbox import content

HTML = "text/html; charset=utf-8"


def hazard_response(model, path: str, query: str):
    """(status, headers, body) for a hazard URL of the hazard site, or None."""
    if path == "/calendar/index.html":
        return _calendar(query)
    if path == "/calendar/day.html":
        day = (parse_qs(query).get("date") or [""])[0]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            return 200, [("Content-Type", HTML)], _page(f"{day} 活动安排", "<p>当日暂无活动安排。</p><a href=\"/\">返回首页</a>")
        return 404, [("Content-Type", HTML)], _page("页面不存在", "")
    if path.startswith("/xxgk/") and ";jsessionid=" in path or path == "/xxgk/detail.jsp":
        return _session(path, query)
    if path == "/redirect/a.html":
        return 302, [("Location", "/redirect/b.html"), ("Content-Type", HTML)], b""
    if path == "/redirect/b.html":
        return 302, [("Location", "/redirect/a.html"), ("Content-Type", HTML)], b""
    if path == "/big/tjsj.html":
        return 200, [("Content-Type", HTML)], big_page()
    if path == "/download/sjbg.html":
        return 200, [("Content-Type", "text/html")], binary_blob()
    return None


def _page(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><h1>{title}</h1>{body}</body></html>").encode("utf-8")


def _calendar(query: str):
    month = (parse_qs(query).get("month") or [""])[0]
    m = re.fullmatch(r"(\d{4})-(\d{2})", month)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return 404, [("Content-Type", HTML)], _page("页面不存在", "")
    y, mo = int(m.group(1)), int(m.group(2))
    prev = f"{y - 1}-12" if mo == 1 else f"{y}-{mo - 1:02d}"
    nxt = f"{y + 1}-01" if mo == 12 else f"{y}-{mo + 1:02d}"
    days = "".join(f'<td><a href="/calendar/day.html?date={y}-{mo:02d}-{d:02d}">{d}</a></td>' for d in range(1, 29))
    body = (f'<a href="/calendar/index.html?month={prev}">上个月</a> <a href="/calendar/index.html?month={nxt}">下个月</a>'
            f"<table><tr>{days}</tr></table>")
    return 200, [("Content-Type", HTML)], _page(f"{y}年{mo}月活动日历", body)


def _session(path: str, query: str):
    """Every visit hands out fresh session ids derived from the one it came with (endless URLs)."""
    sid = path.split(";jsessionid=", 1)[1] if ";jsessionid=" in path else (parse_qs(query).get("sid") or ["0"])[0]
    new = lambda n: f"{content.stable_int(sid, path, query, n) % 16**12:012X}"  # noqa: E731
    links = "".join(f'<li><a href="/xxgk/detail.jsp;jsessionid={new(k)}?id={k}">信息公开事项{k}</a></li>' for k in range(1, 6))
    links += f'<li><a href="/xxgk/detail.jsp?id=9&amp;sid={new(9)}">依申请公开</a></li>'
    links += f'<li><a href="/xxgk/list.jsp;jsessionid={new(0)}">返回目录</a></li>'
    return 200, [("Content-Type", HTML), ("Set-Cookie", f"JSESSIONID={new(99)}; Path=/")], _page("信息公开目录", f"<ul>{links}</ul>")


@lru_cache(maxsize=1)
def big_page() -> bytes:
    """A ~4 MB statistics page (统计数据汇编)."""
    rng = content.stable_rng("big-page")
    rows = [f"<tr><td>{content.PLACES[i % len(content.PLACES)]}</td><td>{rng.randint(100, 99999)}</td>"
            f"<td>{rng.randint(1, 999)}.{rng.randint(0, 9)}</td><td>{content.TOPICS[i % len(content.TOPICS)]}</td></tr>"
            for i in range(50_000)]
    return _page("统计数据汇编", '<table border="1">' + "".join(rows) + "</table>")


@lru_cache(maxsize=1)
def binary_blob() -> bytes:
    rng = content.stable_rng("binary-blob")
    return b"PK\x03\x04" + rng.randbytes(300_000)


def calendar_start(as_of: dt.date) -> str:
    return f"/calendar/index.html?month={as_of:%Y-%m}"
