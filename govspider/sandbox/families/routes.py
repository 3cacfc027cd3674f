"""URL templates of a markup family: one string both builds a URL and matches a request.

``Route("/col/col{colid:d}/index.html?uid={uid:d}&pageNum={page:d}")`` formats with
``route.url(colid=5, uid=9, page=2)`` and matches ``route.match(path, query)`` → the named values
(strings) or None. Placeholders: ``{x}`` one path segment, ``{x:d}`` digits, ``{x:p}`` a path of
lower-case segments (``zwgk/tzgg``). Query parameters are matched by name, in any order, as real
servers read them; a parameter the template does not name makes the URL unknown (404).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

_PLACEHOLDER = re.compile(r"\{(\w+)(?::([dp]))?\}")
_PATTERNS = {None: r"[^/?&]+", "d": r"\d+", "p": r"[a-z0-9_]+(?:/[a-z0-9_]+)*"}


class Route:
    __slots__ = ("template", "_fmt", "_path_re", "_query")

    def __init__(self, template: str):
        self.template = template
        path, _, query = template.partition("?")
        self._fmt = _PLACEHOLDER.sub(lambda m: "{" + m.group(1) + "}", template)
        regex, pos = [], 0
        for m in _PLACEHOLDER.finditer(path):
            regex.append(re.escape(path[pos:m.start()]))
            regex.append(f"(?P<{m.group(1)}>{_PATTERNS[m.group(2)]})")
            pos = m.end()
        regex.append(re.escape(path[pos:]))
        self._path_re = re.compile("^" + "".join(regex) + "$")
        self._query = []   # (name, placeholder name or None, literal value, value regex)
        for name, value in parse_qsl(query, keep_blank_values=True):
            m = _PLACEHOLDER.fullmatch(value)
            if m:
                self._query.append((name, m.group(1), None, re.compile(_PATTERNS[m.group(2)] + r"\Z")))
            else:
                self._query.append((name, None, value, None))

    def url(self, **values) -> str:
        return self._fmt.format(**values)

    def match(self, path: str, query: str) -> dict | None:
        m = self._path_re.match(path)
        if m is None:
            return None
        got = m.groupdict()
        if not self._query:
            return got if not query else None
        params = dict(parse_qsl(query, keep_blank_values=True))
        if len(params) != len(self._query):
            return None
        for name, slot, literal, value_re in self._query:
            value = params.get(name)
            if value is None:
                return None
            if slot is None:
                if value != literal:
                    return None
            elif value_re.match(value):
                got[slot] = value
            else:
                return None
        return got


def same_target(path: str, query: str, url: str) -> bool:
    """True when a request (path, query) asks for ``url`` (query parameters in any order)."""
    upath, _, uquery = url.partition("?")
    if upath != path:
        return False
    if not uquery and not query:
        return True
    return sorted(parse_qsl(uquery, keep_blank_values=True)) == sorted(parse_qsl(query, keep_blank_values=True))
