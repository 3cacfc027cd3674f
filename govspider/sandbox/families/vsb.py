"""博达 VSB (Visual SiteBuilder) 政府门户, as 西安市灞桥区 / 陕西、河南 county sites print it.

- list pages ``/xwzx/tzgg.htm``; further pages count DOWN: ``/xwzx/tzgg/9.htm`` is page 2 of 10,
  ``/xwzx/tzgg/1.htm`` the last; articles ``/info/1002/1234.htm`` (column id / article id),
  linked relative to the list (``../info/1002/1234.htm``); attachments through
  ``/system/_content/download.jsp?…&wbfileid=…`` (no file extension in the URL);
- a server-drawn pager: ``共123条&nbsp;&nbsp;1/9页`` then 首页 / 上页 / 下页 / 尾页;
- rows ``<li><a …>标题</a><span>2026-11-03</span></li>`` or ``2026年11月03日``;
- article pages: headline, then ``2026年11月03日 10:22  来源：…  点击：[_showDynClicks]`` (no label)
  or ``发布时间：…``, body in ``<div id="vsb_content">``;
- letters and guides are also ``/info/N/M.htm`` pages; footer: 版权所有 line, 地址 / 联系电话,
  备案号 / 网站标识码 / 公网安备, conac ``document.write`` badge and a 找错 image link.
"""

from __future__ import annotations

from html import escape

from govspider.sandbox import markup
from govspider.sandbox.families.base import Family
from govspider.sandbox.families.dates import clock, fmt_date


class Vsb(Family):
    name = "vsb"
    cms = "博达 VSB (西安市灞桥区人民政府: /info/N/M.htm, list.htm + list/N.htm counting down, 共N条 1/N页)"
    routes = {
        "list0": "/{col:p}.htm", "list": "/{col:p}/{page:d}.htm",
        "article": "/info/{colid:d}/{doc:d}.htm",
        "attachment": "/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner={colid:d}&wbfileid={doc:d}",
        "letters0": "/hdjl/{box}.htm", "letters": "/hdjl/{box}/{page:d}.htm", "letter": "/info/{boxid:d}/{id:d}.htm",
        "guides": "/bsfw/bszn.htm", "guide": "/info/{gid:d}/{id:d}.htm",
        "sitemap": "/index/wzdt.htm", "privacy": "/index/yszc.htm", "annual": "/index/ndbb/{year:d}.htm",
    }
    groups = {"news": "xwzx", "notice": "xwzx", "policy": "zwgk", "other": "zwgk"}
    list_date_styles = ("iso", "cn0", "iso", "slash")
    article_date_styles = ("cn0", "iso")
    guide_layouts = ("numbered_inline", "lenticular", "numbered_headings")
    letter_lists = ("table", "ul_status")
    letter_details = ("table", "qa")
    relative_links = True
    date_open, date_close = "<span>", "</span>"
    link_attrs = ' target="_blank"'

    def page_param(self, pages, page_no):
        return pages - page_no

    def page_no(self, pages, param):
        return pages - int(param)

    def doc_offset(self, model) -> int:
        return 1000

    def pager(self, model, page_no, pages, href, count: int | None = None) -> str:
        def link(n, text, on):
            return f'<a href="{href(n)}">{text}</a>' if on else f"<span>{text}</span>"
        total = f"共{count}条&nbsp;&nbsp;" if count is not None else ""
        return (f'<div class="pb_sys_common">{total}{page_no + 1}/{pages}页&nbsp;&nbsp;'
                f'{link(0, "首页", page_no > 0)} {link(page_no - 1, "上页", page_no > 0)} '
                f'{link(page_no + 1, "下页", page_no + 1 < pages)} {link(pages - 1, "尾页", page_no + 1 < pages)}</div>')

    def list_pager(self, model, col, page_no) -> str:
        return self.pager(model, page_no, col.pages, lambda n: self.list_path(model, col, n), col.count) if col.count else ""

    def letters_pager(self, model, box, page_no, pages) -> str:
        return self.pager(model, page_no, pages, lambda n: self.letters_path(model, box, n, pages), len(model.boxes[box][1]))

    def crumb(self, model, page) -> str:
        tail = "&gt;&gt;正文" if page.view == "article" else ""
        return f'<div class="dqwz">当前位置：<a href="/">首页</a>&gt;&gt;<a href="#">{escape(page.column)}</a>{tail}</div>\n'

    def article_info(self, model, page) -> str:
        clicks = f'点击：[<script>_showDynClicks("wbnews", {model.id_base}, {page.data.get("salt", 0)})</script>]'
        if page.publish_date is None:
            return f'<div class="info">{clicks}</div>'
        style = model.styles["article_date"]
        date = fmt_date(page.publish_date, style)
        if style == "cn0":
            date = f"{date} {clock(page.publish_date, page.data.get('salt', 0))}"
        else:
            date = f"发布时间：{date}"
        return f'<div class="info">{date}&nbsp;&nbsp;来源：{escape(model.sponsor)}&nbsp;&nbsp;{clicks}</div>'

    def body_article(self, model, page, as_of, links) -> str:
        return (f'<form name="_newscontent_fromname"><div class="title" align="center"><h1>{escape(page.title)}</h1></div>'
                f'{markup.policy_number(model, page)}{self.article_info(model, page)}'
                f'<div id="vsb_content"><div class="v_news_content">{markup.article_content(model, page, as_of)}</div></div></form>')

    def footer(self, model) -> str:
        f = markup.footer_parts(model, ("主办单位：", "联系电话：", "网站标识码："), conac_style="script", jiucuo_style="link")
        return (f'<div id="fd"><div class="f-organ">{f.conac}</div><div class="f-wrong">{f.jiucuo}</div>'
                f'<div class="f-copy"><span class="bottom-link">{"<span>丨</span>".join(f.links)}</span>'
                f'<p>{escape(model.site.name)}版权所有</p>' + "".join(f"<p>{p}</p>" for p in f.lines) + "</div></div>\n")
