"""Walks the province in-process through ``Province.respond`` (no HTTP): every page of every site
(``Province.page_urls``, which also lists pages only a script pager links to) and every link found
on them — ``<a href>`` and the rows of Hanweb XML datastores."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

SKIP = re.compile(r"/calendar/index|/xxgk/list\.jsp|/xxgk/detail\.jsp|jsessionid|/redirect/|/admin/|/big/|/download/")
CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)


def charset_of(headers, body: bytes) -> str:
    """The declared charset (header first, then meta); gb2312/gbk read as gb18030, as browsers and w3lib do."""
    ctype = dict(headers).get("Content-Type", "")
    m = re.search(r"charset=([\w-]+)", ctype)
    if m:
        name = m.group(1)
    else:
        m = re.search(rb'charset=["\']?([\w-]+)', body[:2048])
        name = m.group(1).decode() if m else "utf-8"
    return "gb18030" if name.lower() in ("gb2312", "gbk") else name


def links_of(url: str, body: bytes, headers) -> list[str]:
    """Absolute targets of the page's ``<a href>``, including those inside XML datastore records."""
    text = body.decode(charset_of(headers, body))
    docs = [lxml_html.fromstring(text)]
    for script in docs[0].iter("script"):
        if script.get("type") == "text/xml":
            docs += [lxml_html.fragment_fromstring(f, create_parent="div") for f in CDATA.findall(script.text or "")]
    out = []
    for doc in docs:
        for a in doc.iter("a"):
            href = a.get("href")
            if href and not href.startswith(("javascript:", "#")):
                out.append(urljoin(url, href).split("#")[0])
    return out


def assets_of(url: str, body: bytes, headers) -> list[str]:
    doc = lxml_html.fromstring(body.decode(charset_of(headers, body)))
    return [urljoin(url, el.get("src") or el.get("href")) for el in doc.iter("img", "link", "script")
            if (el.get("src") or (el.get("href") if el.tag == "link" else None))]


def fetch_raw(province, url: str):
    parts = urlsplit(url)
    return province.respond("GET", parts.netloc, parts.path + (f"?{parts.query}" if parts.query else ""), {})


def walk(province, hosts=None, limit=40000):
    """({url: status}, {url: [pages linking to it]}) for every page of the sites and every link on
    them (hazard traps and private addresses are not followed)."""
    hosts = hosts or [s.host for s in province.sites]
    queue = deque(f"http://{h}/" for h in hosts)
    for h in hosts:
        if province.model(h).reachable:
            queue.extend(province.page_urls(h))
    seen, status, linked_from = set(queue), {}, {}
    while queue and len(status) < limit:
        url = queue.popleft()
        code, headers, body = fetch_raw(province, url)
        status[url] = code
        ctype = dict(headers).get("Content-Type", "")
        if code != 200 or not ctype.startswith("text/html") or urlsplit(url).netloc not in hosts:
            continue
        for link in links_of(url, body, headers) + assets_of(url, body, headers):
            if not link.startswith("http://"):
                continue
            linked_from.setdefault(link, []).append(url)
            if link not in seen and not SKIP.search(link) and urlsplit(link).hostname not in ("192.168.1.1", "127.0.0.1"):
                seen.add(link)
                queue.append(link)
    return status, linked_from
