"""report.xlsx: the notice's attachments — per-region table, sites with serious problems, all
findings — and the sheet 待人工复核, whose 复核结论 / 复核人 / 复核说明 columns an analyst fills in
and ``govspider review import`` reads back (govspider/review.py)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from govspider.findings import STATUS_LABELS, review_status
from govspider.report.screenshots import link_findings_screenshots, link_screenshots
from govspider.review import COLUMNS as REVIEW_HEADER, DECISION_LABELS, SHEET as REVIEW_SHEET

REGION_HEADER = ("序号", "市州", "网站总数", "抽查数", "合格数", "合格率")
SERIOUS_HEADER = ("序号", "市州", "网站名称", "网址", "网站标识码", "存在问题")
SITES_HEADER = ("网站标识码", "网站名称", "市州", "区县", "类型", "结论", "得分", "问题数", "单项否决", "扣分项", "待复核")
FINDINGS_HEADER = ("网站标识码", "网站名称", "市州", "规则", "规则名称", "性质", "扣分", "认定", "证据", "页面", "问题编号")
PARTIAL_NOTE = "注：本批次抓取未完成，为部分结果；依据“未见到”判定的问题均列为待人工复核。"
_ILLEGAL = {i: None for i in list(range(0, 9)) + [11, 12] + list(range(14, 32))}
_COLUMNS = "ABCDEFGHIJKLMN"


def _cell(value):
    """Scraped text without the control characters openpyxl rejects."""
    return value.translate(_ILLEGAL) if isinstance(value, str) else value


def _sheet(ws, title: str, header, rows, widths):
    ws.title = title
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":  # text from the sites file or a page ("=HYPERLINK(…)") is text, never a formula
                cell.data_type = "s"
    for column, width in zip(_COLUMNS, widths):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_xlsx(path, campaign: dict, findings: list[dict], verdicts: list[dict], regions: list[dict],
               trends: dict | None = None) -> Path:
    wb = Workbook()
    n = 0
    rows = []
    for r in regions:
        if r["region"] != "合计":
            n += 1
        rate = None if r["pass_rate"] is None else f"{r['pass_rate'] * 100:.1f}%"
        rows.append((n if r["region"] != "合计" else "", r["region"], r["sites"], r["sampled"], r["passed"], rate))
    if campaign.get("partial"):
        rows.append(("", PARTIAL_NOTE, None, None, None, None))
    _sheet(wb.active, "附件1 各市州抽查情况", REGION_HEADER, rows, (6, 14, 10, 10, 10, 10))
    serious = [v for v in verdicts if v.get("serious")]
    _sheet(wb.create_sheet(), "附件2 存在严重问题的网站", SERIOUS_HEADER,
           [(i, v["region"], v["name"], v["url"], v["site_code"], "；".join(v["vetoes"])) for i, v in enumerate(serious, 1)],
           (6, 12, 28, 32, 14, 60))
    link_screenshots(wb.worksheets[-1], serious, findings)
    _sheet(wb.create_sheet(), "各网站检查结果", SITES_HEADER,
           [(v["site_code"], v["name"], v["region"], v.get("county") or "", v["kind"], v["verdict"], v["score"],
             v["findings"], "；".join(v["vetoes"]), "；".join(f"{k} −{p:g}" for k, p in v["deductions"].items()),
             v.get("pending_review") or None)
            for v in verdicts],
           (14, 28, 12, 12, 12, 10, 8, 8, 40, 40, 8))
    _sheet(wb.create_sheet(), "问题明细", FINDINGS_HEADER,
           [(f["site_code"], f.get("site_name", ""), f.get("region", ""), f["rule_id"], f.get("rule_name", ""),
             f.get("severity", ""), f.get("points", 0), STATUS_LABELS[review_status(f)], f.get("evidence", ""),
             f.get("url", ""), f.get("finding_id", "")) for f in findings],
           (14, 24, 12, 26, 26, 8, 6, 10, 70, 50, 42))
    link_findings_screenshots(wb.worksheets[-1], findings)
    _review_sheet(wb.create_sheet(), campaign, findings)
    if trends:
        from govspider.trends.render import add_trend_sheets

        add_trend_sheets(wb, trends, _sheet)
    for ws in wb.worksheets:
        ws.freeze_panes = "A2"
    wb.properties.title = f"政府网站抽查情况 {campaign.get('id', '')}" + ("（部分结果）" if campaign.get("partial") else "")
    path = Path(path)
    wb.save(path)
    return path


def _review_sheet(ws, campaign: dict, findings: list[dict]) -> None:
    """Findings marked for review (and those already decided), with the columns to fill in."""
    items = [f for f in findings if f.get("review") or f.get("review_decision")]
    rows = []
    for f in sorted(items, key=lambda f: (review_status(f) != "pending", f["site_code"], f["rule_id"])):
        decision = f.get("review_decision") or {}
        rows.append((f.get("finding_id", ""), f.get("campaign") or campaign.get("id", ""), f["site_code"],
                     f.get("site_name", ""), f["rule_id"], f.get("rule_name", ""), f.get("review_reason") or "",
                     f.get("evidence", ""), f.get("url", ""), DECISION_LABELS.get(decision.get("decision"), ""),
                     decision.get("by", ""), decision.get("reason", "")))
    _sheet(ws, REVIEW_SHEET, REVIEW_HEADER, rows, (42, 12, 14, 24, 24, 24, 40, 60, 40, 16, 10, 30))
    fill = PatternFill("solid", fgColor="FFF6D6")
    for row in ws.iter_rows(min_row=2, min_col=10, max_col=12):
        for cell in row:
            cell.fill = fill
    if rows:
        choice = DataValidation(type="list", formula1='"' + ",".join(DECISION_LABELS.values()) + '"', allow_blank=True)
        choice.add(f"J2:J{len(rows) + 1}")
        ws.add_data_validation(choice)
