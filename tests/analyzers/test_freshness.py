"""home.stale, column.stale (by category, as-of date, both rulesets), column.blank."""

import datetime as dt

from analyzers.api import SiteData
from analyzers.freshness import FreshnessAnalyzer, classify_column
from analyzers.registry import ruleset_table
from analyzers.testing import run_on_html

from .conftest import PORTAL, ctx, page, real_page

AS_OF = dt.date(2026, 11, 15)


def days_ago(n):
    return (AS_OF - dt.timedelta(days=n)).isoformat()


def run(pages, ruleset="2019", as_of=AS_OF):
    return list(FreshnessAnalyzer().analyze(SiteData(PORTAL, pages), ctx(ruleset=ruleset, as_of=as_of)))


def test_column_categories_come_from_the_ruleset_keywords():
    cats = ruleset_table("2015")["freshness"]["categories"]
    assert classify_column("政务动态", cats)["name"] == "news"
    assert classify_column("通知公告", cats)["name"] == "notice"
    assert classify_column("政策文件", cats)["name"] == "policy"
    assert classify_column("政策解读", cats)["name"] == "other"   # 解读 is not a policy-file column
    assert classify_column("人事信息", cats)["name"] == "other"


def test_stale_columns_by_category_against_the_as_of_date():
    pages = [
        page("http://www.changsha.gov.cn/", kind="home", entries=[{"title": "a", "url": "u", "date": days_ago(1)}]),
        page("http://www.changsha.gov.cn/zwdt/", kind="list", column="政务动态", entries=[{"title": "n", "url": "u", "date": days_ago(30)}]),
        page("http://www.changsha.gov.cn/tzgg/", kind="list", column="通知公告", entries=[{"title": "n", "url": "u", "date": days_ago(30)}]),
        page("http://www.changsha.gov.cn/zcwj/", kind="list", column="政策文件", entries=[{"title": "p", "url": "u", "date": days_ago(300)}]),
        page("http://www.changsha.gov.cn/rsxx/", kind="list", column="人事信息", entries=[{"title": "r", "url": "u", "date": days_ago(200)}]),
    ]
    found = run(pages)
    stale = {f["details"]["column"]: f["details"]["category"] for f in found if f["rule_id"] == "column.stale"}
    assert stale == {"政务动态": "news", "政策文件": "policy"}
    assert not [f for f in found if f["rule_id"] == "home.stale"]
    # the same site checked half a year earlier has nothing stale
    assert not [f for f in run(pages, as_of=AS_OF - dt.timedelta(days=200)) if f["rule_id"] == "column.stale" and f["details"]["column"] == "政策文件"]


def test_blank_column_and_article_dates_count():
    pages = [
        page("http://www.changsha.gov.cn/", kind="home", entries=[{"title": "a", "url": "u", "date": days_ago(1)}]),
        page("http://www.changsha.gov.cn/ghjh/", kind="list", column="规划计划", entries=[]),
        page("http://www.changsha.gov.cn/bmdt/", kind="list", column="部门动态", entries=[]),
        page("http://www.changsha.gov.cn/bmdt/t1.html", kind="article", column="部门动态", publish_date=days_ago(3)),
    ]
    found = run(pages)
    assert [(f["rule_id"], f["key"]) for f in found] == [("column.blank", "规划计划")]


def test_home_stale_on_real_homepage_with_as_of():
    # 46_home.html (长沙市, crawled 2018-03): newest printed entry 2018-03-23
    url = "http://www.changsha.gov.cn/"
    fresh = run_on_html(FreshnessAnalyzer, [real_page("46_home.html")], url=url, as_of=dt.date(2018, 3, 30))
    assert not [f for f in fresh if f["rule_id"] == "home.stale"]
    stale = run_on_html(FreshnessAnalyzer, [real_page("46_home.html")], url=url, as_of=dt.date(2018, 5, 1), ruleset="2015")
    [finding] = [f for f in stale if f["rule_id"] == "home.stale"]
    assert finding["details"]["newest_date"] == "2018-03-23"
    assert finding["severity"] == "veto"


def test_undated_homepage_counts_as_not_updated():
    # 51_home.html: every list is written by JavaScript, so no dated entry is in the HTML
    found = run_on_html(FreshnessAnalyzer, [real_page("51_home.html")], url="http://www.bjft.gov.cn/", as_of=dt.date(2018, 3, 20))
    [finding] = [f for f in found if f["rule_id"] == "home.stale"]
    assert finding["details"]["newest_date"] is None


def test_home_stale_on_every_labelled_real_homepage(labels):
    """20 days after the labelled newest entry the homepage is stale (newest_date = the label);
    10 days after, it is not. Homepages with no dated entry are stale at any date."""
    checked = 0
    for name, label in sorted(labels.items()):
        home = label["facts"].get("home")
        if not home:
            continue
        newest = home["newest_date"]
        as_of = dt.date.fromisoformat(newest) + dt.timedelta(days=20) if newest else dt.date(2018, 4, 1)
        stale = [f for f in run_on_html(FreshnessAnalyzer, [real_page(name)], url=label["url"], as_of=as_of)
                 if f["rule_id"] == "home.stale"]
        assert [f["details"]["newest_date"] for f in stale] == [newest], name
        if newest:
            fresh = run_on_html(FreshnessAnalyzer, [real_page(name)], url=label["url"], as_of=as_of - dt.timedelta(days=10))
            assert not [f for f in fresh if f["rule_id"] == "home.stale"], name
        checked += 1
    assert checked == 7
