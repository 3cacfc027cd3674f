"""Incremental recrawl against the sandbox (seed 103, never used by other tests): the sandbox
answers conditional requests; a revisit of an unchanged site asks with If-None-Match /
If-Modified-Since, gets 304s, carries the rest of unchanged columns over, and ends with the same
pages, facts, link checks and findings as the first visit; a changed site is fetched again."""

from __future__ import annotations

import datetime as dt
import http.client

import pytest
import yaml

from govspider.analysis import analyze_campaign
from govspider.compare import identity
from govspider.sandbox.conditional import answer
from govspider.sandbox.server import SandboxServer
from govspider.storage import open_store

from .crawls import run_crawl

SEED, AS_OF, SITE = 103, dt.date(2026, 11, 15), "4302000004"   # 株洲市人力资源和社会保障局


def test_sandbox_answers_conditional_requests():
    body = b"<html><body>\xe9\x80\x9a\xe7\x9f\xa5\xe5\x85\xac\xe5\x91\x8a</body></html>"
    status, headers, _ = answer({}, 200, [("Content-Type", "text/html")], body, AS_OF)
    h = dict(headers)
    assert status == 200 and h["ETag"].startswith('"') and h["Last-Modified"] == "Sun, 15 Nov 2026 00:00:00 GMT"
    assert answer({"if-none-match": h["ETag"]}, 200, [], body, AS_OF)[:3:2] == (304, b"")
    assert answer({"if-none-match": f'"x", W/{h["ETag"]}'}, 200, [], body, AS_OF)[0] == 304
    assert answer({"if-none-match": '"other"'}, 200, [], body, AS_OF)[0] == 200
    assert answer({"if-modified-since": "Mon, 16 Nov 2026 08:00:00 GMT"}, 200, [], body, AS_OF)[0] == 304
    assert answer({"if-modified-since": "Sat, 14 Nov 2026 08:00:00 GMT"}, 200, [], body, AS_OF)[0] == 200
    assert answer({"if-modified-since": "not a date"}, 200, [], body, AS_OF)[0] == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2)
    assert answer({"if-none-match": '"other"', "if-modified-since": "Mon, 16 Nov 2026 08:00:00 GMT"},
                  200, [], body, AS_OF)[0] == 200
    assert answer({"if-none-match": h["ETag"]}, 404, [], b"gone", AS_OF)[0] == 404
    # a body streamed in pieces (the hostile province's 50 MB homepage) is sent as it is, unhashed
    stream = iter([b"<html>", b"</html>"])
    assert answer({"if-none-match": "*"}, 200, [("Content-Type", "text/html")], stream, AS_OF) == (
        200, [("Content-Type", "text/html")], stream)


