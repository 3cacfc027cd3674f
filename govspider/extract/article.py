"""An article's headline and publish date (发布日期/发布时间/时间 label first; visible beats meta PubDate)."""

from __future__ import annotations

import re

from .dates import make_date
from .document import Document, flat_text, raw_text

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
        text = " ".join((raw_text(el) or "").split())
        return text or None
    return None


def _trim_to(text: str, n: int) -> str:
    """The leading part of ``text`` that holds ``n`` non-space characters."""
    count = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            count += 1
            if count == n:
                return text[: i + 1]
    return text


def headline(doc: Document, meta: dict, pairs=()) -> tuple[str | None, bool]:
    """(headline as displayed, confirmed) — confirmed when a visible heading matches the <title>'s
    leading part (or the ArticleTitle meta) and the <title> also names the site after it, or when
    an info table labels it 标题."""
    title = title_tag_text(doc) or ""
    parts = [p for p in _TITLE_SPLIT.split(title) if p]
    ref = _NOSPACE.sub("", meta.get("ArticleTitle") or "") or _NOSPACE.sub("", title)
    inside = outside = None  # best heading within the reference / heading that extends it
    inside_len = 0
    h1 = None
    site_names = ({_NOSPACE.sub("", p) for p in parts[1:]} | {_NOSPACE.sub("", meta.get("SiteName") or "")}) - {""}
    for el in doc.root.iter("h1", "h2", "h3", "h4", "div", "p", "td", "span", "strong", "font", "b"):
        tag = el.tag
        marked = tag in ("h1", "h2", "h3", "h4")
        if not marked:
            marker = (el.get("class") or "") + " " + (el.get("id") or "")
            marked = bool(_TITLE_MARK.search(marker))
            if not marked and tag not in ("strong", "font", "b"):
                continue
        text = flat_text(el)
        if not (4 <= len(text) <= 200):
            continue
        if tag == "h1" and h1 is None and _NOSPACE.sub("", text) not in site_names:
            h1 = text  # the first <h1> that is not the logo's site name
        if not ref:
            continue
        norm = _NOSPACE.sub("", text)
        if norm == ref or (len(norm) >= 6 and ref.startswith(norm)):
            if len(norm) > inside_len:
                inside, inside_len = text, len(norm)
        elif outside is None and len(ref) >= 6 and norm.startswith(ref):
            outside = text
    named_site = len(parts) >= 2 or bool(meta.get("ArticleTitle"))
    if inside and (inside_len >= len(ref) - 2 or outside is None or inside_len >= 8):
        return inside, named_site
    if outside:
        # a heading that also carries the date line ("标题 2023-08-19 来源：…"): keep the title part
        return _trim_to(outside, len(ref)), named_site
    for label, value, _el in pairs:
        if label in ("标题", "文件标题", "名称", "文件名称") and 4 <= len(value) <= 200:
            return value.replace("\n", ""), True
    if meta.get("ArticleTitle"):
        return meta["ArticleTitle"].strip(), False
    if h1:
        return h1, False
    if parts:
        return parts[0], False
    return (title or None), False


_NOT_BODY = frozenset(("a", "title", "ul", "ol", "li"))


def body_length(doc: Document, enough: int | None = None) -> int:
    """Characters of the densest text block (an element's own text plus its children's): the article
    body. With ``enough``, stops as soon as a block that long is found."""
    direct: dict = {}
    best = 0
    # every text node once (C-level XPath), credited to the element printing it and to that element's parent
    for node in doc.root.xpath("//text()[normalize-space()]"):
        owner = node.getparent()
        if owner is None:
            continue
        if node.is_tail:
            owner = owner.getparent()
            if owner is None:
                continue
        n = len(node.strip())
        for el in (owner, owner.getparent()):
            if el is None:
                continue
            total = direct.get(el, 0) + n
            direct[el] = total
            if total > best and el.tag not in _NOT_BODY:
                best = total
                if enough is not None and best >= enough:
                    return best
    return best
