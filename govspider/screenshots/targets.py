"""What to outline on the page for each rule (the element concerned), as hints for mark.js.

The hints come from what a finding already names (a date, a guide field, a letter, a link) and
from extraction's own knowledge of real sites (guide-field synonyms, footer markers), never from
how the sandbox prints a page. Rules about the whole page or the whole site outline nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from govspider.extract.footer import FOOTER_HINT, _FOOTER_CLASS
from govspider.extract.guide import SYNONYMS

#: the words that mark a footer when its container carries no footer class
FOOTER_WORDS = ["版权所有", "主办单位", "网站标识码", "网站识别码", "ICP备", "公网安备"]
_ARROW = re.compile(r"→\s*(\S+)")


def date_forms(iso: str) -> list[str]:
    """How a date is printed on government pages: 2018-03-19, 2018/03/19, 2018.03.19, 2018年3月19日 …"""
    try:
        day = dt.date.fromisoformat(str(iso)[:10])
    except ValueError:
        return []
    y, m, d = day.year, day.month, day.day
    return [f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}", f"{y}.{m:02d}.{d:02d}", f"{y}年{m:02d}月{d:02d}日",
            f"{y}年{m}月{d}日", f"{y}-{m}-{d}", f"{y}/{m}/{d}", f"{y}{m:02d}{d:02d}"]


def field_labels(field: str) -> list[str]:
    """Every label real guides print for a canonical 办事指南 field (申请材料, 提交材料 … for 办理材料)."""
    return sorted({field, *(label for label, canon in SYNONYMS.items() if canon == field)}, key=len, reverse=True)


def target_for(finding: dict) -> dict:
    """The mark.js target of ``finding``: ``{"mode": …, hints}``; mode "page" outlines nothing."""
    rule = finding["rule_id"]
    details = finding.get("details") or {}
    if rule in ("column.stale", "home.stale") and details.get("newest_date"):
        return {"mode": "date", "dates": date_forms(details["newest_date"]), "column": details.get("column") or ""}
    if rule in ("column.blank", "column.stale") and details.get("column"):
        return {"mode": "column", "column": details["column"]}
    if rule == "guide.blank_field" and details.get("field"):
        return {"mode": "field", "fields": [field_labels(details["field"])]}
    if rule == "guide.divergence" and details.get("fields"):
        return {"mode": "field", "fields": [field_labels(f) for f in details["fields"]]}
    if rule == "interaction.boilerplate_reply" and details.get("letter"):
        return {"mode": "reply", "title": details["letter"], "reply": (details.get("reply") or "")[:24]}
    if rule in ("interaction.unanswered", "interaction.overdue_reply") and details.get("letter"):
        return {"mode": "letter", "title": details["letter"]}
    if rule == "footer.missing" or rule == "footer.bad_site_code":
        return {"mode": "footer", "footerClass": _FOOTER_CLASS.pattern, "footerHint": FOOTER_HINT.pattern,
                "footerWords": FOOTER_WORDS}
    if rule in ("link.broken", "attachment.broken") and details.get("target"):
        return {"mode": "link", "href": details["target"]}
    if rule == "content.defacement":
        where = " ".join(details.get("where") or [])
        href = _ARROW.search(where)
        return {"mode": "link", "href": href.group(1) if href else "", "reveal": True,
                "text": (details.get("terms") or [""])[0]}
    if rule == "content.serious_error" and details.get("term"):
        return {"mode": "term", "term": details["term"]}
    return {"mode": "page"}
