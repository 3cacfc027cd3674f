"""Bounded work per input (有界处理): caps on every page fact, and parsing that survives deep nesting.

A page anyone can edit may carry a 200,000-character letter title, 100,000 links or a tag nested
10,000 deep. Whatever extraction reads off a page, :func:`bound_facts` cuts before anything else
works on it (page analyzers, the store, the index): every string to ``FACT_MAX_CHARS`` (or its
field's own cap in ``FIELD_MAX_CHARS``), every list to ``FACT_MAX_ITEMS`` (``FIELD_MAX_ITEMS``),
every mapping to ``FACT_MAX_KEYS`` keys — unknown future fields included. The page record says
which fields were cut (``capped``).

libxml2 stops reading a document nested deeper than 2,048 elements and drops the rest of the
page (a defacement placed after a deep nest went unseen). :func:`flatten_deep_nesting` removes
the start and end tags beyond ``MAX_NESTING`` levels in one linear pass — text and links inside
stay, only the excess structure goes — and extraction parses the page again with it.
"""

from __future__ import annotations

import re

#: longest string kept in page facts, by field name, in characters (default FACT_MAX_CHARS)
FIELD_MAX_CHARS = {"title": 500, "url": 2048, "text": 300, "asked": 40, "replied": 40, "date": 40,
                   "publish_date": 40, "kind": 40, "status": 100, "number": 100}
FACT_MAX_CHARS = 5000
#: longest list kept, by field name (default FACT_MAX_ITEMS)
FIELD_MAX_ITEMS = {"letters": 1000, "entries": 3000, "undated_entries": 3000, "links": 5000}
FACT_MAX_ITEMS = 5000
FACT_MAX_KEYS = 200
#: deepest element nesting handed to the parser (libxml2 gives up past 2,048)
MAX_NESTING = 1000

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})\b[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_RAW = frozenset(("script", "style", "textarea", "title"))
#: never removed, however deep (links are what defacement checks read; they cannot nest themselves)
_KEEP = frozenset(("a", "iframe", "script", "style", "title", "meta", "base"))


def bound_facts(facts: dict) -> list[str]:
    """Cut ``facts`` in place to the caps above; returns the names of the fields that were cut."""
    capped: list[str] = []
    if isinstance(facts, dict):
        _bound_dict(facts, "facts", capped)
    return sorted(set(capped))


def _bound_dict(data: dict, name: str, capped: list[str]) -> None:
    if len(data) > FACT_MAX_KEYS:
        for key in list(data)[FACT_MAX_KEYS:]:
            del data[key]
        capped.append(name)
    for key, value in list(data.items()):
        data[key] = _bound(value, str(key), capped)


def _bound(value, name: str, capped: list[str]):
    if isinstance(value, str):
        limit = FIELD_MAX_CHARS.get(name, FACT_MAX_CHARS)
        if len(value) > limit:
            capped.append(name)
            return value[:limit]
        return value
    if isinstance(value, list):
        limit = FIELD_MAX_ITEMS.get(name, FACT_MAX_ITEMS)
        if len(value) > limit:
            capped.append(name)
            del value[limit:]
        for i, item in enumerate(value):
            value[i] = _bound(item, name, capped)
        return value
    if isinstance(value, dict):
        _bound_dict(value, name, capped)
    return value


def flatten_deep_nesting(html: str, max_depth: int = MAX_NESTING) -> str:
    """``html`` without the start and end tags of elements nested deeper than ``max_depth`` (linear)."""
    stack: list[tuple[str, bool]] = []  # (tag, dropped)
    drop: list[tuple[int, int]] = []
    raw_until = None
    for match in _TAG.finditer(html):
        closing, tag, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if raw_until is not None:  # inside <script>/<style>: only its end tag counts
            if closing and tag == raw_until:
                raw_until = None
                if stack:
                    _, dropped = stack.pop()
                    if dropped:
                        drop.append(match.span())
            continue
        if tag in _VOID or self_closing:
            continue
        if not closing:
            dropped = len(stack) >= max_depth and tag not in _KEEP
            stack.append((tag, dropped))
            if dropped:
                drop.append(match.span())
            if tag in _RAW:
                raw_until = tag
            continue
        for depth in range(len(stack) - 1, max(-1, len(stack) - 64), -1):  # lenient: close the nearest match
            if stack[depth][0] == tag:
                if stack[depth][1]:
                    drop.append(match.span())
                del stack[depth:]
                break
    if not drop:
        return html
    out, last = [], 0
    for start, end in drop:
        out.append(html[last:start])
        last = end
    out.append(html[last:])
    return "".join(out)
