"""Every <a href> of a page with its absolute URL, text and whether a visitor can see it (暗链)."""

from __future__ import annotations

import re
from functools import lru_cache

from .document import Document, raw_text

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


@lru_cache(maxsize=4096)
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


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


@lru_cache(maxsize=256)
def hidden_selectors(style_text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(classes, ids) that simple <style> rules hide (``.x{display:none}``, ``#y{position:absolute;left:-9999px}``)."""
    classes, ids = set(), set()
    if not style_text:
        return frozenset(), frozenset()
    css = style_text.lower()
    if "/*" in css:
        css = _CSS_COMMENT.sub(" ", css)
    for rule in css.split("}"):
        if not ("none" in rule or "hidden" in rule or "-" in rule and (":-" in rule or ": -" in rule) or "font-size" in rule):
            continue
        selector, _, body = rule.rpartition("{")
        if not body or not style_hides(body):
            continue
        selector = selector.rsplit("{", 1)[-1]  # inside @media blocks
        for sel in selector.split(","):
            sm = _SIMPLE_SELECTOR.match(sel)
            if sm:
                (classes if sm.group(1) == "." else ids).add(sm.group(2))
    return frozenset(classes), frozenset(ids)  # cached: a site's pages share their <style>


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
    hidden_roots = [el for el in doc.root.xpath("//*[@style or @hidden]") if _el_hidden(el, (), ())]
    if classes:  # one pass over the classed elements, whatever the number of hiding rules
        hidden_roots += [el for el in doc.root.xpath("//*[@class]") if not classes.isdisjoint(el.get("class").split())]
    if ids:
        hidden_roots += [el for el in doc.root.xpath("//*[@id]") if el.get("id") in ids]
    hidden = set()
    for root in hidden_roots:
        if root not in hidden:
            hidden.update(root.iter())
    return [(a, a in hidden) for a in doc.root.iter("a")]


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
        url = doc.absolute(href)
        if not url or not url.startswith(("http://", "https://")):
            continue
        text = " ".join((raw_text(a) or "").split()) or (a.get("title") or "").strip()
        out.append({"url": url, "text": text, "hidden": hidden})
    return out
