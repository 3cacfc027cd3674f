"""办事指南 layouts real government sites print, drawn with each site's own label words.

Every layout prints every element of the guide verbatim (a blank element prints nothing where its
value would be); ``GUIDE_LAYOUTS`` names them. 办理材料 may be drawn as a 材料 table (序号 /
材料名称 / 原件 / 复印件 / 份数) when the guide's value is the text such a table reads as
(``model.materials_text``); page_model keeps that text.

- ``label_table``: one row per element, label cell then value cell (TRS 政府门户 事项页);
- ``label_table_4col``: two label/value pairs per row, long values across the row (政务服务网 基本信息);
- ``rowspan``: a group cell spanning its rows (基本信息 / 申请信息 / 办理信息 / 时限 / 咨询);
- ``numbered_headings``: "一、设定依据" as a heading, the value in the next block;
- ``numbered_inline``: "1.设定依据：…" inside one paragraph;
- ``bracket_headings``: "（一）设定依据" as a heading, the value in the next block;
- ``lenticular``: "【设定依据】…" inside one paragraph;
- ``dl``: ``<dt>`` label, ``<dd>`` value;
- ``tabs``: 基本信息 / 申请材料 / 办理流程 / 收费标准 tabs, one section shown at a time (all in the DOM).
"""

from __future__ import annotations

from html import escape

from govspider.facts import GUIDE_FIELDS

#: label words real 办事指南 print for each canonical element (the first is the canonical name)
LABELS = {
    "事项名称": ("事项名称",),
    "设定依据": ("设定依据", "法律依据", "实施依据"),
    "申请条件": ("申请条件", "受理条件", "办理条件"),
    "办理材料": ("办理材料", "申请材料", "申报材料", "所需材料"),
    "办理地点": ("办理地点", "受理地点", "办理地址"),
    "办理机构": ("办理机构", "实施机构", "受理机构", "实施主体"),
    "收费标准": ("收费标准", "收费依据及标准"),
    "办理时间": ("办理时间", "受理时间", "办公时间"),
    "联系电话": ("联系电话", "咨询电话", "咨询方式"),
    "办理流程": ("办理流程", "办理程序"),
    "承诺时限": ("承诺时限", "承诺办结时限", "办理时限"),
    "法定时限": ("法定时限", "法定办结时限"),
}
GROUPS = (("基本信息", ("事项名称", "设定依据", "办理机构")), ("申请信息", ("申请条件", "办理材料")),
          ("办理信息", ("办理地点", "办理时间", "办理流程", "收费标准")), ("办理时限", ("承诺时限", "法定时限")),
          ("咨询方式", ("联系电话",)))
TABS = (("jbxx", "基本信息", ("事项名称", "设定依据", "申请条件", "办理机构", "办理地点", "办理时间", "联系电话",
                             "承诺时限", "法定时限")),
        ("sqcl", "申请材料", ("办理材料",)), ("blcx", "办理流程", ("办理流程",)), ("sfbz", "收费标准", ("收费标准",)))
CN_NUMBERS = "一二三四五六七八九十"
MATERIAL_HEAD = ("序号", "材料名称", "原件", "复印件", "份数")
LONG = frozenset({"设定依据", "申请条件", "办理材料", "办理流程", "办理地点"})


def draw_labels(rng, variety: float) -> dict:
    """The site's label word for each element (canonical with probability 1 - variety)."""
    return {f: (rng.choice(words[1:]) if len(words) > 1 and rng.random() < variety else words[0])
            for f, words in LABELS.items()}


def materials_table(rows) -> str:
    head = "".join(f"<th>{h}</th>" for h in MATERIAL_HEAD)
    body = "".join(f"<tr><td>{n}</td><td>{escape(m.name)}</td><td>{'√' if m.original else ''}</td>"
                   f"<td>{'√' if m.copy else ''}</td><td>{m.count}</td></tr>" for n, m in enumerate(rows or (), 1))
    return f'<table class="clqd" border="1"><tr>{head}</tr>{body}</table>'


def _cell(guide, field: str, with_table: bool) -> str:
    """An element's value as drawn: a 材料 table (header only when blank) or the text."""
    if field == "办理材料" and with_table and (guide.material_rows() is not None or guide.fields[field] == ""):
        return materials_table(guide.material_rows())
    return escape(guide.fields[field])


def _value(guide, field: str, with_table: bool) -> str:
    """The block after a heading: a 材料 table or a paragraph (empty when the element is blank)."""
    cell = _cell(guide, field, with_table)
    return cell if cell.startswith("<table") else f"<p>{cell}</p>"


def label_table(guide, labels, with_table):
    return '<table class="bszn" border="1">' + "".join(
        f'<tr><th class="label">{labels[f]}</th><td>{_cell(guide, f, with_table)}</td></tr>' for f in GUIDE_FIELDS) + "</table>"


