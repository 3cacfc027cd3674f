"""The JavaScript-filled column really fills in a browser (Debian Chromium via Playwright, through
the sandbox as HTTP proxy). Needs /usr/bin/chromium: fails, never skips, when it is missing."""

from __future__ import annotations

from playwright.sync_api import sync_playwright

from govspider.sandbox.server import SandboxServer

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def test_js_column_entries_appear_after_load(province):
    model, col = next((m, c) for m in province.models for c in m.columns if c.js)
    url = f"http://{model.host}/{col.slug}/index.html"
    want = province.page_model(model.host, f"/{col.slug}/index.html")["entries"]
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
