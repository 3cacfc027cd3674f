"""Tables as a person reads them: a grid with rowspan/colspan expanded, label/value rows, header rows.

Government CMSs print 办事指南 in tables of three shapes, all read here:

- vertical: one label cell then its value (``<th>设定依据</th><td>…</td>``), several pairs a row,
  group labels spanning rows (``<td rowspan=2>办理时限</td><td>法定时限</td><td>20个工作日</td>``)
  and labels whose value runs over several rows (``<td rowspan=3>办理材料</td><td>1.…</td>``);
- horizontal: a header row of labels over one row of values;
- 办理材料 as a table of its own (材料名称 / 原件 / 复印件 / 份数 …), read as one string by
  :func:`materials_text`.
"""

from __future__ import annotations

import re

from .document import normalize_space, raw_text, text_lines
from .labels import bare_label

MAX_LABEL = 14
#: a materials table names its material column …
_MATERIAL_NAME = re.compile(r"^(?:材料|申请材料|申报材料|提交材料|所需材料|要件)?名称$|^(?:申请)?材料$")
#: … and at least one of these columns
_MATERIAL_COLUMN = re.compile(r"原件|复印件|份数|数量|材料形式|材料类型|纸质|电子|必要性|是否必[需须要]|必要|要求|备注|来源|规格|说明|提供")
_ORDINAL_COLUMN = re.compile(r"^(?:序号|编号|No\.?)$", re.I)


def cell_text(el) -> str:
    """Text of a cell or block, one line per block; a materials table inside is read as one string."""
    if el.tag == "table" or el.find(".//table") is not None:
        return region_text(el)
    return normalize_space(text_lines(el))


def region_text(el) -> str:
    """Text of an element holding tables: materials tables become their one-string form."""
    tables = [t for t in el.iter("table") if _is_materials(t)]
    if not tables:
        return normalize_space(text_lines(el))
    parts: list[str] = []
    _collect(el, set(tables), parts, top=el)
    return normalize_space("".join(parts))


def _collect(el, materials, parts, top) -> None:
    if el in materials:
        parts.append("\n" + materials_text(el) + "\n")
    else:
        if el.text:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                _collect(child, materials, parts, top)
            elif child.tail:
                parts.append(child.tail)
    if el is not top and el.tail:
        parts.append(el.tail)


_SECTIONS = frozenset(("thead", "tbody", "tfoot"))
_CELLS = frozenset(("td", "th"))


