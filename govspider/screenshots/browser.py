"""Render archived responses in headless Chromium and take the outlined, captioned screenshot.

Nothing is fetched again: every request of the page is intercepted (``page.route``); the main
document is answered with the archived response, everything else (images, CSS, scripts, frames,
a second navigation) is aborted, and Chromium's own resolver is pointed nowhere
(``--host-resolver-rules``), so not even a DNS lookup leaves the machine. Page scripts are off:
the archived document is shown as it was received (a rendered page was archived rendered).
Debian's /usr/bin/chromium is launched through Playwright (never ``playwright install``), at most
``concurrency`` pages at a time.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from importlib.resources import files
from pathlib import Path

from govspider.crawling.render import CHROMIUM, LAUNCH_ARGS
from govspider.screenshots import defaults

logger = logging.getLogger(__name__)

_MARK_JS = files("govspider.screenshots").joinpath("mark.js").read_text(encoding="utf-8")
#: response headers that no longer describe the archived body (warcio has decoded it)
_DROP = {"content-encoding", "transfer-encoding", "content-length", "set-cookie", "content-security-policy"}


@dataclasses.dataclass
class Shot:
    """One screenshot to take: the archived response, what to outline, the caption, the file."""

    record: object          # govspider.archive.ArchivedResponse
    target: dict
    caption: list[str]
    path: Path
    not_found: str = ""     # caption line when the element cannot be found on the page
    result: dict | None = None
    error: str | None = None


def launch_options() -> dict:
    args = [*LAUNCH_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND"]
    return {"headless": True, "executable_path": CHROMIUM, "args": args, "timeout": 30_000}


async def _take(context, shot: Shot, settings: dict) -> None:
    record = shot.record
    served = False

    async def route(route):
        nonlocal served
        request = route.request
        if not served and request.is_navigation_request() and request.frame.parent_frame is None:
            served = True
            headers = {k: v for k, v in record.headers if k.lower() not in _DROP}
            await route.fulfill(status=record.status or 200, headers=headers, body=record.body)
        else:
            await route.abort("blockedbyclient")

    page = await context.new_page()
    try:
        await page.route("**/*", route)
        await page.goto(record.url, wait_until="load", timeout=settings["timeout_ms"])
        found = await page.evaluate(_MARK_JS, {"phase": "locate", "target": shot.target})
        height = settings["viewport"]["height"]
        wanted = int(found.get("height") or 0) + settings["margin"] + settings["caption_room"]
        if found.get("found") and wanted > height:
            # a tall element (a long list): a taller picture, up to the limit, keeps it whole
            await page.set_viewport_size({"width": settings["viewport"]["width"], "height": min(wanted, settings["max_height"])})
        shot.result = await page.evaluate(_MARK_JS, {
            "phase": "mark", "caption": shot.caption, "outline": settings["outline"], "width": settings["outline_width"],
            "pad": settings["outline_pad"], "margin": settings["margin"], "notFound": shot.not_found})
        shot.path.parent.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(shot.path), type="png", timeout=settings["timeout_ms"])
    finally:
        await page.close()


async def _take_all(shots: list[Shot], settings: dict, progress=None) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**launch_options())
        try:
            context = await browser.new_context(viewport=settings["viewport"], java_script_enabled=False,
                                                device_scale_factor=1, locale="zh-CN", service_workers="block")
            gate = asyncio.Semaphore(settings["concurrency"])

            async def one(shot: Shot):
                async with gate:
                    try:
                        await _take(context, shot, settings)
                    except Exception as exc:  # noqa: BLE001 - one page that cannot render loses its picture only
                        shot.error = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
                        logger.warning("screenshot of %s failed: %s", shot.record.url, shot.error)
                    if progress is not None:
                        progress()

            await asyncio.gather(*(one(s) for s in shots))
            await context.close()
        finally:
            await browser.close()


def take_screenshots(shots: list[Shot], concurrency: int = defaults.SCREENSHOT_CONCURRENCY, progress=None) -> list[Shot]:
    """Take ``shots`` (in place: ``result`` or ``error``), ``concurrency`` pages at a time."""
    settings = {**defaults.RENDER, "concurrency": max(1, int(concurrency))}
    if shots:
        asyncio.run(_take_all(shots, settings, progress))
    return shots
