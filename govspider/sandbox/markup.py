"""HTML for sandbox pages in three CMS markup families modelled on real government sites.

- ``ul``: TRS-WCM style — ``<ul><li><a>…</a><span>2026-11-03</span></li>``, field table
  ``<th>/<td>`` guides, footer paragraphs, conac badge image link, ``_jiucuo_`` script;
- ``table``: 大汉 Hanweb style — ``<table>`` lists with ``[2026-11-03]`` cells, ``?page=N``
  pagination, ``document.write`` conac script (dcs.conac.cn), 找错 link;
- ``dl``: ``<dl><dd>`` lists with Chinese dates, ``<dt>/<dd>`` guides with label variants
  (申请材料 = 办理材料, 咨询电话 = 联系电话, 收费依据及标准 = 收费标准), footer ``<ul>``.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from govspider.sandbox import content
from govspider.sandbox.model import SiteModel, doc_number
from govspider.sandbox.pages import Page, attachments, broken_attachment_path, interpretation_path

DL_LABELS = {"办理材料": "申请材料", "联系电话": "咨询电话", "收费标准": "收费依据及标准"}


def fmt_date(d: dt.date, style: str) -> str:
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "dot":
        return f"{d:%Y.%m.%d}"
    return d.isoformat()


def head(model: SiteModel, page: Page, title: str) -> str:
    charset = {"utf8": "utf-8", "gbk-both": "gbk", "gbk-meta": "gb2312", "gb18030-header": None}[model.encoding]
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    tags = [("SiteName", model.site.name), ("SiteDomain", model.host)]
    if "site_code" not in model.footer_missing:
        tags.append(("SiteIDCode", model.code))
    if page.column:
        tags += [("ColumnName", page.column), ("ColumnType", page.column)]
    if page.view == "article":
        tags += [("ArticleTitle", page.title), ("PubDate", f"{page.publish_date} 09:{page.publish_date.day + 10:02d}"),
                 ("ContentSource", model.sponsor)]
    metas = "".join(f'<meta name="{k}" content="{escape(str(v))}">' for k, v in tags)
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>{meta}{metas}<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="/css/style.css"></head>\n<body>\n')


def nav(model: SiteModel) -> str:
    items = ['<a href="/">首页</a>'] + [f'<a href="{list_href(model, c.slug, 0)}">{escape(c.name)}</a>' for c in model.columns]
    items += [f'<a href="/hdjl/{b}/index.html">{escape(n)}</a>' for b, (n, _l) in model.boxes.items()]
    if model.guides:
        items.append('<a href="/bsfw/index.html">办事服务</a>')
    if model.family == "table":
        return '<table class="nav"><tr>' + "".join(f"<td>{i}</td>" for i in items) + "</tr></table>\n"
    if model.family == "dl":
        return '<div id="nav"><dl>' + "".join(f"<dd>{i}</dd>" for i in items) + "</dl></div>\n"
    return '<div class="nav"><ul>' + "".join(f"<li>{i}</li>" for i in items) + "</ul></div>\n"


def list_href(model: SiteModel, slug: str, page_no: int) -> str:
    if page_no == 0:
        return f"/{slug}/index.html"
    if model.family == "table":
        return f"/{slug}/index.html?page={page_no + 1}"
    return f"/{slug}/index_{page_no}.html"


def _year_groups(entries):
    """[(year, [entries])] in page order: lists that print month-day under a year heading."""
    groups = []
    for e in entries:
        if not groups or groups[-1][0] != e.date.year:
            groups.append((e.date.year, []))
        groups[-1][1].append(e)
    return groups


def entries_html(model: SiteModel, entries) -> str:
    """A dated list of entries in the site's family and date style."""
    if not entries:
        return '<div class="empty">暂无信息</div>'
    style = model.date_style
    if model.family == "table":
        row = lambda e, d: (f'<tr><td class="bt"><a href="{e.path}" target="_blank" title="{escape(e.title)}">'  # noqa: E731
                            f'{escape(e.title)}</a></td><td class="date">[{d}]</td></tr>')
        if style == "yearhead":
            rows = "".join(f'<tr><td colspan="2" class="year">{y}年</td></tr>' + "".join(row(e, f"{e.date:%m-%d}") for e in es)
                           for y, es in _year_groups(entries))
        else:
            rows = "".join(row(e, fmt_date(e.date, style)) for e in entries)
        return f'<table class="list" width="100%">{rows}</table>'
    if model.family == "dl":
        row = lambda e, d: f'<dd><a href="{e.path}" title="{escape(e.title)}">{escape(e.title)}</a><em>{d}</em></dd>'  # noqa: E731
        if style == "yearhead":
            return "".join(f'<dl class="news"><dt>{y}年</dt>' + "".join(row(e, f"{e.date.month}月{e.date.day}日") for e in es) + "</dl>"
                           for y, es in _year_groups(entries))
        return '<dl class="news">' + "".join(row(e, fmt_date(e.date, style)) for e in entries) + "</dl>"
    row = lambda e, d: f'<li><a href="{e.path}" title="{escape(e.title)}">{escape(e.title)}</a><span class="date">{d}</span></li>'  # noqa: E731
    if style == "yearhead":
        return "".join(f'<h3 class="year">{y}年</h3><ul class="list">' + "".join(row(e, f"{e.date:%m-%d}") for e in es) + "</ul>"
                       for y, es in _year_groups(entries))
    return '<ul class="list">' + "".join(row(e, fmt_date(e.date, style)) for e in entries) + "</ul>"