def rows_of(table) -> list:
    """The table's own rows (not those of tables nested in its cells)."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _SECTIONS:
            rows.extend(tr for tr in child if tr.tag == "tr")
    return rows


def cell_label(cell) -> str:
    """The bare label a cell prints, "" for a cell too big to be a label (a layout cell holding a page)."""
    if len(cell) > 4:
        return ""
    return bare_label(raw_text(cell))


def grid(table) -> list[list]:
    """Rows of cell elements with rowspan and colspan expanded (a spanning cell repeats)."""
    out: list[list] = []
    carry: dict[int, list] = {}  # column -> [cell, rows still covered]
    rows = [[c for c in tr if c.tag in _CELLS] for tr in rows_of(table)]
    if not any(c.get("rowspan") or c.get("colspan") for cells in rows for c in cells):
        return rows  # nothing spans: the rows as printed
    for cells in rows:
        row: list = []
        col = 0
        for cell in cells:
            while col in carry:
                row.append(carry[col][0])
                _use(carry, col)
                col += 1
            span = _span(cell.get("colspan"))
            down = _span(cell.get("rowspan"))
            for _ in range(span):
                row.append(cell)
                if down > 1:
                    carry[col] = [cell, down - 1]
                col += 1
        while col in carry:
            row.append(carry[col][0])
            _use(carry, col)
            col += 1
        out.append(row)
    return out


def _use(carry, col) -> None:
    carry[col][1] -= 1
    if carry[col][1] <= 0:
        del carry[col]


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 50))
    except (TypeError, ValueError):
        return 1


def _distinct(row: list) -> list:
    """A grid row with colspan repeats collapsed (the same cell twice in a row is one cell)."""
    out = []
    for cell in row:
        if not out or out[-1] is not cell:
            out.append(cell)
    return out


def table_pairs(table, known: frozenset[str]) -> list[tuple[str, str, object]]:
    """(label, value, value element) pairs of one table: horizontal header tables and vertical rows."""
    rows = [_distinct(r) for r in grid(table)]
    rows = [r for r in rows if r]
    if not rows:
        return []
    horizontal = _horizontal(rows, known)
    if horizontal is not None:
        return horizontal
    pairs: list[tuple[str, str, object]] = []
    last_label_cell = None
    for row in rows:
        labels = {}

        def label_of(i):
            if i not in labels:
                labels[i] = cell_label(row[i])
            return labels[i]

        i = 0
        while i + 1 < len(row):
            label = label_of(i)
            if not (1 < len(label) <= MAX_LABEL) or _looks_value(label):
                break
            if label_of(i + 1) in known:
                i += 1  # a group label (办理时限 over 法定时限 / 承诺时限): the next cell names the value
                continue
            value_cell = row[i + 1]
            if pairs and row[i] is last_label_cell and pairs[-1][2] is not value_cell:
                # a label spanning rows (办理材料 over one material a row): its value goes on here
                prev = pairs[-1]
                pairs[-1] = (label, prev[1] + "\n" + cell_text(value_cell), prev[2])
            elif not (pairs and pairs[-1][2] is value_cell):
                pairs.append((label, cell_text(value_cell), value_cell))
            last_label_cell = row[i]
            i += 2
    return pairs


def _horizontal(rows, known) -> list | None:
    """A header row of ≥ 2 known labels (every cell label-like) over exactly one row of values."""
    header = rows[0]
    if len(rows) != 2 or len(header) < 2 or len(rows[1]) != len(header):
        return None
    labels = [cell_label(c) for c in header]
    if sum(1 for l in labels if l in known) < 2 or any(not (1 < len(l) <= MAX_LABEL) for l in labels):
        return None
    values = rows[1]
    if any(cell_label(c) in known for c in values):
        return None
    return [(label, cell_text(cell), cell) for label, cell in zip(labels, values)]


def _looks_value(label: str) -> bool:
    return any(ch.isdigit() for ch in label[:4])


def _is_materials(table) -> bool:
    """A header naming the material and one of its forms (原件 / 份数 …); rows below it or none — a
    materials table printed with its header only (the item lists no material) reads as blank."""
    rows = rows_of(table)
    if not rows:
        return False
    header = [cell_label(c) for c in rows[0] if c.tag in _CELLS]
    return any(_MATERIAL_NAME.match(h) for h in header) and any(
        _MATERIAL_COLUMN.search(h) for h in header if not _MATERIAL_NAME.match(h))


_MARKED = frozenset("√✓✔●是有需要要Yy")
_ORIGINAL = re.compile(r"原件")
_COPY = re.compile(r"复印件|复制件")
_COUNT = re.compile(r"份数|数量")


def _forms(original: str, copy: str, count: str) -> str:
    """"原件1份" / "复印件2份" / "原件、复印件各1份" from the 原件 / 复印件 / 份数 cells."""
    def amount(cell):
        if cell.isdigit():
            return int(cell)
        return True if cell and all(ch in _MARKED for ch in cell) else None

    o, c = amount(original), amount(copy)
    n = f"{count}份" if count.isdigit() else ""
    if isinstance(o, int) and not isinstance(o, bool) or isinstance(c, int) and not isinstance(c, bool):
        parts = [f"{name}{v}份" for name, v in (("原件", o), ("复印件", c)) if isinstance(v, int) and not isinstance(v, bool) and v]
        return "、".join(parts)
    if o and c:
        return f"原件、复印件各{n}" if n else "原件、复印件"
    if o:
        return f"原件{n}"
    if c:
        return f"复印件{n}"
    return n


def materials_text(table) -> str:
    """A materials table (序号 / 材料名称 / 原件 / 复印件 / 份数 …) as the one string a person reads off it:
    "1.申请表（原件1份）；2.身份证（原件、复印件各1份）" — other filled columns (备注 …) follow the forms
    in the brackets as "备注：…". An empty table (header only) reads as ""."""
    rows = [_distinct(r) for r in grid(table)]
    header = [bare_label(raw_text(c)) for c in rows[0]]
    name_col = next(i for i, h in enumerate(header) if _MATERIAL_NAME.match(h))
    cols = {"original": None, "copy": None, "count": None, "ordinal": None}
    for i, h in enumerate(header):
        for key, pattern in (("ordinal", _ORDINAL_COLUMN), ("copy", _COPY), ("original", _ORIGINAL), ("count", _COUNT)):
            if i != name_col and cols[key] is None and pattern.search(h):
                cols[key] = i
                break
    used = {name_col} | {i for i in cols.values() if i is not None}
    items = []
    for row in rows[1:]:
        if len(row) != len(header):
            continue
        cells = [" ".join(raw_text(c).split()) for c in row]
        if not cells[name_col]:
            continue
        cell = lambda key: cells[cols[key]] if cols[key] is not None else ""  # noqa: E731
        notes = [_forms(cell("original"), cell("copy"), cell("count"))]
        notes += [f"{header[i]}：{v}" for i, v in enumerate(cells) if i not in used and v]
        notes = [n for n in notes if n]
        number = cell("ordinal").rstrip(".、") or str(len(items) + 1)
        items.append(f"{number}.{cells[name_col]}" + (f"（{'，'.join(notes)}）" if notes else ""))
    return "；".join(items)
