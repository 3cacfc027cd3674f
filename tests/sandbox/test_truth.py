"""Every ground-truth line is visible in the served pages, and near-misses are really fine."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest

from sandbox_helpers import fetch
from govspider.facts import GUIDE_FIELDS
from govspider.findings import is_near_miss
from govspider.sandbox import content

STALE_DAYS = {"news": 30, "notice": 200, "policy": 200, "other": 400}


def _facts(province, url):
    parts = urlsplit(url)
    return province.page_model(parts.netloc, parts.path + (f"?{parts.query}" if parts.query else ""))


def _site(province, code):
    return next(m for m in province.models if m.code == code)


def _guide_page(province, model, item):
    for g in model.guides:
        if g.item == item:
            return _facts(province, f"http://{model.host}{model.skin.guide_path(model, g)}")
    raise AssertionError(f"no guide {item} on {model.host}")


def _defects(province):
    return [t for t in province.truth if not is_near_miss(t)]


def test_truth_covers_every_rule(province):
    rules = {t["rule_id"] for t in _defects(province)}
    assert rules == {
        "site.unreachable", "home.stale", "column.stale", "column.blank", "guide.blank_field", "guide.divergence",
        "interaction.boilerplate_reply", "interaction.unanswered", "interaction.overdue_reply", "footer.missing",
        "domain.not_gov_cn", "link.broken", "attachment.broken", "content.serious_error", "content.defacement",
        "report.annual_missing", "policy.no_interpretation", "privacy.missing", "site.fake_closure"}
    footer = {t["key"] for t in province.truth if t["rule_id"] == "footer.missing"}
    assert footer == {"conac", "jiucuo", "site_code", "sponsor", "contact", "icp", "police_record", "sitemap"}
    stale = {t["details"]["category"] for t in province.truth if t["rule_id"] == "column.stale"}
    blank = {t["details"]["category"] for t in province.truth if t["rule_id"] == "column.blank"}
    assert stale == blank == {"news", "notice", "policy", "other"}
    statuses = {t["details"]["status"] for t in province.truth if t["rule_id"] == "link.broken"}
    assert statuses == {404, 500, "timeout"}


def test_every_truth_line_is_visible(province):
    for t in province.truth:
        check = NEAR_MISS_CHECKS[t["rule_id"]] if is_near_miss(t) else CHECKS[t["rule_id"]]
        try:
            check(province, _site(province, t["site_code"]), t)
        except AssertionError as exc:
            raise AssertionError(f"truth line not visible: {t}: {exc}") from None


def _unreachable(province, model, t):
    assert province.is_dead_host(model.host)
    assert province.respond("GET", model.host, "/", {})[0] == 502


def _fake_closure(province, model, t):
    assert model.site.status == "closed"
    assert province.respond("GET", model.host, "/", {})[0] == 200


def _not_gov(province, model, t):
    assert not t["key"].endswith(".gov.cn") and t["key"] == model.host
    assert province.respond("GET", model.host, "/", {})[0] == 200


def _home_stale(province, model, t):
    facts = _facts(province, model.site.url)
    newest = max(dt.date.fromisoformat(e["date"]) for e in facts["entries"])
    assert (province.as_of - newest).days > 30 and str(newest) == t["details"]["newest_date"]


def _column_stale(province, model, t):
    facts = _facts(province, t["url"])
    assert facts["column"] == t["key"] and facts["entries"]
    newest = max(dt.date.fromisoformat(e["date"]) for e in facts["entries"])
    assert (province.as_of - newest).days > STALE_DAYS[t["details"]["category"]]
    status, _h, text = fetch(province, t["url"])
    assert status == 200 and t["key"] in text


def _column_blank(province, model, t):
    facts = _facts(province, t["url"])
    assert facts["column"] == t["key"] and facts["entries"] == []
    assert "暂无信息" in fetch(province, t["url"])[2]


def _guide_blank(province, model, t):
    item, field = t["key"].split("/")
    facts = _guide_page(province, model, item)
    assert facts["guide"][field] == "" and facts["guide"]["事项名称"] == item
    assert facts == _facts(province, t["url"])


def _guide_divergence(province, model, t):
    item, field = t["key"].split("/")
    hall = _site(province, model.site.service_hall)
    assert t["details"]["hall"] == hall.code
    a, b = _guide_page(province, model, item), _guide_page(province, hall, item)
    assert a["guide"][field] != b["guide"][field]
    assert a["guide"][field] and b["guide"][field]


def _letter(province, model, t):
    facts = _facts(province, t["url"])
    assert facts["kind"] == "interaction" and len(facts["letters"]) == 1
    letter = facts["letters"][0]
    assert letter["title"] == t["key"] and letter["url"] == t["url"]
    return letter


BOILERPLATE = set(content.BOILERPLATE_GREETINGS + content.BOILERPLATE_FORWARDED + content.BOILERPLATE_THANKS) | {content.PASTED_REPLY}


def _boilerplate(province, model, t):
    letter = _letter(province, model, t)
    assert letter["reply"] in BOILERPLATE
    assert (dt.date.fromisoformat(letter["replied"]) - dt.date.fromisoformat(letter["asked"])).days <= 3
    assert letter["reply"] in fetch(province, t["url"])[2]


def _unanswered(province, model, t):
    letter = _letter(province, model, t)
    assert letter["replied"] is None and letter["reply"] is None
    assert 100 <= (province.as_of - dt.date.fromisoformat(letter["asked"])).days <= 300
    text = fetch(province, t["url"])[2]
    placeholder = model.styles["placeholder"]
    assert placeholder in text and "答复时间" not in text and "回复时间" not in text


def _overdue(province, model, t):
    letter = _letter(province, model, t)
    days = (dt.date.fromisoformat(letter["replied"]) - dt.date.fromisoformat(letter["asked"])).days
    assert days >= 30 and days == t["details"]["days"]


FOOTER_TEXT = {"conac": "conac.cn", "jiucuo": "jiucuo", "site_code": "网站标", "sponsor": "主办",
               "contact": "电话", "icp": "ICP备", "police_record": "公网安备", "sitemap": "地图"}


def _footer_missing(province, model, t):
    from govspider.facts import FOOTER_FACT_OF_ELEMENT

    for url in (model.site.url, _facts(province, model.site.url)["entries"][0]["url"]):
        facts = _facts(province, url)
        assert facts["footer"][FOOTER_FACT_OF_ELEMENT[t["key"]]] in (None, False)
        text = fetch(province, url)[2]
        assert FOOTER_TEXT[t["key"]] not in text
    if t["key"] == "site_code":
        assert model.code not in fetch(province, model.site.url)[2]
    if t["key"] == "contact":
        assert model.phone not in fetch(province, model.site.url)[2]
    if t["key"] == "police_record":
        assert model.police not in fetch(province, model.site.url)[2]


def _linked_from(province, page_url, target):
    status, _h, text = fetch(province, page_url)
    assert status == 200
    path = urlsplit(target)
    hrefs = set(re.findall(r'href="([^"]+)"', text))
    assert target in hrefs or path.path + (f"?{path.query}" if path.query else "") in hrefs, f"{target} not linked from {page_url}"


def _link_broken(province, model, t):
    _linked_from(province, t["url"], t["key"])
    host = urlsplit(t["key"]).netloc
    if t["details"]["status"] == "timeout":
        assert province.is_timeout_host(host)
    else:
        assert fetch(province, t["key"])[0] == t["details"]["status"]
    assert t["details"]["on_home"] == (t["url"] == model.site.url)


def _attachment_broken(province, model, t):
    _linked_from(province, t["url"], t["key"])
    assert fetch(province, t["key"])[0] == 404
    assert t["key"].endswith((".pdf", ".doc", ".xls"))


def _serious(province, model, t):
    text = fetch(province, t["url"])[2]
    assert t["key"] in text and content.SERIOUS_ERRORS[t["key"]] == t["details"]["correct"]


def _defaced(province, model, t):
    assert t["url"].endswith(t["key"])
    text = fetch(province, t["url"])[2]
    block = re.search(r'<div style="[^"]*display:none[^"]*">(.*?)</div>', text)
    assert block and all(term in block.group(1) for term in t["details"]["terms"])


def _annual_missing(province, model, t):
    text = fetch(province, model.site.url)[2]
    missing = model.skin.fixed_path(model, "annual", year=int(t["key"]))
    assert missing not in text and f"{t['key']}年政府网站工作年度报表" not in text
    assert "政府网站工作年度报表" in text  # an older year is there: the previous year is what is missing
    assert fetch(province, f"http://{model.host}{missing}")[0] == 404


def _no_interp(province, model, t):
    facts = _facts(province, t["url"])
    assert facts["kind"] == "article" and facts["column"] in ("政策文件", "规范性文件")
    text = fetch(province, t["url"])[2]
    assert "发文字号" in text and "相关解读" not in text and "【政策解读】" not in text


def _privacy_missing(province, model, t):
    text = fetch(province, model.site.url)[2]
    assert "隐私" not in text and "用户信息保护" not in text
    assert fetch(province, f"http://{model.host}{model.skin.fixed_path(model, 'privacy')}")[0] == 404


def _near_recent(province, model, t):
    letter = _letter(province, model, t)
    assert letter["replied"] is None and (province.as_of - dt.date.fromisoformat(letter["asked"])).days <= 3


def _near_greeting(province, model, t):
    letter = _letter(province, model, t)
    assert letter["reply"].startswith("您好") and letter["reply"] not in BOILERPLATE and len(letter["reply"]) > 40


def _near_weekend(province, model, t):
    letter = _letter(province, model, t)
    asked, replied = dt.date.fromisoformat(letter["asked"]), dt.date.fromisoformat(letter["replied"])
    assert asked.weekday() == 4 and (replied - asked).days == 6 == t["details"]["calendar_days"]
    working = sum(1 for n in range(1, 7) if (asked + dt.timedelta(days=n)).weekday() < 5)
    assert working == 4 == t["details"]["working_days"]
    assert asked.month in (3, 7, 8, 11) and replied.month == asked.month   # no holiday, no 调休 weekend


NEAR_MISS_CHECKS = {"interaction.unanswered": _near_recent, "interaction.boilerplate_reply": _near_greeting,
                    "interaction.overdue_reply": _near_weekend}

CHECKS = {
    "site.unreachable": _unreachable, "site.fake_closure": _fake_closure, "domain.not_gov_cn": _not_gov,
    "home.stale": _home_stale, "column.stale": _column_stale, "column.blank": _column_blank,
    "guide.blank_field": _guide_blank, "guide.divergence": _guide_divergence,
    "interaction.boilerplate_reply": _boilerplate, "interaction.unanswered": _unanswered,
    "interaction.overdue_reply": _overdue, "footer.missing": _footer_missing, "link.broken": _link_broken,
    "attachment.broken": _attachment_broken, "content.serious_error": _serious, "content.defacement": _defaced,
    "report.annual_missing": _annual_missing, "policy.no_interpretation": _no_interp, "privacy.missing": _privacy_missing,
}


# ---- precision: what is NOT in the truth really is fine -----------------------------------------

def test_columns_not_in_truth_are_fresh(province):
    flagged = {(t["site_code"], t["key"]) for t in _defects(province) if t["rule_id"] in ("column.stale", "column.blank")}
    fresh_ages = []
    for model in province.models:
        if not model.reachable:
            continue
        for col in model.columns:
            if (model.code, col.name) in flagged or col.static or col.undated:
                continue
            facts = _facts(province, province.list_url(model, col))
            newest = max(dt.date.fromisoformat(e["date"]) for e in facts["entries"])
            fresh_ages.append((province.as_of - newest).days)
            assert (province.as_of - newest).days <= 7, (model.host, col.name)
    assert 7 in fresh_ages  # the near-miss is there


def test_homepages_not_in_truth_are_fresh(province):
    stale = {t["site_code"] for t in _defects(province) if t["rule_id"] == "home.stale"}
    for model in province.models:
        if model.reachable and model.code not in stale:
            facts = _facts(province, model.site.url)
            newest = max(dt.date.fromisoformat(e["date"]) for e in facts["entries"])
            assert (province.as_of - newest).days <= 3, model.host


def test_letters_not_in_truth_are_fine(province):
    flagged = {t["url"] for t in _defects(province) if t["rule_id"].startswith("interaction.")}
    near = {t["url"]: t["rule_id"] for t in province.truth if is_near_miss(t)}
    recent = greet_ok = weekend = 0
    for model in province.models:
        if not model.reachable:
            continue
        for _name, letters in model.boxes.values():
            for letter in letters:
                url = f"http://{model.host}{model.skin.letter_path(model, letter)}"
                if url in flagged:
                    continue
                facts = _facts(province, url)["letters"][0]
                if facts["replied"] is None:
                    assert (province.as_of - dt.date.fromisoformat(facts["asked"])).days <= 3
                    assert near[url] == "interaction.unanswered"
                    recent += 1
                    continue
                days = (dt.date.fromisoformat(facts["replied"]) - dt.date.fromisoformat(facts["asked"])).days
                assert days <= 3 or (days == 6 and near[url] == "interaction.overdue_reply")
                weekend += days == 6
                assert facts["reply"] not in BOILERPLATE and len(facts["reply"]) > 40
                greet_ok += url in near and facts["reply"].startswith("您好")
    assert recent >= 5 and greet_ok >= 5 and weekend >= 5


def test_same_title_twice_in_one_box_one_answered_one_not(province):
    """Issue 12: letters are told apart by URL / number / date, never by title."""
    unanswered = {t["url"] for t in _defects(province) if t["rule_id"] == "interaction.unanswered"}
    twins_with_defect = 0
    for model in province.models:
        for _name, letters in model.boxes.values():
            by_title = {}
            for letter in letters:
                by_title.setdefault(letter.title, []).append(letter)
            for same in (ls for ls in by_title.values() if len(ls) > 1):
                assert len(same) == 2 and sum(1 for l in same if l.replied) == 1
                assert len({l.code for l in same}) == 2 and len({model.skin.letter_path(model, l) for l in same}) == 2
                late = next(l for l in same if not l.replied)
                twins_with_defect += f"http://{model.host}{model.skin.letter_path(model, late)}" in unanswered
    assert twins_with_defect >= 1


def test_clean_sites_exist(province):
    flagged = {t["site_code"] for t in _defects(province)}
    clean = [m for m in province.models if m.code not in flagged]
    assert len(clean) >= 3
    assert {m.site.kind for m in clean} >= {"portal", "department", "service_hall"}


def test_guides_have_every_field(province):
    for model in province.models:
        for g in model.guides:
            assert tuple(g.fields) == GUIDE_FIELDS


def test_policies_not_in_truth_link_to_an_interpretation(province):
    flagged = {t["key"] for t in province.truth if t["rule_id"] == "policy.no_interpretation"}
    checked = 0
    for model in province.models:
        if not model.reachable:
            continue
        for col in model.columns:
            if col.category != "policy":
                continue
            for e in _facts(province, province.list_url(model, col))["entries"]:
                path = urlsplit(e["url"]).path
                if path in flagged:
                    continue
                text = fetch(province, e["url"])[2]
                m = re.search(r'相关解读：<a href="([^"]+)"', text)
                assert m, e["url"]
                status, _h, jd = fetch(province, f"http://{model.host}{m.group(1)}")
                assert status == 200 and "政策解读" in jd
                checked += 1
    assert checked > 20


def test_no_unplanned_broken_links(province, walked):
    status, linked_from = walked
    planted = {t["key"] for t in _defects(province) if t["rule_id"] in ("link.broken", "attachment.broken")}
    dead = {f"http://{m.host}/" for m in province.models if not m.reachable}
    bad = {u: c for u, c in status.items() if c != 200 and u not in planted and u not in dead}
    assert bad == {}
    assert planted - {t for t in planted if "old." in t} <= set(status)


@pytest.mark.parametrize("seed,as_of", [(1, dt.date(2027, 2, 3)), (2024, dt.date(2025, 6, 30)), (141, dt.date(2026, 1, 2))])
def test_other_seeds_and_dates_keep_the_truth_visible(seed, as_of):
    from govspider.sandbox.province import build_province

    other = build_province(seed=seed, as_of=as_of)
    test_truth_covers_every_rule(other)
    test_every_truth_line_is_visible(other)
    test_columns_not_in_truth_are_fresh(other)
    test_letters_not_in_truth_are_fine(other)
    test_same_title_twice_in_one_box_one_answered_one_not(other)
