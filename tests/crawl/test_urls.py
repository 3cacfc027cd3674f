"""URL policy: canonical URLs, registrable domains, site ownership, private-address refusal."""

from __future__ import annotations

from govspider.crawling.urls import SiteResolver, canonical_url, is_private_host, registrable_domain
from govspider.sites import Site


def site(code, url, kind="portal", hosts=()):
    return Site(site_code=code, name=f"站点{code}", region="长沙市", level="city", kind=kind, url=url, hosts=tuple(hosts))


def test_canonical_url_strips_sessions_fragments_and_sorts_query():
    assert canonical_url("http://www.csx.gov.cn/a/b.jsp;jsessionid=ABC123?b=2&a=1#top") == "http://www.csx.gov.cn/a/b.jsp?a=1&b=2"
    assert canonical_url("http://www.csx.gov.cn/x.php?PHPSESSID=9f8e&id=3") == "http://www.csx.gov.cn/x.php?id=3"
    assert canonical_url("http://www.csx.gov.cn/x?sid=1&SessionId=2") == "http://www.csx.gov.cn/x"
    assert canonical_url("http://www.csx.gov.cn/(S(abcdef123))/x.aspx") == "http://www.csx.gov.cn/x.aspx"
    assert canonical_url("http://WWW.CSX.gov.cn:80/") == "http://www.csx.gov.cn/"
    # Chinese paths and queries become one percent-encoded form
    assert canonical_url("http://www.csx.gov.cn/搜索?q=政府") == canonical_url("http://www.csx.gov.cn/%E6%90%9C%E7%B4%A2?q=%E6%94%BF%E5%BA%9C")
    # a search parameter named like a word is kept
    assert canonical_url("http://www.csx.gov.cn/search?s=公告") != "http://www.csx.gov.cn/search"


def test_registrable_domain_offline_snapshot():
    assert registrable_domain("www.csx.gov.cn") == "csx.gov.cn"
    assert registrable_domain("zwfw.hunan.gov.cn") == "hunan.gov.cn"
    assert registrable_domain("www.example.com.cn") == "example.com.cn"
    assert registrable_domain("10.1.2.3") == "10.1.2.3"


def test_owner_prefers_registered_subdomain_site():
    sites = [
        site("A", "http://www.csx.gov.cn/"),
        site("B", "http://jyj.csx.gov.cn/", kind="department"),
        site("H", "http://zwfw.hunan.gov.cn/", kind="service_hall"),
        site("P", "http://www.hunan.gov.cn/"),
        site("X", "http://www.csxrmzf.com/", hosts=["files.csxrmzf.com"]),
    ]
    r = SiteResolver(sites)
    assert r.owner("http://www.csx.gov.cn/tzgg/") == "A"
    assert r.owner("http://news.csx.gov.cn/1.html") == "A"      # unregistered sub-domain: the portal's
    assert r.owner("http://csx.gov.cn/") == "A"
    assert r.owner("http://jyj.csx.gov.cn/") == "B"             # registered separately: not the portal's
    assert r.owner("http://x.jyj.csx.gov.cn/") == "B"
    assert r.owner("http://zwfw.hunan.gov.cn/bs/1") == "H"
    assert r.owner("http://www.hunan.gov.cn/") == "P"
    assert r.owner("http://files.csxrmzf.com/a.pdf") == "X"     # the site's extra hosts
    assert r.owner("http://www.baidu.com/") is None
    sampled = SiteResolver([Site("D", "株洲市人力资源和社会保障局", "株洲市", "department", "department",
                                 "http://rsj.zhuzhou.gov.cn/")])
    assert sampled.owner("http://rsj.zhuzhou.gov.cn/a/1.html") == "D"
    assert sampled.owner("http://www.zhuzhou.gov.cn/") is None   # the city portal, not sampled: nobody's
    assert r.owner("http://www.gov.cn/") is None
    assert r.owner("mailto:a@csx.gov.cn") is None
    assert r.allowed("http://news.csx.gov.cn/", "A") and not r.allowed("http://jyj.csx.gov.cn/", "A")


def test_sites_sharing_a_host_by_path():
    r = SiteResolver([site("A", "http://www.csx.gov.cn/"), site("B", "http://www.csx.gov.cn/jyj/", kind="department")])
    assert r.owner("http://www.csx.gov.cn/jyj/tzgg/1.html") == "B"
    assert r.owner("http://www.csx.gov.cn/jyj") == "B"
    assert r.owner("http://www.csx.gov.cn/tzgg/") == "A"


def test_private_addresses_refused_unless_named():
    assert is_private_host("127.0.0.1") and is_private_host("10.0.0.8") and is_private_host("localhost")
    assert is_private_host("169.254.169.254") and is_private_host("::1")
    assert not is_private_host("www.csx.gov.cn") and not is_private_host("202.103.1.1")
    r = SiteResolver([site("A", "http://www.csx.gov.cn/"), site("L", "http://127.0.0.1:8080/")])
    assert r.fetch_allowed("http://127.0.0.1:8080/x") is None           # named in the sites file
    assert "private" in r.fetch_allowed("http://192.168.1.1/admin")
    assert "private" in r.fetch_allowed("http://169.254.169.254/latest/meta-data/")
    assert "no registered site" in r.fetch_allowed("http://www.example.com/")
    assert r.fetch_allowed("http://www.csx.gov.cn/") is None


def test_named_private_address_is_matched_with_its_port():
    r = SiteResolver([site("L", "http://127.0.0.1:8080/"), site("A", "http://www.csx.gov.cn/")])
    assert r.owner("http://127.0.0.1:8080/a") == "L"
    assert r.owner("http://127.0.0.1:9/") is None
    assert "private" in r.fetch_allowed("http://127.0.0.1:9/")
    assert r.owner("http://www.csx.gov.cn:8080/app/") == "A"   # a name keeps its site on another port


def test_links_are_fetched_as_written_and_deduplicated_canonically():
    """Issue 9: a server that reads ``?b=2&a=1`` literally 404s on the reordered URL."""
    from scrapy.utils.test import get_crawler

    from govspider.sites import Site
    from govspider.spiders.site import SiteSpider

    site = Site("4300000001", "长沙县人民政府", "长沙市", "county", "portal", "http://www.csx.gov.cn/")
    crawler = get_crawler(SiteSpider, settings_dict={"GOVSPIDER_PLAYWRIGHT": False, "GOVSPIDER_STORE_URI": None})
    spider = SiteSpider.from_crawler(crawler, sites=[site], campaign="t", as_of="2026-11-15")
    spider.seed_request(site)
    page = {"site_code": site.site_code, "url": "http://www.csx.gov.cn/", "depth": 0, "_is_home": True,
            "facts": {"links": [{"url": "http://www.csx.gov.cn/query?b=2&a=1"}, {"url": "http://www.csx.gov.cn/query?a=1&b=2"}]}}
    requests, _ = spider.requests_from_page(page)
    assert [r.url for r in requests] == ["http://www.csx.gov.cn/query?b=2&a=1"]  # fetched as written, once
    assert requests[0].meta["target"] == "http://www.csx.gov.cn/query?a=1&b=2"    # recorded canonically
    rendered = spider.render_request({**page, "url": "http://www.csx.gov.cn/query?a=1&b=2",
                                      "fetched_url": "http://www.csx.gov.cn/query?b=2&a=1", "depth": 1, "_is_home": False})
    assert rendered.url == "http://www.csx.gov.cn/query?b=2&a=1"
