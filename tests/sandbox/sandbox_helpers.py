"""Helpers of the sandbox tests (imported by name; pytest's conftest modules are not importable)."""

from __future__ import annotations

import datetime as dt
from html import escape
from urllib.parse import urlsplit

from sandbox_walk import charset_of, fetch_raw, links_of

from govspider.sandbox.families.dates import fmt_date

AS_OF = dt.date(2026, 11, 15)
#: seeds no other test uses: every family is checked on these (issue 9)
FAMILY_SEEDS = (101, 102, 103, 104, 105)


def target(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def fetch(province, url: str):
    """(status, headers dict, decoded text or bytes) of an absolute URL, in-process."""
    status, headers, body = fetch_raw(province, url)
    hdrs = dict(headers)
    if hdrs.get("Content-Type", "").startswith("text/"):
        return status, hdrs, body.decode(charset_of(headers, body))
    return status, hdrs, body


def facts_of(province, url: str) -> dict | None:
    return province.page_model(urlsplit(url).netloc, target(url))


def row_date_text(model, d: dt.date) -> str:
    """The date part a list row of this site prints for ``d`` (times and brackets aside)."""
    style = model.date_style
    if style in ("md", "md_bracket", "yearhead"):
        return f"{d.month}月{d.day}日" if style == "yearhead" and model.family == "dl" else f"{d:%m-%d}"
    if style in ("time", "bracket", "cell", "paren"):
        return d.isoformat()
    return fmt_date(d, style)


def publish_date_texts(d: dt.date) -> set:
    return {fmt_date(d, s) for s in ("iso", "slash", "cn", "cn0", "dot")}


def script_drawn(model, facts) -> bool:
    """The hall's guide pages and guide index: only a browser shows their content (test_browser.py)."""
    return model.family == "zwfw" and facts["column"] == "办事服务"


def check_facts_against_html(province, model, url: str, text: str, body: bytes, headers) -> dict:
    """page_model of ``url`` agrees with what its HTML prints (the facts a reader can check there)."""
    facts = facts_of(province, url)
    assert facts is not None, url
    links = set(links_of(url, body, headers))
    js = 'id="jslist"' in text or script_drawn(model, facts)
    if facts["kind"] != "guide" or not js:
        assert escape(facts["title"]) in text, (url, facts["title"])
    for e in [] if js else facts["undated_entries"]:
        assert e["url"] in links and escape(e["title"]) in text, (url, e)
    for e in facts["entries"]:
        if js:
            continue
        assert e["url"] in links and escape(e["title"]) in text, (url, e)
        assert row_date_text(model, dt.date.fromisoformat(e["date"])) in text, (url, e)
        if model.date_style == "yearhead":
            assert f"{e['date'][:4]}年<" in text
    if facts["guide"] and not js:
        labels = model.styles["labels"]
        for key, value in facts["guide"].items():
            assert labels[key] in text, (url, key)
            if key == "办理材料" and value and escape(value) not in text:   # drawn as a 材料 table
                guide = next(g for g in model.guides if g.fields == facts["guide"])
                assert all(escape(m.name) in text for m in guide.material_rows()), (url, value)
            else:
                assert escape(value) in text, (url, key)
    for letter in facts["letters"]:
        assert escape(letter["title"]) in text and letter["asked"] in text, (url, letter)
        for key in ("replied", "status", "number"):
            if letter[key]:
                assert letter[key] in text, (url, key, letter)
        if letter["reply"]:
            assert escape(letter["reply"]) in text
        if len(facts["letters"]) > 1:
            assert letter["url"] in links, (url, letter)
    footer = facts["footer"]
    for key in ("icp", "police_record", "site_code", "sponsor", "phone"):
        if footer.get(key):
            assert footer[key] in text, (url, key)
    if footer:
        sitemap = f"http://{model.host}{model.skin.fixed_path(model, 'sitemap')}"
        assert footer["sitemap"] == (sitemap in links)
        assert footer["conac"] == ("conac.cn" in text)
        assert footer["jiucuo"] == ("jiucuo" in text)
    if facts["publish_date"]:
        assert any(t in text for t in publish_date_texts(dt.date.fromisoformat(facts["publish_date"]))), url
    return facts
