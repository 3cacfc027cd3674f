"""Draws a routed ``Page`` as a whole HTML document (head, navigation, content, footer)."""

from __future__ import annotations

import datetime as dt
import json
from html import escape

from govspider.sandbox import markup as mk
from govspider.sandbox.model import SiteModel
from govspider.sandbox.pages import Page

HAZARD_LINKS = (
    ("/calendar/index.html?month={month}", "活动日历"),
    ("/xxgk/list.jsp;jsessionid=A1B2C3D4E5F6", "信息公开目录"),
    ("/redirect/a.html", "旧版入口"),
    ("/big/tjsj.html", "统计数据汇编"),
    ("/download/sjbg.html", "数据报告下载"),
    ("http://192.168.1.1/", "内网办公系统"),
    ("http://127.0.0.1:9/", "本地管理"),
    ("/admin/login.html", "管理登录"),
)


def render(model: SiteModel, page: Page, as_of: dt.date, links: list[tuple[str, str]]) -> str:
    """The page's HTML; ``links`` are (url, text) of related sites in the province (友情链接)."""
    if page.view == "json":
        return json.dumps([{"title": e.title, "url": e.path, "date": e.date.isoformat()} for e in page.entries],
                          ensure_ascii=False)
    title = page.title if page.view == "home" else f"{page.title}_{model.site.name}"
    out = [mk.head(model, page, title), f'<div class="header"><div class="logo"><a href="/">{escape(model.site.name)}</a></div></div>\n']
    if page.view != "admin":
        out.append(mk.nav(model))
    if page.column and page.view != "home":
        out.append(f'<div class="position">当前位置：<a href="/">首页</a> &gt; <span>{escape(page.column)}</span></div>\n')
    out.append(VIEWS[page.view](model, page, as_of, links))
    if page.footer:
        out.append(mk.footer(model))
    out.append("</body></html>\n")
    return "".join(out)


def _home(model, page, as_of, links):
    out, current = [], None
    for col, e in page.entries + [(c, None) for c in model.columns if c.count == 0]:
        if col is not current:
            if current is not None:
                out.append("</div>")
            current = col
            col_entries = [x for c, x in page.entries if c is col]
            out.append(f'<div class="col-box"><h2><span>{escape(col.name)}</span>'
                       f'<a class="more" href="{mk.list_href(model, col.slug, 0)}">更多&gt;&gt;</a></h2>')
            out.append(mk.entries_html(model, col_entries))
    if current is not None:
        out.append("</div>")
    if model.boxes:
        out.append('<div class="hdjl"><h2>互动交流</h2>' + "".join(
            f'<a href="/hdjl/{b}/index.html">{escape(n)}</a>' for b, (n, _l) in model.boxes.items()) + "</div>")
    if model.guides:
        out.append('<div class="bsfw"><h2>办事服务</h2><ul>' + "".join(
            f'<li><a href="/bsfw/zn_{g.number}.html">{escape(g.item)}</a></li>' for g in model.guides[:8]) + "</ul></div>")
    out.append('<div class="ndbb"><h2>政府网站工作年度报表</h2>' + "".join(
        f'<a href="/ndbb/{y}.html">{y}年政府网站工作年度报表</a>' for y in model.annual_years) + "</div>")
    for url, _status, on_home in model.broken_links:
        if on_home:
            out.append(f'<div class="zt"><a href="{escape(url)}">两会专题</a></div>')
    if model.hazards:
        month = f"{as_of:%Y-%m}"
        out.append('<div class="tools">' + "".join(
            f'<a href="{u.format(month=month)}">{t}</a>' for u, t in HAZARD_LINKS) + "</div>")
    if links:
        out.append('<div class="yqlj"><h2>政府网站</h2>' + "".join(
            f'<a href="{escape(u)}" target="_blank">{escape(t)}</a>' for u, t in links) + "</div>")
    return "\n".join(out)


