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


def test_homepage_whose_lists_scripts_write_is_for_review():
    # 51_home.html: every list is written by JavaScript, so no entry is in the HTML — a visitor
    # sees dated news: a person must look, the crawl's HTML cannot decide (never a veto)
    found = run_on_html(FreshnessAnalyzer, [real_page("51_home.html")], url="http://www.bjft.gov.cn/", as_of=dt.date(2018, 3, 20))
    [finding] = [f for f in found if f["rule_id"] == "home.stale"]
    assert finding["details"]["newest_date"] is None and finding["review"] is True


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


def undated(n, base="http://www.changsha.gov.cn/x/"):
    return [{"title": f"条目{i}", "url": f"{base}{i}.html"} for i in range(n)]


def test_a_column_of_undated_links_is_stale_not_blank():
    """「有栏目无内容」 is blank; undated entries in a column that must update are not updated."""
    pages = [
        page("http://www.changsha.gov.cn/", kind="home", entries=[{"title": "a", "url": "u", "date": days_ago(1)}]),
        page("http://www.changsha.gov.cn/tzgg/", kind="list", column="通知公告", entries=[], undated_entries=undated(12)),
        page("http://www.changsha.gov.cn/ghjh/", kind="list", column="规划计划", entries=[], undated_entries=undated(5)),
    ]
    found = {f["key"]: f for f in run(pages)}
    assert set(found) == {"通知公告", "规划计划"}
    assert {f["rule_id"] for f in found.values()} == {"column.stale"}
    notice = found["通知公告"]
    assert notice["review"] is False and "未注明信息发布时间" in notice["evidence"]
    # 1 year for every other column is govspider's own choice (unverified): a person decides
    assert found["规划计划"]["review"] is True


def test_static_columns_are_neither_blank_nor_stale():
    pages = [
        page("http://www.changsha.gov.cn/", kind="home", entries=[{"title": "a", "url": "u", "date": days_ago(1)}]),
        page("http://www.changsha.gov.cn/jgsz/", kind="list", column="机构设置", entries=[], undated_entries=undated(6)),
        page("http://www.changsha.gov.cn/ldjj/", kind="list", column="领导简介", entries=[], undated_entries=[]),
    ]
    assert run(pages) == []


def test_undated_rows_without_the_new_fact_ask_for_review():
    """Facts extracted before ``undated_entries`` existed: links of the list not on the homepage."""
    rows = [{"url": f"http://www.changsha.gov.cn/tzgg/t{i}.html", "text": f"通知{i}", "hidden": False} for i in range(8)]
    pages = [
        page("http://www.changsha.gov.cn/", kind="home", entries=[{"title": "a", "url": "u", "date": days_ago(1)}]),
        page("http://www.changsha.gov.cn/tzgg/", kind="list", column="通知公告", entries=[], links=rows),
    ]
    [f] = run(pages)
    assert f["rule_id"] == "column.stale" and f["review"] is True


def test_a_list_page_whose_dates_were_not_read_is_for_review():
    pages = [
        page("http://www.changsha.gov.cn/", kind="home", entries=[{"title": "a", "url": "u", "date": days_ago(1)}]),
        page("http://www.changsha.gov.cn/zwdt/", kind="list", column="政务动态", entries=[], undated_entries=undated(20), date_hints=20),
    ]
    [f] = run(pages)
    assert f["rule_id"] == "column.stale" and f["review"] is True and "日期" in f["review_reason"]


def test_home_with_dates_the_extractor_did_not_read_is_never_a_veto():
    """A homepage showing dozens of dated list entries of which no date was read: review."""
    home = page("http://www.changsha.gov.cn/", kind="home", entries=[], undated_entries=undated(40), date_hints=40)
    [f] = [f for f in run([home]) if f["rule_id"] == "home.stale"]
    assert f["review"] is True and f["details"]["date_hints"] == 40


def test_home_that_prints_entries_without_dates_is_stale():
    """「未注明信息发布时间的视为不更新」: the page prints entries and no date at all."""
    home = page("http://www.changsha.gov.cn/", kind="home", entries=[], undated_entries=undated(30), date_hints=0)
    [f] = [f for f in run([home]) if f["rule_id"] == "home.stale"]
    assert f["review"] is False and f["severity"] == "veto" and f["details"]["undated_entries"] == 30


def test_home_exactly_two_weeks_old_is_not_stale():
    home = page("http://www.changsha.gov.cn/", kind="home", entries=[{"title": "a", "url": "u", "date": days_ago(14)}])
    assert not [f for f in run([home]) if f["rule_id"] == "home.stale"]
    older = page("http://www.changsha.gov.cn/", kind="home", entries=[{"title": "a", "url": "u", "date": days_ago(15)}])
    assert [f["rule_id"] for f in run([older])] == ["home.stale"]


def test_a_list_page_showing_dates_but_no_read_row_is_not_blank_for_sure():
    pages = [
        page("http://www.changsha.gov.cn/", kind="home", entries=[{"title": "a", "url": "u", "date": days_ago(1)}]),
        page("http://www.changsha.gov.cn/tzgg/", kind="list", column="通知公告", entries=[], undated_entries=[], date_hints=15),
        page("http://www.changsha.gov.cn/gsgg/", kind="list", column="公示公告", entries=[], undated_entries=[], date_hints=0),
    ]
    found = {f["key"]: f for f in run(pages)}
    assert found["通知公告"]["rule_id"] == "column.blank" and found["通知公告"]["review"] is True
    assert found["公示公告"]["review"] is False
