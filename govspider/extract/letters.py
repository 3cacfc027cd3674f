"""Letters (信件/留言) of interaction pages: list rows, detail pages and question/answer blocks.

A letter is ``{"title", "asked", "replied", "reply", "url", "status", "number"}`` (``status`` and
``number`` null when the page prints none; ``status`` "" when it prints an empty one). A reply cell that only says the letter is pending
(（尚未回复）, 待回复, 正在办理中 …) is no reply: ``reply`` is null (a status the page prints stays). What a printed status means is
:func:`govspider.extract.letter_status.status_state`.
"""

from __future__ import annotations

import re

from .dates import first_full_date
from .entries import anchor_title, text_without
from .document import Document, normalize_space, raw_text
from .tables import cell_label
from .letter_status import is_placeholder, status_state

_TITLE_COL = re.compile(r"标题|主题|事项|留言内容|信件")
_ASKED_COL = re.compile(r"(留言|提问|来信|提交|写信|咨询|投诉|发布|受理)(时间|日期)|^时间$|^日期$")
_REPLIED_COL = re.compile(r"(回复|答复|办理|处理|办结|反馈)(时间|日期)")
_STATUS_COL = re.compile(r"状态|办理情况|处理情况|回复情况|答复情况|办结情况|是否(?:回复|答复|办结)")
_NUMBER_COL = re.compile(r"^(?:信件|留言|来信|受理|咨询|投诉)?(?:编号|编码)$|^查询码$|^件号$")
_REPLY_COL = re.compile(r"^(?:回复|答复)(?:内容|意见)?$")

DETAIL_TITLE = ("来信标题", "留言标题", "信件标题", "咨询标题", "投诉标题", "标题", "主题", "留言主题", "信件主题")
DETAIL_ASKED = ("来信时间", "留言时间", "提问时间", "写信时间", "咨询时间", "提交时间", "投诉时间", "来信日期", "留言日期")
DETAIL_REPLY = ("回复内容", "答复内容", "办理结果", "回复意见", "答复意见", "处理结果", "回复", "答复")
DETAIL_REPLIED = ("回复时间", "答复时间", "办理时间", "处理时间", "办结时间", "回复日期", "答复日期")
DETAIL_QUESTION = ("来信内容", "留言内容", "咨询内容", "信件内容", "投诉内容", "问题描述")
DETAIL_STATUS = ("办理状态", "处理状态", "信件状态", "留言状态", "回复状态", "答复状态", "状态", "办理情况", "处理情况")
DETAIL_NUMBER = ("信件编号", "留言编号", "来信编号", "受理编号", "咨询编号", "投诉编号", "编号", "查询码")
#: who answered: read (so the line is understood) but not part of a letter's facts
DETAIL_UNIT = ("回复单位", "答复单位", "办理单位", "处理单位", "回复部门", "答复部门", "答复机关")
#: detail labels by the letter key they fill
_DETAIL_KEYS = (("title", DETAIL_TITLE), ("asked", DETAIL_ASKED), ("replied", DETAIL_REPLIED), ("reply", DETAIL_REPLY),
                ("question", DETAIL_QUESTION), ("status", DETAIL_STATUS), ("number", DETAIL_NUMBER), ("unit", DETAIL_UNIT))
DETAIL_LABELS = frozenset(label for _key, labels in _DETAIL_KEYS for label in labels)
#: labels of a letter's metadata line between a heading and its text ("回复单位：X 回复时间：Y")
META_LABELS = frozenset(DETAIL_UNIT + DETAIL_NUMBER + DETAIL_STATUS + DETAIL_REPLIED + DETAIL_ASKED) - {"办理时间"}
_KEY_OF_LABEL = {label: key for key, labels in _DETAIL_KEYS for label in labels}


def _iso(text: str | None) -> str | None:
    d = first_full_date(text or "")
    return d.isoformat() if d else None


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def letter_list(doc: Document) -> list[dict]:
    """Rows of letter tables/lists whose header names a title column and an asked-time column
    (plus a reply-time, status or reply column)."""
    out = []
    for table in doc.root.iter("table", "ul", "ol", "div"):
        rows = [r for r in table if isinstance(r.tag, str)]
        if table.tag == "table":
            rows = table.xpath("./tr|./thead/tr|./tbody/tr")
        if len(rows) < 2:
            continue
        header = rows[0]
        cells = [c for c in header if isinstance(c.tag, str)]
        if len(cells) < 3:
            continue
        cols = _columns([cell_label(c) for c in cells])
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
        if "number" not in idx and _NUMBER_COL.search(label):
            idx["number"] = i
        elif "title" not in idx and _TITLE_COL.search(label) and not _ASKED_COL.search(label):
            idx["title"] = i
        elif "replied" not in idx and _REPLIED_COL.search(label):
            idx["replied"] = i
        elif "asked" not in idx and _ASKED_COL.search(label):
            idx["asked"] = i
        elif "status" not in idx and _STATUS_COL.search(label):
            idx["status"] = i
        elif "reply" not in idx and _REPLY_COL.match(label):
            idx["reply"] = i
    if "title" in idx and "asked" in idx and ("replied" in idx or "status" in idx or "reply" in idx):
        return idx
    return None


