"""What a watch writes: ``warnings.jsonl`` (one warning a line, the current ones and those cleared
this run), ``warnings.html`` (autoescaped, strict CSP, no script) and ``warnings.xlsx``."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from openpyxl import Workbook

from govspider.report import write_jsonl
from govspider.report.html import safe_href
from govspider.report.xlsx import _sheet as sheet  # the report's sheet writer: headers, widths, clean cells
from govspider.watch.defaults import WARNINGS_FILE

_env = Environment(loader=PackageLoader("govspider.watch", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["safe_href"] = safe_href

HEADER = ("网站标识码", "网站名称", "市州", "规则", "规则名称", "程度", "变化", "情况", "当前值", "否决/扣分线")
WIDTHS = (14, 24, 10, 24, 22, 8, 8, 70, 10, 12)


def write_outputs(out: Path, warnings: list[dict], summary: dict) -> dict[str, Path]:
    paths = {"warnings.jsonl": out / WARNINGS_FILE, "warnings.html": out / "warnings.html",
             "warnings.xlsx": out / "warnings.xlsx"}
    write_jsonl(paths["warnings.jsonl"], warnings)
    paths["warnings.html"].write_text(_env.get_template("warnings.html").render(s=summary, warnings=warnings), encoding="utf-8")
    wb = Workbook()
    rows = lambda items: [(w["site_code"], w["site_name"], w["region"], w["rule_id"], w["rule_name"], w["level_name"],  # noqa: E731
                          w["change_name"], w["what"], w["value"], w["line"]) for w in items]
    sheet(wb.active, "当前预警", HEADER, rows(w for w in warnings if w["change"] != "cleared"), WIDTHS)
    sheet(wb.create_sheet(), "本次解除", HEADER, rows(w for w in warnings if w["change"] == "cleared"), WIDTHS)
    for ws in wb.worksheets:
        ws.freeze_panes = "A2"
    wb.properties.title = f"政府网站预警 {summary['as_of']}"
    wb.save(paths["warnings.xlsx"])
    return paths
