"""龙讯 lonsun 政府网站集约化平台, as 安徽 province sites (省人社厅, 泗县 …) print it.

- columns ``/content/column/6791573``, pages ``?pageIndex=2``; the pager is written by the
  platform's script (``Ls.pagination("#page_…", function(pageIndex){location.href=…})``);
  articles ``/zwgk/tzgg/500123456.html`` (nine-digit ids); files under ``/group1/M00/…``;
- rows ``<li><a …>标题</a><span class="date">2026-11-03</span></li>`` or ``[2026-11-03]``;
- article pages ``发布时间：2026-11-03 09:21:00`` beside 来源 / 浏览次数;
- 留言 pages ``/content/guestbook/1234?columnId=…``; footer: 主办 / 承办, 网站标识码, ICP, 公网安备.
"""

from __future__ import annotations

from html import escape

from govspider.sandbox import markup
from govspider.sandbox.families.base import Family
from govspider.sandbox.families.dates import clock, fmt_date

PAGINATION_JS = """<script>
var Ls = Ls || {};
Ls.pagination = function (sel, go, opts) {
  var box = document.querySelector(sel), cur = opts.currPage, n = opts.pageCount, h = "";
  if (!box || n <= 1) { return; }
  function a(i, text) { return "<a href='javascript:void(0)' data-page='" + i + "'>" + text + "</a> "; }
  h += cur > 1 ? a(1, "首页") + a(cur - 1, "上一页") : "";
  for (var i = Math.max(1, cur - 2); i <= Math.min(n, cur + 2); i++) { h += i == cur ? "<span class='current'>" + i + "</span> " : a(i, i); }
  h += cur < n ? a(cur + 1, "下一页") + a(n, "尾页") : "";
  box.innerHTML = h + "<span>共" + n + "页</span>";
  box.onclick = function (ev) { var p = ev.target.getAttribute("data-page"); if (p) { go(parseInt(p, 10)); } };
};
</script>"""


class Lonsun(Family):
    name = "lonsun"
    cms = "龙讯 lonsun 集约化平台 (安徽 sites: /content/column/N?pageIndex=, Ls.pagination, nine-digit article ids)"
    routes = {
        "list0": "/content/column/{colid:d}", "list": "/content/column/{colid:d}?pageIndex={page:d}",
        "article": "/{col:p}/{doc:d}.html", "attachment": "/group1/M00/{colid:d}/{ym:d}/{doc:d}.{ext}",
        "letters0": "/content/column/{boxid:d}", "letters": "/content/column/{boxid:d}?pageIndex={page:d}",
        "letter": "/content/guestbook/{id:d}?columnId={boxid:d}",
        "guides": "/content/column/{gid:d}", "guide": "/content/guide/{id:d}",
        "sitemap": "/site/wzdt.html", "privacy": "/site/yszc.html", "annual": "/zwgk/ndbb/{year:d}.html",
    }
    groups = {"news": "xwzx", "notice": "zwgk", "policy": "zwgk", "other": "zwgk"}
    list_date_styles = ("iso", "bracket")
    article_date_styles = ("iso",)
    guide_layouts = ("rowspan", "tabs", "lenticular")
    letter_lists = ("table", "table_number")
    list_open = '<ul class="doc_list">'
    link_attrs = ' target="_blank"'
    letter_details = ("table", "qa")

    def page_param(self, pages, page_no):
        return page_no + 1

    def page_no(self, pages, param):
        return int(param) - 1

    def doc_offset(self, model) -> int:
        return 500_000_000 + (model.id_base // 100 % 100) * 1_000_000

    def script_pager(self, anchor: int, first: str, page_no: int, pages: int) -> str:
        base = first.replace("'", "")
        return (f'<div id="page_{anchor}" class="pagination"></div>{PAGINATION_JS}<script>Ls.pagination("#page_{anchor}", '
                f"function(pageIndex){{ location.href = pageIndex == 1 ? '{base}' : '{base}?pageIndex=' + pageIndex; }}, "
                f"{{currPage: {page_no + 1}, pageCount: {pages}}});</script>")

    def list_pager(self, model, col, page_no) -> str:
        return self.script_pager(self.colid(model, col), self.list_path(model, col, 0), page_no, col.pages) if col.count else ""

    def letters_pager(self, model, box, page_no, pages) -> str:
        return self.script_pager(self.box_vars(model, box)["boxid"], self.letters_path(model, box, 0, pages), page_no, pages)

    def crumb(self, model, page) -> str:
        return f'<div class="wz_position">您当前的位置：<a href="/">首页</a> &gt; <span>{escape(page.column)}</span></div>\n'

    def body_article(self, model, page, as_of, links) -> str:
        info = f'<span>来源：{escape(model.sponsor)}</span><span>浏览次数：<span id="hits"></span></span>'
        if page.publish_date is not None:
            time = clock(page.publish_date, page.data.get("salt", 0))
            info = f"<span>发布时间：{fmt_date(page.publish_date, 'iso')} {time}:00</span>" + info
        return (f'<div class="wzcon"><h1 class="newstitle">{escape(page.title)}</h1>{markup.policy_number(model, page)}'
                f'<div class="newsinfo">{info}</div><div class="j-fontContent newscontent" id="zoom">'
                f'{markup.article_content(model, page, as_of)}</div></div>')

    def footer(self, model) -> str:
        f = markup.footer_parts(model, ("主办：", "电话：", "网站标识码："), conac_style="script")
        return (f'<div id="footer"><div class="foot-links">{" | ".join(f.links)}</div>'
                f'<div class="foot-info">{"&nbsp;&nbsp;".join(f.lines)}</div><div class="foot-badge">{f.conac}{f.jiucuo}</div></div>\n')
