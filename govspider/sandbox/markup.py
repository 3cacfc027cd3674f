"""Markup every family shares: the document head with its 指引 meta tags, article content with the
planted extras, the homepage's service blocks, footer parts and badges, privacy and annual pages.

Families (families/) decide the layout around these parts; the parts carry the planted defects
(错别字, 暗链, missing footer elements, broken links) so every family plants them the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from html import escape

from govspider.sandbox import content
from govspider.sandbox.families.dates import clock
from govspider.sandbox.model import SiteModel, doc_number

CHARSET_META = {"utf8": "utf-8", "gbk-both": "gbk", "gbk-meta": "gb2312", "gb18030-header": None}
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


def head(model: SiteModel, page, title: str) -> str:
    charset = CHARSET_META[model.encoding]
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    tags = [("SiteName", model.site.name), ("SiteDomain", model.host)]
    if "site_code" not in model.footer_missing:
        tags.append(("SiteIDCode", model.code))
    if page.column:
        tags += [("ColumnName", page.column), ("ColumnType", page.column)]
    if page.view == "article":
        tags.append(("ArticleTitle", page.title))
        if page.publish_date:
            tags.append(("PubDate", f"{page.publish_date} {clock(page.publish_date, page.data.get('salt', 0))}"))
        tags.append(("ContentSource", model.sponsor))
    metas = "".join(f'<meta name="{k}" content="{escape(str(v))}">' for k, v in tags)
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>{meta}{metas}<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="/css/style.css"></head>\n<body>\n')


def js_list(col, page_no: int) -> str:
    """A list whose rows a script fetches after load (``/{slug}/list_N.json``)."""
    return (f'<ul class="list" id="jslist"></ul><script>document.addEventListener("DOMContentLoaded",function(){{'
            f'setTimeout(function(){{fetch("/{col.slug}/list_{page_no}.json").then(function(r){{return r.json();}})'
            f'.then(function(items){{var ul=document.getElementById("jslist");items.forEach(function(it){{'
            f'var li=document.createElement("li");var a=document.createElement("a");a.href=it.url;a.textContent=it.title;'
            f'var s=document.createElement("span");s.className="date";s.textContent=it.date;li.appendChild(a);li.appendChild(s);'
            f'ul.appendChild(li);}});}});}},300);}});</script>')


def spam_block() -> str:
    links = "".join(f'<a href="http://{h}/">{t}</a>' for h, t in zip(content.SPAM_HOSTS * 2, content.SPAM_TERMS))
    return f'<div style="position:absolute;top:-9999px;left:-9999px;display:none">{links}</div>'


def home_extras(skin, model: SiteModel, as_of: dt.date, links) -> str:
    """The homepage blocks after the column boxes: 互动交流, 办事服务, 年度报表, 专题 and 友情链接."""
    out = []
    if model.boxes:
        out.append('<div class="hdjl"><h2>互动交流</h2>' + "".join(
            f'<a href="{skin.letters_path(model, b, 0, 1)}">{escape(n)}</a>' for b, (n, _l) in model.boxes.items()) + "</div>")
    if model.guides:
        out.append('<div class="bsfw"><h2>办事服务</h2><div class="icons">' + "".join(
            f'<a href="{skin.guide_path(model, g)}"><i class="icon"></i><span>{escape(g.item)}</span></a>'
            for g in model.guides[:8]) + "</div></div>")
    out.append('<div class="ndbb"><h2>政府网站工作年度报表</h2>' + "".join(
        f'<a href="{skin.fixed_path(model, "annual", year=y)}">{y}年政府网站工作年度报表</a>' for y in model.annual_years) + "</div>")
    for url, _status, on_home in model.broken_links:
        if on_home:
            out.append(f'<div class="zt"><a href="{escape(url)}">两会专题</a></div>')
    if model.home_links:
        out.append('<div class="ztzl">' + "".join(f'<a href="{escape(u)}" target="_blank">{escape(t)}</a>' for u, t in model.home_links) + "</div>")
    if model.hazards:
        month = f"{as_of:%Y-%m}"
        out.append('<div class="tools">' + "".join(f'<a href="{u.format(month=month)}">{t}</a>' for u, t in HAZARD_LINKS) + "</div>")
    if links:
        out.append('<div class="yqlj"><h2>政府网站</h2>' + "".join(
            f'<a href="{escape(u)}" target="_blank">{escape(t)}</a>' for u, t in links) + "</div>")
    return "\n".join(out)


def policy_number(model: SiteModel, page) -> str:
    """发文字号 line of a policy document (not of its 解读)."""
    d = page.data
    if d.get("col") is not None and d["col"].category == "policy" and not d.get("interp") and d.get("entry") and not d["col"].static:
        return f'<div class="wh">发文字号：{doc_number(model, d["entry"])}</div>'
    return ""


def article_content(model: SiteModel, page, as_of: dt.date) -> str:
    """Body paragraphs plus the planted extras, 相关解读 link and attachments of an article page."""
    d = page.data
    e = d.get("entry") or d["policy"]
    rng = content.stable_rng(model.seed, model.code, "body", e.doc_id, d.get("interp", False))
    paras = content.body_paragraphs(rng, model.short)
    extras = d.get("extras", ())
    for extra in extras:
        if extra.startswith("serious:"):
            paras.insert(1, f"会议指出，要深入学习贯彻{extra.split(':', 1)[1]}相关精神，坚定不移推进各项工作。")
        elif extra.startswith("para:"):
            paras.insert(1, extra[len("para:"):])
    if d.get("interp"):
        paras.insert(0, f"近日，{model.site.name}印发了{e.title}（{doc_number(model, e)}）。现就有关内容解读如下。")
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    col = d["col"]
    if col.category == "policy" and not d.get("interp") and not col.static and "no_interp" not in extras:
        body += (f'<div class="jd">相关解读：<a href="{interpretation_path(model, as_of, e)}">'
                 f'【政策解读】{escape(e.title[-24:])}</a></div>')
    if not d.get("interp"):
        files = attachments(model, col, e)
        if "broken_attachment" in extras:
            files.append((broken_attachment_path(e), f"附件{e.doc_id}.pdf"))
        if files:
            body += '<div class="fj">附件：' + "".join(f'<p><a href="{p}">{escape(n)}</a></p>' for p, n in files) + "</div>"
    for extra in extras:
        if extra.startswith("broken:"):
            body += f'<p>详见：<a href="{escape(extra[len("broken:"):].rsplit(":", 1)[0])}">相关专题链接</a></p>'
    if "defaced" in extras:
        body += spam_block()
    if "malformed" in model.hazards:
        body = body.replace("</p>", "", 3) + "</td></div><p><b>未闭合标签<<i>"
    return body


def static_text(model: SiteModel, page) -> str:
    rng = content.stable_rng(model.seed, model.code, "static", page.title)
    return "".join(f"<p>{escape(p)}</p>" for p in content.duty_paragraphs(rng, model.site.name, page.title))


ATTACH_EXTS = ("pdf", "doc", "xls")


def attachments(model: SiteModel, col, e) -> list[tuple[str, str]]:
    """(path, file name) of the working attachments of an article: every third notice/policy item."""
    if col.category not in ("notice", "policy") or e.index % 3 or col.static:
        return []
    ext = ATTACH_EXTS[e.doc_id % 3]
    return [(model.skin.attachment_path(model, col, e, ext), f"{e.title[:20]}.{ext}")]


def broken_attachment_path(e) -> str:
    return f"/uploads/{e.date:%Y%m}/{e.doc_id}_fj.pdf"


def interpretation_date(as_of: dt.date, e) -> dt.date:
    return min(as_of, e.date + dt.timedelta(days=1 + e.doc_id % 3))


def interpretation_path(model: SiteModel, as_of: dt.date, e) -> str:
    return model.skin.article_path(model, model.interp_column, interpretation_date(as_of, e), e.doc_id)


def privacy(model: SiteModel) -> str:
    return (f'<div class="main"><h2>隐私声明</h2><p>{escape(model.site.name)}（以下简称本网站）重视用户信息保护。'
            "本网站收集的个人信息仅用于提供服务，未经您的同意不会向第三方披露，法律法规另有规定的除外。</p>"
            "<p>本网站采取必要的安全措施保护您的个人信息，防止信息泄露、损毁、丢失。</p></div>")


def annual(model: SiteModel, page) -> str:
    year = page.data["year"]
    rows = [("网站名称", model.site.name), ("首页网址", model.site.url), ("主办单位", model.sponsor),
            ("网站标识码", model.code), ("ICP备案号", model.icp), ("独立用户访问总量（单位：个）", str(int(model.code) % 900000 + 1000))]
    # a footer element planted as missing appears nowhere on the site (no ambiguity for extraction)
    hidden = {"网站标识码": "site_code", "ICP备案号": "icp", "主办单位": "sponsor"}
    rows = [(k, v) for k, v in rows if hidden.get(k) not in model.footer_missing]
    table = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)
    return (f'<div class="article"><h1>{escape(page.title)}</h1><div class="info">发布时间：{page.publish_date}</div>'
            f'<div class="content"><p>（{year}年度）</p><table border="1">{table}</table></div></div>')


# -- footer ------------------------------------------------------------------------------------

@dataclasses.dataclass
class FooterParts:
    lines: list      # labelled text pieces: sponsor, phone, site code, ICP link, 公网安备 link
    links: list      # 网站地图 / 隐私声明 / 联系我们 links
    conac: str       # 党政机关 badge markup ("" when missing)
    jiucuo: str      # 我为政府网站找错 badge markup ("" when missing)


def footer_parts(model: SiteModel, labels: tuple, conac_style: str = "link", jiucuo_style: str = "script",
                 sitemap_text: str = "网站地图", privacy_text: str = "隐私声明", police_space: bool = True) -> FooterParts:
    """The footer's elements with this family's ``labels`` (sponsor, phone, site code); a sponsor
    label of ``"{}主办"`` prints the suffix form. Planted missing elements are left out entirely."""
    miss, skin = model.footer_missing, model.skin
    sponsor_label, phone_label, code_label = labels
    lines = []
    if "sponsor" not in miss:
        lines.append(sponsor_label.format(escape(model.sponsor)) if "{}" in sponsor_label else f"{sponsor_label}{escape(model.sponsor)}")
    if "contact" not in miss:
        lines.append(f"{phone_label}{model.phone}")
    if "site_code" not in miss:
        lines.append(f"{code_label}{model.code}")
    if "icp" not in miss:
        lines.append(f'<a href="http://beian.miit.gov.cn/" target="_blank">{model.icp}</a>')
    if "police_record" not in miss:
        gap = " " if police_space else ""
        lines.append(f'<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={model.police}" target="_blank">'
                     f'<img src="/images/ga.png">湘公网安备{gap}{model.police}号</a>')
    links = []
    if "sitemap" not in miss:
        links.append(f'<a href="{skin.fixed_path(model, "sitemap")}">{sitemap_text}</a>')
    if model.privacy:
        links.append(f'<a href="{skin.fixed_path(model, "privacy")}">{privacy_text}</a>')
    if "zxts" in model.boxes:
        links.append(f'<a href="{skin.letters_path(model, "zxts", 0, 1)}">联系我们</a>')
    sid = f"{int(model.code) * 7 % 100000000:08d}"
    conac = jiucuo = ""
    if "conac" not in miss:
        conac = {"link": f'<span id="_ideConac"><a href="//bszs.conac.cn/sitename?method=show&amp;id={sid}" target="_blank">'
                         f'<img src="//dcs.conac.cn/image/red_error.png" alt="党政机关"></a></span>',
                 "script": f'<script type="text/javascript">document.write(unescape("%3Cspan id=\'_ideConac\' %3E%3C/span%3E'
                           f'%3Cscript src=\'//dcs.conac.cn/js/18/000/0000/{sid}/CA18000000{sid}0002.js\' type=\'text/javascript\'%3E%3C/script%3E"));</script>',
                 "blue": f'<a href="//bszs.conac.cn/sitename?method=show&amp;id={sid}"><img src="//dcs.conac.cn/image/blue.png"></a>'}[conac_style]
    if "jiucuo" not in miss:
        code = model.badge_code
        jiucuo = (f'<a href="//zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={code}&amp;url=http%3A%2F%2F{model.host}%2F" target="_blank">'
                  f'<img src="//zfwzgl.www.gov.cn/exposure/images/jiucuo.png" alt="政府网站找错"></a>' if jiucuo_style == "link" else
                  f'<span id="_span_jiucuo"></span><script id="_jiucuo_" sitecode=\'{code}\' src=\'//zfwzgl.www.gov.cn/exposure/jiucuo.js\'></script>')
    return FooterParts(lines, links, conac, jiucuo)
