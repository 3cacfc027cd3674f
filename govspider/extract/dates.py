"""Date parsing for extraction: full dates in the forms Chinese government sites print, and MM-DD."""

from __future__ import annotations

import datetime as dt
import re

#: 2018-03-01, 2018/3/1, 2018.03.01, 2018年3月1日 (separators may carry spaces)
FULL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.－]|年)\s*(\d{1,2})\s*(?:[-/.－]|月)\s*(\d{1,2})(?!\d)"
)
#: a text chunk that is only a month-day: 03-21, [03-21], (3月21日), 03/21
SHORT_DATE_ONLY = re.compile(
    r"^[\[\(（【]?\s*(\d{1,2})\s*(?:[-/.－]|月)\s*(\d{1,2})\s*日?\s*[\]\)）】]?$"
)
#: a chunk that is only a full date (optionally bracketed, optionally with a time)
FULL_DATE_ONLY = re.compile(
    r"^[\[\(（【]?\s*((?:19|20)\d{2})\s*(?:[-/.－]|年)\s*(\d{1,2})\s*(?:[-/.－]|月)\s*(\d{1,2})\s*日?"
    r"(?:\s*\d{1,2}[:：时]\d{1,2}(?:[:：分]\d{1,2})?秒?)?\s*[\]\)）】]?$"
)
#: dates inside article URLs, as the CMSs print them: TRS t20180321_123.html, /20180321/, /2018-12/27/,
#: Hanweb /art/2018/3/21/art_1_2.html, VSB /2018/0321/c123a456/page.htm, /2018-03-21/, /201803/
URL_DAY = (
    re.compile(r"(?:[/_t]|^)((?:19|20)\d{2})[-/]?(0[1-9]|1[0-2])[-/]?([0-2]\d|3[01])(?=[_/.\-]|$)"),
    re.compile(r"/((?:19|20)\d{2})/(1[0-2]|0?[1-9])/([12]\d|3[01]|0?[1-9])/"),
    re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])([0-2]\d|3[01])/"),
)
URL_MONTH = re.compile(r"/((?:19|20)\d{2})-?(0[1-9]|1[0-2])/")
#: date-shaped strings in visible text (the ``date_hints`` fact): full dates (2018-03-21, 2018年3月21日),
#: month-days (03-21, 3月21日). Every branch starts with a digit not preceded by one (the lookbehinds
#: come after it), so the scan skips non-digits at C speed.
DATE_SHAPED = re.compile(
    r"\d(?<!\d\d)(?:"
    r"(?<=[12])\d{3}\s*(?:[-/.－]|年)\s*\d{1,2}\s*(?:[-/.－]|月)\s*\d{1,2}(?!\d)"
    r"|(?<![.\-/]\d)(?:(?<=0)[1-9]|(?<=1)[0-2])[-/.](?:0[1-9]|[12]\d|3[01])(?![\d\-/])"
    r"|(?:(?<=[1-9])|(?<=0)[1-9]|(?<=1)[0-2])月(?:[12]\d|3[01]|0?[1-9])日)"
)
YEAR_ONLY = re.compile(r"^\s*((?:19|20)\d{2})\s*年?\s*$")


def make_date(year, month, day) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except (ValueError, TypeError):
        return None


def first_full_date(text: str) -> dt.date | None:
    """The first valid full date in ``text``."""
    for m in FULL_DATE.finditer(text):
        d = make_date(*m.groups())
        if d:
            return d
    return None


def all_full_dates(text: str) -> list[dt.date]:
    out = []
    for m in FULL_DATE.finditer(text):
        d = make_date(*m.groups())
        if d:
            out.append(d)
    return out


def url_date(url: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) printed in an article URL, or None."""
    path = url.split("?", 1)[0]
    for pattern in URL_DAY:
        m = pattern.search(path)
        if m:
            y, mo, d = (int(x) for x in m.groups())
            if make_date(y, mo, d):
                return y, mo, d
    m = URL_MONTH.search(path)
    if m:
        return int(m.group(1)), int(m.group(2)), None
    return None


def date_hints(text: str) -> int:
    """How many date-shaped strings (full dates and month-days) the text holds."""
    return len(DATE_SHAPED.findall(text))


def latest_on_or_before(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The month-day in ``ref``'s year, or the year before when that would lie after ``ref``."""
    d = make_date(ref.year, month, day)
    if d is None or d > ref:
        d = make_date(ref.year - 1, month, day)
    return d


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
