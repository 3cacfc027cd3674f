"""The markup-family interface: where a site's pages live (URL templates) and how they are drawn.

A family is one CMS's way of printing a government site. ``Family`` holds what they share: the
URL builders and route table (templates in ``routes``, one string both builds and matches), the
draw of a site's layout choices from the seed (``draw_styles``), and a plain default for every
part of a page. Each family module overrides what its CMS prints differently.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from govspider.sandbox import markup
from govspider.sandbox.families.dates import fmt_date
from govspider.sandbox.families.routes import Route
from govspider.sandbox.guide_layouts import draw_labels, guide_html
from govspider.sandbox.letter_layouts import detail_html, list_html


@lru_cache(maxsize=8192)
def _date_vars(d) -> dict:
    """The date placeholders of URL templates (strftime is ten times slower than this)."""
    y, m, dd = d.year, f"{d.month:02d}", f"{d.day:02d}"
    return {"y": y, "m": d.month, "d": d.day, "mm": m, "dd": dd, "ym": f"{y}{m}", "ymd": f"{y}{m}{dd}", "ymdash": f"{y}-{m}"}


STATUS_WORDS = (("已办结", "办理中"), ("已回复", "待回复"), ("已答复", "处理中"), ("已办结", "正在办理"))
PLACEHOLDERS = ("（尚未回复）", "待回复", "正在办理中", "处理中", "")


class Family:
    name = "base"
    cms = ""                       # the real CMS / sites this family follows
    routes: dict = {}              # route key -> URL template (key digits ignored by the router)
    groups: dict = {}              # column category -> parent directory ("" = none)
    list_date_styles = ("iso",)
    article_date_styles = ("iso",)
    guide_layouts = ("label_table",)
    material_tables = 0.5          # chance a table-capable guide layout draws 办理材料 as a table
    label_variety = 0.35           # chance a guide label is a synonym, not the canonical word
    letter_lists = ("table",)
    letter_details = ("table",)
    detail_status = 0.5            # chance letter detail pages print a 办理状态 row
    status_words = STATUS_WORDS
    placeholders = PLACEHOLDERS
    relative_links = False         # list pages link their rows relative to the list (./…, ../…)
    list_open, list_close = '<ul class="list">', "</ul>"     # the list block of ``rows``
    date_open, date_close = '<span class="date">', "</span>"  # around a row's date
    link_attrs = ""                # e.g. ' target="_blank"' on row links

    def __init__(self):
        self.R = {key: Route(t) for key, t in self.routes.items()}
        self.table = [(route, key.rstrip("0123456789")) for key, route in self.R.items()]

    # -- the site's drawn choices -------------------------------------------------------------
    def draw_styles(self, model, rng) -> None:
        model.date_style = rng.choice(self.list_date_styles)
        model.styles = {
            "article_date": rng.choice(self.article_date_styles),
            "guide_layout": rng.choice(self.guide_layouts),
            "materials_table": rng.random() < self.material_tables,
            "labels": draw_labels(rng, self.label_variety),
            "letter_list": rng.choice(self.letter_lists),
            "letter_detail": rng.choice(self.letter_details),
            "detail_status": rng.random() < self.detail_status,
            "status_words": rng.choice(self.status_words),
            "placeholder": rng.choice(self.placeholders),
            "variant": rng.randint(0, 99),
        }

    # -- URLs ---------------------------------------------------------------------------------
    def colid(self, model, col) -> int:
        return model.id_base + col.number

    def col_vars(self, model, col) -> dict:
        group = self.groups.get(col.category, "")
        return {"col": f"{group}/{col.slug}" if group else col.slug, "colid": self.colid(model, col), "slug": col.slug}

    def col_keys(self, model, col) -> tuple:
        v = self.vars_of(model, col)
        return (str(v["col"]), str(v["colid"]))

    def page_param(self, pages: int, page_no: int) -> int:
        return page_no

    def page_no(self, pages: int, param: str) -> int:
        return int(param)

    def doc_offset(self, model) -> int:
        return 0

    date_vars = staticmethod(_date_vars)

    def vars_of(self, model, col) -> dict:
        """``col_vars`` of a column, computed once per site and column."""
        memo = model.memo
        v = memo.get(col)
        if v is None:
            v = memo[col] = self.col_vars(model, col)
        return v

    def list_path(self, model, col, page_no: int) -> str:
        if page_no == 0:
            return self.R["list0"].url(**self.vars_of(model, col))
        return self.R["list"].url(page=self.page_param(col.pages, page_no), **self.vars_of(model, col))

    def article_path(self, model, col, date, doc_id: int) -> str:
        return self.R["article"].url(doc=doc_id + self.doc_offset(model), **self.vars_of(model, col), **self.date_vars(date))

    def attachment_path(self, model, col, e, ext: str) -> str:
        return self.R["attachment"].url(doc=e.doc_id + self.doc_offset(model), ext=ext, **self.vars_of(model, col),
                                        **self.date_vars(e.date))

    def site_vars(self, model) -> dict:
        """Ids a family may print in fixed URLs: the site's id and its guide column's id."""
        return {"siteid": model.id_base, "gid": model.id_base + 80}

    def box_vars(self, model, box: str) -> dict:
        return {"box": box, "boxid": model.id_base + 90 + list(model.boxes).index(box), **self.site_vars(model)}

    def box_of(self, model, params: dict) -> str | None:
        for box in model.boxes:
            v = self.box_vars(model, box)
            if ("box" in params and str(v["box"]) == params["box"]) or ("boxid" in params and str(v["boxid"]) == params["boxid"]):
                return box
        return None

    def letters_path(self, model, box: str, page_no: int, pages: int) -> str:
        if page_no == 0:
            return self.R["letters0"].url(**self.box_vars(model, box))
        return self.R["letters"].url(page=self.page_param(pages, page_no), **self.box_vars(model, box))

    def letter_path(self, model, letter) -> str:
        return self.R["letter"].url(id=letter.number, **self.box_vars(model, letter.box), **self.date_vars(letter.asked))

    def guide_token(self, model, guide) -> str:
        return str(guide.number)

    def guides_path(self, model) -> str:
        return self.R["guides"].url(**self.site_vars(model))

    def guide_path(self, model, guide) -> str:
        return self.R["guide"].url(id=self.guide_token(model, guide), **self.site_vars(model))

    def fixed_path(self, model, key: str, **values) -> str:
        return self.R[key].url(**values, **self.site_vars(model))

    def special(self, as_of, model, params: dict, path: str, query: str):
        """A family's own endpoint (``special`` routes): a raw Page, or None."""
        return None

    @staticmethod
    def relative(from_path: str, to_path: str) -> str:
        """``to_path`` as a document-relative link from the page at ``from_path`` (./ and ../ forms)."""
        here = from_path.rsplit("/", 1)[0].split("/")[1:]
        there = to_path.split("/")[1:]
        common = 0
        while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
            common += 1
        up = len(here) - common
        return ("../" * up if up else "./") + "/".join(there[common:])

    # -- the document ---------------------------------------------------------------------------
    def doc_title(self, model, page) -> str:
        return page.title if page.view == "home" else f"{page.title}_{model.site.name}"

    def render(self, model, page, as_of, links) -> str:
        """The whole document. Parts every page of a site shares are drawn once (the model is not
        changed once pages are served)."""
        shared = model.drawn
        if not shared:
            shared.update(header=self.header(model), nav=self.nav(model), footer=self.footer(model))
        out = [markup.head(model, page, self.doc_title(model, page)), shared["header"]]
        if page.view != "admin":
            out.append(shared["nav"])
        if page.column and page.view != "home":
            out.append(self.crumb(model, page))
        out.append(getattr(self, "body_" + page.view)(model, page, as_of, links))
        if page.footer:
            out.append(shared["footer"])
        out.append(self.tail(model))
        return "".join(out)

    def tail(self, model) -> str:
        return "</body></html>\n"

    def header(self, model) -> str:
        return f'<div class="header"><div class="logo"><a href="/">{escape(model.site.name)}</a></div></div>\n'

    def nav_items(self, model) -> list[str]:
        items = ['<a href="/">首页</a>'] + [f'<a href="{self.list_path(model, c, 0)}">{escape(c.name)}</a>' for c in model.columns]
        items += [f'<a href="{self.letters_path(model, b, 0, 1)}">{escape(n)}</a>' for b, (n, _l) in model.boxes.items()]
        if model.guides:
            items.append(f'<a href="{self.guides_path(model)}">办事服务</a>')
        return items

    def nav(self, model) -> str:
        return '<div class="nav"><ul>' + "".join(f"<li>{i}</li>" for i in self.nav_items(model)) + "</ul></div>\n"

    def crumb(self, model, page) -> str:
        return f'<div class="position">当前位置：<a href="/">首页</a> &gt; <span>{escape(page.column)}</span></div>\n'

    # -- lists ----------------------------------------------------------------------------------
    def row_date(self, model, e) -> str:
        return fmt_date(e.date, model.date_style, e.doc_id)

    def rows(self, model, entries, dated: bool, base: str | None = None) -> str:
        """A list block (homepage box or list page) of ``entries`` (Entry objects): ``<li>`` rows,
        the date after the link; ``base``: the list page's path when rows link relative to it."""
        out = []
        for e in entries:
            href = self.relative(base, e.path) if base else e.path
            date = f"{self.date_open}{self.row_date(model, e)}{self.date_close}" if dated else ""
            out.append(f'<li><a href="{href}"{self.link_attrs} title="{escape(e.title)}">{escape(e.title)}</a>{date}</li>')
        return self.list_open + "".join(out) + self.list_close

    def empty(self) -> str:
        return '<div class="empty">暂无信息</div>'

    def pager(self, model, page_no: int, pages: int, href) -> str:
        links = [f'<a href="{href(0)}">首页</a>']
        if page_no > 0:
            links.append(f'<a href="{href(page_no - 1)}">上一页</a>')
        if page_no + 1 < pages:
            links.append(f'<a href="{href(page_no + 1)}">下一页</a>')
        links.append(f'<a href="{href(pages - 1)}">尾页</a>')
        return f'<div class="page">共{pages}页 当前第{page_no + 1}页 ' + " ".join(links) + "</div>"

    def list_rows(self, model, col, page) -> str:
        """The rows of a list page (dated, undated or a blank column's notice)."""
        if col.js:
            return markup.js_list(col, page.data["page_no"])
        if not col.count:
            return self.empty()
        base = self.list_path(model, col, page.data["page_no"]) if self.relative_links else None
        return self.rows(model, page.entries or page.undated, not (col.undated or col.static), base)

    def list_pager(self, model, col, page_no: int) -> str:
        return self.pager(model, page_no, col.pages, lambda n: self.list_path(model, col, n)) if col.count else ""

    def body_list(self, model, page, as_of, links) -> str:
        col, page_no = page.data["col"], page.data["page_no"]
        return (f'<div class="main"><h2 class="col-title">{escape(col.name)}</h2>{self.list_rows(model, col, page)}'
                f'{self.list_pager(model, col, page_no)}</div>')

    # -- homepage -------------------------------------------------------------------------------
    def home_box(self, model, col, entries) -> str:
        rows = self.rows(model, entries, not col.undated) if entries else self.empty()
        return (f'<div class="col-box"><h2><span>{escape(col.name)}</span>'
                f'<a class="more" href="{self.list_path(model, col, 0)}">更多&gt;&gt;</a></h2>{rows}</div>')

    def body_home(self, model, page, as_of, links) -> str:
        out = [self.home_box(model, col, [e for c, e in page.entries + page.undated if c is col])
               for col in model.columns if not col.static]
        out.append(markup.home_extras(self, model, as_of, links))
        return "\n".join(out)

    # -- articles -------------------------------------------------------------------------------
    def article_info(self, model, page) -> str:
        if page.publish_date is None:
            return ""
        date = fmt_date(page.publish_date, model.styles["article_date"], page.data.get("salt", 0))
        return f'<div class="info">发布时间：{date}&nbsp;&nbsp;来源：{escape(model.sponsor)}</div>'

    def body_article(self, model, page, as_of, links) -> str:
        head = markup.policy_number(model, page) + self.article_info(model, page)
        return (f'<div class="article"><h1>{escape(page.title)}</h1>{head}'
                f'<div class="content">{markup.article_content(model, page, as_of)}</div></div>')

    def body_text(self, model, page, as_of, links) -> str:
        """A static column's one text block (机构职能 …)."""
        return f'<div class="article"><h1>{escape(page.title)}</h1><div class="content">{markup.static_text(model, page)}</div></div>'

    # -- guides ---------------------------------------------------------------------------------
    def body_guide_list(self, model, page, as_of, links) -> str:
        return ('<div class="main"><h2>办事服务</h2><ul class="sxlist">' + "".join(
            f'<li><a href="{self.guide_path(model, g)}">{escape(g.item)}</a></li>' for g in model.guides) + "</ul></div>")

    def body_guide(self, model, page, as_of, links) -> str:
        guide, s = page.data["guide"], model.styles
        return (f'<div class="main"><h2 class="sxmc">{escape(page.title)}办事指南</h2>'
                f'{guide_html(s["guide_layout"], guide, s["labels"], s["materials_table"])}</div>')

    # -- letters --------------------------------------------------------------------------------
    def letters_pager(self, model, box: str, page_no: int, pages: int) -> str:
        return self.pager(model, page_no, pages, lambda n: self.letters_path(model, box, n, pages))

    def body_letter_list(self, model, page, as_of, links) -> str:
        d = page.data
        rows = list_html(model.styles["letter_list"], model, page.letters, lambda l: self.letter_path(model, l))
        return f'<div class="main"><h2>{escape(page.title)}</h2>{rows}{self.letters_pager(model, d["box"], d["page_no"], d["pages"])}</div>'

    def body_letter(self, model, page, as_of, links) -> str:
        s = model.styles
        return f'<div class="main">{detail_html(s["letter_detail"], model, page.letters[0], page.column, s["detail_status"])}</div>'

    # -- other pages ----------------------------------------------------------------------------
    def body_sitemap(self, model, page, as_of, links) -> str:
        return f'<div class="main"><h2>网站地图</h2>{self.rows(model, page.undated, False)}</div>'

    def body_privacy(self, model, page, as_of, links) -> str:
        return markup.privacy(model)

    def body_annual(self, model, page, as_of, links) -> str:
        return markup.annual(model, page)

    def body_admin(self, model, page, as_of, links) -> str:
        return '<form action="/admin/login.do" method="post"><input name="user"><input name="pwd" type="password"></form>'

    # -- footer ---------------------------------------------------------------------------------
    def footer(self, model) -> str:
        f = markup.footer_parts(model, ("主办单位：", "联系电话：", "网站标识码："))
        return ('<div class="footer"><div class="links">' + " | ".join(f.links) + "</div>"
                + "".join(f"<p>{p}</p>" for p in f.lines) + f'<div class="badges">{f.conac}{f.jiucuo}</div></div>\n')
