"""The 栏目 a page belongs to (breadcrumb's last element, ColumnName meta, list heading) and 指引 meta tags."""

from __future__ import annotations

import re

from .document import Document, raw_text

META_NAMES = (
    "SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords",
    "ColumnType", "ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author", "Description",
    "Image", "Url", "MaketimeDate", "ContentType",
)
_META_LOWER = {n.lower(): n for n in META_NAMES}
_CRUMB_MARK = re.compile(r"crumb|position|location|dqwz|weizhi|wz\b|path|current|place|mianbao", re.I)
_CRUMB_LABEL = re.compile(r"(?:当前位置|您的位置|您现在的位置|您所在的位置|所在位置|现在位置|当前页面|位置)\s*[:：]?")
_CRUMB_SPLIT = re.compile(r"\s*(?:>>|»|›|＞|>|→|/|\\|-{1,2}>|＜|丨|\|)\s*")
_SKIP_LAST = {"正文", "详情", "内容", "详细内容", "正文内容", "文章", "详细信息", "查看", "阅读"}


def meta_tags(doc: Document) -> dict:
    out = {}
    for el in doc.root.iter("meta"):
        name = (el.get("name") or "").strip()
        canon = _META_LOWER.get(name.lower())
        if canon and canon not in out:
            out[canon] = (el.get("content") or "").strip()
    return out


def breadcrumb(doc: Document) -> list[str] | None:
    """Breadcrumb segments (首页 > 政务公开 > 通知公告) or None."""
    return find_breadcrumb(doc)[0]


def find_breadcrumb(doc: Document) -> tuple[list[str] | None, object]:
    """(segments, element) of the page's breadcrumb (当前位置：首页 > …), or (None, None)."""
    for el in doc.root.iter("div", "p", "span", "td", "nav", "ol", "ul", "section"):
        marker = (el.get("class") or "") + " " + (el.get("id") or "")
        if not _CRUMB_MARK.search(marker) and "位置" not in (el.text or "") and not (
            len(el) and "位置" in (el[0].text or "")
        ):
            continue
        text = " ".join((raw_text(el) or "").split())
        if not text or len(text) > 160:
            continue
        labelled = _CRUMB_LABEL.search(text[:20])
        if not labelled and not _CRUMB_MARK.search(marker):
            continue
        body = text[labelled.end():] if labelled else text
        segments = [s.strip(" ：:") for s in _CRUMB_SPLIT.split(body)]
        segments = [s for s in segments if s]
        if len(segments) >= 2 or (labelled and segments):
            return segments, el
    return None, None


def column_name(doc: Document, meta: dict, title: str | None, segments: list[str] | None | bool = False) -> str | None:
    """The 栏目: the breadcrumb's last element that is not the page's own title, else ColumnName
    (``segments``: the breadcrumb when the caller has it already, None when the page has none)."""
    if segments is False:
        segments = breadcrumb(doc)
    if segments:
        norm_title = re.sub(r"\s+", "", title or "")
        for seg in reversed(segments):
            if seg in _SKIP_LAST or (norm_title and re.sub(r"\s+", "", seg) == norm_title):
                continue
            if seg in ("首页", "网站首页"):
                break
            return seg
    name = meta.get("ColumnName")
    return name or None
