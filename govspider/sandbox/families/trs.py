"""TRS WCM (拓尔思内容管理系统) 政府门户, as 长沙市 / 望城区 / 北斗 print it (c. 2018).

- channels in directories (``/zwgk/tzgg/``), pages ``index.html``, ``index_1.html`` …; articles
  ``./202611/t20261103_123.html`` — links relative to the channel, the date in the file name;
- list pages print no pager markup: ``createPageHTML(pages, current, "index", "html")`` writes
  it with ``document.write`` (a crawler that runs no JavaScript sees page 1 only);
- homepage rows ``<li><span>11-03</span><a …>`` (month-day, year only in the URL), or a full or
  bracketed date after the link; article pages ``发布时间：2026-11-03 09:21`` with an
  information table (索引号 / 发布机构 / 生成日期) on policy documents;
- 政民互动 runs as a JSP application (``/hdjl/ldxx/xjxq.jsp?id=…``);
- footer: 主办单位 / 承办单位 / 联系电话 on one line, 网站标识码, ICP, 公网安备, conac script.
"""

from __future__ import annotations

from html import escape

from govspider.sandbox import markup
from govspider.sandbox.families.base import Family
from govspider.sandbox.families.dates import fmt_date

PAGER_JS = """<script>
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
  if (_nPageCount == null || _nPageCount <= 1) { return; }
  var c = _nCurrIndex || 0, h = "";
  function name(i) { return (i == 0 ? _sPageName : _sPageName + "_" + i) + "." + _sPageExt; }
  h += c > 0 ? "<a href='" + name(0) + "'>首页</a> <a href='" + name(c - 1) + "'>上一页</a> " : "<span>首页</span> <span>上一页</span> ";
  for (var i = Math.max(0, c - 2); i < Math.min(_nPageCount, c + 3); i++) {
    h += i == c ? "<span class='current'>" + (i + 1) + "</span> " : "<a href='" + name(i) + "'>" + (i + 1) + "</a> ";
  }
  h += c < _nPageCount - 1 ? "<a href='" + name(c + 1) + "'>下一页</a> <a href='" + name(_nPageCount - 1) + "'>尾页</a>" : "<span>下一页</span> <span>尾页</span>";
  document.write(h + " 共" + _nPageCount + "页");
}
</script>"""


class TrsWcm(Family):
    name = "trs"
    cms = "TRS WCM 政府门户 (长沙市人民政府 2018, 望城区, 北斗网: t20180321_… URLs, createPageHTML pager)"
    routes = {
        "list0": "/{col:p}/index.html", "list": "/{col:p}/index_{page:d}.html",
        "article": "/{col:p}/{ym:d}/t{ymd:d}_{doc:d}.html", "attachment": "/{col:p}/{ym:d}/P0{doc:d}.{ext}",
        "letters0": "/hdjl/{box}/index.html", "letters": "/hdjl/{box}/index_{page:d}.html",
        "letter": "/hdjl/{box}/xjxq.jsp?id={id:d}",
        "guides": "/bsfw/bszn/index.html", "guide": "/bsfw/bszn/zn_{id:d}.html",
        "sitemap": "/wzdt/index.html", "privacy": "/yszc/index.html", "annual": "/zwgk/ndbb/{year:d}/index.html",
    }
    groups = {"news": "zwdt", "notice": "zwgk", "policy": "zwgk", "other": "zwgk"}
    list_date_styles = ("md", "iso", "bracket", "md")
    article_date_styles = ("time", "iso")
    guide_layouts = ("label_table", "numbered_headings", "numbered_inline")
    letter_lists = ("table", "table_number")
    letter_details = ("table", "qa")
    relative_links = True

    def rows(self, model, entries, dated, base: str | None = None) -> str:
        """``<li>`` rows; on a list page (``base`` = its path) links are relative to the channel."""
        style = model.date_style
        out = []
        for e in entries:
            href = self.relative(base, e.path) if base else e.path
            link = f'<a href="{href}" target="_blank" title="{escape(e.title)}">{escape(e.title)}</a>'
            if not dated:
                out.append(f"<li>{link}</li>")
            elif style == "md":
                out.append(f"<li><span>{fmt_date(e.date, 'md')}</span>{link}</li>")
            else:
                out.append(f"<li>{link}<span>{fmt_date(e.date, style)}</span></li>")
        return '<ul class="list-ul">' + "".join(out) + "</ul>"

    @staticmethod
    def script_pager(pages: int, page_no: int) -> str:
        return f'<div class="page">{PAGER_JS}<script>createPageHTML({pages}, {page_no}, "index", "html");</script></div>'

    def list_pager(self, model, col, page_no: int) -> str:
        return self.script_pager(col.pages, page_no) if col.count else ""

    def letters_pager(self, model, box, page_no, pages) -> str:
        return self.script_pager(pages, page_no)

    def crumb(self, model, page) -> str:
        col = page.data.get("col")
        parent = {"zwdt": "政务动态", "zwgk": "政务公开"}.get(self.groups.get(col.category, "")) if col is not None else None
        mid = f'<a href="/">{parent}</a> &gt; ' if parent else ""
        return f'<div class="position">您当前的位置：<a href="/">首页</a> &gt; {mid}<a href="#">{escape(page.column)}</a></div>\n'

    def article_info(self, model, page) -> str:
        if page.publish_date is None:
            return ""
        date = fmt_date(page.publish_date, model.styles["article_date"], page.data.get("salt", 0))
        info = f'<div class="article-info"><span>发布时间：{date}</span><span>来源：{escape(model.sponsor)}</span><span>【字体：大 中 小】</span></div>'
        e = page.data.get("entry")
        if e is not None and page.data["col"].category == "policy":
            info = (f'<table class="xxgk-table"><tr><td>索引号：</td><td>{model.code[:6]}/{e.date.year}-{e.doc_id % 100000:05d}</td>'
                    f'<td>发布机构：</td><td>{escape(model.sponsor)}</td></tr><tr><td>生成日期：</td><td>{e.date.isoformat()}</td>'
                    f'<td>公开方式：</td><td>主动公开</td></tr></table>') + info
        return info

    def body_article(self, model, page, as_of, links) -> str:
        return (f'<div class="article"><div class="article-title"><h1>{escape(page.title)}</h1></div>'
                f'{markup.policy_number(model, page)}{self.article_info(model, page)}'
                f'<div class="TRS_Editor">{markup.article_content(model, page, as_of)}</div></div>')

    def footer(self, model) -> str:
        f = markup.footer_parts(model, ("主办单位：", "联系电话：", "网站标识码："), conac_style="script")
        first = "&nbsp;&nbsp;".join(f.lines[:2])
        rest = "&nbsp;&nbsp;".join(f.lines[2:])
        return (f'<div class="footer"><div class="footer-links">{" | ".join(f.links)}</div><p>{first}</p><p>{rest}</p>'
                f'<div class="footer-badge">{f.conac}{f.jiucuo}</div></div>\n')
