"""Routing: a site path becomes a ``Page`` — the facts the page is meant to convey plus what to draw.

``route(province, model, path, query)`` is pure. ``Page.facts`` has the page-facts shape of
govspider/facts.py (kind, title, column, entries, publish_date, guide, letters, footer); markup.py
draws ``Page`` in the site's CMS family.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from urllib.parse import parse_qs

from govspider.sandbox import content
from govspider.sandbox.model import Column, SiteModel, entry

HOME_ENTRIES = 6
ARTICLE_RE = re.compile(r"^/([a-z]+)/(\d{6})/t(\d{8})_(\d+)\.(s?html)$")
ATTACH_RE = re.compile(r"^/([a-z]+)/(\d{6})/P0(\d+)_(\d)\.(doc|pdf|xls)$")
LIST_RE = re.compile(r"^/([a-z]+)/(?:index(?:_(\d+))?\.html)?$")
JSON_RE = re.compile(r"^/([a-z]+)/list_(\d+)\.json$")
LETTER_LIST_RE = re.compile(r"^/hdjl/([a-z]+)/(?:index(?:_(\d+))?\.html)?$")
LETTER_RE = re.compile(r"^/hdjl/([a-z]+)/(\d+)\.html$")
GUIDE_RE = re.compile(r"^/bsfw/zn_(\d+)\.html$")
ATTACH_EXTS = ("pdf", "doc", "xls")


@dataclasses.dataclass
class Page:
    kind: str
    title: str | None
    column: str | None = None
    entries: list = dataclasses.field(default_factory=list)   # Entry objects (home: (column, Entry))
    publish_date: dt.date | None = None
    guide: dict = dataclasses.field(default_factory=dict)
    letters: list = dataclasses.field(default_factory=list)  # Letter objects
    letter_detail: bool = False
    footer: bool = True
    view: str = "other"     # home | list | article | guide_list | guide | letter_list | letter | text
    data: dict = dataclasses.field(default_factory=dict)     # renderer extras
    status: int = 200

    def facts(self, model: SiteModel) -> dict:
        entries = self.entries
        if self.view == "home":
            entries = [e for _col, e in entries]
        return {
            "kind": self.kind,
            "title": self.title,
            "column": self.column,
            "entries": [{"title": e.title, "url": f"http://{model.host}{e.path}", "date": e.date.isoformat()}
                        for e in entries],
            "publish_date": self.publish_date.isoformat() if self.publish_date else None,
            "guide": dict(self.guide),
            "letters": [{"title": l.title, "asked": l.asked.isoformat(),
                         "replied": l.replied.isoformat() if l.replied else None,
                         "reply": (l.reply if self.letter_detail else None)} for l in self.letters],
            "footer": footer_facts(model) if self.footer else {},
        }


def footer_facts(model: SiteModel) -> dict:
    missing = model.footer_missing
    return {
        "icp": None if "icp" in missing else model.icp,
        "police_record": None if "police_record" in missing else model.police,
        "site_code": None if "site_code" in missing else model.code,
        "sponsor": None if "sponsor" in missing else model.sponsor,
        "phone": None if "contact" in missing else model.phone,
        "sitemap": "sitemap" not in missing,
        "conac": "conac" not in missing,
        "jiucuo": "jiucuo" not in missing,
    }


def route(as_of: dt.date, model: SiteModel, path: str, query: str) -> Page | None:
    """The page at ``path`` (+ ``query``) of one site, or None (404)."""
    q = parse_qs(query)
    if path in ("/", "/index.html", "/index.htm"):
        return home(as_of, model)
    if path == "/sitemap.html":
        return None if "sitemap" in model.footer_missing else Page("other", "网站地图", view="sitemap")
    if path == "/privacy.html":
        return Page("other", "隐私声明", view="privacy") if model.privacy else None
    m = re.match(r"^/ndbb/(\d{4})\.html$", path)
    if m:
        year = int(m.group(1))
        if year not in model.annual_years:
            return None
        return Page("article", f"{model.site.name}{year}年政府网站工作年度报表", column="年度报表",
                    publish_date=dt.date(year + 1, 1, 20), view="annual", data={"year": year})
    if path.startswith("/admin/"):
        return Page("other", "后台管理系统登录", footer=False, view="admin")
    m = ARTICLE_RE.match(path)
    if m:
        return article(as_of, model, m)
    m = JSON_RE.match(path)
    if m:
        col = model.column(m.group(1))
        if col and col.js and int(m.group(2)) < col.pages:
            return list_page(as_of, model, col, int(m.group(2)), json=True)
        return None
    m = LETTER_LIST_RE.match(path)
    if m and m.group(1) in model.boxes:
        return letter_list(model, m.group(1), int(m.group(2) or 0))
    m = LETTER_RE.match(path)
    if m and m.group(1) in model.boxes:
        for letter in model.boxes[m.group(1)][1]:
            if letter.number == int(m.group(2)):
                return Page("interaction", letter.title, column=model.boxes[m.group(1)][0], letters=[letter],
                            letter_detail=True, view="letter")
        return None
    if path in ("/bsfw/", "/bsfw/index.html") and model.guides:
        # an index of undated guide links: "other", so no analyzer mistakes it for a blank 栏目
        return Page("other", "办事服务", column="办事服务", view="guide_list")
    m = GUIDE_RE.match(path)
    if m:
        for g in model.guides:
            if g.number == int(m.group(1)):
                return Page("guide", g.item, column="办事服务", guide=dict(g.fields), view="guide")
        return None
    m = LIST_RE.match(path)
    if m:
        col = model.column(m.group(1))
        if col is None:
            return None
        page_no = int(m.group(2) or 0)
        if model.family == "table" and "page" in q:
            page_no = int(q["page"][0]) - 1 if q["page"][0].isdigit() else -1
        if 0 <= page_no < col.pages:
            return list_page(as_of, model, col, page_no)
    return None


def home(as_of: dt.date, model: SiteModel) -> Page:
    entries = []
    for col in model.columns:
        for i in range(min(HOME_ENTRIES, col.count)):
            entries.append((col, entry(model, col, i, as_of)))
    return Page("home", model.site.name, entries=entries, view="home")


def list_page(as_of: dt.date, model: SiteModel, col: Column, page_no: int, json: bool = False) -> Page:
    start = page_no * col.page_size
    entries = [entry(model, col, i, as_of) for i in range(start, min(col.count, start + col.page_size))]
    return Page("list", col.name, column=col.name, entries=entries, view="json" if json else "list",
                footer=not json, data={"col": col, "page_no": page_no})


def article(as_of: dt.date, model: SiteModel, m: re.Match) -> Page | None:
    slug, doc_id = m.group(1), int(m.group(4))
    interp = slug == "zcjd"
    if interp:
        found = _find_policy(as_of, model, doc_id)
        if not found:
            return None
        col, e = found
        if "no_interp" in col.extras.get(e.index, ()):
            return None
        date = min(as_of, e.date + dt.timedelta(days=1 + doc_id % 3))
        expected = f"/zcjd/{date:%Y%m}/t{date:%Y%m%d}_{doc_id}.html"
        if m.group(0) != expected:
            return None
        title = f"《{e.title.split('《')[-1].split('》')[0]}》政策解读" if "《" in e.title else f"{e.title}解读"
        return Page("article", title, column="政策解读", publish_date=date, view="article",
                    data={"policy": e, "col": col, "interp": True, "extras": ()})
    col = model.column(slug)
    if col is None:
        return None
    index = doc_id - col.number * 100_000
    if not 0 <= index < col.count:
        return None
    e = entry(model, col, index, as_of)
    if e.path != m.group(0):
        return None
    return Page("article", e.title, column=col.name, publish_date=e.date, view="article",
                data={"entry": e, "col": col, "extras": tuple(col.extras.get(index, ()))})


def _find_policy(as_of, model, doc_id):
    for col in model.columns:
        if col.category == "policy" and 0 <= doc_id - col.number * 100_000 < col.count:
            return col, entry(model, col, doc_id - col.number * 100_000, as_of)
    return None


def interpretation_path(as_of: dt.date, e) -> str:
    date = min(as_of, e.date + dt.timedelta(days=1 + e.doc_id % 3))
    return f"/zcjd/{date:%Y%m}/t{date:%Y%m%d}_{e.doc_id}.html"


def attachments(model: SiteModel, col: Column, e) -> list[tuple[str, str]]:
    """(path, file name) of the working attachments of an article: every third notice/policy item."""
    if col.category not in ("notice", "policy") or e.index % 3:
        return []
    ext = ATTACH_EXTS[e.doc_id % 3]
    return [(f"/{col.slug}/{e.date:%Y%m}/P0{e.doc_id}_1.{ext}", f"{e.title[:20]}.{ext}")]


def broken_attachment_path(e) -> str:
    return f"/uploads/{e.date:%Y%m}/{e.doc_id}_fj.pdf"


def letter_list(model: SiteModel, box: str, page_no: int) -> Page | None:
    name, letters = model.boxes[box]
    size = 15
    pages = max(1, -(-len(letters) // size))
    if not 0 <= page_no < pages:
        return None
    shown = letters[page_no * size:(page_no + 1) * size]
    return Page("interaction", name, column=name, letters=shown, view="letter_list",
                data={"box": box, "page_no": page_no, "pages": pages})


def attachment_body(ext: str, doc_id: int) -> tuple[str, bytes]:
    """(content type, bytes) of a small but well-formed-looking attachment."""
    rng = content.stable_rng("attachment", doc_id)
    filler = rng.randbytes(2048)
    if ext == "pdf":
        return "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + filler + b"\n%%EOF\n"
    if ext == "doc":
        return "application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + filler
    return "application/vnd.ms-excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + filler
