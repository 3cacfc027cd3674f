"""The province itself: determinism, scale, page facts matching the HTML, encodings, hazards."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlsplit

import pytest

from sandbox_helpers import AS_OF, check_facts_against_html, facts_of, fetch
from sandbox_walk import walk
from govspider.sandbox.province import build_province
from govspider.sites import parse_sites


def test_same_seed_gives_byte_identical_sites_truth_and_pages(province):
    again = build_province(seed=7, as_of=AS_OF)
    assert again.sites_yaml() == province.sites_yaml()
    assert again.truth_jsonl() == province.truth_jsonl()
    for model in province.models[:12]:
        for url in list(province.page_urls(model.host))[:40:7]:
            path = url.split(model.host, 1)[1]
            assert again.respond("GET", model.host, path, {}) == province.respond("GET", model.host, path, {})
    other = build_province(seed=8, as_of=AS_OF)
    assert other.truth_jsonl() != province.truth_jsonl()
    assert other.respond("GET", "www.csx.gov.cn", "/", {})[2] != province.respond("GET", "www.csx.gov.cn", "/", {})[2]


def test_sites_file_follows_the_contract(province):
    sites = parse_sites(province.sites_yaml())
    assert 10 <= len(sites) <= 20
    codes = {s.site_code for s in sites}
    assert all(re.fullmatch(r"\d{10}", c) for c in codes)
    portals = [s for s in sites if s.kind == "portal"]
    assert portals and all(s.service_hall in codes for s in portals)
    halls = {s.site_code for s in sites if s.kind == "service_hall"}
    assert {s.service_hall for s in portals} == halls
    assert {s.level for s in sites} == {"province", "city", "county", "department"}
    assert all(s.url.startswith("http://") for s in sites)
    assert sum(not s.host.endswith(".gov.cn") for s in sites) >= 1
    assert [s.site_code for s in sites if s.status == "closed"]


def test_hosts_file_names_every_host_the_province_serves(province, tmp_path):
    from govspider.crawling.egress import read_hosts_file

    hosts = read_hosts_file(str(province.write_hosts(tmp_path / "hosts")))  # refuses a line without a name
    assert {s.host for s in parse_sites(province.sites_yaml())} | set(province.aux_hosts) <= set(hosts)


def test_small_scale_is_a_few_thousand_pages(walked):
    status, _links = walked
    site_pages = [u for u, c in status.items() if c == 200]
    assert 1500 <= len(site_pages) <= 5000


def test_bench_scale_has_over_100000_pages_computed_on_request():
    bench = build_province(seed=7, as_of=AS_OF, scale="bench")
    articles = sum(c.count for m in bench.models for c in m.columns)
    lists = sum(c.pages for m in bench.models for c in m.columns)
    assert articles + lists >= 100_000
    model = max(bench.models, key=lambda m: sum(c.count for c in m.columns))
    col = max(model.columns, key=lambda c: c.count)
    facts = facts_of(bench, bench.list_url(model, col, col.pages - 1))
    assert facts["entries"]
    status, _h, body = bench.respond("GET", model.host, urlsplit(facts["entries"][-1]["url"]).path, {})
    assert status == 200 and body


def _compare_every_page(province, walked):
    status, _links = walked
    kinds = {}
    for url, code in status.items():
        parts = urlsplit(url)
        model = province.model(parts.netloc)
        if code != 200 or model is None:
            continue
        code, headers, body = province.respond("GET", parts.netloc, parts.path + (f"?{parts.query}" if parts.query else ""), {})
        if not dict(headers)["Content-Type"].startswith("text/html"):
            assert facts_of(province, url) is None
            continue
        text = fetch(province, url)[2]
        facts = check_facts_against_html(province, model, url, text, body, headers)
        kinds.setdefault(model.family, set()).add(facts["kind"])
    return kinds


def test_page_model_matches_every_served_page(province, walked):
    kinds = _compare_every_page(province, walked)
    assert set().union(*kinds.values()) == {"home", "list", "article", "guide", "interaction", "other"}


def test_page_model_matches_every_page_of_a_new_seed():
    other = build_province(seed=131, as_of=dt.date(2027, 3, 9))
    kinds = _compare_every_page(other, walk(other))
    assert all(k == {"home", "list", "article", "guide", "interaction", "other"} for k in kinds.values()), kinds


def test_js_column_entries_arrive_as_json(province):
    model, col = next((m, c) for m in province.models for c in m.columns if c.js)
    url = province.list_url(model, col)
    facts = facts_of(province, url)
    html = fetch(province, url)[2]
    assert facts["entries"] and facts["entries"][0]["title"] not in html
    status, headers, body = province.respond("GET", model.host, f"/{col.slug}/list_0.json", {})
    items = json.loads(body)
    assert [(i["title"], i["date"]) for i in items] == [(e["title"], e["date"]) for e in facts["entries"]]


def test_date_styles_and_encodings_are_all_used(province, family_provinces):
    assert {m.encoding for m in province.models} == {"utf8", "gbk-both", "gbk-meta", "gb18030-header"}
    styles = {m.date_style for p in (province, *family_provinces) for m in p.models}
    assert styles >= {"iso", "slash", "cn", "cn0", "dot", "yearhead", "bracket", "md", "md_bracket", "time", "cell"}


def test_table_family_pages_with_a_query(province):
    other = build_province(seed=7, as_of=AS_OF, families=("table",))
    model = next(m for m in other.models if m.reachable and m.columns and m.columns[0].pages > 1)
    col = model.columns[0]
    assert other.list_url(model, col, 1).endswith("/index.html?page=2")
    assert fetch(other, other.list_url(model, col, 1))[0] == 200
    assert fetch(other, other.list_url(model, col, 0) + "?page=99")[0] == 404


def test_gbk_pages_declare_their_encoding_and_decode(province):
    for model in province.models:
        if not model.reachable or model.encoding == "utf8":
            continue
        status, headers, body = province.respond("GET", model.host, "/", {})
        ctype = dict(headers)["Content-Type"]
        if model.encoding == "gbk-meta":
            assert "charset" not in ctype and b'charset=gb2312' in body[:300]
        elif model.encoding == "gb18030-header":
            assert ctype.endswith("GB18030") and b"charset" not in body[:300]
        else:
            assert ctype.endswith("GBK") and b"charset=gbk" in body[:300]
        with_bom = body.decode("gb18030")
        assert model.site.name in with_bom
        assert model.site.name.encode("utf-8") not in body


def test_meta_tags_guide_the_crawler(province):
    model = next(m for m in province.models if m.host == "www.hunan.gov.cn")
    _s, _h, text = fetch(province, province.list_url(model, model.columns[0]))
    assert '<meta name="SiteIDCode" content="4300000001">' in text
    assert f'<meta name="ColumnName" content="{model.columns[0].name}">' in text


def test_hazards_are_served(province):
    model = next(m for m in province.models if m.hazards)
    host = model.host
    assert province.respond("GET", host, "/robots.txt", {})[2].startswith(b"User-agent: *\nDisallow: /admin/")
    _s, _h, home = fetch(province, f"http://{host}/")
    for link in ("http://192.168.1.1/", "http://127.0.0.1:9/", "/calendar/index.html?month=2026-11", "/redirect/a.html"):
        assert f'href="{link}"' in home
    # endless calendar
    url = "/calendar/index.html?month=2026-11"
    for _ in range(30):
        status, _h, body = province.respond("GET", host, url, {})
        assert status == 200
        url = re.search(rb'href="(/calendar/index.html\?month=[\d-]+)">\xe4\xb8\x8b', body).group(1).decode()
    assert url == "/calendar/index.html?month=2029-05"
    days = re.findall(rb'href="(/calendar/day.html\?date=[\d-]+)"', body)
    assert len(days) == 28 and all(province.respond("GET", host, d.decode(), {})[0] == 200 for d in days)
    # session ids differ per visit
    _s, _h, first = province.respond("GET", host, "/xxgk/list.jsp;jsessionid=A1B2C3D4E5F6", {})
    nxt = re.search(rb'href="(/xxgk/list.jsp;jsessionid=\w+)"', first).group(1).decode()
    _s, _h, second = province.respond("GET", host, nxt, {})
    ids = set(re.findall(rb"jsessionid=(\w+)", first)) & set(re.findall(rb"jsessionid=(\w+)", second))
    assert nxt != "/xxgk/list.jsp;jsessionid=A1B2C3D4E5F6" and not ids
    # redirect loop
    assert province.respond("GET", host, "/redirect/a.html", {})[1][0] == ("Location", "/redirect/b.html")
    assert province.respond("GET", host, "/redirect/b.html", {})[1][0] == ("Location", "/redirect/a.html")
    # very large page, binary as text/html
    assert len(province.respond("GET", host, "/big/tjsj.html", {})[2]) > 3_000_000
    status, headers, body = province.respond("GET", host, "/download/sjbg.html", {})
    assert dict(headers)["Content-Type"] == "text/html" and b"\x00" in body
    # malformed article markup
    art = facts_of(province, f"http://{host}/")["entries"][0]["url"]
    assert "<<i>" in fetch(province, art)[2]


def test_attachments_are_served_with_their_types(province, walked):
    status, _links = walked
    found = {}
    for url, code in status.items():
        if code != 200:
            continue
        s, headers, body = fetch(province, url)
        if headers.get("Content-Disposition") == "attachment":
            found[headers["Content-Type"]] = found.get(headers["Content-Type"], 0) + 1
            if headers["Content-Type"] == "application/pdf":
                assert body.startswith(b"%PDF-")
    assert set(found) == {"application/pdf", "application/msword", "application/vnd.ms-excel"}


def test_unknown_host_and_head(province):
    assert province.respond("GET", "www.nowhere.gov.cn", "/", {})[0] == 502
    status, headers, body = province.respond("HEAD", "www.csx.gov.cn", "/", {})
    assert status == 200 and body == b""
    assert province.page_model("www.csx.gov.cn", "/no/such/page.html") is None
    assert province.respond("GET", "www.csx.gov.cn:80", "/", {})[0] == 200


@pytest.mark.parametrize("bad", [("nosuch",), ("zwfw",)])
def test_unknown_or_hall_only_families_are_refused(bad):
    with pytest.raises(ValueError, match="families"):
        build_province(seed=7, as_of=AS_OF, families=bad)


def test_identical_across_processes_and_hash_seeds(province):
    import hashlib
    import os
    import subprocess
    import sys

    code = ("import hashlib,datetime as dt;from govspider.sandbox.province import build_province;"
            "p=build_province(7,dt.date(2026,11,15));h=hashlib.sha256(p.sites_yaml().encode()+p.truth_jsonl().encode());"
            "[h.update(p.respond('GET',s.host,'/',{})[2]) for s in p.sites];print(h.hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                              env=dict(os.environ, PYTHONHASHSEED=str(seed))).stdout.strip() for seed in (1, 2)}
    here = hashlib.sha256(province.sites_yaml().encode() + province.truth_jsonl().encode())
    for s in province.sites:
        here.update(province.respond("GET", s.host, "/", {})[2])
    assert digests == {here.hexdigest()}
