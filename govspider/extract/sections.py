"""Label/value pairs printed as text sections rather than tables.

Three shapes real 办事指南 and letter pages use, all driven by the printed labels (never by class
names):

- a heading naming a field, its value in the blocks after it, up to the next such heading
  (``<h3>一、设定依据</h3><p>…</p><p>…</p><h3>二、申请条件</h3>``, ``<p><strong>（一）设定依据</strong></p>``);
- several "1.设定依据：…" lines inside one block (``<br>``-separated), a line without a label
  continuing the field above it;
- tabs: a bar of field names and one pane per name (all panes are in the DOM, hidden or not),
  matched by ``href="#id"`` / ``data-target`` / ``aria-controls`` or else by order.
"""

from __future__ import annotations

import re

from .document import Document, normalize_space, raw_text, text_lines
from .labels import bare_label, labelled_segments, split_label_line
from .tables import cell_text

#: a heading is short: the label and its dress ("第一条【设定依据】：")
MAX_HEADING = 24
_BLOCKS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "section", "td", "th",
                     "strong", "b", "span", "font", "label", "em", "a", "header"))
_TAB_TARGET = ("href", "data-target", "aria-controls", "data-tab", "data-id", "data-href", "rel")
_MAX_SECTION_BLOCKS = 60
#: blocks that end a section's text: the footer, print/close tools, previous/next links
_FURNITURE = re.compile(r"版权所有|ICP备|公网安备|网站标识码|主办单位[:：]|Copyright|©|【\s*(?:打印|关闭)|打印本页|关闭窗口|"
                        r"上一篇|下一篇|分享到")


def known_label_pattern(known: frozenset[str]) -> re.Pattern:
    """One regex finding any known label (longest first) in a text."""
    return re.compile("|".join(map(re.escape, sorted(known, key=len, reverse=True))))


def _is_heading(el, known: frozenset[str]) -> str | None:
    """The known label an element consists of ("一、设定依据", "【设定依据】："), else None."""
    text = raw_text(el)
    if len(text) > MAX_HEADING * 3:
        return None
    text = text.strip()
    if not text or len(text) > MAX_HEADING:
        return None
    label = bare_label(text)
    return label if label in known else None


def _starts_field(el, known: frozenset[str], pattern: re.Pattern) -> bool:
    """The block opens another field: it is a heading, holds one, or starts with "标签：值"."""
    text = raw_text(el)
    if not pattern.search(text):
        return False
    if _is_heading(el, known):
        return True
    first = text.strip().split("\n", 1)[0]
    split = split_label_line(first)
    if split and split[0] in known:
        return True
    return any(_is_heading(d, known) for d in el.iter() if d is not el and isinstance(d.tag, str) and d.tag in _BLOCKS)


def label_owners(doc: Document, text: str, pattern: re.Pattern) -> list:
    """Elements whose own text (or a child's tail) prints a known label, in page order: found by
    XPath ``contains()`` for just the labels the page's text holds (C speed, no Python walk)."""
    present = set(pattern.findall(text))
    if not present:
        return []
    test = " or ".join(f"contains(., '{label}')" for label in sorted(present))
    owners, seen = [], set()
    for node in doc.root.xpath(f"//text()[{test}]"):
        owner = node.getparent()
        if owner is not None and node.is_tail:
            owner = owner.getparent()
        if owner is not None and owner not in seen:
            seen.add(owner)
            owners.append(owner)
    return owners


def find_headings(owners, known: frozenset[str]) -> list[tuple[object, str]]:
    """(element, label) of every block that consists of one known label, in page order: the innermost
    element printing it, widened to wrappers that hold nothing else (<p><strong>一、设定依据</strong></p>
    is the p). Table cells are left to the table reader."""
    found = []
    seen = set()
    for owner in owners:
        head = owner
        for _ in range(3):  # "<span>一、</span>设定依据" is printed by the h3 around both
            if head is None or head.tag in ("td", "th", "tr", "table", "body", "html"):
                head = None
                break
            label = _is_heading(head, known)
            if label:
                break
            head = head.getparent()
        else:
            head = None
        if head is None or head.tag not in _BLOCKS:
            continue
        head = _widen(head, label, known)
        if head not in seen:
            seen.add(head)
            found.append((head, label))
    return found


def _widen(head, label: str, known: frozenset[str]):
    """The outermost wrapper that holds only this heading (nothing after it, same label)."""
    while head.getnext() is None and not (head.tail or "").strip():
        parent = head.getparent()
        if parent is None or parent.tag in ("body", "html", "tr", "td", "th") or _is_heading(parent, known) != label:
            break
        head = parent
    return head


def heading_sections(headings, known: frozenset[str], pattern: re.Pattern, skip=frozenset(), starts=None,
                     meta=frozenset()) -> list[tuple[str, str, object]]:
    """(label, value, heading) for every heading that names a known field: its value is the blocks
    after it up to the next field. A heading directly followed by the next field is a blank field;
    headings in ``skip`` (tab bars, in-page indexes) are not sections. A line of ``meta`` labels
    right after the heading ("回复内容：" / "回复单位：… 回复时间：…" / the reply) is read on its own
    and does not end the section."""
    pairs = []
    for el, label in headings:
        if el in skip:
            continue
        head = el
        values = []
        if head.tail and head.tail.strip():
            values.append(head.tail.strip())
        sib = head.getnext()
        blocks, ended_by_field = 0, False
        while sib is not None and blocks < _MAX_SECTION_BLOCKS:
            if isinstance(sib.tag, str):
                if _starts_field(sib, known, pattern):
                    if not values and _is_meta_line(sib, starts, meta):
                        sib = sib.getnext()  # "回复内容：" / "回复单位：… 回复时间：…" / the reply itself
                        continue
                    ended_by_field = True
                    break
                text = cell_text(sib)
                if _FURNITURE.search(text[:200]) or _link_dense(sib, text):
                    break  # the page's footer, tools or a link list: the section ended
                values.append(text)
                blocks += 1
            sib = sib.getnext()
        value = normalize_space("\n".join(v for v in values if v))
        # an empty value printed, or the next field right after the heading: a blank field
        if value or blocks or ended_by_field:
            pairs.append((label, value, head))
    return pairs


