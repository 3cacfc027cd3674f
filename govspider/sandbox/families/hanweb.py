"""大汉 Hanweb JCMS 政府门户, as 江苏省人民政府 / 济南市 / 国家医保局 print it.

- columns ``/col/col76705/index.html``; articles ``/art/2026/11/3/art_76705_100012.html``
  (year, month and day unpadded in the path);
- a column page holds its rows in an XML datastore inside a script,
  ``<div id="UNIT"><script type="text/xml"><datastore><nextgroup>…</nextgroup><recordset>
  <record><![CDATA[<li>…</li>]]></record>…`` — the page's own script (jpage) draws them and the
  pager (``?uid=UNIT&pageNum=N``); ``/module/web/jpage/dataproxy.jsp?startrecord=…`` serves the
  same records as XML to the pager;
- rows ``<li><a …>标题</a><span>2026-11-03</span></li>``, a bracketed month-day whose year is in
  the URL, or a one-row table with the date in its own cell; homepages print plain HTML lists;
- article pages ``发布日期：2026-11-03 09:21　信息来源：…``; 政民互动 is the jact system
  (``/jact/front/mailpublist.do?sysid=…``, ``mailpubdetail.do?transactId=…&sysid=…``);
- footer: a table — 主办 / 承办, 网站标识码 / ICP / 公网安备, 联系电话; conac ``document.write`` badge.
"""

from __future__ import annotations

from html import escape

from govspider.sandbox import markup
from govspider.sandbox.families.base import Family
from govspider.sandbox.families.dates import fmt_date

JPAGE_JS = """<script>
(function(){
  var box = document.getElementById("%(uid)s"), xml = box.querySelector("script[type='text/xml']").textContent;
  var records = xml.split("<record><![CDATA[").slice(1).map(function(r){ return r.split("]]></record>")[0]; });
  var total = %(total)d, per = %(per)d, cur = %(cur)d, pages = Math.max(1, Math.ceil(total / per));
  var base = location.pathname + "?uid=%(uid)s&pageNum=";
  function href(n){ return n == 1 ? location.pathname : base + n; }
  var list = document.createElement("%(tag)s"); list.className = "list"; list.innerHTML = records.join("");
  box.appendChild(list);
  if (total > 0) {
    var p = document.createElement("div"); p.className = "default_pgContainer";
    var h = "<span>共" + total + "条记录</span> <span>" + cur + "/" + pages + "页</span> ";
    h += cur > 1 ? "<a href='" + href(1) + "'>首页</a> <a href='" + href(cur - 1) + "'>上页</a> " : "首页 上页 ";
    h += cur < pages ? "<a href='" + href(cur + 1) + "'>下页</a> <a href='" + href(pages) + "'>尾页</a>" : "下页 尾页";
    p.innerHTML = h; box.appendChild(p);
  }
})();
</script>"""


