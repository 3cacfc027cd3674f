"""Session-free fingerprints and the safety middleware, without a crawl."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.utils.test import get_crawler

from govspider.crawling.fingerprint import SessionlessFingerprinter
from govspider.crawling.middlewares import SafetyMiddleware
from govspider.crawling.urls import SiteResolver
from govspider.sites import Site


def test_session_ids_share_a_fingerprint():
    fp = SessionlessFingerprinter().fingerprint
    a = Request("http://fgw.changsha.gov.cn/xxgk/detail.jsp;jsessionid=0A1B2C?id=3")
    b = Request("http://fgw.changsha.gov.cn/xxgk/detail.jsp;jsessionid=FFEE99?id=3")
    c = Request("http://fgw.changsha.gov.cn/xxgk/detail.jsp?id=3&sid=77")
    d = Request("http://fgw.changsha.gov.cn/xxgk/detail.jsp?id=4")
    assert fp(a) == fp(b) == fp(c) != fp(d)
    assert fp(Request("http://a.gov.cn/x", method="HEAD")) != fp(Request("http://a.gov.cn/x"))


@pytest.fixture
def middleware():
    crawler = get_crawler(settings_dict={"GOVSPIDER_LINK_TIMEOUT": 3})
    sites = [Site("A", "长沙县", "长沙市", "county", "portal", "http://www.csx.gov.cn/"),
             Site("L", "本地测试站", "长沙市", "county", "other", "http://127.0.0.1:8080/")]
    crawler.spider = SimpleNamespace(resolver=SiteResolver(sites))
    return SafetyMiddleware(crawler), crawler


def _run(coro):
    import asyncio

    return asyncio.run(coro)


def test_safety_refuses_outside_and_private(middleware):
    mw, crawler = middleware
    assert _run(mw.process_request(Request("http://www.csx.gov.cn/tzgg/"))) is None
    assert _run(mw.process_request(Request("http://127.0.0.1:8080/a"))) is None      # named in the sites file
    for url in ["http://www.baidu.com/", "http://192.168.1.1/", "http://127.0.0.1:9/", "http://169.254.169.254/"]:
        with pytest.raises(IgnoreRequest):
            _run(mw.process_request(Request(url)))
    assert crawler.stats.get_value("govspider/refused") == 4


def test_robots_of_unnamed_host_gets_short_timeout(middleware):
    mw, _ = middleware
    named = Request("http://www.csx.gov.cn/robots.txt", meta={"dont_obey_robotstxt": True})
    unnamed = Request("http://old.csx.gov.cn/robots.txt", meta={"dont_obey_robotstxt": True})
    _run(mw.process_request(named))
    _run(mw.process_request(unnamed))
    assert named.meta["download_timeout"] == 10.0 and named.meta["max_retry_times"] == 1
    assert unnamed.meta["download_timeout"] == 3 and unnamed.meta["max_retry_times"] == 0


def test_link_check_get_stops_at_headers(middleware):
    mw, _ = middleware
    with pytest.raises(StopDownload):
        mw._headers_received({}, 0, Request("http://www.csx.gov.cn/a.pdf", meta={"link_check": "GET"}), None)
    assert mw._headers_received({}, 0, Request("http://www.csx.gov.cn/a.html"), None) is None