def _list(model, page, as_of, links):
    col, page_no = page.data["col"], page.data["page_no"]
    if col.js:
        body = (f'<ul class="list" id="jslist"></ul><script>document.addEventListener("DOMContentLoaded",function(){{'
                f'setTimeout(function(){{fetch("/{col.slug}/list_{page_no}.json").then(function(r){{return r.json();}})'
                f'.then(function(items){{var ul=document.getElementById("jslist");items.forEach(function(it){{'
                f'var li=document.createElement("li");var a=document.createElement("a");a.href=it.url;a.textContent=it.title;'
                f'var s=document.createElement("span");s.className="date";s.textContent=it.date;li.appendChild(a);li.appendChild(s);'
                f'ul.appendChild(li);}});}});}},300);}});</script>')
    else:
        body = mk.entries_html(model, page.entries)
    return (f'<div class="main"><h2 class="col-title">{escape(col.name)}</h2>{body}'
            f'{mk.pagination(model, col.slug, page_no, col.pages) if col.count else ""}</div>')


def _article(model, page, as_of, links):
    return mk.article_body(model, page, as_of)


def _guide_list(model, page, as_of, links):
    return ('<div class="main"><h2>办事服务</h2><ul class="sxlist">' + "".join(
        f'<li><a href="/bsfw/zn_{g.number}.html">{escape(g.item)}</a></li>' for g in model.guides) + "</ul></div>")


def _guide(model, page, as_of, links):
    return f'<div class="main"><h2 class="sxmc">{escape(page.title)}办事指南</h2>{mk.guide_html(model, page.guide)}</div>'


def _letter_list(model, page, as_of, links):
    d = page.data
    base = "/hdjl/" + d["box"] + "/"
    pager = mk.pagination(model, "", d["page_no"], d["pages"], base=base)
    return f'<div class="main"><h2>{escape(page.title)}</h2>{mk.letter_rows(page.letters)}{pager}</div>'



def _letter(model, page, as_of, links):
    return f'<div class="main">{mk.letter_html(model, page.letters[0], page.column)}</div>'


def _sitemap(model, page, as_of, links):
    items = [f'<li><a href="{mk.list_href(model, c.slug, 0)}">{escape(c.name)}</a></li>' for c in model.columns]
    items += [f'<li><a href="/hdjl/{b}/index.html">{escape(n)}</a></li>' for b, (n, _l) in model.boxes.items()]
    if model.guides:
        items.append('<li><a href="/bsfw/index.html">办事服务</a></li>')
    return f'<div class="main"><h2>网站地图</h2><ul class="sitemap">{"".join(items)}</ul></div>'


def _privacy(model, page, as_of, links):
    return (f'<div class="main"><h2>隐私声明</h2><p>{escape(model.site.name)}（以下简称本网站）重视用户信息保护。'
            "本网站收集的个人信息仅用于提供服务，未经您的同意不会向第三方披露，法律法规另有规定的除外。</p>"
            "<p>本网站采取必要的安全措施保护您的个人信息，防止信息泄露、损毁、丢失。</p></div>")


def _annual(model, page, as_of, links):
    year = page.data["year"]
    rows = [("网站名称", model.site.name), ("首页网址", model.site.url), ("主办单位", model.sponsor),
            ("网站标识码", model.code), ("ICP备案号", model.icp), ("独立用户访问总量（单位：个）", str(int(model.code) % 900000 + 1000))]
    # a footer element planted as missing appears nowhere on the site (no ambiguity for extraction)
    hidden = {"网站标识码": "site_code", "ICP备案号": "icp", "主办单位": "sponsor"}
    rows = [(k, v) for k, v in rows if hidden.get(k) not in model.footer_missing]
    table = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)
    return (f'<div class="article"><h1>{escape(page.title)}</h1><div class="info">发布时间：{page.publish_date}</div>'
            f'<div class="content"><p>（{year}年度）</p><table border="1">{table}</table></div></div>')


def _admin(model, page, as_of, links):
    return '<form action="/admin/login.do" method="post"><input name="user"><input name="pwd" type="password"></form>'


VIEWS = {"home": _home, "list": _list, "article": _article, "guide_list": _guide_list, "guide": _guide,
         "letter_list": _letter_list, "letter": _letter, "sitemap": _sitemap, "privacy": _privacy,
         "annual": _annual, "admin": _admin}