#: footer labels per family: (sponsor, phone, site code)
FOOTER_LABELS = {"ul": ("主办单位：", "联系电话：", "网站标识码："), "table": ("主办：", "电话：", "网站标识码"),
                 "dl": ("主办单位：", "服务热线：", "网站识别码：")}


def footer(model: SiteModel) -> str:
    miss = model.footer_missing
    parts = []
    sponsor_label, phone_label, code_label = FOOTER_LABELS[model.family]
    if "sponsor" not in miss:
        parts.append(f"{sponsor_label}{escape(model.sponsor)}")
    if "contact" not in miss:
        parts.append(f"{phone_label}{model.phone}")
    if "site_code" not in miss:
        parts.append(f"{code_label}{model.code}")
    if "icp" not in miss:
        parts.append(f'<a href="http://beian.miit.gov.cn/" target="_blank">{model.icp}</a>')
    if "police_record" not in miss:
        parts.append(f'<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={model.police}">'
                     f'<img src="/images/ga.png">湘公网安备 {model.police}号</a>')
    links = []
    if "sitemap" not in miss:
        links.append('<a href="/sitemap.html">网站地图</a>' if model.family != "dl" else '<a href="/sitemap.html">站点地图</a>')
    if model.privacy:
        links.append('<a href="/privacy.html">隐私声明</a>' if model.family != "table" else '<a href="/privacy.html">用户信息保护</a>')
    links.append('<a href="/hdjl/zxts/index.html">联系我们</a>' if "zxts" in model.boxes else "")
    conac = jiucuo = ""
    sid = f"{int(model.code) * 7 % 100000000:08d}"
    if "conac" not in miss:
        conac = {"ul": f'<span id="_ideConac"><a href="//bszs.conac.cn/sitename?method=show&amp;id={sid}" target="_blank">'
                       f'<img src="//dcs.conac.cn/image/red_error.png" alt="党政机关"></a></span>',
                 "table": f'<script type="text/javascript">document.write(unescape("%3Cspan id=\'_ideConac\' %3E%3C/span%3E'
                          f'%3Cscript src=\'//dcs.conac.cn/js/18/000/0000/{sid}/CA18000000{sid}0002.js\' type=\'text/javascript\'%3E%3C/script%3E"));</script>',
                 "dl": f'<a href="//bszs.conac.cn/sitename?method=show&amp;id={sid}"><img src="//dcs.conac.cn/image/blue.png"></a>'}[model.family]
    if "jiucuo" not in miss:
        code = "" if "site_code" in miss else model.code  # unambiguous: no 标识码 anywhere on the page
        jiucuo = (f'<a href="//zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={code}&amp;url=http%3A%2F%2F{model.host}%2F" target="_blank">'
                  f'<img src="//zfwzgl.www.gov.cn/exposure/images/jiucuo.png" alt="政府网站找错"></a>' if model.family == "dl" else
                  f'<span id="_span_jiucuo"></span><script id="_jiucuo_" sitecode=\'{code}\' src=\'//zfwzgl.www.gov.cn/exposure/jiucuo.js\'></script>')
    if model.family == "table":
        return ('<table class="footer" width="100%"><tr><td>' + " | ".join(l for l in links if l) + "</td></tr><tr><td>"
                + "&nbsp;&nbsp;".join(parts) + f"</td><td>{conac}</td><td>{jiucuo}</td></tr></table>\n")
    if model.family == "dl":
        return ('<div id="footer"><ul><li>' + " | ".join(l for l in links if l) + "</li>"
                + "".join(f"<li>{p}</li>" for p in parts) + f"<li>{conac}{jiucuo}</li></ul></div>\n")
    return ('<div class="footer"><div class="links">' + " | ".join(l for l in links if l) + "</div>"
            + "".join(f"<p>{p}</p>" for p in parts) + f'<div class="badges">{conac}{jiucuo}</div></div>\n')


