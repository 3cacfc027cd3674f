"""footer.missing per element on real pages (against labels.json), footer.bad_site_code, domain.not_gov_cn."""

from analyzers.api import SiteData
from analyzers.footer import DomainAnalyzer, FooterAnalyzer
from analyzers.testing import run_on_html
from govspider.facts import FOOTER_FACT_OF_ELEMENT
from govspider.sites import Site

from .conftest import PORTAL, ctx, page, real_page


def site_for(label):
    code = label["facts"]["footer"].get("site_code") or "4300000001"
    return Site(site_code=code, name="真实网站", region="r", level="city", kind="portal", url=label["url"])


def test_footer_missing_matches_hand_labels_on_every_real_page(labels):
    checked = 0
    for name, label in sorted(labels.items()):
        footer = label["facts"].get("footer")
        if not footer:
            continue
        found = run_on_html(FooterAnalyzer, [real_page(name)], site=site_for(label))
        got = {f["key"] for f in found if f["rule_id"] == "footer.missing"}
        expected, either = set(), set()
        for element, fact in FOOTER_FACT_OF_ELEMENT.items():
            value = footer.get(fact, "unlabelled")
            if value == "unlabelled" or (value is None and element in ("conac", "jiucuo")):
                either.add(element)  # JS-only badge: either answer is right
            elif value in (None, False, ""):
                expected.add(element)
        assert got - either == expected - either, name
        checked += 1
    assert checked >= 25


def test_page_without_any_footer_misses_all_eight_elements(labels):
    found = run_on_html(FooterAnalyzer, [real_page("04_footer.html")], site=site_for(labels["04_footer.html"]))
    assert sorted(f["key"] for f in found) == sorted(FOOTER_FACT_OF_ELEMENT)
    assert all(f["details"]["element"] == f["key"] for f in found)


def test_bad_site_code_format_and_disagreement():
    good = {"conac": True, "jiucuo": True, "sponsor": "x", "phone": "1", "icp": "湘ICP备1号", "police_record": "1" * 14, "sitemap": True}
    for code, expect in (("4301000001", []), ("430100001", ["格式"]), ("4301000009", ["登记"])):
        home = page(PORTAL.url, kind="home", footer={**good, "site_code": code})
        found = list(FooterAnalyzer().analyze(SiteData(PORTAL, [home]), ctx()))
        bad = [f for f in found if f["rule_id"] == "footer.bad_site_code"]
        assert len(bad) == len(expect)
        for f, word in zip(bad, expect):
            assert word in f["evidence"]
    assert not [f for f in found if f["rule_id"] == "footer.missing"]


def test_site_code_disagreeing_with_the_jiucuo_entry_on_a_real_homepage(labels):
    """47_home prints 网站标识码 4300000025 while its _jiucuo_ script carries sitecode 4300000070."""
    label = labels["47_home.html"]
    found = run_on_html(FooterAnalyzer, [real_page("47_home.html")], site=site_for(label))
    bad = [f for f in found if f["rule_id"] == "footer.bad_site_code"]
    assert len(bad) == 1 and "4300000070" in bad[0]["evidence"] and "找错" in bad[0]["evidence"]
    for name in ("02_footer.html", "06_footer.html", "49_home.html"):  # the codes agree there
        found = run_on_html(FooterAnalyzer, [real_page(name)], site=site_for(labels[name]))
        assert not [f for f in found if f["rule_id"] == "footer.bad_site_code"], name


def test_domain_not_gov_cn():
    for url, bad in (("http://www.csx.gov.cn/", False), ("http://www.changsha-zf.com/", True),
                     ("http://www.hunan.政务/", False), ("http://gov.cn.example.org/", True)):
        site = Site(site_code="4301000001", name="x", region="r", level="city", kind="portal", url=url)
        found = list(DomainAnalyzer().analyze(SiteData(site, []), ctx(site=site)))
        assert bool(found) == bad, url
        if bad:
            assert found[0]["rule_id"] == "domain.not_gov_cn"
            assert found[0]["details"]["host"] == site.host == found[0]["key"]
