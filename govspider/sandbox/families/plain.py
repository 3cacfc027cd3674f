"""A hand-built site (static pages kept up by hand, table layout), as small 街道 / 局 sites still are.

- one flat directory: ``/tzgg.html``, ``/tzgg_2.html`` (the second page is ``_2``), articles
  ``/tzgg/100012.html``, files ``/upload/tzgg/100012.pdf``;
- rows are table rows, the date in its own cell: ``<td>·<a …>标题</a></td><td>2026-11-03</td>``
  (or ``2026年11月3日``, ``(2026-11-03)``), numbered pager links with 第N页 / 共N页;
- article pages ``日期：2026-11-03　作者：…　来源：…`` under a centred headline;
- letters on ``/ldxx.html`` and ``/ldxx/1234.html``; footer: 版权所有, 主办单位, 地址 and 电话,
  备案号, all in one centred cell.
"""

from __future__ import annotations

from html import escape

from govspider.sandbox import markup
from govspider.sandbox.families.base import Family
from govspider.sandbox.families.dates import fmt_date


class Plain(Family):
    name = "plain"
    cms = "hand-built static site (table layout, flat /tzgg.html, /tzgg_2.html, /tzgg/N.html)"
    routes = {
        "list0": "/{col}.html", "list": "/{col}_{page:d}.html",
        "article": "/{col}/{doc:d}.html", "attachment": "/upload/{col}/{doc:d}.{ext}",
        "letters0": "/{box}.html", "letters": "/{box}_{page:d}.html", "letter": "/{box}/{id:d}.html",
        "guides": "/bszn.html", "guide": "/bszn/{id:d}.html",
        "sitemap": "/wzdt.html", "privacy": "/yszc.html", "annual": "/ndbb{year:d}.html",
    }
    list_date_styles = ("iso", "cn", "paren")
    article_date_styles = ("iso",)
    guide_layouts = ("numbered_inline", "label_table")
    material_tables = 0.3
    letter_lists = ("table", "table_unit")
    letter_details = ("table",)

    def page_param(self, pages, page_no):
        return page_no + 1

    def page_no(self, pages, param):
        return int(param) - 1

    def row_date(self, model, e) -> str:
        if model.date_style == "paren":
            return f"({e.date.isoformat()})"
        return fmt_date(e.date, model.date_style)

    def rows(self, model, entries, dated, base: str | None = None) -> str:
        out = []
        for e in entries:
            date = f'<td width="110" align="right">{self.row_date(model, e)}</td>' if dated else ""
            out.append(f'<tr><td height="26">·<a href="{e.path}" target="_blank">{escape(e.title)}</a></td>{date}</tr>')
        return '<table width="100%" border="0" cellspacing="0" cellpadding="0">' + "".join(out) + "</table>"

    def nav(self, model) -> str:
        return '<table width="100%" class="menu"><tr>' + "".join(f"<td>{i}</td>" for i in self.nav_items(model)) + "</tr></table>\n"

    def crumb(self, model, page) -> str:
        return f'<table width="100%"><tr><td class="dh">您现在的位置：<a href="/">首页</a> &gt;&gt; {escape(page.column)}</td></tr></table>\n'

    def pager(self, model, page_no, pages, href) -> str:
        nums = " ".join(f"[{n + 1}]" if n == page_no else f'<a href="{href(n)}">[{n + 1}]</a>' for n in range(pages))
        prev = f'<a href="{href(page_no - 1)}">上一页</a>' if page_no else "上一页"
        nxt = f'<a href="{href(page_no + 1)}">下一页</a>' if page_no + 1 < pages else "下一页"
        return f'<p align="center">共{pages}页 第{page_no + 1}页 {prev} {nums} {nxt}</p>'

    def body_article(self, model, page, as_of, links) -> str:
        line = f"作者：{escape(model.sponsor)}　来源：本站"
        if page.publish_date is not None:
            line = f"日期：{fmt_date(page.publish_date, model.styles['article_date'])}　" + line
        return (f'<table width="100%" class="wz"><tr><td align="center"><h2>{escape(page.title)}</h2></td></tr>'
                f'<tr><td align="center" class="rq">{line}</td></tr><tr><td>{markup.policy_number(model, page)}'
                f'{markup.article_content(model, page, as_of)}</td></tr></table>')

    def footer(self, model) -> str:
        f = markup.footer_parts(model, ("主办单位：", "电话：", "网站标识码："), conac_style="blue", jiucuo_style="link")
        return (f'<table width="100%" class="bottom"><tr><td align="center">{" | ".join(f.links)}<br>'
                f'版权所有：{escape(model.site.name)}<br>{"&nbsp;&nbsp;".join(f.lines)}<br>{f.conac}{f.jiucuo}</td></tr></table>\n')