def _letter_from_cells(doc, cells, cols) -> dict | None:
    tcell = cells[cols["title"]]
    link = next((a for a in tcell.iter("a") if a.get("href")), None)
    title = _one_line(raw_text(tcell))
    if link is not None:
        title = _one_line(raw_text(link)) or (link.get("title") or "").strip() or title
    if not title:
        return None
    letter = {"title": title, "asked": _iso(raw_text(cells[cols["asked"]])),
              "replied": _iso(raw_text(cells[cols["replied"]])) if "replied" in cols else None,
              "reply": None, "url": doc.absolute(link.get("href").strip()) if link is not None else None,
              "status": _one_line(raw_text(cells[cols["status"]])) if "status" in cols else None,
              "number": _one_line(raw_text(cells[cols["number"]])) or None if "number" in cols else None}
    if "reply" in cols:
        _set_reply(letter, normalize_space(raw_text(cells[cols["reply"]])))
    return letter


def _set_reply(letter: dict, text: str | None) -> None:
    """A reply text; a placeholder such as （尚未回复） is no reply (the printed status, if any, stays)."""
    text = normalize_space(text or "")
    if text and not is_placeholder(text):
        letter["reply"] = text


def letter_details(doc: Document, pairs, headline: str | None, order) -> list[dict]:
    """Letters printed with labels (信件标题 / 来信时间 / 来信内容 / 答复时间 / 答复内容 …): one on a
    detail page (``url`` = the page), several on a page of question/answer blocks (a label seen
    again starts the next letter; ``url`` = a link of that block, if any)."""
    found = []
    for label, value, el in pairs:
        key = _KEY_OF_LABEL.get(label)
        if key:
            found.append((order(el), key, value, el))
    found.sort(key=lambda f: f[0])
    groups: list[dict] = []
    current: dict = {}
    for _pos, key, value, el in found:
        if key in current:
            if current[key][0] == value:
                continue  # the same field read twice (a dl and its heading)
            groups.append(current)
            current = {}
        current[key] = (value, el)
    if current:
        groups.append(current)
    letters = []
    for group in groups:
        if "asked" not in group or not ({"reply", "replied", "question", "status"} & group.keys()):
            continue
        letters.append(group)
    out = []
    for group in letters:
        letter = {"title": (group["title"][0] if "title" in group else None) or (headline if len(letters) == 1 else None),
                  "asked": _iso(group["asked"][0]), "replied": _iso(group["replied"][0]) if "replied" in group else None,
                  "reply": None, "url": doc.url if len(letters) == 1 else _block_link(doc, group),
                  "status": _one_line(group["status"][0]) if "status" in group else None,
                  "number": _one_line(group["number"][0]) or None if "number" in group else None}
        if "reply" in group:
            _set_reply(letter, group["reply"][0])
        out.append(letter)
    return out


def _block_link(doc: Document, group: dict) -> str | None:
    """The link of a question/answer block on a page of several letters (its title's link)."""
    el = group.get("title", (None, None))[1]
    if el is None:
        return None
    link = next((a for a in el.iter("a") if a.get("href")), None)
    return doc.absolute(link.get("href").strip()) if link is not None else None


_STATUS_BRACKETS = "[]【】()（）〔〕 "
#: a row can hold a printed state only if it has one of these words (cheap test before the careful one)
_STATUS_HINT = re.compile(r"[已待未]|中|正在|办结|不予")
#: how many words a status piece has at most ("[正在办理]", "已答复")
_MAX_STATUS = 8


def status_rows(doc: Document) -> list[dict]:
    """Letters of a list without a header row: ``<li>[处理中] <a>标题</a> 2026-11-14</li>`` — each row a
    link, a printed status and a date (asked). Blocks of ≥ 2 such rows only."""
    blocks: dict = {}
    for row in doc.root.iter("li", "tr"):
        if not _STATUS_HINT.search(raw_text(row)):
            continue
        links = [a for a in row.iter("a") if a.get("href")]
        if not links or len(links) > 2:
            continue
        status = asked = None
        for piece in text_without(row, links[0]).split("\n"):
            piece = piece.strip()
            compact = piece.strip(_STATUS_BRACKETS)
            if status is None and 1 < len(compact) <= _MAX_STATUS and status_state(compact) is not None:
                status = compact
            elif asked is None and len(piece) <= 30:
                asked = _iso(piece)
        if status is None or asked is None:
            continue
        title = anchor_title(links[0])
        if len(title) < 2:
            continue
        blocks.setdefault(row.getparent(), []).append(
            {"title": title, "asked": asked, "replied": None, "reply": None,
             "url": doc.absolute(links[0].get("href").strip()), "status": status, "number": None})
    return [letter for rows in blocks.values() if len(rows) >= 2 for letter in rows]
