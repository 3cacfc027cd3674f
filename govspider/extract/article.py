"""An article's headline and publish date (发布日期/发布时间/时间 label first; visible beats meta PubDate)."""

from __future__ import annotations

import re

from .dates import FULL_DATE, make_date
from .document import Document, flat_text

_DATE = r"((?:19|20)\d{2})\s*(?:[-/.－]|年)\s*(\d{1,2})\s*(?:[-/.－]|月)\s*(\d{1,2})(?!\d)"
LABELLED_DATE = re.compile(
    r"(发布日期|发布时间|发文日期|生成日期|成文日期|印发日期|更新时间|更新日期|时\s*间|日\s*期)\s*[:：]?\s*[\[【]?\s*" + _DATE
)
#: lower rank wins: 发布日期/发布时间, then 时间/日期, then other labels
_RANK = {"发布日期": 0, "发布时间": 0, "时间": 1, "日期": 1, "发文日期": 2, "生成日期": 3, "更新时间": 3,
         "更新日期": 3, "成文日期": 4, "印发日期": 4}
_WITH_TIME = re.compile(_DATE + r"\s*日?\s*\d{1,2}\s*[:：时]\s*\d{1,2}")
_DASHED = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s|--|——)\s*")
_TITLE_MARK = re.compile(r"title|biaoti|bt\b|tit\b|headline|article-tit", re.I)
_NOSPACE = re.compile(r"\s+")


def labelled_dates(text: str) -> list[tuple[int, int, str]]:
    """(rank, position, ISO date) for every labelled date in the page text."""
    out = []
    for m in LABELLED_DATE.finditer(text):
        label = _NOSPACE.sub("", m.group(1))
        d = make_date(m.group(2), m.group(3), m.group(4))
        if d:
            out.append((_RANK.get(label, 5), m.start(), d.isoformat()))
    return out


def publish_date(text: str, headline_pos: int) -> str | None:
    """The labelled publish date, else a date-with-time (or dashed date on a short line) after the headline."""
    found = labelled_dates(text)
    if found:
        best = min(r for r, _, _ in found)
        return next(d for r, _, d in found if r == best)
    start = max(0, headline_pos)
    window = text[start:start + 1500]
    m = _WITH_TIME.search(window)
    if m:
        d = make_date(m.group(1), m.group(2), m.group(3))
        if d:
            return d.isoformat()
    for line in window.split("\n")[:12]:
        if len(line) <= 80:
            m = _DASHED.search(line)
            if m:
                d = make_date(*m.groups())
                if d:
                    return d.isoformat()
    return None


def title_tag_text(doc: Document) -> str | None:
    for el in doc.root.iter("title"):
        text = " ".join((el.text_content() or "").split())
        return text or None
    return None


def headline(doc: Document, meta: dict) -> str | None:
    """The headline as displayed: the visible heading that the <title> (or ArticleTitle meta) starts with."""
    title = title_tag_text(doc) or ""
    ref = _NOSPACE.sub("", meta.get("ArticleTitle") or "") or _NOSPACE.sub("", title)
    best = None
    best_len = 0
    h1 = None
    for el in doc.root.iter("h1", "h2", "h3", "div", "p", "td", "span", "strong", "font", "b"):
        tag = el.tag
        if tag not in ("h1", "h2", "h3"):
            marker = (el.get("class") or "") + " " + (el.get("id") or "")
            if not _TITLE_MARK.search(marker):
                continue
        text = flat_text(el)
        if not (4 <= len(text) <= 200):
            continue
        if tag == "h1" and h1 is None:
            h1 = text
        norm = _NOSPACE.sub("", text)
        if ref and (norm == ref or (len(norm) >= 6 and ref.startswith(norm)) or (len(ref) >= 6 and norm.startswith(ref))):
            if len(norm) > best_len:
                best, best_len = text, len(norm)
    if best:
        return best
    if meta.get("ArticleTitle"):
        return meta["ArticleTitle"].strip()
    if h1:
        return h1
    if title:
        parts = [p for p in _TITLE_SPLIT.split(title) if p]
        return parts[0] if parts else title
    return None


def body_length(doc: Document) -> int:
    """Characters of paragraph text (p elements with 30+ characters): how much article body there is."""
    total = 0
    for p in doc.root.iter("p"):
        n = len((p.text_content() or "").strip())
        if n >= 30:
            total += n
    return total


def has_full_date(text: str) -> bool:
    return FULL_DATE.search(text) is not None
