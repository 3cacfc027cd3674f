"""Letter (信件 / 留言) layouts of interaction sections, as real 政民互动 systems print them.

List layouts and what each prints besides title, link and 来信时间 (page_model mirrors it,
``LIST_PRINTS``): ``table`` (办理状态 + 答复时间), ``table_number`` (信件编号 + 办理状态),
``ul_status`` ("[已回复]" before the title), ``table_unit`` (受理单位 + 回复日期 + 状态).
Detail layouts: ``table`` (label rows, 信件编号 and a 办理状态 row when the site prints one),
``qa`` (question block, then a reply block with 回复单位 / 回复时间), ``spans`` (【信件标题】 rows).
An unanswered letter's detail page prints the site's placeholder ("（尚未回复）", "待回复",
"正在办理中", "处理中" or nothing) where the reply would be: page_model says ``reply: null``.
"""

from __future__ import annotations

from html import escape

#: list layout -> letter facts it prints beyond title/url/asked
LIST_PRINTS = {"table": {"status", "replied"}, "table_number": {"number", "status"},
               "ul_status": {"status"}, "table_unit": {"status", "replied"}}
#: detail layout -> letter facts it prints beyond title/asked/replied/reply ("status" only when
#: the site's style asks for the 办理状态 row)
DETAIL_PRINTS = {"table": {"number"}, "qa": {"number"}, "spans": set()}


def status_of(model, letter) -> str:
    answered, pending = model.styles["status_words"]
    return answered if letter.replied else pending


def list_html(layout: str, model, letters, href) -> str:
    if layout == "ul_status":
        return '<ul class="xj-list">' + "".join(
            f'<li><span class="zt">[{status_of(model, l)}]</span><a href="{href(l)}" title="{escape(l.title)}">{escape(l.title)}</a>'
            f'<span class="date">{l.asked.isoformat()}</span></li>' for l in letters) + "</ul>"
    if layout == "table_number":
        head, row = ("信件编号", "信件标题", "来信时间", "办理状态"), (
            lambda l: f'<td>{l.code}</td><td><a href="{href(l)}">{escape(l.title)}</a></td><td>{l.asked.isoformat()}</td>'
                      f'<td>{status_of(model, l)}</td>')
    elif layout == "table_unit":
        head, row = ("标题", "受理单位", "来信日期", "回复日期", "状态"), (
            lambda l: f'<td><a href="{href(l)}">{escape(l.title)}</a></td><td>{escape(l.unit)}</td><td>{l.asked.isoformat()}</td>'
                      f'<td>{l.replied.isoformat() if l.replied else ""}</td><td>{status_of(model, l)}</td>')
    else:
        head, row = ("信件标题", "来信时间", "办理状态", "答复时间"), (
            lambda l: f'<td><a href="{href(l)}">{escape(l.title)}</a></td><td>{l.asked.isoformat()}</td>'
                      f'<td>{status_of(model, l)}</td><td>{l.replied.isoformat() if l.replied else ""}</td>')
    heads = "".join(f"<th>{h}</th>" for h in head)
    return f'<table class="letters" width="100%"><tr>{heads}</tr>' + "".join(f"<tr>{row(l)}</tr>" for l in letters) + "</table>"


def detail_html(layout: str, model, letter, box_name: str, with_status: bool) -> str:
    reply = escape(letter.reply) if letter.replied else escape(letter.placeholder)
    if layout == "qa":
        meta = f"信件编号：{letter.code}&nbsp;&nbsp;来信时间：{letter.asked.isoformat()}"
        if with_status:
            meta += f"&nbsp;&nbsp;办理状态：{status_of(model, letter)}"
        answer = (f"<p>回复单位：{escape(letter.unit)}&nbsp;&nbsp;回复时间：{letter.replied.isoformat()}</p>"
                  if letter.replied else "")
        return (f'<div class="letter-q"><h2>{escape(letter.title)}</h2><p class="meta">{meta}</p>'
                f'<div class="q-title">留言内容：</div><div class="q-content">{escape(letter.question)}</div></div>'
                f'<div class="letter-a"><div class="a-title">回复内容：</div>{answer}<div class="a-content">{reply}</div></div>')
    rows = [("信件编号", letter.code)] if layout == "table" else []
    rows += [("信件标题", escape(letter.title)), ("来信时间", letter.asked.isoformat()),
             ("来信内容", escape(letter.question)), ("信件类别", escape(box_name))]
    if with_status:
        rows.append(("办理状态", status_of(model, letter)))
    if letter.replied:
        rows += [("答复单位", escape(letter.unit)), ("答复时间", letter.replied.isoformat()), ("答复内容", reply)]
    elif layout == "table" or letter.placeholder:
        rows.append(("答复内容", reply))
    if layout == "spans":
        return '<div class="letter">' + "".join(
            f'<div class="row"><span class="label">【{k}】</span><div class="val">{v}</div></div>' for k, v in rows) + "</div>"
    return '<table class="letter" border="1">' + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>"


def letter_facts(model, letter, url: str, detail: bool) -> dict:
    """The page_model letter: what this site's list row or detail page prints about it."""
    styles = model.styles
    if detail:
        prints = DETAIL_PRINTS[styles["letter_detail"]] | ({"status"} if styles["detail_status"] else set())
    else:
        prints = LIST_PRINTS[styles["letter_list"]]
    return {
        "title": letter.title,
        "asked": letter.asked.isoformat(),
        "replied": letter.replied.isoformat() if letter.replied and (detail or "replied" in prints) else None,
        "reply": letter.reply if detail and letter.replied else None,
        "url": url,
        "status": status_of(model, letter) if "status" in prints else None,
        "number": letter.code if "number" in prints else None,
    }
