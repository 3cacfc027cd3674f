"""Routing: a site path becomes a ``Page`` — the facts the page is meant to convey plus what to draw.

``route(as_of, model, path, query)`` is pure. The site's markup family (``model.skin``) owns the
URL templates; the handlers here turn a matched template into a page and refuse any URL that is
not the canonical one of its page (404, as a real CMS answers). ``Page.facts`` has the page-facts
shape of govspider/facts.py (see docs/sandbox.md for what each key means).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from typing import NamedTuple

from govspider.sandbox import content
from govspider.sandbox.families.routes import same_target
from govspider.sandbox.letter_layouts import letter_facts
from govspider.sandbox.markup import attachments, interpretation_date
from govspider.sandbox.model import Column, SiteModel, entry

HOME_ENTRIES = 6
LETTERS_PER_PAGE = 15
HOME_PATHS = ("/", "/index.html", "/index.htm", "/index.shtml")
JSON_RE = re.compile(r"^/([a-z]+)/list_(\d+)\.json$")


class Link(NamedTuple):
    """An undated row (guide index, sitemap): what ``rows`` needs of an entry."""
    title: str
    path: str


@dataclasses.dataclass
class Page:
    kind: str
    title: str | None
    column: str | None = None
    entries: list = dataclasses.field(default_factory=list)   # dated Entry objects (home: (column, Entry))
    undated: list = dataclasses.field(default_factory=list)   # undated rows (Entry or Link; home: (column, Entry))
    publish_date: dt.date | None = None
    guide: dict = dataclasses.field(default_factory=dict)
    letters: list = dataclasses.field(default_factory=list)   # Letter objects
    letter_detail: bool = False
    footer: bool = True
    view: str = "other"     # home | list | article | text | guide_list | guide | letter_list | letter | sitemap | … | raw
    data: dict = dataclasses.field(default_factory=dict)      # renderer extras (raw: "ctype", "body")
    status: int = 200

    def facts(self, model: SiteModel) -> dict:
        host, skin = model.host, model.skin
        entries, undated = self.entries, self.undated
        if self.view == "home":
            entries, undated = [e for _c, e in entries], [e for _c, e in undated]
        return {
            "kind": self.kind,
            "title": self.title,
            "column": self.column,
            "entries": [{"title": e.title, "url": f"http://{host}{e.path}", "date": e.date.isoformat()} for e in entries],
            "undated_entries": [{"title": e.title, "url": f"http://{host}{e.path}"} for e in undated],
            "publish_date": self.publish_date.isoformat() if self.publish_date else None,
            "guide": dict(self.guide),
            "letters": [letter_facts(model, l, f"http://{host}{skin.letter_path(model, l)}", self.letter_detail)
                        for l in self.letters],
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
    if path in HOME_PATHS and not query:
        return home(as_of, model)
    if path.startswith("/admin/"):
        return Page("other", "后台管理系统登录", footer=False, view="admin")
    m = JSON_RE.match(path)
    if m:
        col = next((c for c in model.columns if c.slug == m.group(1) and c.js), None)
        if col and int(m.group(2)) < col.pages and not query:
            return json_list(as_of, model, col, int(m.group(2)))
        return None
    skin = model.skin
    for route_, kind in skin.table:
        params = route_.match(path, query)
        if params is not None:
            page = HANDLERS[kind](as_of, model, params, path, query)
            if page is not None:
                return page
    return None


def home(as_of: dt.date, model: SiteModel) -> Page:
    dated, undated = [], []
    for col in model.columns:
        if col.static:
            continue
        rows = [(col, entry(model, col, i, as_of)) for i in range(min(HOME_ENTRIES, col.count))]
        (undated if col.undated else dated).extend(rows)
    return Page("home", model.site.name, entries=dated, undated=undated, view="home")


def list_page(as_of: dt.date, model: SiteModel, col: Column, page_no: int) -> Page:
    start = page_no * col.page_size
    rows = [entry(model, col, i, as_of) for i in range(start, min(col.count, start + col.page_size))]
    dated = not (col.undated or col.static)
    return Page("list", col.name, column=col.name, entries=rows if dated else [], undated=[] if dated else rows,
                view="list", data={"col": col, "page_no": page_no})


def json_list(as_of, model, col, page_no) -> Page:
    rows = list_page(as_of, model, col, page_no).entries
    body = json.dumps([{"title": e.title, "url": e.path, "date": e.date.isoformat()} for e in rows], ensure_ascii=False)
    return raw("application/json; charset=utf-8", body.encode("utf-8"))


def raw(ctype: str, body: bytes, headers: tuple = ()) -> Page:
    """A non-HTML response (JSON, XML, attachments): page_model is None for it."""
    return Page("other", None, footer=False, view="raw", data={"ctype": ctype, "body": body, "headers": headers})


# -- handlers: matched URL template -> Page (None: not a page of this site) --------------------

def _list(as_of, model, params, path, query):
    col = model.column_by_token(params.get("col") or params.get("colid", ""))
    if col is None or col is model.interp_column:
        return None
    page_no = model.skin.page_no(col.pages, params["page"]) if "page" in params else 0
    if col.static and not col.count:
        if page_no or not same_target(path, query, model.skin.list_path(model, col, 0)):
            return None
        return Page("article", col.name, column=col.name, view="text", data={"col": col})
    if not 0 <= page_no < col.pages or not same_target(path, query, model.skin.list_path(model, col, page_no)):
        return None
    return list_page(as_of, model, col, page_no)


def _article(as_of, model, params, path, query):
    col = model.column_by_token(params.get("col") or params.get("colid", ""))
    if col is None or query:
        return None
    doc_id = int(params["doc"]) - model.skin.doc_offset(model)
    if col is model.interp_column:
        return _interpretation(as_of, model, doc_id, path)
    index = doc_id - col.number * 100_000
    if not 0 <= index < col.count:
        return None
    e = entry(model, col, index, as_of)
    if e.path != path:
        return None
    return Page("article", e.title, column=col.name, publish_date=None if col.static else e.date, view="article",
                data={"entry": e, "col": col, "extras": tuple(col.extras.get(index, ())), "salt": e.doc_id})


def _interpretation(as_of, model, doc_id, path):
    for col in model.columns:
        index = doc_id - col.number * 100_000
        if col.category == "policy" and not col.static and 0 <= index < col.count:
            e = entry(model, col, index, as_of)
            if "no_interp" in col.extras.get(e.index, ()):
                return None
            date = interpretation_date(as_of, e)
            if model.skin.article_path(model, model.interp_column, date, doc_id) != path:
                return None
            title = f"《{e.title.split('《')[-1].split('》')[0]}》政策解读" if "《" in e.title else f"{e.title}解读"
            return Page("article", title, column="政策解读", publish_date=date, view="article",
                        data={"policy": e, "col": col, "interp": True, "extras": (), "salt": doc_id})
    return None


def _attachment(as_of, model, params, path, query):
    col = model.column_by_token(params.get("col") or params.get("colid", ""))
    if col is None or col is model.interp_column:
        return None
    index = int(params["doc"]) - model.skin.doc_offset(model) - col.number * 100_000
    if not 0 <= index < col.count:
        return None
    for p, name in attachments(model, col, entry(model, col, index, as_of)):
        if same_target(path, query, p):
            ctype, body = attachment_body(name.rsplit(".", 1)[1], index + col.number * 100_000)
            return raw(ctype, body, (("Content-Disposition", "attachment"),))
    return None


def _letters(as_of, model, params, path, query):
    box = model.skin.box_of(model, params)
    if box is None:
        return None
    name, letters = model.boxes[box]
    pages = max(1, -(-len(letters) // LETTERS_PER_PAGE))
    page_no = model.skin.page_no(pages, params["page"]) if "page" in params else 0
    if not 0 <= page_no < pages or not same_target(path, query, model.skin.letters_path(model, box, page_no, pages)):
        return None
    shown = letters[page_no * LETTERS_PER_PAGE:(page_no + 1) * LETTERS_PER_PAGE]
    return Page("interaction", name, column=name, letters=shown, view="letter_list",
                data={"box": box, "page_no": page_no, "pages": pages})


def _letter(as_of, model, params, path, query):
    boxes = [model.skin.box_of(model, params)] if ("box" in params or "boxid" in params) else list(model.boxes)
    for box in boxes:
        if box is None:
            continue
        for letter in model.boxes[box][1]:
            if str(letter.number) == params["id"] and same_target(path, query, model.skin.letter_path(model, letter)):
                return Page("interaction", letter.title, column=model.boxes[box][0], letters=[letter],
                            letter_detail=True, view="letter")
    return None


def _guides(as_of, model, params, path, query):
    if not model.guides or not same_target(path, query, model.skin.guides_path(model)):
        return None
    # an index of undated guide links: "other", so no analyzer mistakes it for a blank 栏目
    rows = [Link(g.item, model.skin.guide_path(model, g)) for g in model.guides]
    return Page("other", "办事服务", column="办事服务", undated=rows, view="guide_list")


def _guide(as_of, model, params, path, query):
    for g in model.guides:
        if model.skin.guide_token(model, g) == params["id"] and same_target(path, query, model.skin.guide_path(model, g)):
            return Page("guide", g.item, column="办事服务", guide=dict(g.fields), view="guide", data={"guide": g})
    return None


def _sitemap(as_of, model, params, path, query):
    if "sitemap" in model.footer_missing:
        return None
    skin = model.skin
    rows = [Link(c.name, skin.list_path(model, c, 0)) for c in model.columns]
    rows += [Link(n, skin.letters_path(model, b, 0, 1)) for b, (n, _l) in model.boxes.items()]
    if model.guides:
        rows.append(Link("办事服务", skin.guides_path(model)))
    return Page("other", "网站地图", undated=rows, view="sitemap")


def _privacy(as_of, model, params, path, query):
    return Page("other", "隐私声明", view="privacy") if model.privacy else None


def _annual(as_of, model, params, path, query):
    year = int(params["year"])
    if year not in model.annual_years or not same_target(path, query, model.skin.fixed_path(model, "annual", year=year)):
        return None
    return Page("article", f"{model.site.name}{year}年政府网站工作年度报表", column="年度报表",
                publish_date=dt.date(year + 1, 1, 20), view="annual", data={"year": year})


def _special(as_of, model, params, path, query):
    """A family's own non-page endpoint (Hanweb's jpage dataproxy, the hall's JSON API)."""
    return model.skin.special(as_of, model, params, path, query)


