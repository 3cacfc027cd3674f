"""拓尔思 海云 (TRS Hycloud) 集约化平台, as 湖南省 / 湖北省人民政府 print it since 2019.

- channels ``/xxgk/tzgg/index.shtml``, ``index_1.shtml`` …; articles
  ``./202611/t20261103_123.shtml`` relative to the channel;
- the pager is drawn into ``<div id="page_div">`` by ``createPageHTML('page_div', pages, current
  (1-based), 'index', 'shtml', total)`` — the platform's six-argument form (script only);
- rows with a dotted date ``2026.11.03``, a full date, or month-day (year in the URL);
- article pages ``来源：… 发布时间：2026-11-03 09:21 【字体：大 中 小】`` over ``TRS_UEDITOR``;
- letters published as documents (``/hdjl/ldxx/202611/t20261103_1234.shtml``);
- footer in the suffix form ``XX办公厅主办 XX承办``, 政府网站标识码, ICP, 公网安备.
"""

from __future__ import annotations

from html import escape

from govspider.sandbox import markup
from govspider.sandbox.families.base import Family
from govspider.sandbox.families.dates import fmt_date

PAGER_JS = """<script>
function createPageHTML(id, pageCount, current, name, ext, total) {
  var box = document.getElementById(id);
  if (!box || pageCount <= 1) { return; }
  function href(i) { return (i == 1 ? name : name + "_" + (i - 1)) + "." + ext; }
  var h = "<span>共" + total + "条</span> ";
  h += current > 1 ? "<a href='" + href(1) + "'>首页</a> <a href='" + href(current - 1) + "'>上一页</a> " : "";
  for (var i = Math.max(1, current - 2); i <= Math.min(pageCount, current + 2); i++) {
    h += i == current ? "<a class='active'>" + i + "</a> " : "<a href='" + href(i) + "'>" + i + "</a> ";
  }
  h += current < pageCount ? "<a href='" + href(current + 1) + "'>下一页</a> <a href='" + href(pageCount) + "'>尾页</a>" : "";
  box.innerHTML = h;
}
</script>"""


class Hycloud(Family):
    name = "hycloud"
    cms = "拓尔思 海云 TRS Hycloud (湖南省 / 湖北省人民政府: .shtml channels, createPageHTML('page_div', …))"
    routes = {
        "list0": "/{col:p}/index.shtml", "list": "/{col:p}/index_{page:d}.shtml",
        "article": "/{col:p}/{ym:d}/t{ymd:d}_{doc:d}.shtml", "attachment": "/{col:p}/{ym:d}/P020{doc:d}.{ext}",
        "letters0": "/hdjl/{box}/index.shtml", "letters": "/hdjl/{box}/index_{page:d}.shtml",
        "letter": "/hdjl/{box}/{ym:d}/t{ymd:d}_{id:d}.shtml",
        "guides": "/bsfw/bszn/index.shtml", "guide": "/bsfw/bszn/zn_{id:d}.shtml",
        "sitemap": "/wzdt/index.shtml", "privacy": "/yszc/index.shtml", "annual": "/xxgk/ndbb/{year:d}/index.shtml",
    }
    groups = {"news": "xwdt", "notice": "xxgk", "policy": "xxgk", "other": "xxgk"}
    list_date_styles = ("dot", "iso", "md")
    article_date_styles = ("time",)
    guide_layouts = ("label_table", "bracket_headings", "numbered_inline")
    letter_lists = ("ul_status", "table")
    letter_details = ("qa", "table")
    relative_links = True
    list_open = '<ul class="news-list">'
    date_open, date_close = "<span>", "</span>"
    link_attrs = ' target="_blank"'

    @staticmethod
    def script_pager(pages: int, page_no: int, total: int) -> str:
        return (f'<div class="page" id="page_div"></div>{PAGER_JS}'
                f"<script>createPageHTML('page_div', {pages}, {page_no + 1}, 'index', 'shtml', {total});</script>")

    def list_pager(self, model, col, page_no) -> str:
        return self.script_pager(col.pages, page_no, col.count) if col.count else ""

    def letters_pager(self, model, box, page_no, pages) -> str:
        return self.script_pager(pages, page_no, len(model.boxes[box][1]))

    def crumb(self, model, page) -> str:
        return f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="#">{escape(page.column)}</a></div>\n'

    def body_article(self, model, page, as_of, links) -> str:
        info = f'<span>来源：{escape(model.sponsor)}</span>'
        if page.publish_date is not None:
            info += f"<span>发布时间：{fmt_date(page.publish_date, 'time', page.data.get('salt', 0))}</span>"
        return (f'<div class="article"><div class="article-title"><h2>{escape(page.title)}</h2></div>'
                f'{markup.policy_number(model, page)}<div class="article-info">{info}<span>【字体：大 中 小】</span></div>'
                f'<div class="article-content" id="zoom"><div class="TRS_UEDITOR">{markup.article_content(model, page, as_of)}</div></div></div>')

    def footer(self, model) -> str:
        f = markup.footer_parts(model, ("{}主办", "联系电话：", "政府网站标识码："), conac_style="link")
        return (f'<div class="footer"><div class="footer-nav">{" | ".join(f.links)}</div>'
                f'<div class="footer-info"><p>{"&nbsp;&nbsp;".join(f.lines)}</p></div>'
                f'<div class="footer-icons">{f.conac}{f.jiucuo}</div></div>\n')
