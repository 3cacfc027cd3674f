"""Pages behind script pagers: the list pages a CMS links only from JavaScript (分页脚本).

Many government CMSs print no pager markup at all; a script draws it after load, so a crawler that
runs no JavaScript sees page 1 of every column and nothing older. The calls name everything needed
to know the other pages, in a few well-known forms:

- TRS WCM: ``createPageHTML(7, 0, "index", "html")`` (or with ``countPage`` / ``currentPage``
  variables set just before, and sometimes a style name and a total after): pages ``index.html``,
  ``index_1.html`` … ``index_6.html`` beside the current one;
- 拓尔思 海云 (Hycloud): ``createPageHTML('page_div', 7, 1, 'index', 'shtml', 120)`` — the element id
  first, the current page 1-based: the same file names;
- 龙讯 lonsun: ``Ls.pagination(sel, function (pageIndex) { location.href = "/content/column/6791573?pageIndex="
  + pageIndex; }, {currPage: 1, pageCount: 12})``: the URL written before ``+ pageIndex``, pages 2 … N.

:func:`script_pages` turns such calls into ordinary link records (``script: true``), so the crawl
follows them like any pager link (:func:`script_pager_links`), and extraction knows the page is one
of several (a column list, even when it prints no date). Only these documented forms are read; a script the module
does not understand adds nothing (the page may still be rendered, crawling/render.py).
"""

from __future__ import annotations

import re

#: a pager never makes more than this many pages reachable from one list page (traps stay bounded)
MAX_SCRIPT_PAGES = 500

_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^()]*)\)")
_VAR_NUMBER = re.compile(r"\b(?:var|let|const)?\s*([A-Za-z_$][\w$]*)\s*=\s*(\d+)\s*[;,\n/]")
_LS_PAGINATION = re.compile(r"Ls\.pagination\s*\(")
_PAGE_COUNT = re.compile(r"pageCount\s*:\s*(\d+)")
_INDEX_TEMPLATE = re.compile(r"""["']([^"'\s]*[?&]pageIndex=)["']\s*\+\s*pageIndex""")
_FILE_PART = re.compile(r"^[\w.-]+$")


def script_pages(doc) -> list[dict]:
    """Link records (``{"url", "text", "hidden": False, "script": True}``) of every page the page's
    pager scripts would link to, the current page included when the pager names it; [] without a
    pager script this module reads."""
    blob = doc.script_blob
    if "createpagehtml" not in blob and "ls.pagination" not in blob:
        return []
    out: list[dict] = []
    for _ident, _src, text in doc.scripts:
        if not text or ("createPageHTML" not in text and "Ls.pagination" not in text):
            continue
        numbers = {name: int(value) for name, value in _VAR_NUMBER.findall(text)}
        for call in _CREATE_PAGE.finditer(text):
            out += _named_pages(doc, call.group(1), numbers)
        if _LS_PAGINATION.search(text):
            out += _indexed_pages(doc, text)
    return out


def script_pager_links(pages: list[dict], doc, links: list[dict]) -> list[dict]:
    """Of ``script_pages``: the pages not already linked (``links``) and not the page itself."""
    seen = {doc.url} | {link["url"] for link in links}
    added = []
    for link in pages:
        if link["url"] and link["url"] not in seen:
            seen.add(link["url"])
            added.append(link)
    return added


def _named_pages(doc, args: str, numbers: dict[str, int]) -> list[dict]:
    """TRS / Hycloud ``createPageHTML``: ``name.ext``, ``name_1.ext`` … for ``count`` pages."""
    parts = [a.strip() for a in args.split(",")]
    if len(parts) < 4 or "(" in args:
        return []  # the function's own definition (parameters, not values), or an unknown form
    values = [_value(p, numbers) for p in parts]
    if isinstance(values[0], str):  # Hycloud: the element id comes first
        values = values[1:]
    count, name, ext = values[0], values[2], values[3]
    if not isinstance(count, int) or not isinstance(name, str) or not isinstance(ext, str):
        return []
    if not (_FILE_PART.match(name) and _FILE_PART.match(ext)):
        return []
    count = min(count, MAX_SCRIPT_PAGES)
    files = [f"{name}.{ext}" if i == 0 else f"{name}_{i}.{ext}" for i in range(count)]
    return [_link(doc, file, i + 1) for i, file in enumerate(files)]


def _indexed_pages(doc, text: str) -> list[dict]:
    """lonsun ``Ls.pagination``: the URL before ``+ pageIndex``, for pages 2 … ``pageCount``."""
    count, template = _PAGE_COUNT.search(text), _INDEX_TEMPLATE.search(text)
    if not count or not template:
        return []
    last = min(int(count.group(1)), MAX_SCRIPT_PAGES)
    return [_link(doc, f"{template.group(1)}{i}", i) for i in range(2, last + 1)]


def _value(token: str, numbers: dict[str, int]):
    """A call argument: a quoted string, a number, or a variable set to a number in the script."""
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "'\"":
        return token[1:-1]
    if token.isdigit():
        return int(token)
    return numbers.get(token)


def _link(doc, href: str, number: int) -> dict:
    return {"url": doc.absolute(href), "text": f"第{number}页", "hidden": False, "script": True}