def label_table_4col(guide, labels, with_table):
    rows, pending = [], []
    for f in GUIDE_FIELDS:
        if f in LONG:
            rows.append(f'<tr><th>{labels[f]}</th><td colspan="3">{_cell(guide, f, with_table)}</td></tr>')
        else:
            pending.append(f"<th>{labels[f]}</th><td>{_cell(guide, f, with_table)}</td>")
            if len(pending) == 2:
                rows.append("<tr>" + "".join(pending) + "</tr>")
                pending = []
    if pending:
        rows.append("<tr>" + pending[0] + "<th></th><td></td></tr>")
    return '<table class="info-table" border="1">' + "".join(rows) + "</table>"


def rowspan(guide, labels, with_table):
    rows = []
    for group, fields in GROUPS:
        for n, f in enumerate(fields):
            head = f'<td rowspan="{len(fields)}" class="group">{group}</td>' if n == 0 else ""
            rows.append(f"<tr>{head}<td class=\"label\">{labels[f]}</td><td>{_cell(guide, f, with_table)}</td></tr>")
    return '<table class="bszn-table" border="1">' + "".join(rows) + "</table>"


def _cn(n: int) -> str:
    """Chinese ordinal of a 0-based position: 一 … 十, 十一, 十二."""
    return CN_NUMBERS[n] if n < 10 else "十" + CN_NUMBERS[n - 10]


def numbered_headings(guide, labels, with_table):
    return '<div class="bszn">' + "".join(
        f"<h4>{_cn(n)}、{labels[f]}</h4>{_value(guide, f, with_table)}" for n, f in enumerate(GUIDE_FIELDS)) + "</div>"


def bracket_headings(guide, labels, with_table):
    return '<div class="zn-content">' + "".join(
        f'<p class="title"><strong>（{_cn(n)}）{labels[f]}</strong></p>{_value(guide, f, with_table)}'
        for n, f in enumerate(GUIDE_FIELDS)) + "</div>"


def numbered_inline(guide, labels, with_table):
    return '<div class="TRS_Editor">' + "".join(
        f"<p>{n}.{labels[f]}：{escape(guide.fields[f])}</p>" for n, f in enumerate(GUIDE_FIELDS, 1)) + "</div>"


def lenticular(guide, labels, with_table):
    return '<div class="article-content">' + "".join(
        f"<p><b>【{labels[f]}】</b>{escape(guide.fields[f])}</p>" for f in GUIDE_FIELDS) + "</div>"


def dl(guide, labels, with_table):
    return '<dl class="guide">' + "".join(
        f"<dt>{labels[f]}</dt><dd>{_cell(guide, f, with_table)}</dd>" for f in GUIDE_FIELDS) + "</dl>"


def tabs(guide, labels, with_table):
    heads, panes = [], []
    for n, (key, name, fields) in enumerate(TABS):
        heads.append(f'<li class="on" data-tab="{key}">{name}</li>' if n == 0 else f'<li data-tab="{key}">{name}</li>')
        hidden = "" if n == 0 else ' style="display:none"'
        panes.append(f'<div class="tab-pane" id="{key}"{hidden}><table class="bszn" border="1">' + "".join(
            f"<tr><th>{labels[f]}</th><td>{_cell(guide, f, with_table)}</td></tr>" for f in fields) + "</table></div>")
    script = ('<script>(function(){var tabs=document.querySelectorAll(".tab-nav li");for(var i=0;i<tabs.length;i++){'
              'tabs[i].onclick=function(){var k=this.getAttribute("data-tab");for(var j=0;j<tabs.length;j++){'
              'var on=tabs[j]===this;tabs[j].className=on?"on":"";document.getElementById(tabs[j].getAttribute("data-tab"))'
              '.style.display=on?"block":"none";}};}})();</script>')
    return f'<div class="bszn-tabs"><ul class="tab-nav">{"".join(heads)}</ul>{"".join(panes)}</div>{script}'


GUIDE_LAYOUTS = {"label_table": label_table, "label_table_4col": label_table_4col, "rowspan": rowspan,
                 "numbered_headings": numbered_headings, "numbered_inline": numbered_inline,
                 "bracket_headings": bracket_headings, "lenticular": lenticular, "dl": dl, "tabs": tabs}
#: layouts whose value blocks can hold a 材料 table
TABLE_CAPABLE = frozenset({"label_table", "label_table_4col", "rowspan", "numbered_headings", "bracket_headings", "dl", "tabs"})


def guide_html(layout: str, guide, labels: dict, materials_as_table: bool) -> str:
    return GUIDE_LAYOUTS[layout](guide, labels, materials_as_table and layout in TABLE_CAPABLE)
