"""Screenshot links in report.xlsx: 附件2 links every problem of a listed site to its image,
问题明细 each finding (paths relative to the workbook, as report.html uses them)."""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from govspider.report.html import local_path

HEADER = "问题截图"
_LINK = Font(color="0563C1", underline="single")
_ORDER = {"veto": 0, "deduct": 1}


def _link(cell, path: str, label: str) -> None:
    cell.value = label
    cell.hyperlink = path
    cell.font = _LINK


def link_screenshots(ws, serious: list[dict], findings: list[dict]) -> None:
    """附件2: after the notice's columns, one linked cell per problem of the row's site that has a picture."""
    first = ws.max_column + 1
    ws.cell(row=1, column=first, value=HEADER).font = Font(bold=True)
    for row, verdict in enumerate(serious, 2):
        shots = sorted((f for f in findings if f["site_code"] == verdict["site_code"] and local_path(f.get("screenshot"))),
                       key=lambda f: (_ORDER.get(f.get("severity"), 2), f["rule_id"]))
        for column, finding in enumerate(shots, first):
            label = f"{finding.get('rule_name') or finding['rule_id']}：{(finding.get('evidence') or '')[:40]}"
            _link(ws.cell(row=row, column=column), finding["screenshot"], label)
            ws.column_dimensions[get_column_letter(column)].width = 30


def link_findings_screenshots(ws, findings: list[dict]) -> None:
    """问题明细: a 截图 column linking each finding's picture."""
    column = ws.max_column + 1
    ws.cell(row=1, column=column, value="截图").font = Font(bold=True)
    ws.column_dimensions[get_column_letter(column)].width = 28
    for row, finding in enumerate(findings, 2):
        path = local_path(finding.get("screenshot"))
        if path:
            _link(ws.cell(row=row, column=column), path, path)
