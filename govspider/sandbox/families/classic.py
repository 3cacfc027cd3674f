"""The sandbox's three original families, kept so older seeds' provinces stay recognisable.

- ``ul``: TRS-WCM-like — ``<ul><li><a>…</a><span>2026-11-03</span></li>``, ``index_N.html`` pages,
  field table ``<th>/<td>`` guides, footer paragraphs, conac badge link, ``_jiucuo_`` script;
- ``table``: table-layout portal of the ASP/JSP era — ``<table>`` lists with ``[2026-11-03]``
  cells, ``index.html?page=N`` pagination, ``document.write`` conac script, 找错 script;
- ``dl``: ``<dl><dd>`` lists with Chinese dates, ``.shtml`` articles, ``<dt>/<dd>`` guides with
  label variants (申请材料 = 办理材料, 咨询电话 = 联系电话, 收费依据及标准 = 收费标准).

Date styles: ``iso``, ``slash``, ``cn``, ``dot`` and month-day under a year heading (``yearhead``:
``ul`` ``<h3 class="year">2026年</h3>`` + ``11-03``; ``table`` a ``colspan`` year row + ``[11-03]``;
``dl`` ``<dt>2026年</dt>`` + ``11月3日``).
"""

from __future__ import annotations

from html import escape

from govspider.sandbox import markup
from govspider.sandbox.families.base import Family
from govspider.sandbox.families.dates import fmt_date

DL_LABELS = {"办理材料": "申请材料", "联系电话": "咨询电话", "收费标准": "收费依据及标准"}
CLASSIC_ROUTES = {
    "list0": "/{col}/index.html", "list": "/{col}/index_{page:d}.html",
    "article": "/{col}/{ym:d}/t{ymd:d}_{doc:d}.html", "attachment": "/{col}/{ym:d}/P0{doc:d}_1.{ext}",
    "letters0": "/hdjl/{box}/index.html", "letters": "/hdjl/{box}/index_{page:d}.html", "letter": "/hdjl/{box}/{id:d}.html",
    "guides": "/bsfw/index.html", "guide": "/bsfw/zn_{id:d}.html",
    "sitemap": "/sitemap.html", "privacy": "/privacy.html", "annual": "/ndbb/{year:d}.html",
}


def _year_groups(entries):
    """[(year, [entries])] in page order: lists that print month-day under a year heading."""
    groups = []
    for e in entries:
        if not groups or groups[-1][0] != e.date.year:
            groups.append((e.date.year, []))
        groups[-1][1].append(e)
    return groups


class Classic(Family):
    routes = CLASSIC_ROUTES
    list_date_styles = ("iso", "slash", "cn", "dot", "yearhead", "iso", "yearhead")
    guide_layouts = ("label_table",)
    material_tables = 0.0
    label_variety = 0.0
    letter_lists = ("table",)
    status_words = (("已答复", "办理中"),)
    placeholders = ("",)
    detail_status = 1.0

    def draw_styles(self, model, rng) -> None:
        super().draw_styles(model, rng)
        model.styles["article_date"] = "iso" if model.date_style == "yearhead" else model.date_style

    def rows(self, model, entries, dated: bool, base: str | None = None) -> str:
        if not dated:
            return '<ul class="list">' + "".join(f'<li><a href="{e.path}" title="{escape(e.title)}">{escape(e.title)}</a></li>'
                                                 for e in entries) + "</ul>"
        row = self.row
        if model.date_style == "yearhead":
            return self.year_grouped(entries)
        return self.wrap("".join(row(e, fmt_date(e.date, model.date_style)) for e in entries))


class ClassicUl(Classic):
    name = "ul"
    cms = "TRS WCM-like portal (the sandbox's first family)"

    @staticmethod
    def row(e, d):
        return f'<li><a href="{e.path}" title="{escape(e.title)}">{escape(e.title)}</a><span class="date">{d}</span></li>'

    def wrap(self, rows):
        return f'<ul class="list">{rows}</ul>'

    def year_grouped(self, entries):
        return "".join(f'<h3 class="year">{y}年</h3><ul class="list">' + "".join(self.row(e, f"{e.date:%m-%d}") for e in es) + "</ul>"
                       for y, es in _year_groups(entries))


