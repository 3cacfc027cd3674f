"""Screenshots of the archived pages with the problem outlined (问题截图), for the report.

:func:`capture_screenshots` picks the findings that need a picture (vetoes, deductions and
findings marked for review; all on request), renders each one's page from its WARC record in
headless Chromium (:mod:`.browser`; nothing is fetched again), outlines the element concerned
(:mod:`.targets`, ``mark.js``), adds a caption (site, URL, rule, as-of date, fetch time) and
writes ``OUT/screenshots/<id>.png`` plus a thumbnail. Each finding then carries ``screenshot``
(path relative to the report), ``screenshot_thumb`` and ``screenshot_box`` (the outline in the
image, px; null when the element could not be found — the caption then says so).

It runs wherever the store can be read (``govspider run``, ``govspider report`` on the full stack,
reading WARC files from GridFS): workers never render.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from pathlib import Path

from govspider.archive import ArchiveNotFound, archive_dirs_for_store, open_record
from govspider.archive.attach import _canonical
from govspider.screenshots import defaults
from govspider.screenshots.browser import Shot, take_screenshots
from govspider.screenshots.targets import target_for

logger = logging.getLogger(__name__)

CHOICES = ("serious", "all", "none")
BEIJING = dt.timezone(dt.timedelta(hours=8))


def wants_screenshot(finding: dict, which: str = defaults.SCREENSHOTS) -> bool:
    if which == "all":
        return True
    if which == "serious":
        return finding.get("severity") in ("veto", "deduct") or bool(finding.get("review"))
    return False


def fetch_time(warc_date: str | None) -> str:
    """WARC-Date (UTC) as Beijing time, the clock of the notice."""
    try:
        when = dt.datetime.fromisoformat(str(warc_date).replace("Z", "+00:00"))
    except ValueError:
        return str(warc_date or "")
    return when.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S（北京时间）")


def caption_lines(finding: dict, record) -> list[str]:
    site = f"{finding.get('site_name') or ''}（{finding['site_code']}）".strip()
    rule = f"{finding['rule_id']} {finding.get('rule_name') or ''}".strip()
    return [
        f"网站：{site}    网址：{record.url}",
        f"规则：{rule}    {(finding.get('evidence') or '')[:110]}",
        f"检查基准日：{finding.get('as_of') or ''}    抓取时间：{fetch_time(record.date)}    存档：{record.warc} @ {record.offset}",
    ]


def capture_screenshots(store, findings: list[dict], out_dir, *, store_uri: str | None = None,
                        which: str = defaults.SCREENSHOTS, concurrency: int = defaults.SCREENSHOT_CONCURRENCY,
                        warc_dirs=(), progress: bool = False) -> dict:
    """Screenshots for ``findings`` (set in place) under ``out_dir``/screenshots; returns figures."""
    if which not in CHOICES:
        raise ValueError(f"screenshots: expected one of {', '.join(CHOICES)} (got {which!r})")
    started = time.monotonic()
    out = Path(out_dir)
    dirs = [*map(Path, warc_dirs), *archive_dirs_for_store(store_uri)]
    shots: dict[tuple, Shot] = {}
    owners: dict[tuple, list[dict]] = {}
    unreachable = 0
    for finding in findings:
        if not wants_screenshot(finding, which):
            continue
        ref = _page_ref(store, finding)
        if not ref:
            continue
        target = target_for(finding)
        key = (ref["warc"], ref["offset"], json.dumps(target, sort_keys=True, ensure_ascii=False))
        if key not in shots:
            try:
                record = open_record(ref, dirs, store=store)
            except ArchiveNotFound as exc:
                unreachable += 1
                logger.warning("no screenshot for %s: %s", finding.get("finding_id"), exc)
                continue
            name = f"{finding.get('finding_id') or len(shots)}"[:20] + ".png"
            shots[key] = Shot(record=record, target=target, caption=caption_lines(finding, record),
                              path=out / "screenshots" / name,
                              not_found="（未能在页面上定位该要素，显示页面顶部）" if target["mode"] != "page" else "")
        owners.setdefault(key, []).append(finding)
    bar = _Progress(progress, len(shots))
    take_screenshots(list(shots.values()), concurrency=concurrency, progress=bar.advance)
    bar.close()
    taken = failed = located = 0
    for key, shot in shots.items():
        if shot.error or shot.result is None:
            failed += 1
            continue
        taken += 1
        thumb = make_thumbnail(shot.path)
        box = shot.result.get("box")
        located += bool(box)
        for finding in owners[key]:
            finding["screenshot"] = shot.path.relative_to(out).as_posix()
            finding["screenshot_thumb"] = thumb.relative_to(out).as_posix()
            finding["screenshot_box"] = box
    return {"screenshots": taken, "failed": failed, "located": located, "unreachable": unreachable,
            "findings": sum(len(v) for k, v in owners.items() if shots[k].result is not None),
            "seconds": round(time.monotonic() - started, 2)}


def report_screenshots(store, findings: list[dict], out_dir, *, store_uri: str | None = None,
                       which: str | None = None, progress: bool = False, echo=print) -> dict:
    """The report step (``govspider run`` / ``report``): :func:`capture_screenshots`, told on ``echo``."""
    which = which or defaults.SCREENSHOTS
    if which == "none":
        return {}
    echo("问题截图中 …")
    shots = capture_screenshots(store, findings, out_dir, store_uri=store_uri, which=which, progress=progress)
    echo(f"问题截图 {shots['screenshots']} 张（{shots['findings']} 个问题，定位要素 {shots['located']} 张，"
         f"失败 {shots['failed']}，存档不可达 {shots['unreachable']}），用时 {shots['seconds']} 秒")
    return shots


def make_thumbnail(path: Path, width: int = defaults.THUMB_WIDTH) -> Path:
    """A small copy of the screenshot for the report's table (Pillow)."""
    from PIL import Image

    thumb = path.parent / "thumbs" / path.name
    thumb.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(path) as image:
        image.thumbnail((width, width * 4))
        image.save(thumb, optimize=True)
    return thumb


def _page_ref(store, finding: dict) -> dict | None:
    """The record of the page the finding is seen on (a broken link: the page that links to it)."""
    url = _canonical(finding.get("url") or "")
    page = store.get_page(finding["campaign"], url) if url and finding.get("campaign") else None
    return (page or {}).get("archive") or finding.get("archive")


class _Progress:
    def __init__(self, enabled: bool, total: int):
        self._bar = None
        if enabled and total:
            from rich.console import Console
            from rich.progress import Progress

            self._bar = Progress(console=Console(stderr=True))
            self._bar.start()
            self._task = self._bar.add_task("问题截图", total=total)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
