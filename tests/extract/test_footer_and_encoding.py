"""Footer facts and decoding: ICP/公安/标识码/主办/电话/地图/conac/jiucuo, GBK pages, garbage input."""

from __future__ import annotations

import pytest

from govspider.extract import extract_page, extract_page_and_text
from govspider.facts import empty_facts

URL = "http://www.example.gov.cn/art/2026/11/3/art_1_2.html"


def page(footer: str, head: str = "", body: str = "<p>正文</p>") -> str:
    return f"<html><head>{head}<title>测试</title></head><body>{body}<div class='footer'>{footer}</div></body></html>"


def footer_of(html, **kw):
    return extract_page(html, URL, **kw)["footer"]


@pytest.mark.parametrize("text, icp", [
    ("湘ICP备05008394号", "湘ICP备05008394号"),
    ("鲁ICP备 05038584号", "鲁ICP备05038584号"),
    ("备案号：蜀ICP备：19007388号", "蜀ICP备19007388号"),
    ("冀ICP备11012692号-54", "冀ICP备11012692号-54"),
    ("主办单位：某某政府&nbsp;&nbsp;湘ICP备08000008 ", "湘ICP备08000008"),
    ("粤公网安备号44030402003007 粤ICP备18094387号", "粤ICP备18094387号"),
])
def test_icp_normalized(text, icp):
    assert footer_of(page(text))["icp"] == icp


@pytest.mark.parametrize("text", [
    "湘公网安备 43010402000432号",
    "<a href='#'>湘公网安备\n 43010402000432号</a>",
    "湘公网安备：43010402000432号",
    "<a>湘公网安备号</a><a>43010402000432</a>",
])
def test_police_record_digits_only(text):
    assert footer_of(page(text))["police_record"] == "43010402000432"


@pytest.mark.parametrize("text, code", [
    ("网站标识码：4301000052", "4301000052"),
    ("政府网站标识码 5000000091", "5000000091"),
    ("网站识别码:4400000106", "4400000106"),
    ("网站标识码bm01000001", "bm01000001"),
])
def test_site_code_label_variants(text, code):
    assert footer_of(page(text))["site_code"] == code


@pytest.mark.parametrize("text, sponsor", [
    ("<p>主办单位：长沙市人民政府 承办单位：长沙市数据资源局 联系电话：0731-88665207</p>", "长沙市人民政府"),
    ("<span>西安市人民政府办公厅主办</span><span>网站标识码：6101000007</span>", "西安市人民政府办公厅"),
    ("<p>主办：乌鲁木齐市人民政府办公室</p><p>承办：电子政务中心</p>", "乌鲁木齐市人民政府办公室"),
    ("<p>西安市灞桥区人民政府版权所有 陕ICP备05008157号</p>", None),
])
def test_sponsor(text, sponsor):
    assert footer_of(page(text))["sponsor"] == sponsor


def test_phone_first_in_footer_not_body():
    html = page("<p>主办单位：某县人民政府</p><p>政务咨询：0731-88080110 技术维护：0731-88084049</p><p>湘ICP备1号</p>",
                body="<p>联系电话：0991-2859329</p>")
    assert footer_of(html)["phone"] == "0731-88080110"
    assert footer_of(page("<p>市民服务热线：12345</p><p>京ICP备1号</p>"))["phone"] == "12345"


def test_badges_and_sitemap():
    html = page(
        "<a href='/sitemap.html'>网站地图</a> 湘ICP备1号"
        "<script>document.write(unescape(\"%3Cspan id='_ideConac' %3E%3C/span%3E%3Cscript src='http://dcs.conac.cn/js/x.js'%3E%3C/script%3E\"));</script>"
        "<a href='javascript:;'><img src='/images/jiucuo.png' onclick=\"Link('4300000001')\"></a>")
    f = footer_of(html)
    assert (f["sitemap"], f["conac"], f["jiucuo"]) == (True, True, True)


def test_commented_badges_do_not_count():
    html = page("湘ICP备1号<!-- <script id='_jiucuo_' sitecode='4300000001' src='/jiucuo.js'></script>"
                "<a href='http://bszs.conac.cn/sitename?id=1'>x</a> 联系电话：0731-1234567 -->")
    f = footer_of(html)
    assert (f["conac"], f["jiucuo"], f["phone"], f["sitemap"]) == (False, False, None, False)


def test_jiucuo_link_to_ip_and_script():
    assert footer_of(page("<a href='http://121.43.68.40/exposure/jiucuo.html?site_code=1'>找错</a>"))["jiucuo"]
    assert footer_of(page("<script id='_jiucuo_' sitecode='1' src='/jiucuo.js'></script>"))["jiucuo"]


GBK_HTML = "<html><head>{meta}<title>通知公告</title></head><body><div class='footer'>主办单位：湖南省人民政府 湘ICP备05008394号</div></body></html>"


@pytest.mark.parametrize("meta, content_type", [
    ('<meta http-equiv="Content-Type" content="text/html; charset=gbk">', "text/html; charset=gbk"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', None),
    ("", "text/html; charset=GB18030"),
    ("", None),  # no declaration at all: detected
])
def test_gbk_pages(meta, content_type):
    body = GBK_HTML.format(meta=meta).encode("gb18030")
    facts = extract_page(body, URL, content_type=content_type)
    assert facts["footer"]["sponsor"] == "湖南省人民政府"
    assert facts["footer"]["icp"] == "湘ICP备05008394号"


def test_utf8_bytes_with_stale_gb2312_meta():
    body = GBK_HTML.format(meta='<meta charset="gb2312">').encode("utf-8")
    assert extract_page(body, URL)["footer"]["sponsor"] == "湖南省人民政府"


@pytest.mark.parametrize("body", [b"", b"\x00\x01\x02\xff\xfe" * 200, bytes(range(256)) * 50, "纯文本，没有标签" * 50,
                                  b"<html><body><div><p>unclosed <a href='x'>link", b"<?xml version='1.0' encoding='gbk'?><html><body>x</body></html>",
                                  b"<" * 5000 + b"div" * 100])
def test_garbage_never_crashes(body):
    facts, text = extract_page_and_text(body, URL)
    assert set(facts) == set(empty_facts())
    assert facts["kind"] in ("other", "list", "article")
    assert isinstance(text, str)


def test_deep_nesting_does_not_crash():
    body = "<div>" * 20000 + "<a href='/x'>x</a>" + "</div>" * 20000
    facts = extract_page(body, URL)
    assert isinstance(facts["links"], list)


def test_utf16_with_bom_under_gb2312_meta():
    # 39_article's original file: UTF-16LE with a BOM while <meta charset="gb2312">
    body = b"\xff\xfe" + GBK_HTML.format(meta='<meta charset="gb2312">').encode("utf-16-le")
    assert extract_page(body, URL)["footer"]["icp"] == "湘ICP备05008394号"


def test_explicit_encoding_argument_wins():
    body = GBK_HTML.format(meta='<meta charset="utf-8">').encode("gbk")
    assert extract_page(body, URL, encoding="gbk")["footer"]["sponsor"] == "湖南省人民政府"
