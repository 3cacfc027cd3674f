"""content.defacement: only content the site did not mean to publish (issue 10). The site's own
visible words — 「户籍办证指南」, 「举报色情低俗信息」, an anti-gambling news item — are never defacement;
hidden, camouflaged or script-written spam links, outside spam links, cloaked redirects and
hijacked titles are; weaker signs are findings for review. Real pages give nothing."""

import pytest

from analyzers.defacement import DefacementAnalyzer
from analyzers.testing import run_on_html

from .conftest import real_page

URL = "http://www.csx.gov.cn/zwyw/202611/t20261103_100004.html"


def page(body: str, head: str = "<title>长沙县人民政府</title>") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def found(html: str, url: str = URL) -> list[dict]:
    return run_on_html(DefacementAnalyzer, [(url, html)], url="http://www.csx.gov.cn/")


@pytest.mark.parametrize("body", [
    '<ul><li><a href="/bsfw/hjbz.html">户籍办证指南</a></li><li><a href="/jb/index.html">举报色情低俗信息</a></li></ul>',
    '<div class="foot"><a href="http://www.12377.cn/">举报色情低俗信息</a> <a href="/bszn/banzheng.html">户籍办证指南</a></div>',
    "<h1>我县开展打击整治网络赌博违法犯罪专项行动</h1><p>会议要求，严厉打击网络赌博、非法博彩、私彩、六合彩等违法犯罪活动，"
    "依法查处利用网络开设赌场、组织参与跨境赌博等行为，提醒广大群众远离赌博。</p>",
    "<h1>我县部署“扫黄打非·净网”专项行动</h1><p>集中整治网络色情低俗信息，清理淫秽色情内容，曝光澳门赌场、百家乐、真人娱乐等网络赌博陷阱。</p>",
    '<div style="display:none" class="tab"><a href="/bsfw/hjbz.html">户籍办证指南</a><a href="/jb/">举报色情低俗信息</a></div>',
    '<script>if(/Android|iPhone/i.test(navigator.userAgent)){window.location.href="http://m.csx.gov.cn/";}</script>',
    '<script>function jc(){window.open("http://121.43.68.40/exposure/jiucuo.html?site_code=4301210001&url="+document.referrer);}</script>',
])
def test_the_sites_own_words_are_not_defacement(body):
    assert found(page(body)) == []


def test_hidden_spam_links_are_defacement():
    [f] = found(page('<p>正文</p><div style="position:absolute;left:-9999px"><a href="http://www.xpj8866.com/">澳门新葡京</a>'
                     '<a href="http://bjl-online.cc/">百家乐在线</a></div>'))
    assert f["severity"] == "veto" and f["review"] is False
    assert {"葡京", "百家乐"} <= set(f["details"]["terms"]) and f["key"] == "/zwyw/202611/t20261103_100004.html"


def test_camouflaged_and_script_written_links():
    white = page('<font color="#FFFFFF"><a href="http://lhc.example.cc/">六合彩开奖结果</a></font>',
                 head="<title>x</title><style>body{background:#fff}</style>")
    [f] = found(white)
    assert f["review"] is False and "伪装链接" in f["evidence"]
    written = page("<script>document.write('<div style=\"display:none\"><a href=\"http://tyc.example.net/\">太阳城娱乐</a></div>');</script>")
    [f] = found(written)
    assert f["review"] is False and "脚本写入的隐藏链接" in f["evidence"]
    menu = page("<script>document.write('<a href=\"/bsfw/hjbz.html\">户籍办证指南</a>');</script>")
    assert found(menu) == []


def test_visible_link_to_an_outside_spam_site():
    [f] = found(page('<p>友情链接：<a href="http://www.bet-example.com/">皇冠体育投注</a></p>'))
    assert f["review"] is False and "外部违规链接" in f["evidence"]


def test_redirects_cloaked_confirmed_plain_for_review():
    cloaked = page('<script>var r=document.referrer;if(r.indexOf("baidu")>-1||r.indexOf("sogou")>-1)'
                   '{location.href="http://www.xpj-example.com/";}</script>')
    [f] = found(cloaked)
    assert f["review"] is False and "按来源判断" in f["evidence"]
    plain = page('<script>location.replace("http://www.unknown-example.com/");</script>')
    [f] = found(plain)
    assert f["review"] is True and f["review_reason"]
    meta = page("", head='<meta http-equiv="refresh" content="0;url=http://www.hunan.gov.cn/">')
    assert found(meta) == []


def test_hijacked_title_and_keywords():
    [f] = found(page("<p>x</p>", head="<title>澳门新葡京_百家乐_真人娱乐-长沙县人民政府</title>"))
    assert f["review"] is False and "标题" in f["evidence"]
    [f] = found(page("<p>x</p>", head='<title>长沙县人民政府</title><meta name="keywords" content="长沙县,威尼斯人">'))
    assert f["review"] is True
    assert found(page("<p>x</p>", head="<title>警方捣毁“百家乐”网络赌博窝点</title>")) == []


def test_spam_words_in_visible_text_alone_only_ask_for_review():
    [f] = found(page("<p>澳门新葡京 百家乐 真人娱乐 时时彩 注册送彩金</p>"))
    assert f["review"] is True and f["severity"] == "veto"


def test_no_real_government_page_is_called_defaced(labels):
    for name, label in sorted(labels.items()):
        assert run_on_html(DefacementAnalyzer, [real_page(name)], url=label["url"]) == [], name


def test_injected_block_on_a_real_homepage():
    html = real_page("49_home.html").read_text(encoding="utf-8")
    spam = html.replace("</body>", '<div style="display:none"><a href="http://www.xpj8866.com/">澳门新葡京</a>'
                                    '<a href="http://bjl-online.cc/">百家乐在线</a></div></body>')
    [f] = run_on_html(DefacementAnalyzer, [("http://www.csx.gov.cn/", spam)])
    assert f["severity"] == "veto" and not f["review"] and f["details"]["cause"]
