"""Evidence of tampering (暗链/挂马/恶意跳转) that the other extractors do not give.

``defacement_facts(doc)`` adds four page facts (additions to the page-facts contract):

- ``head_title``: the ``<title>`` text as the page carries it (``title`` is the headline a reader
  sees; a hijacked title for search engines lives here);
- ``redirects``: ``[{"url", "how": "script"|"meta", "conditional": bool}]`` — where the page
  sends its visitors by itself: ``location.href = "…"``, ``location.replace("…")`` in an inline
  script (a ``window.open`` behind a button, such as the 找错 badge's, is not), or ``<meta
  http-equiv="refresh" content="0;url=…">``; ``conditional`` when the script looks at
  ``document.referrer`` or ``navigator.userAgent`` and names a search engine or spider (the
  cloaking of injected redirects: only visitors from a search engine are sent away);
- ``script_links``: ``[{"url", "text", "hidden"}]`` — ``<a href>`` written by the
  ``document.write`` strings of inline scripts (injected link blocks often arrive that way);
  ``hidden`` when the written markup hides them (a ``style`` that hides, as for ``links``);
- ``camouflaged_links``: ``[{"url", "text", "how"}]`` — links the ``hidden`` flag of ``links``
  misses: text in the background colour (``color`` equal to the nearest ``background-color`` /
  ``bgcolor`` of an ancestor, or of the page when it says its own), a font size of 0–1 px, a
  0–1 px box with ``overflow:hidden``.

Only inline styles and presentational attributes are read (no stylesheet cascade); what they do
not show stays unflagged rather than guessed.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin

from .document import Document, raw_text
from .links import style_hides

#: ``[window.|top.|document.]location[.href] = "…"`` and ``location.replace("…")`` (the object
#: before ``location`` does not matter, so the pattern starts at the word itself)
_REDIRECT = re.compile(
    r"""location(?:\s*\.\s*href)?\s*=\s*["']([^"'\s]+)["']|location\s*\.\s*(?:replace|assign)\s*\(\s*["']([^"'\s]+)["']""",
    re.I,
)
#: cloaking: the script looks at where the visitor comes from (or who it is) and names a search engine
_CONDITION = re.compile(r"document\s*\.\s*referrer|navigator\s*\.\s*useragent", re.I)
_SEARCH_ENGINE = re.compile(r"baidu|google|sogou|so\.com|bing|sm\.cn|yahoo|youdao|soso|spider|bot\b|360", re.I)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s;]+)", re.I)
_WRITE = re.compile(r"""document\s*\.\s*write(?:ln)?\s*\(\s*(["'])(.*?)(?<!\\)\1\s*\)""", re.I | re.S)
_SCRIPT_ANCHOR = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)[^>]*>(.*?)</a>""", re.I | re.S)
_STYLE_ATTR = re.compile(r"""style\s*=\s*["']([^"']*)["']""", re.I)
_TAGS = re.compile(r"<[^>]+>")
_COLOR = re.compile(r"(?:^|;)\s*color\s*:\s*([^;!]+)", re.I)
_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*([^;!]+)", re.I)
_TINY_FONT = re.compile(r"font-size\s*:\s*(?:0|1)(?:\.0+)?\s*(?:px|pt)?\s*(?:;|$|!)", re.I)
_TINY_BOX = re.compile(r"(?:^|;)\s*(?:height|width)\s*:\s*[01](?:px)?\s*(?:;|$|!)", re.I)
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden", re.I)
_HEX = re.compile(r"#([0-9a-f]{3}|[0-9a-f]{6})\b", re.I)
_RGB = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})", re.I)
#: CSS colour keywords a page is likely to use to hide text (the rest are not guessed)
_NAMED = {"white": (255, 255, 255), "black": (0, 0, 0), "red": (255, 0, 0), "green": (0, 128, 0),
          "blue": (0, 0, 255), "gray": (128, 128, 128), "grey": (128, 128, 128), "silver": (192, 192, 192),
          "yellow": (255, 255, 0), "navy": (0, 0, 128), "maroon": (128, 0, 0), "transparent": None}
#: colours closer than this (sum of channel differences) read as the same to a visitor
_SAME_COLOUR = 24


def defacement_facts(doc: Document) -> dict:
    """``{"head_title", "redirects", "script_links", "camouflaged_links"}`` of one parsed page."""
    title = doc.root.find("head/title")  # the parser puts <title> in <head>; no walk of the tree
    return {"head_title": " ".join(raw_text(title).split()) if title is not None else None,
            "redirects": redirects(doc), "script_links": script_links(doc),
            "camouflaged_links": camouflaged_links(doc)}


def redirects(doc: Document) -> list[dict]:
    out, seen = [], set()
    for _ident, _src, body in doc.scripts:
        if not body or "location" not in body:
            continue
        conditional = None
        for m in _REDIRECT.finditer(body):
            url = _absolute(doc, next(g for g in m.groups() if g))
            if url and url not in seen:
                if conditional is None:
                    conditional = bool(_CONDITION.search(body) and _SEARCH_ENGINE.search(body))
                seen.add(url)
                out.append({"url": url, "how": "script", "conditional": conditional})
    head = doc.root.find("head")
    for el in head.iter("meta") if head is not None else ():
        if (el.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        m = _REFRESH_URL.search(el.get("content") or "")
        url = _absolute(doc, m.group(1)) if m else None
        if url and url not in seen:
            seen.add(url)
            out.append({"url": url, "how": "meta", "conditional": False})
    return out


def script_links(doc: Document) -> list[dict]:
    out = []
    for _ident, _src, body in doc.scripts:
        if not body or "href" not in body.lower():
            continue
        for written in _WRITE.finditer(body):
            markup = written.group(2).replace("\\'", "'").replace('\\"', '"')
            hidden = any(style_hides(style) for style in _STYLE_ATTR.findall(markup))
            for m in _SCRIPT_ANCHOR.finditer(markup):
                url = _absolute(doc, unescape(m.group(1)))
                if url:
                    out.append({"url": url, "text": " ".join(unescape(_TAGS.sub("", m.group(2))).split()),
                                "hidden": hidden})
    return out


def camouflaged_links(doc: Document) -> list[dict]:
    # only links under an element that sets a text colour or a 0–1 px size can be camouflaged
    # this way: find those elements first (one XPath pass), then judge the links under them
    setters = [el for el in doc.root.iter() if (el.get("style") or el.tag == "font") and _sets_camouflage(el)]
    if not setters:
        return []
    anchors = {}
    for el in setters:
        for a in (el.iter("a") if el.tag != "a" else (el,)):
            anchors.setdefault(a, None)
    page = _Lazy(lambda: _page_background(doc))
    out = []
    for a in anchors:
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript", "mailto:")):
            continue
        how = _camouflage(a, page)
        if how:
            url = _absolute(doc, href)
            if url:
                out.append({"url": url, "text": " ".join(raw_text(a).split()), "how": how})
    return out


def _sets_camouflage(el) -> bool:
    if el.tag == "font" and el.get("color"):
        return True
    style = (el.get("style") or "").lower()
    return bool("color" in style and _COLOR.search(style) or "font-size" in style and _TINY_FONT.search(style)
                or "overflow" in style and _TINY_BOX.search(style) and _OVERFLOW_HIDDEN.search(style))


class _Lazy:
    """A value computed on first use (the page background is rarely needed)."""

    def __init__(self, make):
        self.make, self.done, self.value = make, False, None

    def get(self):
        if not self.done:
            self.value, self.done = self.make(), True
        return self.value


def _page_background(doc: Document):
    """The page's background colour when the page itself says it (``<body bgcolor>``, an inline
    style, a ``body{background…}`` rule), else None: an unknown background is never guessed."""
    body = doc.root.find("body")
    if body is not None:
        colour = _parse_colour(_first(_BACKGROUND, body.get("style") or "") or body.get("bgcolor"))
        if colour is not None:
            return colour
    css = doc.style_text or ""  # selectors are lower-case in practice; the declarations' regexes ignore case
    at = css.find("body")
    while at >= 0:
        open_, close = css.find("{", at), css.find("}", at)
        selector_start = at == 0 or css[at - 1] in " ,}\n\t\r"
        if selector_start and 0 <= open_ < close and not css[at + 4:open_].strip(" ,\n\thtml"):
            colour = _parse_colour(_first(_BACKGROUND, css[open_ + 1:close]))
            if colour is not None:
                return colour
        at = css.find("body", at + 4)
    return None


def _camouflage(a, page_background: _Lazy) -> str | None:
    """How the link is made invisible without display/visibility/off-screen tricks, or None."""
    colour = background = None
    for el in (a, *a.iterancestors()):
        style = el.get("style") or ""
        if style:
            if _TINY_FONT.search(style):
                return "tiny"
            if _TINY_BOX.search(style) and _OVERFLOW_HIDDEN.search(style):
                return "tiny"
        if colour is None:
            colour = _parse_colour(_first(_COLOR, style) or (el.get("color") if el.tag == "font" else None))
        if background is None:
            background = _parse_colour(_first(_BACKGROUND, style) or el.get("bgcolor"))
        if colour is not None and background is not None:
            break
    if colour is None:
        return None
    background = background or page_background.get()
    if background is None:
        return None
    if sum(abs(x - y) for x, y in zip(colour, background)) < _SAME_COLOUR:
        return "colour"
    return None


def _first(pattern: re.Pattern, text: str) -> str | None:
    m = pattern.search(text or "")
    return m.group(1).strip() if m else None


def _parse_colour(value: str | None):
    if not value:
        return None
    value = value.strip().lower()
    m = _HEX.search(value)
    if m:
        h = m.group(1)
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))
    m = _RGB.search(value)
    if m:
        return tuple(min(255, int(x)) for x in m.groups())
    return _NAMED.get(value.split()[0]) if value.split() else None


def _absolute(doc: Document, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "javascript", "mailto:")):
        return None
    try:
        url = urljoin(doc.base_url, href)
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None
