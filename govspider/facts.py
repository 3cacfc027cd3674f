"""The page-facts object (contract in DESIGN.md): what extraction says about one page.

Contract keys: ``kind``, ``title``, ``footer``, ``entries``, ``publish_date``, ``guide``,
``letters``. govspider adds (additions are allowed by the contract, renames are not):

- ``column``: the 栏目 the page belongs to (breadcrumb, heading or navigation), or null;
- ``links``: every ``<a href>`` on the page as ``{"url": absolute, "text": anchor text,
  "hidden": bool}`` — ``hidden`` marks links a visitor cannot see (display:none, off-screen,
  zero size…), which is how 暗链 are planted;
- ``meta``: the 指引 meta tags present (``SiteIDCode``, ``SiteName``, ``ColumnName``, …);
- ``head_title``, ``redirects``, ``script_links``, ``camouflaged_links``: evidence of tampering
  (暗链, 恶意跳转, hijacked titles) — see govspider/extract/defacement.py.
- ``undated_entries``: ``[{"title", "url"}]`` linked rows of list blocks that print no date (capped);
- ``date_hints``: how many date-shaped strings (full dates and month-days) the visible text holds
  (counted on home, list and other pages and on articles without a publish date; null elsewhere);
- letters carry ``url``, ``status`` (as printed) and ``number`` (信件编号) when the page prints them.

Absent facts are null (scalars), [] or {}. Dates are ISO ``YYYY-MM-DD``.
"""

from __future__ import annotations

PAGE_KINDS = ("home", "list", "article", "guide", "interaction", "other")

#: 办事指南 elements under their canonical names, in display order
GUIDE_FIELDS = (
    "事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理机构",
    "收费标准", "办理时间", "联系电话", "办理流程", "承诺时限", "法定时限",
)

#: footer elements, as named by the ``footer.missing`` rule's ``element`` detail
FOOTER_ELEMENTS = ("conac", "jiucuo", "site_code", "sponsor", "contact", "icp", "police_record", "sitemap")

#: footer fact key that carries each footer element
FOOTER_FACT_OF_ELEMENT = {
    "conac": "conac", "jiucuo": "jiucuo", "site_code": "site_code", "sponsor": "sponsor",
    "contact": "phone", "icp": "icp", "police_record": "police_record", "sitemap": "sitemap",
}

FOOTER_KEYS = ("icp", "police_record", "site_code", "sponsor", "phone", "sitemap", "conac", "jiucuo")

ATTACHMENT_EXTENSIONS = (".doc", ".docx", ".pdf", ".xls", ".xlsx", ".wps", ".et", ".zip", ".rar", ".7z", ".ppt", ".pptx", ".txt", ".ofd")


def empty_facts() -> dict:
    """A page-facts object with every key present and nothing found."""
    return {
        "kind": "other",
        "title": None,
        "footer": {},
        "entries": [],
        "publish_date": None,
        "guide": {},
        "letters": [],
        "column": None,
        "links": [],
        "meta": {},
        "head_title": None,
        "redirects": [],
        "script_links": [],
        "camouflaged_links": [],
        "undated_entries": [],
        "date_hints": None,
    }


def is_attachment_url(url: str) -> bool:
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    return path.endswith(ATTACHMENT_EXTENSIONS)
