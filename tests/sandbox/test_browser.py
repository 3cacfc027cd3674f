"""Script-drawn pages really draw in a browser (Debian Chromium via Playwright, through the sandbox as
HTTP proxy): the JavaScript column, the script pagers (TRS createPageHTML, Hanweb jpage, lonsun
Ls.pagination, 海云 createPageHTML) and the hall's guides built from its JSON API. Needs
/usr/bin/chromium: fails, never skips, when it is missing."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from sandbox_helpers import facts_of
from govspider.sandbox.server import SandboxServer

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browse(family_provinces):
    province = family_provinces[0]
    with SandboxServer(province=province) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(headless=True, executable_path="/usr/bin/chromium", args=ARGS,
                                     proxy={"server": server.proxy_url})
        page = browser.new_page()
        try:
            yield province, page
        finally:
            browser.close()


def test_js_column_entries_appear_after_load(province):
    model, col = next((m, c) for m in province.models for c in m.columns if c.js)
    url = province.list_url(model, col)
    want = facts_of(province, url)["entries"]
    with SandboxServer(province=province) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(headless=True, executable_path="/usr/bin/chromium", args=ARGS,
                                     proxy={"server": server.proxy_url})
        try:
            page = browser.new_page()
            page.goto(url, timeout=20_000)
            page.wait_for_selector("#jslist li", timeout=10_000)
            page.wait_for_function(f"document.querySelectorAll('#jslist li').length == {len(want)}", timeout=10_000)
            got = page.eval_on_selector_all("#jslist li", "els => els.map(e => [e.querySelector('a').href, e.querySelector('a').textContent, e.querySelector('span').textContent])")
        finally:
            browser.close()
    assert got == [[e["url"], e["title"], e["date"]] for e in want]


@pytest.mark.parametrize("family", ["trs", "hanweb", "lonsun", "hycloud"])
def test_script_pagers_link_the_next_list_page(browse, family):
    province, page = browse
    model = next(m for m in province.models if m.family == family and m.reachable)
    col = max(model.columns, key=lambda c: c.pages)
    here = 1 if col.pages > 2 else 0
    assert col.pages > 1
    page.goto(province.list_url(model, col, here), timeout=20_000)
    page.wait_for_load_state("networkidle", timeout=10_000)
    titles = page.eval_on_selector_all("a", "els => els.map(e => e.textContent)")
    assert all(e["title"] in titles for e in facts_of(province, province.list_url(model, col, here))["entries"])
    if family == "lonsun":   # its pager links run script: click 下一页 and see where it goes
        page.click("text=下一页")
        page.wait_for_url(province.list_url(model, col, here + 1), timeout=10_000)
        return
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
    assert province.list_url(model, col, here + 1) in hrefs
    assert here == 0 or province.list_url(model, col, 0) in hrefs


def test_hall_guides_are_drawn_from_the_json_api(browse):
    province, page = browse
    model = next(m for m in province.models if m.family == "zwfw")
    guide = next(g for g in model.guides if g.material_rows() is not None)
    url = f"http://{model.host}{model.skin.guide_path(model, guide)}"
    want = facts_of(province, url)
    page.goto(url, timeout=20_000)
    page.wait_for_selector(".tab-pane", timeout=10_000)
    text = page.eval_on_selector("#app", "e => e.textContent")
    for key, value in want["guide"].items():
        assert model.styles["labels"][key] in text
        if key == "办理材料" and model.styles["materials_table"]:
            assert all(m.name in text for m in guide.material_rows())
        else:
            assert value in text, key
    assert page.title().startswith(guide.item)
    page.goto(f"http://{model.host}{model.skin.guides_path(model)}", timeout=20_000)
    page.wait_for_selector(".sxlist li", timeout=10_000)
    rows = page.eval_on_selector_all(".sxlist a", "els => els.map(e => [e.textContent, e.href])")
    index = facts_of(province, f"http://{model.host}{model.skin.guides_path(model)}")
    assert rows == [[e["title"], e["url"]] for e in index["undated_entries"]]
