"""The sandbox's near misses (govspider/sandbox/nearmiss.py) and the two defects planted for the
no_channel / bad_site_code gates are really on the pages, in the classic families (seed 7) and
in the new ones (seed 143): each near miss shows what a careless detector would flag and what
makes it fine; each defect shows its problem."""

import datetime as dt
import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from govspider.findings import is_near_miss

AS_OF = dt.date(2026, 11, 15)
CHECKED_RULES = {"content.defacement", "content.serious_error", "column.stale", "column.blank", "home.stale",
                 "guide.blank_field", "guide.divergence", "footer.bad_site_code"}


@pytest.fixture(scope="module", params=["classic-7", "all-143"])
def province(request):
    from govspider.sandbox.families import CLASSIC
    from govspider.sandbox.province import build_province

    if request.param == "classic-7":
        return build_province(seed=7, as_of=AS_OF, scale="small", families=CLASSIC)
    return build_province(seed=143, as_of=AS_OF, scale="small")


def get(province, url: str) -> tuple[int, str]:
    parts = urlsplit(url)
    from govspider.extract.document import decode_body

    status, headers, body = province.respond("GET", parts.netloc, parts.path + (f"?{parts.query}" if parts.query else ""))
    return status, decode_body(body, dict(headers).get("Content-Type"))


def facts(province, url: str) -> dict:
    parts = urlsplit(url)
    return province.page_model(parts.netloc, parts.path + (f"?{parts.query}" if parts.query else ""))


def model_of(province, code: str):
    return next(m for m in province.models if m.code == code)


def newest(entries) -> dt.date:
    return max(dt.date.fromisoformat(e["date"]) for e in entries)


def test_every_rule_of_the_gate_has_near_misses_and_defects(province):
    misses = {t["rule_id"] for t in province.truth if is_near_miss(t)}
    assert CHECKED_RULES <= misses
    defects = {t["rule_id"] for t in province.truth if not is_near_miss(t)}
    assert {"interaction.no_channel", "footer.bad_site_code"} <= defects


def test_near_misses_are_on_the_pages(province):
    checked = 0
    for t in province.truth:
        if not is_near_miss(t) or t["rule_id"] not in CHECKED_RULES:
            continue
        model = model_of(province, t["site_code"])
        status, html = get(province, t["url"])
        assert status == 200, t
        page = facts(province, t["url"])
        rule, key, why = t["rule_id"], t["key"], t["details"]["why"]
        if rule in ("content.defacement", "content.serious_error") and key.startswith("/"):
            text = unescape(html)
            assert any(word in text for word in ("打击", "扫黄打非", "委员汇报", "委员汇总", "练习近乎")), t
        elif rule == "content.defacement":  # a visible link of the homepage
            assert re.search(rf'<a href="([^"]+)"[^>]*>{key}</a>', html), t
            target = re.search(rf'<a href="([^"]+)"[^>]*>{key}</a>', html).group(1)
            assert get(province, f"http://{model.host}{target}" if target.startswith("/") else target)[0] == 200, t
        elif rule == "column.stale" and "14天" in why:
            assert (AS_OF - newest(page["entries"] or [{"date": str(AS_OF - dt.timedelta(days=14))}])).days == 14, t
        elif rule == "column.stale" and "180天" in why:
            assert (AS_OF - newest(page["entries"])).days == 180, t
        elif rule in ("column.blank", "column.stale"):  # undated rows or a static column
            assert page["column"] == key and page["entries"] == [], t
            col = next(c for c in model.columns if c.name == key)
            assert col.static or page["undated_entries"], t
        elif rule == "home.stale":
            assert (AS_OF - newest(page["entries"])).days == 14, t
        elif rule == "guide.blank_field":
            assert page["guide"]["收费标准"] == "无", t
        elif rule == "guide.divergence":
            item, field = key.split("/")
            hall = model_of(province, model.site.service_hall)
            theirs = next(g for g in hall.guides if g.item == item).fields[field]
            assert page["guide"][field] != theirs and re.sub(r"\D", "", page["guide"][field])[-8:] in re.sub(r"\D", "", theirs) \
                if field == "联系电话" else set(re.split(r"[；、]", re.sub(r"\d+\.", "", theirs))) == \
                set(re.split(r"[；、]", re.sub(r"\d+\.", "", page["guide"][field]))), t
        elif rule == "footer.bad_site_code":
            assert page["footer"]["site_code"] == model.code == key and model.badge_code == model.code, t
        checked += 1
    assert checked >= 25


def test_the_planted_defects_are_on_the_pages(province):
    for t in province.truth:
        if is_near_miss(t):
            continue
        model = model_of(province, t["site_code"])
        if t["rule_id"] == "interaction.no_channel":
            assert not model.boxes and model.site.kind in ("portal", "department")
            assert facts(province, model.site.url)["letters"] == []
        elif t["rule_id"] == "footer.bad_site_code":
            _status, html = get(province, model.site.url)
            assert model.badge_code != model.code and model.badge_code in html and model.code in html
