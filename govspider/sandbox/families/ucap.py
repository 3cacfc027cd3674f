"""开普云 Ucap 政府网站 (the platform behind www.gov.cn and many ministry and provincial sites).

- columns ``/zwgk/tzgg/home.htm``, ``home_1.htm`` …; articles
  ``/zwgk/tzgg/2026-11/03/content_100012.htm`` (year-month and day directories); attachments
  ``…/content_N/files/…`` beside the article;
- rows ``<li><h4><a …>标题</a><span class="date">2026-11-03</span></h4></li>``, also with a time
  or month-day (the year in the URL); a server-drawn numbered pager with 共N页;
- article pages: headline, then ``2026-11-03 09:21　来源：…`` (no label) above
  ``<div id="UCAP-CONTENT">``; policy documents carry the 索引号 / 主题分类 / 发文机关 / 成文日期 /
  标题 / 发文字号 / 发布日期 table (成文日期 precedes 发布日期);
- footer: 主办单位 / 运行维护单位, 版权所有, ICP and 公网安备, 网站标识码 without a colon.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from govspider.sandbox import markup
from govspider.sandbox.families.base import Family
from govspider.sandbox.families.dates import clock, fmt_date
from govspider.sandbox.model import doc_number


class Ucap(Family):
    name = "ucap"
    cms = "开普云 Ucap (www.gov.cn and ministry sites: /2026-11/03/content_N.htm, UCAP-CONTENT, 信息公开 table)"
    routes = {
        "list0": "/{col:p}/home.htm", "list": "/{col:p}/home_{page:d}.htm",
        "article": "/{col:p}/{ymdash}/{dd:d}/content_{doc:d}.htm",
        "attachment": "/{col:p}/{ymdash}/{dd:d}/content_{doc:d}/files/fj.{ext}",
        "letters0": "/hudong/{box}/home.htm", "letters": "/hudong/{box}/home_{page:d}.htm",
        "letter": "/hudong/{box}/{ymdash}/{dd:d}/content_{id:d}.htm",
        "guides": "/fuwu/bszn/home.htm", "guide": "/fuwu/bszn/content_{id:d}.htm",
        "sitemap": "/sitemap.htm", "privacy": "/yszc.htm", "annual": "/zhengce/ndbb/{year:d}.htm",
    }
    groups = {"news": "xinwen", "notice": "zhengce", "policy": "zhengce", "other": "zhengce"}
    list_date_styles = ("iso", "time", "md")
    article_date_styles = ("time",)
    guide_layouts = ("numbered_headings", "rowspan", "label_table")
    letter_lists = ("table_unit", "table")
    letter_details = ("qa", "table")

    def doc_offset(self, model) -> int:
        return 5_000_000

    def rows(self, model, entries, dated, base: str | None = None) -> str:
        out = []
        for e in entries:
            date = f'<span class="date">{fmt_date(e.date, model.date_style, e.doc_id)}</span>' if dated else ""
            out.append(f'<li><h4><a href="{e.path}" target="_blank">{escape(e.title)}</a>{date}</h4></li>')
        return '<div class="list list_1 list_2"><ul>' + "".join(out) + "</ul></div>"

    def pager(self, model, page_no, pages, href) -> str:
        links = [f'<a href="{href(page_no - 1)}">上一页</a>'] if page_no > 0 else []
        for n in range(max(0, page_no - 3), min(pages, page_no + 4)):
            links.append(f"<span>{n + 1}</span>" if n == page_no else f'<a href="{href(n)}">{n + 1}</a>')
        if page_no + 1 < pages:
            links.append(f'<a href="{href(page_no + 1)}">下一页</a>')
        return f'<div class="page"><a href="{href(0)}">首页</a> {" ".join(links)} <a href="{href(pages - 1)}">尾页</a> 共{pages}页</div>'

    def crumb(self, model, page) -> str:
        return f'<div class="BreadcrumbNav"><a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="#">{escape(page.column)}</a></div>\n'

    def info_table(self, model, page) -> str:
        e, col = page.data.get("entry"), page.data.get("col")
        if e is None or col.category != "policy" or col.static:
            return ""
        written = e.date - dt.timedelta(days=2 + e.doc_id % 5)
        cells = (("索引号", f"{model.code[:6]}/{e.date.year}-{e.doc_id % 100000:05d}"), ("主题分类", "综合政务\\其他"),
                 ("发文机关", escape(model.sponsor)), ("成文日期", f"{written.year}年{written.month:02d}月{written.day:02d}日"),
                 ("标题", escape(page.title)), ("发文字号", doc_number(model, e)),
                 ("发布日期", f"{e.date.year}年{e.date.month:02d}月{e.date.day:02d}日"))
        rows = "".join(f'<tr><td class="t"><b>{cells[i][0]}：</b></td><td>{cells[i][1]}</td>'
                       + (f'<td class="t"><b>{cells[i + 1][0]}：</b></td><td>{cells[i + 1][1]}</td>' if cells[i][0] != "标题" else "")
                       + "</tr>" for i in (0, 2, 4, 5))
        return f'<table class="bd1">{rows}</table>'

    def body_article(self, model, page, as_of, links) -> str:
        info = ""
        if page.publish_date is not None:
            info = (f'<div class="pages-date">{page.publish_date.isoformat()} {clock(page.publish_date, page.data.get("salt", 0))}'
                    f'<span class="font">来源：{escape(model.sponsor)}</span></div>')
        number = "" if self.info_table(model, page) else markup.policy_number(model, page)
        return (f'<div class="article oneColumn pub_border">{self.info_table(model, page)}<h1>{escape(page.title)}</h1>{info}{number}'
                f'<div class="pages_content" id="UCAP-CONTENT">{markup.article_content(model, page, as_of)}</div></div>')

    def footer(self, model) -> str:
        labels = (("主办单位：", "联系电话：", "网站标识码"), ("主办：", "联系我们：", "网站标识码"))[model.styles["variant"] % 2]
        f = markup.footer_parts(model, labels, conac_style="link")
        return (f'<div class="footer"><div class="footer_link">{" | ".join(f.links)}</div>'
                + "".join(f"<p>{p}</p>" for p in f.lines)
                + f'<div class="footer_dzjg">{f.conac}</div><div class="footer_zc">{f.jiucuo}</div></div>\n')