@pytest.fixture(scope="module")
def province_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("revisit")
    with SandboxServer(seed=SEED, as_of=AS_OF) as server:
        rows = yaml.safe_load(server.province.sites_yaml())
    # the department, and the city portal and its hall listed as closed (probed only): they own
    # www./zwfw.zhuzhou.gov.cn, so the department's crawl stays on its own host, whole
    rows = [r if r["site_code"] == SITE else {**r, "status": "closed"} for r in rows
            if r["site_code"] == SITE or r["url"] in ("http://www.zhuzhou.gov.cn/", "http://zwfw.zhuzhou.gov.cn/")]
    (root / "sites.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    return root


def crawl(server, root, campaign, *settings):
    summary = run_crawl(server, root / "sites.yaml", f"sqlite:///{root / 'pages.sqlite'}", root / "state",
                        "--campaign", campaign, "--as-of", AS_OF.isoformat(), "--max-pages", "400", *settings)
    assert summary["finished"]
    return summary


def read(root, campaign):
    with open_store(f"sqlite:///{root / 'pages.sqlite'}") as store:
        pages = {p["url"]: p for p in store.iter_pages(campaign)}
        links = {l["target"]: l for l in store.iter_links(campaign)}
        findings = analyze_campaign(store, campaign, "2019", write=False, strict=True)
    return pages, links, findings


def test_revisit_of_an_unchanged_site_reuses_what_it_stored(province_files):
    root = province_files
    with SandboxServer(seed=SEED, as_of=AS_OF) as server:
        crawl(server, root, "first")
        asked = server.requests
        crawl(server, root, "second", "-s", "GOVSPIDER_REVISIT_FROM=first")
        asked_again = server.requests - asked
        crawl(server, root, "ask-all", "-s", "GOVSPIDER_REVISIT_FROM=second", "-s", "GOVSPIDER_REVISIT_CARRY_DAYS=0")
    first, first_links, first_findings = read(root, "first")
    second, second_links, second_findings = read(root, "second")
    ask_all, _, _ = read(root, "ask-all")
    assert len(first) > 40 and all(p["etag"] and p["last_modified"] for p in first.values())
    # the same pages with the same facts, the same link checks, the same findings
    assert set(second) == set(first)
    assert all(second[u]["facts"] == first[u]["facts"] and second[u]["text"] == first[u]["text"] for u in first)
    assert set(second_links) == set(first_links)
    for target, link in first_links.items():
        if target not in first:  # link checks (attachments, beyond the caps) keep their result
            assert (second_links[target].get("status"), second_links[target].get("error")) == (link.get("status"), link.get("error"))
    assert sorted(identity(f) for f in second_findings) == sorted(identity(f) for f in first_findings)
    assert {f["rule_id"] for f in first_findings} >= {"column.stale", "content.serious_error", "content.defacement"}
    assert all(f["campaign"] == "second" for f in second_findings)
    # how: the home page and the list pages answered 304, the rest of their columns was carried
    how = [p.get("revisit") for p in second.values()]
    assert how.count("not_modified") >= 5 and how.count("carried") > len(second) / 2 and None not in how
    assert all(second[u]["validated_at"] == first[u]["fetched_at"] for u in second if second[u]["revisit"] == "carried")
    assert asked_again < asked / 3
    # carrying off: every page is asked (conditionally), none is fetched in full
    assert {p.get("revisit") for p in ask_all.values()} == {"not_modified"}


def test_a_changed_site_is_fetched_again(province_files):
    root = province_files
    later = AS_OF + dt.timedelta(days=1)  # every date on the site moves: every page changes
    with SandboxServer(seed=SEED, as_of=AS_OF) as server:
        crawl(server, root, "before")
    with SandboxServer(seed=SEED, as_of=later) as server:
        summary = crawl(server, root, "after", "-s", "GOVSPIDER_REVISIT_FROM=before")
        proxy = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)  # a real proxy request
        proxy.request("GET", "http://rsj.zhuzhou.gov.cn/", headers={"If-None-Match": '"stale"'})
        fresh = proxy.getresponse()
        assert fresh.status == 200 and fresh.getheader("ETag") and fresh.read()
        proxy.request("GET", "http://rsj.zhuzhou.gov.cn/", headers={"If-None-Match": fresh.getheader("ETag")})
        same = proxy.getresponse()
        assert same.status == 304 and same.read() == b""
    before, _, _ = read(root, "before")
    after, _, _ = read(root, "after")
    assert summary["pages"] == len(after) == len(before)
    # dated pages changed and were fetched and read again; pages without dates (guides, the
    # privacy page …) did not change: 304. Nothing was carried, since no list was unchanged.
    fetched = [p for p in after.values() if not p.get("revisit")]
    assert {p["facts"]["kind"] for p in fetched} >= {"home", "list", "article", "interaction"}
    assert {p.get("revisit") for p in after.values()} == {None, "not_modified"}
    assert all(after[u]["facts"] == before[u]["facts"] for u in after if after[u].get("revisit"))
    home = "http://rsj.zhuzhou.gov.cn/"
    assert after[home]["facts"]["entries"] != before[home]["facts"]["entries"] and after[home]["etag"] != before[home]["etag"]