class ClassicTable(Classic):
    name = "table"
    cms = "table-layout portal of the ASP/JSP era (?page=N)"
    routes = {**CLASSIC_ROUTES, "list": "/{col}/index.html?page={page:d}"}
    status_words = (("已答复", "办理中"),)

    def page_param(self, pages, page_no):
        return page_no + 1

    def page_no(self, pages, param):
        return int(param) - 1

    @staticmethod
    def row(e, d):
        return (f'<tr><td class="bt"><a href="{e.path}" target="_blank" title="{escape(e.title)}">'
                f'{escape(e.title)}</a></td><td class="date">[{d}]</td></tr>')

    def wrap(self, rows):
        return f'<table class="list" width="100%">{rows}</table>'

    def year_grouped(self, entries):
        return self.wrap("".join(f'<tr><td colspan="2" class="year">{y}年</td></tr>' + "".join(self.row(e, f"{e.date:%m-%d}") for e in es)
                                 for y, es in _year_groups(entries)))

    def nav(self, model):
        return '<table class="nav"><tr>' + "".join(f"<td>{i}</td>" for i in self.nav_items(model)) + "</tr></table>\n"

    def body_guide(self, model, page, as_of, links):
        rows = "".join(f'<tr><td class="title">{k}：</td><td class="nr">{escape(v)}</td></tr>' for k, v in page.guide.items())
        return f'<div class="main"><h2 class="sxmc">{escape(page.title)}办事指南</h2><table class="bszn" border="1">{rows}</table></div>'

    def footer(self, model):
        f = markup.footer_parts(model, ("主办：", "电话：", "网站标识码"), conac_style="script", privacy_text="用户信息保护")
        return ('<table class="footer" width="100%"><tr><td>' + " | ".join(f.links) + "</td></tr><tr><td>"
                + "&nbsp;&nbsp;".join(f.lines) + f"</td><td>{f.conac}</td><td>{f.jiucuo}</td></tr></table>\n")


class ClassicDl(Classic):
    name = "dl"
    cms = "dl/dd list portal with .shtml articles"
    routes = {**CLASSIC_ROUTES, "article": "/{col}/{ym:d}/t{ymd:d}_{doc:d}.shtml"}
    guide_layouts = ("dl",)
    letter_details = ("spans",)

    def draw_styles(self, model, rng) -> None:
        super().draw_styles(model, rng)
        model.styles["labels"] = {f: DL_LABELS.get(f, f) for f in model.styles["labels"]}

    @staticmethod
    def row(e, d):
        return f'<dd><a href="{e.path}" title="{escape(e.title)}">{escape(e.title)}</a><em>{d}</em></dd>'

    def wrap(self, rows):
        return f'<dl class="news">{rows}</dl>'

    def year_grouped(self, entries):
        return "".join(f'<dl class="news"><dt>{y}年</dt>' + "".join(self.row(e, f"{e.date.month}月{e.date.day}日") for e in es) + "</dl>"
                       for y, es in _year_groups(entries))

    def nav(self, model):
        return '<div id="nav"><dl>' + "".join(f"<dd>{i}</dd>" for i in self.nav_items(model)) + "</dl></div>\n"

    def footer(self, model):
        f = markup.footer_parts(model, ("主办单位：", "服务热线：", "网站识别码："), conac_style="blue", jiucuo_style="link",
                                sitemap_text="站点地图")
        return ('<div id="footer"><ul><li>' + " | ".join(f.links) + "</li>"
                + "".join(f"<li>{p}</li>" for p in f.lines) + f"<li>{f.conac}{f.jiucuo}</li></ul></div>\n")
