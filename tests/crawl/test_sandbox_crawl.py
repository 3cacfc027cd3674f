"""The whole simulated province crawled through the sandbox's proxy: what its truth implies is found."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from govspider.crawling.urls import canonical_url


def crawlable_models(crawled):
    return [m for m in crawled.sandbox.province.models if m.reachable and not m.site.closed]


def test_crawl_finished_every_site_has_a_state(crawled):
    s = crawled.summary
    assert s["finished"] and s["close_reason"] == "finished"
    assert set(crawled.states) == {site.site_code for site in crawled.sandbox.province.sites}
    assert all(st["finished"] for st in crawled.states.values())
    assert crawled.campaign_record["as_of"] == "2026-11-15" and crawled.campaign_record["robots_ignored"] is False


def test_every_column_of_every_site_reached(crawled):
    for model in crawlable_models(crawled):
        state = crawled.states[model.code]
        assert state["reachable"] is True and state["home_status"] == 200, model.code
        for col in model.columns:
            prefix = f"http://{model.host}/{col.slug}/"
            lists = [p for p in crawled.site_pages(model.code) if p["url"].startswith(prefix)
                     and (p["facts"]["kind"] == "list" or col.static)]  # a static column may be one text block
            assert lists, f"{model.site.name}: column {col.name} ({prefix}) not reached"
            if col.count:
                newest = crawled.sandbox.province.page_model(model.host, f"/{col.slug}/")
                got = {e["title"] for p in lists for e in p["facts"]["entries"]}
                if newest and newest["entries"]:
                    assert newest["entries"][0]["title"] in got, f"{model.site.name}/{col.name}: newest entry missing"


def test_every_guide_and_letter_extracted(crawled):
    for model in crawlable_models(crawled):
        pages = crawled.site_pages(model.code)
        items = {p["facts"]["guide"].get("事项名称") for p in pages if p["facts"]["guide"]}
        for guide in model.guides:
            assert guide.item in items, f"{model.site.name}: guide {guide.item} not extracted"
        titles = {l["title"] for p in pages for l in p["facts"]["letters"]}
        for _name, letters in model.boxes.values():
            for letter in letters:
                assert letter.title in titles, f"{model.site.name}: letter {letter.title} not extracted"


def test_broken_links_recorded_with_status(crawled):
    truth = [t for t in crawled.sandbox.province.truth if t["rule_id"] in ("link.broken", "attachment.broken")]
    assert truth
    for t in truth:
        link = crawled.links.get(canonical_url(t["key"]))
        assert link is not None, f"{t['key']} not checked"
        assert link["site_code"] == t["site_code"]
        want = t["details"]["status"]
        if want == "timeout":
            assert link["status"] is None and link["error"] == "timeout", link
        else:
            assert link["status"] == want, link
        if "on_home" in t["details"]:
            assert link["on_home"] is t["details"]["on_home"], link
        assert link["attachment"] is (t["rule_id"] == "attachment.broken")
    broken = {l["target"] for l in crawled.links.values() if "status" in l and (l["status"] is None or l["status"] >= 400)}
    unreachable_homes = {f"http://{m.host}/" for m in crawled.sandbox.province.models if not m.reachable}
    # the hazard site's redirect loop leaves a record (issue 12: loops no longer vanish)
    hazard = next(m for m in crawled.sandbox.province.models if m.hazards)
    loop = crawled.links[f"http://{hazard.host}/redirect/a.html"]
    assert loop["status"] == 302 and loop["redirect"] == "redirect loop" and not loop["error"], loop
    # nothing else is broken: healthy links are not recorded as failures
    assert broken - unreachable_homes == {canonical_url(t["key"]) for t in truth}


def test_healthy_internal_links_and_attachments_checked_once(crawled):
    attachments = [l for l in crawled.links.values() if l["attachment"]]
    assert len(attachments) > 20
    assert all(l["status"] == 200 for l in attachments if l["target"] not in
               {canonical_url(t["key"]) for t in crawled.sandbox.province.truth if t["rule_id"] == "attachment.broken"})
    # one check per target: HEAD requests made == link records written from HEAD checks (+ redirects)
    import re

    heads = int(re.search(r"'downloader/request_method_count/HEAD': (\d+)", crawled.stderr).group(1))
    from_head = sum(1 for l in crawled.links.values() if l.get("method") == "HEAD")
    assert from_head <= heads <= from_head + 5
    # a crawled page is its own check: every stored page's URL has a link record with its status
    for url, page in list(crawled.pages.items())[:300]:
        assert crawled.links.get(url, {}).get("status") == page["status"] or any(
            l.get("final_url") == url for l in crawled.links.values()), url


def test_dead_site_unreachable_and_closed_site_probed(crawled):
    for model in crawled.sandbox.province.models:
        state = crawled.states[model.code]
        if not model.reachable:
            assert state["reachable"] is False and state["error"], state
            assert crawled.site_pages(model.code) == []
        elif model.site.closed:
            # 虚假关停: still answers, only the home page is probed
            assert state["reachable"] is True and state["closed"] is True
            assert [p["url"] for p in crawled.site_pages(model.code)] == [f"http://{model.host}/"]
    assert crawled.summary["sites_unreachable"] == sorted(m.code for m in crawled.sandbox.province.models if not m.reachable)


def test_traps_bounded_and_nothing_outside_the_sites(crawled):
    hazard = next(m for m in crawled.sandbox.province.models if m.hazards)
    pages = crawled.site_pages(hazard.code)
    calendar = [p for p in pages if "/calendar/" in p["url"]]
    session = [p for p in pages if "/xxgk/" in p["url"]]
    assert 1 <= len(calendar) <= 3, [p["url"] for p in calendar]
    assert len(session) <= 12, [p["url"] for p in session]
    assert crawled.summary["traps"].get("calendar", 0) > 0
    assert len(pages) < 2 * max(len(crawled.site_pages(m.code)) for m in crawlable_models(crawled) if m is not hazard)
    big = crawled.pages.get(f"http://{hazard.host}/big/tjsj.html")
    assert big is not None and big["facts"]["title"]
    hosts = {urlsplit(u).hostname for u in list(crawled.pages) + list(crawled.links)}
    registered = {m.host for m in crawled.sandbox.province.models}
    assert not any(h in ("127.0.0.1", "192.168.1.1", "localhost") for h in hosts)
    assert all(h in registered or h.endswith(".gov.cn") for h in hosts), hosts - registered


def test_robots_obeyed(crawled):
    assert not [u for u in crawled.pages if urlsplit(u).path.startswith(("/admin/", "/manage/"))]
    linked = [l["url"] for p in crawled.pages.values() for l in p["facts"]["links"] if "/admin/" in l["url"]]
    assert linked, "the sandbox links to /admin/ somewhere; robots.txt must keep it out"


def test_nothing_stored_twice_no_session_ids(crawled):
    urls = list(crawled.pages)
    assert len(urls) == len({canonical_url(u) for u in urls})
    assert not [u for u in urls if "jsessionid" in u.lower() or "sid=" in u.lower()]
    assert crawled.summary["pages"] == len(urls)


def test_gbk_pages_decoded(crawled):
    models = [m for m in crawlable_models(crawled) if m.encoding != "utf8"]
    assert {m.encoding for m in models} >= {"gbk-both", "gbk-meta", "gb18030-header"}
    for model in models:
        home = crawled.pages[f"http://{model.host}/"]
        want = crawled.sandbox.province.page_model(model.host, "/")
        assert home["facts"]["title"] == want["title"], (model.encoding, home["facts"]["title"])
        assert model.site.name in home["text"]
        assert "\ufffd" not in home["text"]


def test_js_only_column_rendered_by_chromium(crawled):
    assert os.path.exists("/usr/bin/chromium"), "Debian chromium is required (apt-get install chromium)"
    js_cols = [(m, c) for m in crawlable_models(crawled) for c in m.columns if c.js]
    assert js_cols
    for model, col in js_cols:
        page = crawled.pages[f"http://{model.host}/{col.slug}/index.html"] if f"http://{model.host}/{col.slug}/index.html" in crawled.pages \
            else crawled.pages[f"http://{model.host}/{col.slug}/"]
        assert page["rendered"] is True
        want = crawled.sandbox.province.page_model(model.host, urlsplit(page["url"]).path)
        assert [e["title"] for e in page["facts"]["entries"]] == [e["title"] for e in want["entries"]]
    # the common path stays plain HTTP
    rendered = [p for p in crawled.pages.values() if p["rendered"]]
    assert len(rendered) <= 3 * len(js_cols) + 2, [p["url"] for p in rendered]
