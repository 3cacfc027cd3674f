"""report.annual_missing, policy.no_interpretation, privacy.missing, site.unreachable, site.fake_closure."""

import dataclasses
import datetime as dt

from analyzers.api import SiteData
from analyzers.availability import AvailabilityAnalyzer
from analyzers.disclosure import AnnualReportAnalyzer, PolicyInterpretationAnalyzer, PrivacyAnalyzer, due_report_year
from analyzers.testing import run_on_html

from .conftest import PORTAL, ctx, page, real_page


def test_annual_report_year_follows_the_31_january_deadline():
    assert due_report_year(dt.date(2026, 11, 15), "01-31") == 2025
    assert due_report_year(dt.date(2026, 1, 20), "01-31") == 2024


def test_annual_report_link_on_the_homepage():
    has = page(PORTAL.url, kind="home", links=[{"url": "http://www.changsha.gov.cn/nb/2025.html", "text": "长沙市人民政府门户网站2025年度政府网站工作年度报表", "hidden": False}])
    old = page(PORTAL.url, kind="home", links=[{"url": "http://www.changsha.gov.cn/nb/2024.html", "text": "2024年政府网站工作年度报表", "hidden": False}])
    assert not list(AnnualReportAnalyzer().analyze(SiteData(PORTAL, [has]), ctx()))
    [f] = AnnualReportAnalyzer().analyze(SiteData(PORTAL, [old]), ctx())
    assert f["key"] == "2025" and f["details"]["year"] == 2025


def test_real_homepage_of_2018_lacks_the_2017_report():
    found = run_on_html(AnnualReportAnalyzer, [real_page("50_home.html")], url="http://www.wangcheng.gov.cn/", as_of=dt.date(2018, 3, 25))
    assert [f["key"] for f in found] == ["2017"]


def test_policy_article_without_interpretation():
    nav = {"url": "http://www.changsha.gov.cn/zcjd/", "text": "政策解读", "hidden": False}
    jd = {"url": "http://www.changsha.gov.cn/zcjd/202611/t20261104_9.html", "text": "《关于支持科技创新若干措施》政策解读", "hidden": False}
    url = "http://www.changsha.gov.cn/zcwj/202611/t20261103_123.html"
    without = page(url, kind="article", column="政策文件", title="关于支持科技创新若干措施的通知", links=[nav])
    [f] = PolicyInterpretationAnalyzer().analyze(without, ctx())
    assert f["rule_id"] == "policy.no_interpretation"
    assert f["key"] == "/zcwj/202611/t20261103_123.html"
    assert not list(PolicyInterpretationAnalyzer().analyze(page(url, kind="article", column="政策文件", links=[nav, jd]), ctx()))
    assert not list(PolicyInterpretationAnalyzer().analyze(page(url, kind="article", column="工作动态", links=[nav]), ctx()))


def test_privacy_statement_anywhere_on_the_site():
    home = page(PORTAL.url, kind="home", links=[{"url": "http://www.changsha.gov.cn/wzdt/", "text": "网站地图", "hidden": False}])
    [f] = PrivacyAnalyzer().analyze(SiteData(PORTAL, [home]), ctx())
    assert f["rule_id"] == "privacy.missing" and f["key"] == ""
    policy = page("http://www.changsha.gov.cn/ysbh/", kind="article", title="隐私声明")
    assert not list(PrivacyAnalyzer().analyze(SiteData(PORTAL, [home, policy]), ctx()))


def test_unreachable_and_fake_closure_from_the_crawl_state():
    tries = [{"at": f"2026-11-15T08:00:0{i}Z", "url": PORTAL.url, "status": None, "error": "connection refused"} for i in range(3)]
    down = {"site_code": PORTAL.site_code, "reachable": False, "error": "ConnectionRefusedError", "home_status": None,
            "cause": "connection_refused", "attempts": tries}
    [f] = AvailabilityAnalyzer().analyze(SiteData(PORTAL, [], state=down), ctx())
    assert f["rule_id"] == "site.unreachable" and "ConnectionRefusedError" in f["evidence"] and not f.get("review")
    closed = dataclasses.replace(PORTAL, status="closed")
    up = {"site_code": PORTAL.site_code, "reachable": True, "home_status": 200}
    [f] = AvailabilityAnalyzer().analyze(SiteData(closed, [], state=up), ctx(site=closed))
    assert f["rule_id"] == "site.fake_closure"
    assert not list(AvailabilityAnalyzer().analyze(SiteData(closed, [], state=down), ctx(site=closed)))
    assert not list(AvailabilityAnalyzer().analyze(SiteData(PORTAL, [page(PORTAL.url)], state=None), ctx()))
