"""Reports of a campaign: findings.jsonl, sites.jsonl, report.html and report.xlsx (the notice's 附件).

``write_reports(out_dir, campaign, findings, verdicts, regions)`` writes all four and returns
their paths. Each file is written under a temporary name and renamed into place: a full disk or
a crash never leaves a truncated report where the previous complete one was.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from govspider.report.html import write_html
from govspider.report.xlsx import write_xlsx


def write_jsonl(path: Path, rows) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_reports(out_dir, campaign: dict, findings: list[dict], verdicts: list[dict], regions: list[dict],
                  trends: dict | None = None) -> dict:
    """Write the four report files under ``out_dir``; returns {name: path}. ``trends``
    (govspider.trends.build_trends) adds the 环比/同比 and history sections."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in ("findings.jsonl", "sites.jsonl", "report.html", "report.xlsx")}
    _atomic(paths["findings.jsonl"], lambda p: write_jsonl(p, findings))
    _atomic(paths["sites.jsonl"], lambda p: write_jsonl(p, verdicts))
    _atomic(paths["report.html"], lambda p: write_html(p, campaign, findings, verdicts, regions, trends))
    _atomic(paths["report.xlsx"], lambda p: write_xlsx(p, campaign, findings, verdicts, regions, trends))
    return paths


def _atomic(path: Path, write) -> None:
    """``write(tmp)`` then rename ``tmp`` over ``path`` (same directory: the rename is atomic)."""
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
