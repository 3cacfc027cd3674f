"""JS detection for render_js: auto, and the browser's request filter (only registered hosts)."""

from __future__ import annotations

from types import SimpleNamespace

from govspider.crawling import render
from govspider.crawling.urls import SiteResolver
from govspider.facts import empty_facts
from govspider.sites import Site

JS_LIST = b"""<html><body><ul id="list"></ul><script>
var data=[{"t":"\xe9\x80\x9a\xe7\x9f\xa5","d":"2026-11-01"}];
document.getElementById('list').innerHTML = data.map(function(x){return '<li>'+x.t+'</li>'}).join('');
</script></body></html>"""


def test_needs_render_only_for_empty_pages_with_writing_scripts():
    assert render.needs_render(JS_LIST, empty_facts())
    with_entries = {**empty_facts(), "entries": [{"title": "通知", "url": "http://a.gov.cn/1", "date": "2026-11-01"}]}
    assert not render.needs_render(JS_LIST, with_entries)
    analytics = b"<html><body><p>x</p><script>var _hmt=_hmt||[];</script></body></html>"
    assert not render.needs_render(analytics, empty_facts())


def test_abort_request_keeps_browser_on_registered_sites():
    render.set_resolver(SiteResolver([Site("A", "测试", "长沙市", "city", "portal", "http://www.csx.gov.cn/")]))
    req = lambda url, kind="script": SimpleNamespace(url=url, resource_type=kind)  # noqa: E731
    assert render.abort_request(req("http://www.csx.gov.cn/js/list.js")) is False
    assert render.abort_request(req("http://www.google-analytics.com/ga.js")) is True
    assert render.abort_request(req("http://www.csx.gov.cn/logo.png", "image")) is True
    assert render.abort_request(req("http://127.0.0.1:9200/")) is True
    opts = render.launch_options(proxy="http://127.0.0.1:3128")
    assert opts["executable_path"] == "/usr/bin/chromium" and opts["proxy"] == {"server": "http://127.0.0.1:3128"}


def test_badge_scripts_do_not_trigger_rendering():
    conac = (b'<html><body><h1>\xe6\xa0\x87\xe9\xa2\x98</h1><p>text</p><script type="text/javascript">'
             b'document.write(unescape("%3Cspan id=\'_ideConac\' %3E%3C/span%3E%3Cscript src=\'//dcs.conac.cn/js/18/x.js\'%3E"));'
             b'</script></body></html>')
    assert not render.needs_render(conac, empty_facts())
    sandbox_js = (b'<ul class="list" id="jslist"></ul><script>document.addEventListener("DOMContentLoaded",function(){'
                  b'setTimeout(function(){fetch("/xwdt/list_0.json").then(function(r){return r.json();})'
                  b'.then(function(items){var ul=document.getElementById("jslist");items.forEach(function(it){'
                  b'var li=document.createElement("li");ul.appendChild(li);});});},300);});</script>')
    assert render.needs_render(sandbox_js, empty_facts())


def test_single_page_app_shells_are_rendered_and_dated_articles_are_not():
    """一网通办 halls built as single-page apps show a loading placeholder until a script fetches the
    item data; real article pages write share buttons and counters with scripts but are read whole."""
    from pathlib import Path

    from govspider.extract import extract_page

    shell = ('<html><body><div class="main"><div id="app"><p class="loading">正在加载…</p></div>'
             '<script>fetch("/api/item/detail?itemCode=1").then(function(r){return r.json();}).then(function(d){'
             'document.getElementById("app").innerHTML = d.data.itemName;});</script></div></body></html>').encode()
    assert render.needs_render(shell, {**empty_facts(), "kind": "other"})
    counter = shell.replace("正在加载…".encode(), "共有事项 12 项".encode())
    assert not render.needs_render(counter, {**empty_facts(), "kind": "other"})  # data-driven widget, content shown
    pages = sorted(Path(__file__).resolve().parents[2].joinpath("..", "shared", "realworld", "pages").glob("*_article.html"))
    assert len(pages) >= 20
    rendered = [p.name for p in pages if render.needs_render(p.read_bytes(), extract_page(p.read_bytes(), f"http://www.x.gov.cn/{p.name}"))]
    assert len(rendered) <= 1, rendered  # only an article whose date was not read may be worth a browser
