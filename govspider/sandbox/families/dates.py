"""How sandbox pages print a date: the styles real government CMSs use in lists and articles.

Every style prints the same calendar day; page_model always carries it as ISO ``YYYY-MM-DD``.
Month-day styles (``md``, ``md_bracket``) print no year: the families that use them put the full
date in the article URL (``t20261103_…``, ``/art/2026/11/3/…``, ``/2026-11/03/…``), as TRS and
Hanweb homepages do; ``yearhead`` prints the year once above the rows (classic families only).
"""

from __future__ import annotations

import datetime as dt

#: style -> example for 2026-11-03
DATE_STYLES = {
    "iso": "2026-11-03", "slash": "2026/11/3", "cn": "2026年11月3日", "cn0": "2026年11月03日",
    "dot": "2026.11.03", "bracket": "[2026-11-03]", "time": "2026-11-03 10:22",
    "md": "11-03", "md_bracket": "[11-03]", "yearhead": "11-03 under 2026年",
}
#: styles that print no year (the year is in the URL or a heading)
YEARLESS = frozenset({"md", "md_bracket", "yearhead"})


def clock(d: dt.date, salt: int = 0) -> str:
    """A plausible office-hours time for a date (stable: same date and salt, same time)."""
    n = d.toordinal() * 7 + salt
    return f"{8 + n % 10:02d}:{(n * 13) % 60:02d}"


def fmt_date(d: dt.date, style: str, salt: int = 0) -> str:
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "cn0":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    if style == "dot":
        return f"{d:%Y.%m.%d}"
    if style == "bracket":
        return f"[{d.isoformat()}]"
    if style == "time":
        return f"{d.isoformat()} {clock(d, salt)}"
    if style in ("md", "yearhead"):
        return f"{d:%m-%d}"
    if style == "md_bracket":
        return f"[{d:%m-%d}]"
    return d.isoformat()
