"""Undated entries: linked rows of a page's list blocks that print no date at all (the
``undated_entries`` fact) — a static column's items, a sitemap, an index of guides."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .dates import DATE_SHAPED
from .document import Document, raw_text
from .entries import MAX_ROW_TEXT, MORE_LINK, anchor_title, more_links_than

#: rows of a list block: the nearest of these above a link
_LIST_ROWS = frozenset(("li", "tr", "dd", "dt"))
#: a column's own index page (a navigation link, not an item): /zwgk/, /tzgg/index.html
_INDEX_PATH = re.compile(r"(?:^|/)(?:index|default|list|main)(?:_\d+)?\.[a-z]+$|/$", re.I)
MAX_UNDATED = 50
#: pagination links (上一页, 下页, 尾页, [2], 3): not rows of a list
_PAGER_LINK = re.compile(r"^(?:[\[【(（]?\d{1,4}[\]】)）]?|首页|尾页|末页|上一?页|下一?页|前一?页|后一?页|第\s*\d+\s*页|跳转|GO|go)$")
_MIN_UNDATED_TITLE = 6
_MIN_UNDATED_ROWS = 3


def undated_entries(doc: Document, anchors, entries: list[dict], after=None) -> list[dict]:
    """``[{"title", "url"}]`` — linked rows of list blocks that print no date at all (capped).

    A row links to a page of the same site, reads like a title (not 更多/详细), shares its row with
    at most one other link and holds nothing date-shaped; a block counts with ≥ 3 such rows (2 on a
    page's content). ``after``: a function telling whether a link lies in the page's content
    (after its breadcrumb or main heading) — there every such row counts (a sitemap's column
    links, an index of guides), but not pagination links. Without it (a homepage) only item links count: titles of ≥ 6 characters, no column
    index pages (/zwgk/, /tzgg/index.html), so navigation bars never do. Rows that print a
    month-day whose year could not be resolved are not undated (``date_hints`` counts them), nor
    are rows whose title itself carries a date.
    """
    parts = urlsplit(doc.url)
    origin = f"{parts.scheme}://{parts.netloc}"
    own = doc.url.split("#", 1)[0]
    dated = {e["url"] for e in entries}
    blocks: dict = {}
    for a in anchors:
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        row = a.getparent()
        for _ in range(3):
            if row is None or row.tag in _LIST_ROWS:
                break
            row = row.getparent()
        if row is None or row.tag not in _LIST_ROWS:
            row = a.getparent()
        if row is None or more_links_than(row, 2):
            continue
        text = raw_text(row)
        if len(text) > MAX_ROW_TEXT or DATE_SHAPED.search(text):
            continue
        content = after is not None and after(a)
        title = anchor_title(a)
        if len(title) < (2 if content else _MIN_UNDATED_TITLE) or MORE_LINK.match(title) or _PAGER_LINK.match(title):
            continue
        url = doc.absolute(href)
        if not url or url in dated or url == own or not url.startswith(origin):
            continue
        path = url[len(origin):].split("?", 1)[0]
        if not path.startswith("/") or path == "/" or not content and _INDEX_PATH.search(path):
            continue  # another host (or a port), the site's root, or a column index
        blocks.setdefault(row.getparent(), []).append(({"title": title, "url": url}, content, row))
    out = []
    for rows in blocks.values():
        distinct = len({id(row) for _, _, row in rows})
        if distinct >= (2 if rows[0][1] else _MIN_UNDATED_ROWS):
            out.extend(entry for entry, _, _ in rows)
    return out[:MAX_UNDATED]
