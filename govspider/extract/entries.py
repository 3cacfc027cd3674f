"""Dated entries (title, url, date) of list pages and homepages: ul/li, tables, dl, <i>/<span> dates."""

from __future__ import annotations

import datetime as dt
import re

from .dates import FULL_DATE, SHORT_DATE_ONLY, YEAR_ONLY, latest_on_or_before, make_date, url_date
from .document import Document, normalize_space, raw_text

#: containers a row never extends past
_STOP = frozenset(("ul", "ol", "table", "tbody", "thead", "dl", "body", "html", "form"))
_ROW_TAGS = frozenset(("li", "tr", "dd", "dt", "p", "div", "span", "td", "h3", "h4", "h5"))
MAX_ROW_TEXT = 400
_MAX_DATE_CHUNK = 30
#: cheap test before the careful one: the row holds something date-shaped at all
_DATE_HINT = re.compile(r"\d{1,2}\s*[-/.－月]\s*\d{1,2}")
#: links that only open the entry next to them ("[详细]", "更多>>"): not entries of their own
MORE_LINK = re.compile(r"^[\[【(（]?\s*(?:查看|阅读)?(?:详细|详情|更多|全文|原文|more|MORE|More)\s*(?:内容|信息)?[\]】)）>》»]*$")


def text_without(row, skip) -> str:
    """Visible text of ``row`` without the subtree ``skip`` (its tail is kept)."""
    parts: list[str] = []
    stack = [(row, False)]
    # iterative walk: (element, closing?)
    while stack:
        el, closing = stack.pop()
        if closing:
            parts.append("\n")
            if el is not row and el.tail:
                parts.append(el.tail)
            continue
        if el is skip:
            parts.append("\n")
            if el.tail:
                parts.append(el.tail)
            continue
        parts.append("\n")
        if el.text:
            parts.append(el.text)
        stack.append((el, True))
        for child in reversed(el):
            stack.append((child, False))
    return normalize_space("".join(parts))


def more_links_than(row, limit: int) -> bool:
    n = 0
    for x in row.iter("a"):
        if x.get("href"):
            n += 1
            if n > limit:
                return True
    return False


def _row_date(text: str):
    """('full', newest date) or ('short', (m, d)) from the row's date-like text pieces, or None.

    A piece counts when it is short (a date, "[2018-03-01]", "发布时间：2018-03-01 10:22"); dates inside
    prose such as a summary ("2018年3月16日下午，…") are not entry dates.
    """
    fulls = []
    short = None
    for chunk in text.split("\n"):
        chunk = chunk.strip()
        if not chunk or len(chunk) > _MAX_DATE_CHUNK:
            continue
        for m in FULL_DATE.finditer(chunk):
            d = make_date(*m.groups())
            if d:
                fulls.append(d)
        if not fulls and short is None:
            m = SHORT_DATE_ONLY.match(chunk)
            if m:
                mo, d = int(m.group(1)), int(m.group(2))
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    short = (mo, d)
    if fulls:
        return "full", max(fulls)
    if short:
        return "short", short
    return None


def _heading_year(el) -> int | None:
    """Year from a heading such as "2018年" printed before the list holding ``el``."""
    node = el
    for _ in range(6):
        if node is None:
            return None
        sib = node.getprevious()
        steps = 0
        while sib is not None and steps < 4:
            text = (raw_text(sib) or "").strip()
            m = YEAR_ONLY.match(text)
            if m:
                return int(m.group(1))
            sib = sib.getprevious()
            steps += 1
        node = node.getparent()
    return None


def _inner_date(a):
    """(date found, title) for a link whose own child element prints the date, else (None, None)."""
    for child in a.iter():
        if child is a or not isinstance(child.tag, str) or len(child):
            continue
        piece = (child.text or "").strip()
        if not piece or len(piece) > _MAX_DATE_CHUNK:
            continue
        found = _row_date(piece)
        if found:
            title = " ".join(text_without(a, child).split())
            return (found, title) if len(title) >= 2 else (None, None)
    return None, None