class Hanweb(Family):
    name = "hanweb"
    cms = "大汉 Hanweb JCMS (江苏省人民政府, 济南市: /col/colN/, /art/Y/M/D/art_N_M.html, jpage XML datastore)"
    routes = {
        "list0": "/col/col{colid:d}/index.html", "list": "/col/col{colid:d}/index.html?uid={uid:d}&pageNum={page:d}",
        "article": "/art/{y:d}/{m:d}/{d:d}/art_{colid:d}_{doc:d}.html",
        "attachment": "/picture/{colid:d}/{ymd:d}/{doc:d}.{ext}",
        "special": "/module/web/jpage/dataproxy.jsp?startrecord={start:d}&endrecord={end:d}&perpage={per:d}&columnid={colid:d}&unitid={uid:d}",
        "special2": "/module/visitcount/articlehits.jsp?colid={colid:d}&artid={doc:d}",
        "letters0": "/jact/front/mailpublist.do?sysid={boxid:d}",
        "letters": "/jact/front/mailpublist.do?sysid={boxid:d}&pageNo={page:d}",
        "letter": "/jact/front/mailpubdetail.do?transactId={id:d}&sysid={boxid:d}",
        "guides": "/col/col{gid:d}/index.html", "guide": "/art/bszn/art_{gid:d}_{id:d}.html",
        "sitemap": "/col/col{siteid:d}/wzdt.html", "privacy": "/col/col{siteid:d}/yszc.html",
        "annual": "/col/col{siteid:d}/ndbb_{year:d}.html",
    }
    list_date_styles = ("iso", "md_bracket", "iso", "cell")
    article_date_styles = ("time", "iso")
    guide_layouts = ("label_table_4col", "bracket_headings", "tabs")
    letter_lists = ("table_number", "table_unit")
    letter_details = ("table", "qa")

    def col_vars(self, model, col) -> dict:
        colid = self.colid(model, col)
        return {"col": str(colid), "colid": colid, "uid": colid * 7 + 100_000}

    def page_param(self, pages, page_no):
        return page_no + 1

    def page_no(self, pages, param):
        return int(param) - 1

    def doc_offset(self, model) -> int:
        return model.id_base * 10

    # -- rows ---------------------------------------------------------------------------------
    def record(self, model, e, dated: bool) -> str:
        link = f'<a href="{e.path}" target="_blank" title="{escape(e.title)}">{escape(e.title)}</a>'
        if not dated:
            return f"<li>{link}</li>"
        if model.date_style == "cell":
            return f'<table width="100%"><tr><td>{link}</td><td width="90" align="right">{fmt_date(e.date, "iso")}</td></tr></table>'
        return f"<li>{link}<span>{fmt_date(e.date, model.date_style)}</span></li>"

    def rows(self, model, entries, dated, base: str | None = None) -> str:
        tag = "div" if model.date_style == "cell" and dated else "ul"
        return f'<{tag} class="list">' + "".join(self.record(model, e, dated) for e in entries) + f"</{tag}>"

    def datastore(self, model, col, entries, dated: bool, start: int) -> str:
        v = self.vars_of(model, col)
        nxt = ""
        if start + len(entries) < col.count:   # the next group's proxy URL, while there is one
            nxt = (f'<![CDATA[<a href="/module/web/jpage/dataproxy.jsp?startrecord={start + len(entries) + 1}'
                   f'&endrecord={start + len(entries) + col.page_size}&perpage={col.page_size}&columnid={v["colid"]}'
                   f'&unitid={v["uid"]}"></a>]]>')
        records = "".join(f"<record><![CDATA[\n{self.record(model, e, dated)}]]></record>\n" for e in entries)
        return f"<datastore>\n<nextgroup>{nxt}</nextgroup>\n<recordset>\n{records}</recordset>\n</datastore>"

    def list_rows(self, model, col, page) -> str:
        if col.js or not col.count:
            return super().list_rows(model, col, page)
        v, page_no = self.vars_of(model, col), page.data["page_no"]
        dated = not (col.undated or col.static)
        tag = "div" if model.date_style == "cell" and dated else "ul"
        store = self.datastore(model, col, page.entries or page.undated, dated, page_no * col.page_size)
        script = JPAGE_JS % {"uid": v["uid"], "total": col.count, "per": col.page_size, "cur": page_no + 1, "tag": tag}
        return f'<div id="{v["uid"]}"><script type="text/xml">{store}</script></div>{script}'

    def list_pager(self, model, col, page_no) -> str:
        return ""   # jpage draws it

    def special(self, as_of, model, params, path, query):
        """dataproxy.jsp: the records ``startrecord``..``endrecord`` (1-based) of a column, as XML;
        articlehits.jsp: the visit counter script an article page includes."""
        from govspider.sandbox.model import entry
        from govspider.sandbox.pages import raw

        col = model.column_by_token(params["colid"])
        if "doc" in params:
            hits = int(params["doc"]) % 997 + 3
            return raw("application/javascript; charset=utf-8", f'document.write("{hits}");'.encode()) if col else None
        start, end = int(params["start"]), int(params["end"])
        if col is None or col is model.interp_column or col.js or not 1 <= start <= end or end - start >= 200:
            return None
        if str(self.vars_of(model, col)["uid"]) != params["uid"] or start > max(col.count, 1):
            return None
        rows = [entry(model, col, i, as_of) for i in range(start - 1, min(end, col.count))]
        body = self.datastore(model, col, rows, not (col.undated or col.static), start - 1)
        xml = f'<?xml version="1.0" encoding="UTF-8"?>\n{body}'
        return raw("text/xml; charset=utf-8", xml.encode("utf-8"))

    # -- pages ----------------------------------------------------------------------------------
    def header(self, model) -> str:
        return (f'<div class="top"><div class="logo"><a href="/"><h1>{escape(model.site.name)}</h1></a></div>'
                f'<div class="search"><form action="/jsearch/search.do" method="get"><input name="q"></form></div></div>\n')

    def crumb(self, model, page) -> str:
        return (f'<div class="bt-position"><span>当前位置：</span><a href="/">首页</a> &gt; '
                f'<a href="#">{escape(page.column)}</a></div>\n')

    def article_info(self, model, page) -> str:
        if page.publish_date is None:
            return f'<div class="main-fl-xx"><span>信息来源：{escape(model.sponsor)}</span></div>'
        date = fmt_date(page.publish_date, model.styles["article_date"], page.data.get("salt", 0))
        e = page.data.get("entry") or page.data.get("policy")
        v = self.vars_of(model, model.interp_column if page.data.get("interp") else page.data["col"])
        hits = f'/module/visitcount/articlehits.jsp?colid={v["colid"]}&amp;artid={e.doc_id + self.doc_offset(model)}'
        return (f'<div class="main-fl-xx"><span>发布日期：{date}</span><span>信息来源：{escape(model.sponsor)}</span>'
                f'<span>浏览次数：<script src="{hits}"></script></span></div>')

    def body_article(self, model, page, as_of, links) -> str:
        return (f'<div class="main-fl"><div class="main-fl-tit">{escape(page.title)}</div>'
                f'{markup.policy_number(model, page)}{self.article_info(model, page)}'
                f'<div id="zoom">{markup.article_content(model, page, as_of)}</div></div>')

    def footer(self, model) -> str:
        f = markup.footer_parts(model, ("主办：", "联系电话：", "网站标识码："), conac_style="script")
        cells = "".join(f"<tr><td>{p}</td></tr>" for p in f.lines)
        return (f'<div class="footer"><table width="100%"><tr><td>{" | ".join(f.links)}</td></tr>{cells}'
                f'<tr><td>{f.conac}{f.jiucuo}</td></tr></table></div>\n')

