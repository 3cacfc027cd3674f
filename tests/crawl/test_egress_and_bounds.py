"""Without a crawl: the egress policy, Chromium's filtering proxy, bounds, the JSON queue, redaction,
atomic reports, xlsx text cells, accumulated homepage attempts."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import urllib.request

import pytest

from govspider.bounds import bound_facts, flatten_deep_nesting
from govspider.crawling import egress
from govspider.crawling.egress import EgressPolicy, address_refusal, literal_ip, read_hosts_file
from govspider.redact import redact
from govspider.storage.base import MAX_ATTEMPTS, merge_site_state


@pytest.mark.parametrize("host, address", [
    ("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"), ("127.1", "127.0.0.1"),
    ("0x7f.1", "127.0.0.1"), ("[::1]", "::1"), ("[::ffff:127.0.0.1]", "::ffff:7f00:1"), ("www.a.gov.cn", None),
    ("deadbeef", None), ("1e3", None),
])
def test_every_ip_literal_form(host, address):
    assert (str(literal_ip(host)) if literal_ip(host) else None) == address


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                                     "100.100.100.200", "0.0.0.0", "224.0.0.1", "240.0.0.1", "::1", "fd00::1", "fe80::1",
                                     "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:c0a8:101::", "::127.0.0.1"])
def test_non_public_addresses_are_refused(address):
    assert address_refusal(address)


@pytest.mark.parametrize("address", ["61.187.1.2", "8.8.8.8", "2400:da00::6666"])
def test_public_addresses_pass(address):
    assert address_refusal(address) is None


def test_policy_judges_names_by_where_they_resolve(tmp_path):
    hosts = tmp_path / "hosts"
    hosts.write_text("# sandbox\n61.187.1.2 www.a.gov.cn\n10.0.0.5 intranet.a.gov.cn\n::ffff:127.0.0.1 v6.a.gov.cn\n"
                     "10.0.0.7 lan.a.gov.cn\n", encoding="utf-8")
    policy = EgressPolicy(named_hosts={"lan.a.gov.cn:8080"}, hosts_map=read_hosts_file(str(hosts)), proxies={"127.0.0.1:3128"})
    check = lambda url: asyncio.run(policy.check(url))  # noqa: E731
    assert check("http://www.a.gov.cn/x") is None
    assert "private address 10.0.0.5" in check("http://INTRANET.a.gov.cn./admin")
    assert "loopback" in check("http://v6.a.gov.cn/")
    assert check("http://lan.a.gov.cn:8080/") is None         # the sites file names that host:port
    assert check("http://lan.a.gov.cn/") is not None          # … not another port
    assert check("http://127.0.0.1:3128/") is None            # the configured proxy
    assert "loopback" in check("http://2130706433/")
    assert check("http://nowhere.invalid/") is None and policy.unverified == 1  # left to the proxy
    strict = EgressPolicy(refuse_unresolved=True)
    assert "does not resolve" in asyncio.run(strict.check("http://nowhere.invalid/"))


def test_hosts_file_errors_name_the_line(tmp_path):
    bad = tmp_path / "hosts"
    bad.write_text("61.187.1.2 www.a.gov.cn\nnot-an-address www.b.gov.cn\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_hosts_file(str(bad))


def test_cookie_middleware_never_fetches_the_suffix_list():
    from scrapy.downloadermiddlewares import cookies

    from govspider.crawling.urls import use_bundled_suffix_list

    use_bundled_suffix_list()
    assert cookies._split_domain.suffix_list_urls == ()
    assert cookies._is_public_domain("gov.cn") and not cookies._is_public_domain("www.csx.gov.cn")


def _origin_server():
    """A tiny HTTP server on loopback that answers every GET with the path it saw."""
    import http.server

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = f"saw {self.path} host {self.headers['Host']}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_chromium_proxy_refuses_by_policy_and_forwards_the_rest():
    from govspider.crawling.browserproxy import FilteringProxy

    origin = _origin_server()
    port = origin.server_address[1]
    policy = EgressPolicy(named_hosts={f"www.a.gov.cn:{port}"}, hosts_map={"www.a.gov.cn": ["127.0.0.1"],
                                                                            "intranet.a.gov.cn": ["10.0.0.5"]})
    egress.activate(policy)
    scope = lambda url: None if ".a.gov.cn" in url else "not a registered site"  # noqa: E731
    proxy = FilteringProxy(scope).start()
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy.url}))
        with opener.open(f"http://www.a.gov.cn:{port}/page?b=2&a=1", timeout=5) as answer:
            assert answer.read().decode() == f"saw /page?b=2&a=1 host www.a.gov.cn:{port}"
        for url in ("http://intranet.a.gov.cn/admin", "http://www.baidu.com/"):
            with pytest.raises(urllib.error.HTTPError) as err:
                opener.open(url, timeout=5)
            assert err.value.code == 403
        assert [r["via"] for r in policy.refusals] == ["chromium", "chromium"]
    finally:
        proxy.stop()
        origin.shutdown()
        egress.activate(None)


def test_bound_facts_caps_every_field():
    facts = {"title": "咨询" * 100_000, "links": [{"url": "/x", "text": "y" * 10_000}] * 100_000,
             "letters": [{"title": "问" * 200_000, "reply": "答" * 200_000}], "guide": {"办理材料": "材" * 50_000},
             "new_field": ["z" * 9000]}
    capped = bound_facts(facts)
    assert len(facts["title"]) == 500 and len(facts["links"]) == 5000 and len(facts["links"][0]["text"]) == 300
    assert len(facts["letters"][0]["title"]) == 500 and len(facts["letters"][0]["reply"]) == 5000
    assert len(facts["guide"]["办理材料"]) == 5000 and len(facts["new_field"][0]) == 5000
    assert set(capped) >= {"title", "links", "text", "reply", "办理材料", "new_field"}


def test_flattening_keeps_text_and_links():
    html = "<body>" + "<div><span>" * 50_000 + "<a href='/x'>深</a>" + "</span></div>" * 50_000 + "<p>后</p></body>"
    flat = flatten_deep_nesting(html)
    assert "<a href='/x'>深</a>" in flat and "<p>后</p>" in flat and flat.count("<div>") <= 500


def test_json_disk_queue_round_trip_never_pickles(tmp_path):
    from scrapy import Request, Spider
    from scrapy.utils.test import get_crawler

    from govspider.crawling.diskqueue import JsonFifoDiskQueue

    crawler = get_crawler(Spider)
    crawler.spider = Spider("s")
    queue = JsonFifoDiskQueue(crawler, str(tmp_path / "q" / "0"))
    queue.push(Request("http://www.a.gov.cn/?b=2&a=1", method="HEAD", body=b"\x00\xff", meta={"site_code": "1", "attempts": []}))
    with pytest.raises(ValueError):
        queue.push(Request("http://www.a.gov.cn/", meta={"x": object()}))
    queue.close()
    raw = b"".join(p.read_bytes() for p in (tmp_path / "q" / "0").glob("q*"))
    assert b'"url":"http://www.a.gov.cn/?b=2&a=1"' in raw and b"\x80\x04" not in raw  # JSON, not a pickle stream
    again = JsonFifoDiskQueue(crawler, str(tmp_path / "q" / "0"))
    request = again.pop()
    assert request.url == "http://www.a.gov.cn/?b=2&a=1" and request.body == b"\x00\xff" and request.meta["site_code"] == "1"


def test_secrets_are_redacted():
    from govspider.distributed.connection import ServiceUnavailable, get_redis

    assert redact("redis://:s3cret@h:6379/0 and mongodb://u:p%40ss@h/db") == "redis://:***@h:6379/0 and mongodb://u:***@h/db"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ServiceUnavailable) as err:
        get_redis(f"redis://:s3cret@127.0.0.1:{port}/0", timeout=0.5)
    assert "s3cret" not in str(err.value) and ":***@" in str(err.value)


def test_reports_are_replaced_atomically(tmp_path):
    from govspider.report import _atomic

    target = tmp_path / "findings.jsonl"
    target.write_text("complete\n", encoding="utf-8")

    def fails(path):
        path.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        _atomic(target, fails)
    assert target.read_text(encoding="utf-8") == "complete\n" and list(tmp_path.iterdir()) == [target]


def test_xlsx_cells_that_look_like_formulas_are_text(tmp_path):
    import openpyxl

    from govspider.report.xlsx import write_xlsx

    verdict = {"site_code": "1", "name": '=HYPERLINK("http://x","y")', "region": "+cmd", "county": "@a", "kind": "portal",
               "verdict": "合格", "score": 100, "findings": 0, "vetoes": [], "deductions": {}, "url": "http://a.gov.cn/"}
    write_xlsx(tmp_path / "r.xlsx", {"id": "c"}, [], [verdict], [{"region": "合计", "sites": 1, "sampled": 1, "passed": 1,
                                                                  "pass_rate": 1.0}])
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    row = next(r for r in book["各网站检查结果"].iter_rows(min_row=2))
    assert row[1].value.startswith("=HYPERLINK") and row[1].data_type == "s"


def test_homepage_attempts_accumulate_over_runs():
    first = [{"at": f"2026-11-15T08:00:0{i}Z", "url": "http://a/", "status": None, "error": "timeout"} for i in range(3)]
    state = merge_site_state(None, {"attempts": first, "cause": "timeout"})
    state = merge_site_state(state, {"attempts": first[1:] + [{"at": "2026-11-16T08:00:00Z", "url": "http://a/",
                                                               "status": 200, "error": None}], "cause": "ok"})
    assert len(state["attempts"]) == 4 and state["cause"] == "ok"
    many = merge_site_state(None, {"attempts": [{"at": str(i)} for i in range(200)]})
    assert len(many["attempts"]) == MAX_ATTEMPTS


def test_text_is_segmented_in_bounded_chunks():
    """jieba is quadratic on a run without a break: it only ever sees ≤ CHUNK_CHARS at once
    (bench/bench_bounds.py measures the resulting linear time)."""
    from govspider.text import CHUNK_CHARS, chunks, tokenize

    run = "的" * 5000
    pieces = list(chunks(run))
    assert "".join(pieces) == run and max(map(len, pieces)) <= CHUNK_CHARS
    prose = "县人民政府办公室关于做好政府网站信息发布工作的通知，请各乡镇、各部门认真贯彻落实。" * 40
    assert all(p.endswith(("，", "。", "、")) for p in list(chunks(prose))[:-1])  # cut at punctuation
    assert len(tokenize(run)) == 5000
    from govspider.text import _WORD, _jieba

    long_prose = prose * 10  # 16,000 characters: chunked, yet exactly jieba's tokens (cuts fall between its blocks)
    assert tokenize(long_prose) == [t for t in _jieba().lcut_for_search(long_prose) if _WORD.search(t)]


def test_json_request_meta_of_rendering_is_serialisable():
    from govspider.crawling.render import render_meta
    from govspider.distributed import serialize

    assert json.loads(serialize.dumps(render_meta(3000)))["playwright"] is True
