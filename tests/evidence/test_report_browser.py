"""report.html in Chromium: every screenshot loads under the report's strict CSP, and the outline in
each picture lies on the element concerned (checked against an independent render of the archived page)."""

from __future__ import annotations

import asyncio
import re

from PIL import Image, ImageChops, ImageStat

from govspider.archive import archive_dirs_for_store, open_record
from govspider.crawling.render import CHROMIUM
from govspider.extract.guide import SYNONYMS
from govspider.screenshots.defaults import RENDER

OUTLINE = tuple(int(RENDER["outline"][i:i + 2], 16) for i in (1, 3, 5))
VIEWPORT = RENDER["viewport"]


async def _report_images(path):
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = await browser.new_page()
        blocked = []
        page.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
        await page.goto(path.as_uri(), wait_until="load")
        images = await page.evaluate("""() => [...document.images].map(i => ({src: i.getAttribute('src'),
            href: i.closest('a') && i.closest('a').getAttribute('href'), ok: i.complete && i.naturalWidth > 0}))""")
        await browser.close()
        return images, blocked


async def _independent_boxes(record, selectors_js):
    """The element's document box and picture in a plain render of the archived page (no outline)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = await browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
        page = await context.new_page()
        body, ctype = record.body, record.content_type or "text/html"
        await page.route("**/*", lambda route: route.fulfill(status=200, body=body, headers={"content-type": ctype})
                         if route.request.is_navigation_request() else route.abort())
        await page.goto(record.url)
        rect = await page.evaluate(selectors_js)
        shot = await page.screenshot(full_page=True)
        await browser.close()
        return rect, shot


def _edge_share(image, box) -> float:
    """How much of the box's border has the outline colour."""
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    points = [(x + i, y + 1) for i in range(2, w - 2)] + [(x + 1, y + j) for j in range(2, h - 2)]
    points = [(px, py) for px, py in points if 0 <= px < image.width and 0 <= py < image.height]
    rgb = image.convert("RGB")
    return sum(1 for p in points if all(abs(a - b) < 40 for a, b in zip(rgb.getpixel(p), OUTLINE))) / max(1, len(points))


def _inside(image, box):
    inset = RENDER["outline_width"] + RENDER["outline_pad"]
    return image.convert("RGB").crop((box["x"] + inset, box["y"] + inset, box["x"] + box["width"] - inset,
                                      box["y"] + box["height"] - inset))


def test_report_images_load_under_a_strict_csp(evidence_run):
    html = (evidence_run.out / "report.html").read_text(encoding="utf-8")
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "img-src 'self'" in csp and "script-src" not in csp
    assert "<script" not in html
    images, blocked = asyncio.run(_report_images(evidence_run.out / "report.html"))
    shots = [f for f in evidence_run.findings if f.get("screenshot")]
    assert len(images) == len(shots) > 0
    assert all(image["ok"] for image in images), [i for i in images if not i["ok"]][:3]
    assert all((evidence_run.out / image["href"]).is_file() for image in images)
    assert not blocked


def test_outline_lies_on_the_blank_guide_row(evidence_run):
    finding = next(f for f in evidence_run.findings if f["rule_id"] == "guide.blank_field" and f.get("screenshot_box"))
    labels = [label for label, canon in SYNONYMS.items() if canon == finding["details"]["field"]]
    record = open_record(finding["archive"], archive_dirs_for_store(evidence_run.store_uri))
    # the row an inspector means: the label cell and its (empty) value, found here by the label text
    rect, full = asyncio.run(_independent_boxes(record, """(labels) => {
        const el = [...document.querySelectorAll('dt,th,td,span,label,li,div')]
          .find(e => labels.includes(e.textContent.replace(/[\\s:：*＊]/g, '')));
        const row = el.tagName === 'DT' ? [el, el.nextElementSibling] : [el.closest('tr,li') || el.parentElement];
        const rs = row.map(r => r.getBoundingClientRect());
        const left = Math.min(...rs.map(r => r.left)), top = Math.min(...rs.map(r => r.top));
        return {left, top, right: Math.max(...rs.map(r => r.right)), bottom: Math.max(...rs.map(r => r.bottom))};
    }""".replace("(labels) =>", f"() => {{ const labels = {labels!r}; return (() =>") + ")(); }"))
    _check_outline(evidence_run, finding, rect, full)


def test_outline_lies_on_the_broken_link(evidence_run):
    finding = next(f for f in evidence_run.findings if f["rule_id"] in ("link.broken", "attachment.broken")
                   and f.get("screenshot_box"))
    from govspider.storage import open_store

    with open_store(evidence_run.store_uri) as store:
        page = store.get_page(finding["campaign"], finding["url"])
    record = open_record(page["archive"], archive_dirs_for_store(evidence_run.store_uri))
    target = finding["details"]["target"]
    rect, full = asyncio.run(_independent_boxes(record, f"""() => {{
        const a = [...document.querySelectorAll('a[href]')].find(a => a.href === {target!r});
        const r = a.getBoundingClientRect();
        return {{left: r.left, top: r.top, right: r.right, bottom: r.bottom}};
    }}"""))
    _check_outline(evidence_run, finding, rect, full)


def _check_outline(evidence_run, finding, rect, full_png):
    import io

    picture = Image.open(evidence_run.out / finding["screenshot"])
    box = finding["screenshot_box"]
    assert _edge_share(picture, box) > 0.9  # the outline is drawn where the finding says
    ours = _inside(picture, box)
    # the same element cut out of the independent render: same size, same pixels
    expected = Image.open(io.BytesIO(full_png)).convert("RGB").crop(
        (round(rect["left"]), round(rect["top"]), round(rect["right"]), round(rect["bottom"])))
    assert abs(ours.width - expected.width) <= 2 and abs(ours.height - expected.height) <= 2, (ours.size, expected.size)
    width, height = min(ours.width, expected.width), min(ours.height, expected.height)
    diff = ImageChops.difference(ours.crop((0, 0, width, height)), expected.crop((0, 0, width, height)))
    assert sum(ImageStat.Stat(diff).mean) / 3 < 8, "the outlined pixels are not the element's"
