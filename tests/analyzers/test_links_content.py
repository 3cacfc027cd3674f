"""link.broken / attachment.broken (Ucap counting) and content.serious_error (defacement: test_defacement.py)."""

from analyzers.api import SiteData
from analyzers.content import SeriousErrorAnalyzer
from analyzers.terms import automaton, find_terms
from analyzers.links import LinksAnalyzer
from analyzers.testing import run_on_html

from .conftest import PORTAL, ctx, real_page


def link(target, status, on_home=False, error=None, attachment=False):
    return {"campaign": "t", "site_code": PORTAL.site_code, "target": target, "status": status, "error": error,
            "attachment": attachment, "internal": True, "on_home": on_home, "sources": ["http://www.changsha.gov.cn/"]}


def test_confirmed_and_suspected_links_and_attachments():
    links = [link("http://www.changsha.gov.cn/a.html", 404, on_home=True), link("http://www.changsha.gov.cn/b.html", 403),
             link("http://www.changsha.gov.cn/c.html", 503), link("http://www.changsha.gov.cn/d.html", None, error="timeout"),
             link("http://www.changsha.gov.cn/ok.html", 200), link("http://www.changsha.gov.cn/f.pdf", 404, attachment=True)]
    found = {f["key"]: f for f in LinksAnalyzer().analyze(SiteData(PORTAL, [], links), ctx(ruleset="2015"))}
    assert set(found) == {"http://www.changsha.gov.cn/a.html", "http://www.changsha.gov.cn/b.html",
                          "http://www.changsha.gov.cn/c.html", "http://www.changsha.gov.cn/d.html", "http://www.changsha.gov.cn/f.pdf"}
    home = found["http://www.changsha.gov.cn/a.html"]
    assert home["details"]["on_home"] is True and home["severity"] == "deduct" and home["points"] == 1.0
    assert found["http://www.changsha.gov.cn/b.html"]["points"] == 0.1
    assert found["http://www.changsha.gov.cn/c.html"]["severity"] == "info" and not found["http://www.changsha.gov.cn/c.html"]["details"]["confirmed"]
    assert found["http://www.changsha.gov.cn/f.pdf"]["rule_id"] == "attachment.broken"


def test_serious_errors_on_a_real_article_with_one_planted_error():
    html = real_page("26_article.html").read_text(encoding="utf-8")
    clean = run_on_html(SeriousErrorAnalyzer, [("http://www.wanzai.gov.cn/a.html", html)])
    assert clean == []
    planted = html.replace("</body>", "<p>坚持以中华人名共和国宪法为根本活动准则，中国共产党湖南省委员汇召开会议。</p></body>")
    found = run_on_html(SeriousErrorAnalyzer, [("http://www.wanzai.gov.cn/a.html", planted)])
    assert {f["rule_id"] for f in found} == {"content.serious_error"}
    assert {f["details"]["term"]: f["details"]["correct"] for f in found} == {"中华人名共和国": "中华人民共和国", "委员汇": "委员会"}
    assert any("中国共产党湖南省委员汇" in f["evidence"] for f in found)


def test_dictionary_cost_does_not_grow_with_its_size():
    words = {f"错词{i:05d}": "对" for i in range(20000)}
    auto = automaton(words)
    assert len(auto) == 20000
    assert find_terms("这里有错词01234和错词19999。", words) == ["错词01234", "错词19999"]


def test_a_page_fetched_fine_is_not_a_dead_link_whatever_its_check_said():
    """The link check timed out under load while the crawl fetched the same page with HTTP 200."""
    target = "http://www.changsha.gov.cn/art/2026/11/12/art_1.html"
    page = {"url": target, "status": 200, "facts": {}}
    data = SiteData(PORTAL, [page], [link(target, None, on_home=True, error="timeout"), link(target + "x", None, error="timeout")])
    assert [f["key"] for f in LinksAnalyzer().analyze(data, ctx())] == [target + "x"]
