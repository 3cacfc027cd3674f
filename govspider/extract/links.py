"""Every <a href> of a page with its absolute URL, text and whether a visitor can see it (暗链)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from .document import Document

_HIDE_DECL = (
    re.compile(r"display\s*:\s*none"),
    re.compile(r"visibility\s*:\s*hidden"),
    re.compile(r"font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem)?\s*(?:;|$|!)"),
    re.compile(r"(?:left|top|right|text-indent|margin-left|margin-top)\s*:\s*-\s*\d{3,}"),
)
_POSITIONED = re.compile(r"position\s*:\s*(?:absolute|fixed)")
_OFFSCREEN = re.compile(r"(?:left|top|right)\s*:\s*-\s*\d{3,}")
_ZERO_BOX = re.compile(r"(?:^|;|\s)(?:height|width|max-height|max-width)\s*:\s*0(?:px)?\s*(?:;|$|!)")
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^\s*([#.])([\w-]+)\s*$")


def style_hides(style: str) -> bool:
    """True when an inline style (or CSS declaration block) makes content invisible."""
    s = style.lower()
    if "display" in s and _HIDE_DECL[0].search(s):
        return True
    if "visibility" in s and _HIDE_DECL[1].search(s):
        return True
    if "font-size" in s and _HIDE_DECL[2].search(s):
        return True
    if "-" in s and _OFFSCREEN.search(s) and _POSITIONED.search(s):
        return True
    if "text-indent" in s and re.search(r"text-indent\s*:\s*-\s*\d{3,}", s):
        return True
    if _ZERO_BOX.search(s) and _OVERFLOW_HIDDEN.search(s):
        return True
    return False


def hidden_selectors(style_text: str) -> tuple[set[str], set[str]]:
    """(classes, ids) that simple <style> rules hide (``.x{display:none}``, ``#y{position:absolute;left:-9999px}``)."""
    classes, ids = set(), set()
    if not style_text:
        return classes, ids
    for m in _RULE.finditer(style_text):
        if not style_hides(m.group(2)):
            continue
        for sel in m.group(1).split(","):
            sm = _SIMPLE_SELECTOR.match(sel)
            if sm:
                (classes if sm.group(1) == "." else ids).add(sm.group(2))
    return classes, ids


def _el_hidden(el, classes, ids) -> bool:
    style = el.get("style")
    if style and style_hides(style):
        return True
    if el.get("hidden") is not None:
        return True
    if classes:
        cls = el.get("class")
        if cls and any(c in classes for c in cls.split()):
            return True
    if ids:
        i = el.get("id")
        if i and i in ids:
            return True
    return False


def walk_anchors(doc: Document) -> list[tuple[object, bool]]:
    """(a element, hidden) for every <a> in document order, hidden inherited from ancestors."""
    classes, ids = hidden_selectors(doc.style_text)
    out = []
    stack = [(doc.root, False)]
    while stack:
        el, hidden = stack.pop()
        if not isinstance(el.tag, str):
            continue
        h = hidden or _el_hidden(el, classes, ids)
        if el.tag == "a":
            out.append((el, h))
        children = list(el)
        for child in reversed(children):
            stack.append((child, h))
    return out


def link_records(doc: Document, anchors) -> list[dict]:
    """The ``links`` fact: http(s) targets only (javascript:, mailto: and bare # are not links to check)."""
    out = []
    for a, hidden in anchors:
        href = (a.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        low = href[:11].lower()
        if low.startswith(("javascript", "mailto:", "tel:", "data:", "about:")):
            continue
        href = re.sub(r"\s+", "", href) if ("\n" in href or "\r" in href or "\t" in href) else href
        try:
            url = urljoin(doc.base_url, href)
        except ValueError:
            continue
        url = url.split("#", 1)[0]
        if not url.startswith(("http://", "https://")):
            continue
        text = " ".join((a.text_content() or "").split()) or (a.get("title") or "").strip()
        out.append({"url": url, "text": text, "hidden": hidden})
    return out
