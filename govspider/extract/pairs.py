"""Label/value pairs of a page, in every layout government CMSs print them.

Tables (vertical, horizontal, rowspan; tables.py), ``dl`` (dt/dd), a label element followed by its
value element, "标签：值" lines, and text sections — headings with the value in the blocks after
them, several labelled lines in one block, tabs (sections.py). Labels are reduced to the bare
label first (enumerators "一、" "1." "（一）" "①" "第一条" and brackets "【】" stripped, labels.py).
"""

from __future__ import annotations

from .document import Document, normalize_space, raw_text
from .labels import bare_label, label_starts_pattern, labelled_segments
from .sections import find_headings, heading_sections, index_bars, known_label_pattern, label_owners, line_fields, tab_sections
from .tables import MAX_LABEL, cell_text, table_pairs

_LABEL_TAGS = frozenset(("span", "label", "strong", "b", "em", "h3", "h4", "h5", "h6", "dt", "div", "p", "th"))
#: (known-label pattern, label-start pattern) per set of known labels
_PATTERNS: dict = {}


def label_pairs(doc: Document, known: frozenset[str] = frozenset(), text: str = "", order=None,
                meta: frozenset[str] = frozenset()) -> list[tuple[str, str, object]]:
    """(bare label, value, element) pairs in page order (``order``: an element's position; without it,
    in the order of the readers below): tables, dl and labelled elements, then text sections. A
    heading whose label is ``known`` (办理材料, 答复内容 …) labels the blocks after it even without a
    colon; ``text`` is the page's visible text (which known labels it prints); ``meta``: labels of
    lines that may sit between a heading and its text (回复单位、回复时间 …)."""
    patterns = _PATTERNS.get(known)
    if patterns is None:
        patterns = _PATTERNS[known] = (known_label_pattern(known), label_starts_pattern(known)) if known else (None, None)
    pattern, starts = patterns
    pairs: list[tuple[str, str, object]] = []
    for table in doc.root.iter("table"):
        pairs.extend(table_pairs(table, known))
    for dl in doc.root.iter("dl"):
        label = None
        for child in dl:
            if child.tag == "dt":
                label = bare_label(raw_text(child))
            elif child.tag == "dd" and label:
                pairs.append((label, cell_text(child), child))
                label = None
    pairs.extend(_element_pairs(doc, known, starts))
    if known:
        owners = label_owners(doc, text, pattern)
        headings = find_headings(owners, known)
        bars = index_bars(headings)
        skip = {el for items in bars.values() for el, _ in items}
        pairs.extend(heading_sections(headings, known, pattern, skip, starts, meta))
        pairs.extend(line_fields(owners, known, starts))
        pairs.extend(tab_sections(doc, bars, {id(el) for label, _, el in pairs if el is not None and label in known}))
    if order is not None:
        pairs.sort(key=lambda p: order(p[2]))
    return pairs


def _element_pairs(doc: Document, known: frozenset[str], starts):
    """A label element then its value element(s), or one "标签：值" line (leaf-ish elements only)."""
    for el in doc.root.iter("li", "p", "div", "span"):
        kids = [c for c in el if isinstance(c.tag, str)]
        if len(kids) >= 2 and kids[0].tag in _LABEL_TAGS:
            first = raw_text(kids[0]) or ""
            label = bare_label(first)
            if label in known:
                continue  # a known label heading: sections.py reads it and the blocks after it
            if 1 < len(label) <= MAX_LABEL and len(kids) <= 3 and (
                first.strip().endswith((":", "：")) or "label" in (kids[0].get("class") or "")
            ):
                value = normalize_space("\n".join(cell_text(k) for k in kids[1:]))
                yield label, value, kids[1]
                continue
        if len(kids) <= 1 and not (kids and len(kids[0])):  # a leaf, or one leaf inside: one line
            raw = raw_text(el)
            if len(raw) > 2000 or not (":" in raw or "：" in raw or "】" in raw or "]" in raw):
                continue  # "标签：值" needs its colon, "【标签】值" its bracket
            text = normalize_space(raw)
            if "\n" in text:
                continue
            for label, value in (labelled_segments(text, starts) if starts else []):
                # "二、设定依据：" alone on its line is a heading: its value follows (sections.py)
                if value and len(label) <= MAX_LABEL:
                    yield label, value, el