def anchor_title(a) -> str:
    text = " ".join((raw_text(a) or "").split())
    if not text or text.endswith(("...", "…")):
        title = (a.get("title") or "").strip()
        if title:
            return title
    return text


def _date_holders(doc: Document) -> set:
    """Elements (and their near ancestors) holding date-shaped text: the only places a row can be."""
    holders = set()
    search = _DATE_HINT.search
    for el in doc.root.iter():
        text, tail = el.text, el.tail
        owners = []
        if text and search(text):
            owners.append(el)
        if tail and search(tail):
            owners.append(el.getparent())
        for owner in owners:
            for _ in range(6):
                if owner is None or owner in holders:
                    break
                holders.add(owner)
                owner = owner.getparent()
    return holders


def extract_entries(doc: Document, anchors, as_of: dt.date | None = None) -> list[dict]:
    """Linked entries that print a date next to them, one per row, in page order (``as_of``: the
    date of the check, the last resort for the year of a month-day date)."""
    holders = _date_holders(doc)
    if not holders:
        return []
    seen_rows = set()
    out = []
    pending_short = []
    for a in anchors:
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#", "mailto:")):
            continue
        row = a.getparent()
        found = None
        levels = 0
        while row is not None and levels < 4:
            tag = row.tag if isinstance(row.tag, str) else ""
            if tag in _STOP:
                break
            if row not in holders:
                row = row.getparent()
                levels += 1
                continue
            if more_links_than(row, 2):
                break
            if tag in _ROW_TAGS or tag == "a":
                text = text_without(row, a)
                if len(text) > MAX_ROW_TEXT:
                    break
                found = _row_date(text)
                if found:
                    break
            row = row.getparent()
            levels += 1
        title = None
        if not found and a in holders:
            # the whole row is the link: <a><span>标题</span><span class="date">2018-03-01</span></a>
            found, title = _inner_date(a)
            row = a
        if not found or row in seen_rows:
            continue
        title = title or anchor_title(a)
        if len(title) < 2 or MORE_LINK.match(title):
            continue
        seen_rows.add(row)
        url = doc.absolute(href)
        if not url:
            continue
        entry = {"title": title, "url": url, "date": None}
        kind, value = found
        if kind == "full":
            entry["date"] = value.isoformat()
        else:
            mo, d = value
            ud = url_date(url)
            entry["date"] = (ud[0] if ud else _heading_year(row), mo, d)
            pending_short.append(entry)
        out.append(entry)
    _resolve_short(out, pending_short, as_of)
    return [e for e in out if isinstance(e["date"], str)]


def _resolve_short(entries, pending, as_of: dt.date | None):
    """Give month-day dates ("03-21", "[02-27]") their year.

    In this order: the year of the entry's own URL (t20180321_…, /art/2018/3/21/…) or of a year
    heading over the list — one less when that lands after the newest URL date of the page (a
    05-26 on a January URL of a March page is last May's); else the latest such day on or before
    the page's newest other date (full dates of other rows, URL dates); else on or before the
    as-of date of the check. Guesses lean recent, so a missing year never makes a page look
    staler than it is. With none of these the entry is left out.
    """
    slack = dt.timedelta(days=2)
    url_days = [make_date(*ud) for e in entries for ud in [url_date(e["url"])] if ud and ud[2]]
    ref = max((d for d in url_days if d), default=None)
    page_dates = [d for d in url_days if d] + [dt.date.fromisoformat(e["date"]) for e in entries if isinstance(e["date"], str)]
    page_ref = max(page_dates, default=None)
    for e in pending:
        year, mo, d = e["date"]
        if year is not None:
            date = make_date(year, mo, d)
            if date and ref and date > ref + slack:
                date = make_date(year - 1, mo, d)
        elif page_ref is not None:
            date = latest_on_or_before(mo, d, page_ref + slack)
        elif as_of is not None:
            date = latest_on_or_before(mo, d, as_of)
        else:
            date = None
        e["date"] = date.isoformat() if date else None

