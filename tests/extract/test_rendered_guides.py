"""The 政务服务网 whose 办事指南 a script draws from its JSON API (the Playwright path): after Chromium
renders them, extraction reads every element, as page_model says. Needs /usr/bin/chromium (Debian):
fails, never skips, when it is missing."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from govspider.crawling.render import launch_options
from govspider.extract import extract_page
from govspider.sandbox.province import build_province
from govspider.sandbox.server import SandboxServer

from page_walk import target, walk_and_compare

SEED = 146   # one of test_sandbox_pages.NEW_SEEDS


def test_script_drawn_guides_read_after_rendering():
    province = build_province(seed=SEED, as_of=dt.date(2026, 11, 15), scale="small")
    _score, _misses, drawn, _kinds = walk_and_compare(province)
    guides = [u for u in drawn if (province.page_model(urlsplit(u).netloc, target(u)) or {}).get("kind") == "guide"]
    assert len(guides) >= 3, drawn
    with SandboxServer(province=province) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options(proxy=server.proxy_url))
        try:
            page = browser.new_page()
            for url in guides:
                want = province.page_model(urlsplit(url).netloc, target(url))
                page.goto(url, timeout=20_000)
                page.wait_for_selector("table", state="attached", timeout=10_000)
                facts = extract_page(page.content(), url)
                assert (facts["kind"], facts["title"], facts["guide"]) == (want["kind"], want["title"], want["guide"]), url
        finally:
            browser.close()

