"""Markup families: every family in every province, every page type in every family, URL shapes of
the real CMSs, layouts drawn across seeds, and the hooks other parts plant through (in every family).

Seeds 101-105 (``FAMILY_SEEDS``) are used by no other test."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest

from sandbox_helpers import AS_OF, check_facts_against_html, facts_of, fetch, target
from sandbox_walk import fetch_raw
from govspider.facts import GUIDE_FIELDS
from govspider.sandbox.families import FAMILY_NAMES, HALL_ONLY
from govspider.sandbox.families.dates import YEARLESS
from govspider.sandbox.families.zwfw import FIELD_KEYS
from govspider.sandbox.guide_layouts import GUIDE_LAYOUTS
from govspider.sandbox.letter_layouts import DETAIL_PRINTS, LIST_PRINTS
from govspider.sandbox.model import Column
from govspider.sandbox.province import Province, build_province

KINDS = {"home", "list", "article", "guide", "interaction", "other"}
ARTICLE_URL = {
    "ul": r"/[a-z]+/\d{6}/t\d{8}_\d+\.html", "table": r"/[a-z]+/\d{6}/t\d{8}_\d+\.html", "dl": r"/[a-z]+/\d{6}/t\d{8}_\d+\.shtml",
    "trs": r"/[a-z]+/[a-z]+/\d{6}/t\d{8}_\d+\.html", "hanweb": r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html",
    "vsb": r"/info/\d+/\d+\.htm", "ucap": r"/[a-z]+/[a-z]+/\d{4}-\d{2}/\d{2}/content_\d+\.htm",
    "lonsun": r"/[a-z]+/[a-z]+/\d{9}\.html", "hycloud": r"/[a-z]+/[a-z]+/\d{6}/t\d{8}_\d+\.shtml",
    "plain": r"/[a-z]+/\d+\.html", "zwfw": r"/[a-z]+/[a-z]+/\d{6}/\d+\.html",
}
SECOND_LIST_PAGE = {
    "ul": r"/index_1\.html", "table": r"/index\.html\?page=2", "dl": r"/index_1\.html", "trs": r"/index_1\.html",
    "hanweb": r"/col/col\d+/index\.html\?uid=\d+&pageNum=2", "vsb": r"/[a-z]+/[a-z]+/\d+\.htm",
    "ucap": r"/home_1\.htm", "lonsun": r"/content/column/\d+\?pageIndex=2", "hycloud": r"/index_1\.shtml",
    "plain": r"/[a-z]+_2\.html", "zwfw": r"/index_1\.html",
}


def _models(provinces, family):
    return [(p, m) for p in provinces for m in p.models if m.family == family and m.reachable]


def test_every_family_is_drawn_in_every_province(family_provinces, province):
    for p in (*family_provinces, province):
        assert {m.family for m in p.models} == set(FAMILY_NAMES)
        assert all(m.site.kind == "service_hall" for m in p.models if m.family in HALL_ONLY)
    assert len({tuple(m.family for m in p.models) for p in family_provinces}) == len(family_provinces)


@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_every_family_has_every_page_type(family_provinces, family):
    p = family_provinces[0]
    kinds = set()
    for _p, model in _models([p], family):
        for url in p.page_urls(model.host):
            facts = facts_of(p, url)
            if facts:
                kinds.add(facts["kind"])
    assert kinds == KINDS


@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_urls_have_the_shapes_of_the_real_cms(family_provinces, family):
    for p, model in _models(family_provinces, family)[:2]:
        col = max(model.columns, key=lambda c: c.pages)
        article = facts_of(p, p.list_url(model, col))["entries"][0]["url"]
        assert re.search(ARTICLE_URL[family] + "$", urlsplit(article).path), article
        if col.pages > 1:
            assert re.search(SECOND_LIST_PAGE[family] + "$", target(p.list_url(model, col, 1))), p.list_url(model, col, 1)


def test_month_day_dates_carry_their_year_in_the_url(family_provinces):
    checked = 0
    for p in family_provinces:
        for model in p.models:
            if model.date_style in YEARLESS - {"yearhead"} and model.reachable:
                for e in facts_of(p, model.site.url)["entries"]:
                    y, m, d = e["date"].split("-")
                    path = urlsplit(e["url"]).path
                    assert f"{y}{m}{d}" in path or f"/{y}/{int(m)}/{int(d)}/" in path or f"/{y}-{m}/{d}/" in path, e
                    checked += 1
    assert checked > 50


def test_layouts_and_words_are_all_drawn(family_provinces):
    seen = defaultdict(set)
    for p in family_provinces:
        for m in p.models:
            for key in ("guide_layout", "letter_list", "letter_detail", "placeholder", "status_words", "materials_table"):
                seen[key].add(m.styles[key])
    assert seen["guide_layout"] == set(GUIDE_LAYOUTS)
    assert seen["letter_list"] == set(LIST_PRINTS) and seen["letter_detail"] == set(DETAIL_PRINTS)
    assert seen["placeholder"] >= {"（尚未回复）", "待回复", "正在办理中", "处理中", ""}
    assert {w for pair in seen["status_words"] for w in pair} >= {"已办结", "已回复", "已答复", "待回复", "办理中", "处理中"}
    assert seen["materials_table"] == {True, False}


def test_materials_read_as_one_string(family_provinces):
    pattern = re.compile(r"(\d+\.[^；]+（(原件|复印件|原件、复印件各)\d+份）)(；\d+\.[^；]+（(原件|复印件|原件、复印件各)\d+份）)*")
    tables = 0
    for p in family_provinces:
        for model in p.models:
            for g in model.guides:
                value = g.fields["办理材料"]
                assert value == "" or pattern.fullmatch(value), value
                tables += model.styles["materials_table"] and g.material_rows() is not None
    assert tables > 20


def test_hall_json_api_agrees_with_page_model(family_provinces):
    for p, model in _models(family_provinces, "zwfw"):
        index_url = f"http://{model.host}{model.skin.guides_path(model)}"
        index = facts_of(p, index_url)
        assert index["kind"] == "other" and model.guides[0].item not in fetch(p, index_url)[2]
        status, headers, body = fetch_raw(p, f"http://{model.host}/api/item/list")
        assert status == 200 and dict(headers)["Content-Type"].startswith("application/json")
        items = json.loads(body)["data"]
        assert [{"title": i["itemName"], "url": f"http://{model.host}{i['url']}"} for i in items] == index["undated_entries"]
        for item in items:
            want = facts_of(p, f"http://{model.host}{item['url']}")
            html = fetch(p, f"http://{model.host}{item['url']}")[2]
            assert want["kind"] == "guide" and want["guide"]["设定依据"] not in html   # the shell holds no guide text
            data = json.loads(fetch_raw(p, f"http://{model.host}/api/item/detail?itemCode={item['itemCode']}")[2])["data"]
            assert {f: data[FIELD_KEYS[f]] for f in GUIDE_FIELDS} == want["guide"]
            if data["materials"]:
                text = "；".join(f"{n}.{m['materialName']}（{'原件、复印件各' if m['original'] and m['copy'] else '原件' if m['original'] else '复印件'}"
                                f"{m['count']}份）" for n, m in enumerate(data["materials"], 1))
                assert text == want["guide"]["办理材料"]
        assert fetch_raw(p, f"http://{model.host}/api/item/detail?itemCode=999")[0] == 404


def test_hanweb_dataproxy_serves_the_list_records(family_provinces):
    for p, model in _models(family_provinces, "hanweb")[:2]:
        col = max(model.columns, key=lambda c: c.pages)
        page1 = facts_of(p, p.list_url(model, col, 1))["entries"]
        v = model.skin.col_vars(model, col)
        xml = fetch_raw(p, f"http://{model.host}/module/web/jpage/dataproxy.jsp?startrecord={col.page_size + 1}"
                        f"&endrecord={2 * col.page_size}&perpage={col.page_size}&columnid={v['colid']}&unitid={v['uid']}")[2].decode()
        assert xml.startswith("<?xml") and all(e["url"].split(model.host)[1] in xml for e in page1)
        assert xml.count("<record>") == len(page1)


# -- hooks other parts plant through (implemented by every family) -------------------------------

def _planted(family: str):
    """A fresh province (seed 104) and one site of ``family`` with every hook planted."""
    p = build_province(seed=104, as_of=AS_OF)
    model = next(m for m in p.models if m.family == family and m.reachable and m.guides and m.boxes)
    news = next(c for c in model.columns if c.count >= 6)
    news.extras.setdefault(1, []).append("para:本网站开展打击治理电信网络诈骗宣传，提醒群众谨防受骗。")
    news.extras.setdefault(2, []).append("title:关于澳门回归祖国纪念活动的报道")
    undated = next(c for c in model.columns if c is not news and c.count and not c.js)
    undated.undated = True
    n = len(model.columns) + 1
    model.columns.append(Column("jgsz", "机构设置", "other", 6, 900, 30, 15, n, static=True))
    model.columns.append(Column("jgzn", "机构职能", "other", 0, 900, 30, 15, n + 1, static=True))
    model.jiucuo_code = "4399999999"
    model.footer_missing.discard("jiucuo")
    model.home_links = [("http://www.12377.cn/", "举报色情低俗信息")]
    return p, model, news, undated


@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_hooks_are_drawn_in_every_family(family):
    p, model, news, undated = _planted(family)
    home = facts_of(p, model.site.url)
    home_html = fetch(p, model.site.url)[2]
    # undated column: no dated entries anywhere, its rows in undated_entries
    lst = facts_of(p, p.list_url(model, undated))
    assert lst["kind"] == "list" and lst["entries"] == [] and len(lst["undated_entries"]) == min(undated.count, undated.page_size)
    assert {e["url"] for e in lst["undated_entries"][:6]} <= {e["url"] for e in home["undated_entries"]}
    assert not {e["url"] for e in home["entries"]} & {e["url"] for e in lst["undated_entries"]}
    # static columns: undated links to undated pages, and a text block that is not a blank column
    static = facts_of(p, p.list_url(model, model.column("jgsz")))
    assert static["kind"] == "list" and static["entries"] == [] and len(static["undated_entries"]) == 6
    leader = facts_of(p, static["undated_entries"][0]["url"])
    assert leader["kind"] == "article" and leader["publish_date"] is None
    text = facts_of(p, p.list_url(model, model.column("jgzn")))
    assert text["kind"] == "article" and text["title"] == "机构职能" and text["publish_date"] is None
    assert "（1）" in fetch(p, p.list_url(model, model.column("jgzn")))[2]
    # article extras: an extra paragraph, a title printed everywhere
    row = facts_of(p, p.list_url(model, news))["entries"]
    assert row[2]["title"] == "关于澳门回归祖国纪念活动的报道"
    assert "关于澳门回归祖国纪念活动的报道" in home_html
    assert facts_of(p, row[2]["url"])["title"] == "关于澳门回归祖国纪念活动的报道"
    assert "提醒群众谨防受骗" in fetch(p, row[1]["url"])[2]
    # 找错 badge sitecode and extra homepage links
    assert "4399999999" in home_html and home["footer"]["site_code"] == (None if "site_code" in model.footer_missing else model.code)
    assert 'href="http://www.12377.cn/"' in home_html and "举报色情低俗信息" in home_html
    served = Province(p.seed, p.as_of, p.scale, p.models, p.truth)   # planted before serving: the link answers
    assert fetch_raw(served, "http://www.12377.cn/")[0] == 200 and not served.is_dead_host("www.12377.cn")
    # and page_model still agrees with every page of the site
    for url in p.page_urls(model.host):
        code, headers, body = fetch_raw(p, url)
        assert code == 200, url
        if dict(headers)["Content-Type"].startswith("text/html"):
            check_facts_against_html(p, model, url, fetch(p, url)[2], body, headers)


@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_a_site_without_interaction_boxes_renders(family):
    p = build_province(seed=105, as_of=AS_OF)
    model = next(m for m in p.models if m.family == family and m.reachable and m.boxes)
    letters = [f"http://{model.host}{model.skin.letter_path(model, l)}" for _n, ls in model.boxes.values() for l in ls]
    model.boxes = {}
    urls = list(p.page_urls(model.host))
    assert not set(urls) & set(letters)
    for url in urls:
        code, headers, body = fetch_raw(p, url)
        assert code == 200, url
        if dict(headers)["Content-Type"].startswith("text/html"):
            facts = check_facts_against_html(p, model, url, fetch(p, url)[2], body, headers)
            assert facts["kind"] != "interaction"
    assert fetch_raw(p, letters[0])[0] == 404


def test_guide_values_are_drawn_verbatim():
    p = build_province(seed=103, as_of=AS_OF)
    for family in FAMILY_NAMES:
        model = next(m for m in p.models if m.family == family and m.guides)
        guide = model.guides[0]
        guide.fields["收费标准"] = "无"
        guide.fields["办理材料"] = "详见窗口告知单"   # no longer the rows' text: printed as text
        url = f"http://{model.host}{model.skin.guide_path(model, guide)}"
        assert facts_of(p, url)["guide"]["收费标准"] == "无"
        if family != "zwfw":
            html = fetch(p, url)[2]
            assert "详见窗口告知单" in html and any(s in html for s in (">无<", "：无<")), family
        else:
            data = json.loads(fetch_raw(p, f"http://{model.host}/api/item/detail?itemCode={model.skin.guide_token(model, guide)}")[2])["data"]
            assert data["chargeStandard"] == "无" and data["materialsText"] == "详见窗口告知单" and data["materials"] is None


def test_hooks_keep_the_province_deterministic():
    a, b = _planted("hanweb"), _planted("hanweb")
    for url in list(a[0].page_urls(a[1].host))[:60]:
        assert fetch_raw(a[0], url) == fetch_raw(b[0], url)
    assert dataclasses.asdict(a[1].columns[-1]) == dataclasses.asdict(b[1].columns[-1])
    assert dt.date.fromisoformat(facts_of(a[0], a[0].list_url(a[1], a[2]))["entries"][0]["date"]) <= AS_OF