HANDLERS = {"list": _list, "article": _article, "attachment": _attachment, "letters": _letters, "letter": _letter,
            "guides": _guides, "guide": _guide, "sitemap": _sitemap, "privacy": _privacy, "annual": _annual,
            "special": _special}


def attachment_body(ext: str, doc_id: int) -> tuple[str, bytes]:
    """(content type, bytes) of a small but well-formed-looking attachment."""
    rng = content.stable_rng("attachment", doc_id)
    filler = rng.randbytes(2048)
    if ext == "pdf":
        return "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + filler + b"\n%%EOF\n"
    if ext == "doc":
        return "application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + filler
    return "application/vnd.ms-excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + filler


def site_paths(as_of: dt.date, model: SiteModel):
    """Every page and file of a site (``path[?query]``), in a stable order: what a visitor with a
    browser can reach, including list pages only a script pager links to. Tests walk it."""
    skin = model.skin
    yield "/"
    for col in model.columns:
        for page_no in range(1 if col.static and not col.count else col.pages):
            yield skin.list_path(model, col, page_no)
        for i in range(col.count):
            e = entry(model, col, i, as_of)
            yield e.path
            for path, _name in attachments(model, col, e):
                yield path
            if col.category == "policy" and not col.static and "no_interp" not in col.extras.get(i, ()):
                yield skin.article_path(model, model.interp_column, interpretation_date(as_of, e), e.doc_id)
    for box, (_name, letters) in model.boxes.items():
        pages = max(1, -(-len(letters) // LETTERS_PER_PAGE))
        for page_no in range(pages):
            yield skin.letters_path(model, box, page_no, pages)
        for letter in letters:
            yield skin.letter_path(model, letter)
    if model.guides:
        yield skin.guides_path(model)
        for g in model.guides:
            yield skin.guide_path(model, g)
    if "sitemap" not in model.footer_missing:
        yield skin.fixed_path(model, "sitemap")
    if model.privacy:
        yield skin.fixed_path(model, "privacy")
    for year in model.annual_years:
        yield skin.fixed_path(model, "annual", year=year)
