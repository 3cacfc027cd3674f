"""Trap guards stop infinite calendars, loops and query explosions, and leave real pages alone."""

from __future__ import annotations

import datetime as dt

from govspider.crawling.traps import TrapGuard

AS_OF = dt.date(2026, 11, 15)


def test_real_government_urls_pass():
    g = TrapGuard(AS_OF)
    for url in [
        "http://www.csx.gov.cn/zcwj/202611/t20261103_123.html",
        "http://www.csx.gov.cn/art/2009/3/1/art_1234567_1.html",
        "http://www.csx.gov.cn/tzgg/index_3.html",
        "http://www.csx.gov.cn/content/2999.html",
        "http://www.csx.gov.cn/list.jsp?id=2999&page=3",
        "http://www.csx.gov.cn/2027/",
    ]:
        assert g.reason(url, "A") is None, url


def test_calendar_far_future_and_far_past():
    g = TrapGuard(AS_OF)
    assert g.reason("http://www.csx.gov.cn/cal/2031/05/", "A") == "calendar"
    assert g.reason("http://www.csx.gov.cn/cal?month=2031-05", "A") == "calendar"
    assert g.reason("http://www.csx.gov.cn/cal?year=2030&m=1", "A") == "calendar"
    assert g.reason("http://www.csx.gov.cn/cal?date=1980-01-01", "A") == "calendar"


def test_loops_params_length():
    g = TrapGuard(AS_OF, max_url_length=120)
    assert g.reason("http://www.csx.gov.cn/a/b/a/b/a/b/a/b/", "A") == "repeated-segment"
    assert g.reason("http://www.csx.gov.cn/s?" + "&".join(f"f{i}=1" for i in range(9)), "A") == "too-many-params"
    assert g.reason("http://www.csx.gov.cn/" + "x" * 200, "A") == "url-too-long"


def test_query_explosion_is_per_site_and_path():
    g = TrapGuard(AS_OF, max_query_variants=5)
    assert [g.reason(f"http://www.csx.gov.cn/list?p={i}", "A") for i in range(7)] == [None] * 5 + ["query-explosion"] * 2
    assert g.reason("http://www.csx.gov.cn/other?p=1", "A") is None
    assert g.reason("http://jyj.csx.gov.cn/list?p=1", "B") is None


def test_calendar_pages_linking_to_dated_pages():
    g = TrapGuard(AS_OF)
    nav = "http://fgw.changsha.gov.cn/index.html"
    first = "http://fgw.changsha.gov.cn/calendar/index.html?month=2026-11"
    assert g.reason(first, "A", nav) is None
    assert g.reason("http://fgw.changsha.gov.cn/calendar/index.html?month=2026-10", "A", first) == "calendar"
    assert g.reason("http://fgw.changsha.gov.cn/calendar/day.html?date=2026-11-03", "A", first) == "calendar"
    # a year archive is not a calendar
    assert g.reason("http://a.gov.cn/ndbg/?year=2019", "A", "http://a.gov.cn/ndbg/?year=2020") is None


def test_article_ids_are_not_years():
    g = TrapGuard(AS_OF)
    for url in ["http://www.hunan.gov.cn/zwyw/202611/t20261107_100001.html",
                "http://www.hunan.gov.cn/art/2026/11/7/art_100001_1.html",
                "http://www.hunan.gov.cn/zwyw/202611/t20261107_300012.shtml?id=100001"]:
        assert g.reason(url, "A", "http://www.hunan.gov.cn/") is None, url
