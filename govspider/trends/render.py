"""The trends in the report: an HTML section (with inline SVG charts) and two XLSX sheets.

The report (govspider/report) calls :func:`trends_html` and :func:`add_trend_sheets` when it was
given trends; autoescaping templates keep scraped text inert, as in the rest of the report.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from govspider.trends import STATUS_NAMES, pp_text, rate_text
from govspider.trends.svg import region_bars, series_line

_env = Environment(loader=PackageLoader("govspider.trends", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["rate"] = rate_text
_env.filters["pp"] = lambda v: "—" if v is None else pp_text(v)

TREND_HEADER = ("市州", "抽查数", "合格数", "合格率", "上次合格率", "环比（百分点）", "上年同期合格率", "同比（百分点）")
HISTORY_HEADER = ("网站标识码", "网站名称", "市州", "问题", "状态", "首次发现", "整改", "再次出现")


def trends_html(trends: dict) -> Markup:
    """The report's 合格率变化 and 整改情况 sections."""
    labels = (f"本次 {trends['as_of'][:10]}",
              f"上次 {trends['previous']['as_of']}" if trends.get("previous") else "上次",
              f"上年同期 {trends['year_ago']['as_of']}" if trends.get("year_ago") else "上年同期")
    html = _env.get_template("trends.html").render(
        t=trends, bars=region_bars(trends["regions"], labels), line=series_line(trends["series"]),
        status_names=STATUS_NAMES)
    return Markup(html)


def add_trend_sheets(wb, trends: dict, sheet) -> None:
    """Sheets 合格率变化 and 问题整改历史; ``sheet(ws, title, header, rows, widths)`` is the
    report's own sheet writer (headers, widths, wrapping, clean cells)."""
    rows = [(r["region"], r["sampled"], r["passed"], rate_text(r["pass_rate"]), rate_text(r.get("prev_rate")),
             r.get("mom_pp"), rate_text(r.get("yoy_rate")), r.get("yoy_pp")) for r in trends["regions"]]
    sheet(wb.create_sheet(), "合格率变化（环比同比）", TREND_HEADER, rows, (14, 8, 8, 10, 12, 14, 14, 14))
    history = [(s["site_code"], s["name"], s["region"], f"{p['rule_name']}：{p['evidence']}", STATUS_NAMES[p["status"]],
                p["first_seen"], p["fixed"] or "", p["back_again"] or "")
               for s in trends["sites"] for p in s["problems"]]
    sheet(wb.create_sheet(), "问题整改历史", HISTORY_HEADER, history, (14, 24, 10, 60, 10, 12, 12, 12))
