"""Letters (信件/留言) of interaction pages: list rows and letter detail pages."""

from __future__ import annotations

import re

from .dates import first_full_date
from .document import Document, normalize_space, raw_text
from .labels import bare_label as clean_label

_TITLE_COL = re.compile(r"标题|主题|事项|留言内容|信件")
_ASKED_COL = re.compile(r"(留言|提问|来信|提交|写信|咨询|投诉|发布|受理)(时间|日期)|^时间$|^日期$")
_REPLIED_COL = re.compile(r"(回复|答复|办理|处理|办结|反馈)(时间|日期)")
_STATUS_COL = re.compile(r"状态|办理情况|处理情况")

DETAIL_TITLE = ("来信标题", "留言标题", "信件标题", "咨询标题", "投诉标题", "标题", "主题", "留言主题", "信件主题")
DETAIL_ASKED = ("来信时间", "留言时间", "提问时间", "写信时间", "咨询时间", "提交时间", "投诉时间", "来信日期", "留言日期")
DETAIL_REPLY = ("回复内容", "答复内容", "办理结果", "回复意见", "答复意见", "处理结果", "回复", "答复")
DETAIL_REPLIED = ("回复时间", "答复时间", "办理时间", "处理时间", "办结时间", "回复日期", "答复日期")
DETAIL_QUESTION = ("来信内容", "留言内容", "咨询内容", "信件内容", "投诉内容", "问题描述")


def _iso(text: str | None) -> str | None:
    d = first_full_date(text or "")
    return d.isoformat() if d else None


def _rows(container):
    for el in container.iter("tr", "li"):
        yield el


def letter_list(doc: Document) -> list[dict]:
    """Rows of letter tables/lists whose header names a title column and an asked-time column."""
    out = []
    for table in doc.root.iter("table", "ul", "ol", "div"):
        rows = [r for r in table if isinstance(r.tag, str)]
        if table.tag == "table":
            rows = [r for r in table.iter("tr")]
        if len(rows) < 2:
            continue
        header = rows[0]
        cells = [c for c in header if isinstance(c.tag, str)]
        if len(cells) < 3:
            continue
        labels = [clean_label(raw_text(c)) for c in cells]
        cols = _columns(labels)
        if cols is None:
            continue
        for row in rows[1:]:
            rc = [c for c in row if isinstance(c.tag, str)]
            if len(rc) != len(cells):
                continue
            letter = _letter_from_cells(doc, rc, cols)
            if letter:
                out.append(letter)
    return out


def _columns(labels):
    idx = {}
    for i, label in enumerate(labels):
        if len(label) > 10:
            return None
        if "title" not in idx and _TITLE_COL.search(label) and not _ASKED_COL.search(label):
            idx["title"] = i
        elif "replied" not in idx and _REPLIED_COL.search(label):
            idx["replied"] = i
        elif "asked" not in idx and _ASKED_COL.search(label):
            idx["asked"] = i
        elif "status" not in idx and _STATUS_COL.search(label):
            idx["status"] = i
    if "title" in idx and "asked" in idx and ("replied" in idx or "status" in idx):
        return idx
    return None


def _letter_from_cells(doc, cells, cols) -> dict | None:
    tcell = cells[cols["title"]]
    link = next((a for a in tcell.iter("a") if a.get("href")), None)
    title = " ".join((raw_text(tcell) or "").split())
    if link is not None:
        title = " ".join((raw_text(link) or "").split()) or (link.get("title") or "").strip() or title
    if not title:
        return None
    asked = _iso(raw_text(cells[cols["asked"]]))
    replied = _iso(raw_text(cells[cols["replied"]])) if "replied" in cols else None
    status = " ".join((raw_text(cells[cols["status"]]) or "").split()) if "status" in cols else None
    url = doc.absolute(link.get("href").strip()) if link is not None else None
    letter = {"title": title, "asked": asked, "replied": replied, "reply": None, "url": url}
    if status is not None:
        letter["status"] = status
    return letter


def letter_detail(doc: Document, pairs, headline: str | None) -> dict | None:
    """One letter from a detail page: its title, asked date, reply text and reply date."""
    found = {}
    for label, value, el in pairs:
        for key, names in (("title", DETAIL_TITLE), ("asked", DETAIL_ASKED), ("replied", DETAIL_REPLIED),
                           ("reply", DETAIL_REPLY), ("question", DETAIL_QUESTION)):
            if label in names and key not in found:
                found[key] = value
                break
    if "asked" not in found or not ("reply" in found or "replied" in found or "question" in found):
        return None
    title = found.get("title") or headline
    reply = found.get("reply")
    replied = _iso(found.get("replied"))
    if reply is not None:
        reply = normalize_space(reply)
        if not reply or reply in ("暂无", "暂无回复", "未回复", "待回复"):
            reply = None
    return {"title": title, "asked": _iso(found.get("asked")), "replied": replied, "reply": reply, "url": doc.url}