def index_bars(headings) -> dict:
    """Parents whose element children are field headings (≥ 2; at most one other short tab such as
    基本信息): tab bars or in-page indexes. Maps each such parent to its headings, in order."""
    by_parent: dict = {}
    for el, label in headings:
        parent = el.getparent()
        if parent is not None:
            by_parent.setdefault(parent, []).append((el, label))
    bars = {}
    for parent, items in by_parent.items():
        if len(items) < 2:
            continue
        heads = {id(el) for el, _ in items}
        others = [raw_text(k).strip() for k in parent if isinstance(k.tag, str) and id(k) not in heads]
        others = [t for t in others if t]
        if len(others) <= 1 and all(len(t) <= MAX_HEADING for t in others):
            bars[parent] = items
    return bars


def _is_meta_line(el, starts, meta: frozenset[str]) -> bool:
    """One line of labelled values, all of them ``meta`` labels (回复单位：X 回复时间：Y)."""
    if starts is None or not meta:
        return False
    text = raw_text(el).strip()
    if not text or "\n" in text or len(text) > 120:
        return False
    segments = labelled_segments(text, starts)
    return bool(segments) and all(label in meta for label, _ in segments)


def _link_dense(el, text: str) -> bool:
    """A block that is mostly links (≥ 3): a navigation or related-items list, not a field value."""
    links = [a for a in el.iter("a") if a.get("href")]
    if len(links) < 3:
        return False
    linked = sum(len(raw_text(a).strip()) for a in links)
    return linked * 2 > len(text.replace("\n", ""))


_LEAF_BLOCKS = frozenset(("p", "div", "td", "li", "dd", "pre"))
_INNER_BLOCKS = frozenset(("p", "div", "table", "ul", "ol", "li", "dl"))


def line_fields(owners, known: frozenset[str], starts: re.Pattern) -> list[tuple[str, str, object]]:
    """"1.设定依据：…" lines inside one block (several fields a block, lines without a label continue)."""
    pairs = []
    seen = set()
    for owner in owners:
        el = owner
        for _ in range(3):
            if el is None or el.tag in _LEAF_BLOCKS:
                break
            el = el.getparent()
        if el is None or el.tag not in _LEAF_BLOCKS or el in seen:
            continue
        seen.add(el)
        if any(isinstance(c.tag, str) and c.tag in _INNER_BLOCKS for c in el):
            continue  # not a leaf block: its children are read on their own
        text = text_lines(el)
        if "\n" not in text.strip():
            continue
        current = None
        for line in normalize_space(text).split("\n"):
            found = [(label, value) for label, value in labelled_segments(line, starts) if label in known]
            for label, value in found:
                current = [label, [value] if value else [], el]
                pairs.append(current)
            if not found and current is not None and line:
                current[1].append(line)
    return [(label, "\n".join(lines), el) for label, lines, el in pairs]


def tab_sections(doc: Document, bars: dict, read=frozenset()) -> list[tuple[str, str, object]]:
    """(label, pane text, pane) for tab bars whose tabs name known fields; every pane is in the DOM.
    A pane holding elements already read as pairs (``read``: a table of its own labels) is left to them."""
    pairs = []
    for bar, items in bars.items():
        tabs = [c for c in bar if isinstance(c.tag, str)]
        panes = _targeted_panes(doc, tabs) or _panes_by_order(bar, len(tabs))
        if not panes:
            continue
        labelled = {id(el): label for el, label in items}
        for tab, pane in zip(tabs, panes):
            label = labelled.get(id(tab))
            if label and pane is not None and not any(id(el) in read for el in pane.iter()):
                pairs.append((label, cell_text(pane), pane))
    return pairs


def _targeted_panes(doc: Document, tabs) -> list | None:
    panes = []
    for tab in tabs:
        target = None
        for el in tab.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in _TAB_TARGET:
                value = (el.get(attr) or "").strip()
                if value.startswith("#") and len(value) > 1:
                    value = value[1:]
                elif attr == "href" or not value:
                    continue
                if re.fullmatch(r"[\w\-:.]+", value):
                    found = doc.root.xpath("//*[@id=$v]", v=value)
                    if found:
                        target = found[0]
                        break
            if target is not None:
                break
        panes.append(target)
    return panes if sum(p is not None for p in panes) >= 2 else None


def _panes_by_order(bar, n: int) -> list | None:
    """The first element after the bar (or after its wrapper) with exactly ``n`` element children."""
    node = bar
    for _ in range(3):
        sib = node.getnext()
        while sib is not None and not isinstance(sib.tag, str):
            sib = sib.getnext()
        if sib is not None:
            kids = [c for c in sib if isinstance(c.tag, str)]
            if len(kids) == n:
                return kids
            return None
        node = node.getparent()
        if node is None:
            return None
    return None