def pagination(model: SiteModel, slug: str, page_no: int, pages: int, base: str | None = None) -> str:
    href = (lambda n: f"{base}index.html" if n == 0 else f"{base}index_{n}.html") if base else (lambda n: list_href(model, slug, n))
    links = [f'<a href="{href(0)}">首页</a>']
    if page_no > 0:
        links.append(f'<a href="{href(page_no - 1)}">上一页</a>')
    if page_no + 1 < pages:
        links.append(f'<a href="{href(page_no + 1)}">下一页</a>')
    links.append(f'<a href="{href(pages - 1)}">尾页</a>')
    return f'<div class="page">共{pages}页 当前第{page_no + 1}页 ' + " ".join(links) + "</div>"


def guide_html(model: SiteModel, fields: dict) -> str:
    if model.family == "dl":
        return '<dl class="guide">' + "".join(
            f"<dt>{DL_LABELS.get(k, k)}</dt><dd>{escape(v)}</dd>" for k, v in fields.items()) + "</dl>"
    if model.family == "table":
        return '<table class="bszn" border="1">' + "".join(
            f'<tr><td class="title">{k}：</td><td class="nr">{escape(v)}</td></tr>' for k, v in fields.items()) + "</table>"
    return '<table class="guide-table">' + "".join(
        f"<tr><th>{k}</th><td>{escape(v)}</td></tr>" for k, v in fields.items()) + "</table>"


def letter_html(model: SiteModel, letter, box_name: str) -> str:
    rows = [("信件标题", escape(letter.title)), ("来信时间", fmt_date(letter.asked, "iso")),
            ("来信内容", escape(letter.question)), ("信件类别", box_name)]
    if letter.replied:
        rows += [("答复单位", escape(letter.unit)), ("答复时间", fmt_date(letter.replied, "iso")),
                 ("答复内容", escape(letter.reply))]
    else:
        rows.append(("办理状态", "办理中"))
    if model.family == "dl":
        return '<div class="letter">' + "".join(f'<div class="row"><span class="label">【{k}】</span><div class="val">{v}</div></div>'
                                                for k, v in rows) + "</div>"
    return '<table class="letter" border="1">' + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>"


def letter_rows(letters) -> str:
    rows = "".join(
        f'<tr><td><a href="{l.path}">{escape(l.title)}</a></td><td>{l.asked.isoformat()}</td>'
        f'<td>{"已答复" if l.replied else "办理中"}</td><td>{l.replied.isoformat() if l.replied else ""}</td></tr>'
        for l in letters)
    return f'<table class="letters"><tr><th>信件标题</th><th>来信时间</th><th>状态</th><th>答复时间</th></tr>{rows}</table>'


def spam_block() -> str:
    links = "".join(f'<a href="http://{h}/">{t}</a>' for h, t in zip(content.SPAM_HOSTS * 2, content.SPAM_TERMS))
    return f'<div style="position:absolute;top:-9999px;left:-9999px;display:none">{links}</div>'


def article_body(model: SiteModel, page: Page, as_of: dt.date) -> str:
    d = page.data
    e = d.get("entry") or d["policy"]
    rng = content.stable_rng(model.seed, model.code, "body", e.doc_id, d.get("interp", False))
    paras = content.body_paragraphs(rng, model.short)
    extras = d.get("extras", ())
    for extra in extras:
        if extra.startswith("serious:"):
            term = extra.split(":", 1)[1]
            paras.insert(1, f"会议指出，要深入学习贯彻{term}相关精神，坚定不移推进各项工作。")
    if d.get("interp"):
        paras.insert(0, f"近日，{escape(model.site.name)}印发了{escape(e.title)}（{doc_number(model, e)}）。现就有关内容解读如下。")
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    meta = f'<div class="info">发布时间：{fmt_date(page.publish_date, "iso" if model.date_style == "yearhead" else model.date_style)}&nbsp;&nbsp;来源：{escape(model.sponsor)}</div>'
    if d["col"].category == "policy" and not d.get("interp"):
        meta = f'<div class="wh">发文字号：{doc_number(model, e)}</div>' + meta
        if "no_interp" not in extras:
            body += f'<div class="jd">相关解读：<a href="{interpretation_path(as_of, e)}">【政策解读】{escape(e.title[-24:])}</a></div>'
    if not d.get("interp"):
        files = attachments(model, d["col"], e)
        if "broken_attachment" in extras:
            files.append((broken_attachment_path(e), f"附件{e.doc_id}.pdf"))
        if files:
            body += '<div class="fj">附件：' + "".join(f'<p><a href="{p}">{escape(n)}</a></p>' for p, n in files) + "</div>"
    for extra in extras:
        if extra.startswith("broken:"):
            target = extra[len("broken:"):].rsplit(":", 1)[0]
            body += f'<p>详见：<a href="{escape(target)}">相关专题链接</a></p>'
    if "defaced" in extras:
        body += spam_block()
    if "malformed" in model.hazards:
        body = body.replace("</p>", "", 3) + "</td></div><p><b>未闭合标签<<i>"
    return f'<div class="article"><h1>{escape(page.title)}</h1>{meta}<div class="content">{body}</div></div>'
