"""Label/value pairs of a page: table rows (th|td label, td value), dl (dt/dd) and "标签：值" lines."""

from __future__ import annotations

import re

from .document import Document, normalize_space, text_lines, raw_text

_LABEL_LINE = re.compile(r"^\s*[【\[]?([\u4e00-\u9fff（）()/、]{2,12})[】\]]?\s*[:：]\s*(.*)$")
_LABEL_CLEAN = re.compile(r"[\s:：【】\[\]*＊]+")
MAX_LABEL = 14
_LABEL_TAGS = frozenset(("span", "label", "strong", "b", "em", "h3", "h4", "h5", "h6", "dt", "div", "p", "th"))


def clean_label(text: str) -> str:
    return _LABEL_CLEAN.sub("", text or "")


def cell_text(el) -> str:
    return normalize_space(text_lines(el))


def label_pairs(doc: Document, known: frozenset[str] = frozenset()) -> list[tuple[str, str, object]]:
    """(label, value, value element) pairs in page order. A heading-like first child whose text is
    one of the ``known`` labels (办理材料, 答复内容 …) labels the siblings after it even without a colon."""
    pairs: list[tuple[str, str, object]] = []
    for tr in doc.root.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if len(cells) < 2:
            continue
        i = 0
        while i + 1 < len(cells):
            label = clean_label(raw_text(cells[i]))
            if 1 < len(label) <= MAX_LABEL and not _looks_value(label):
                pairs.append((label, cell_text(cells[i + 1]), cells[i + 1]))
                i += 2
            else:
                break
    for dl in doc.root.iter("dl"):
        label = None
        for child in dl:
            if child.tag == "dt":
                label = clean_label(raw_text(child))
            elif child.tag == "dd" and label:
                pairs.append((label, cell_text(child), child))
                label = None
    for el in doc.root.iter("li", "p", "div", "span"):
        # leaf-ish elements only: label element followed by value element, or "标签：值" text
        kids = [c for c in el if isinstance(c.tag, str)]
        if len(kids) >= 2 and kids[0].tag in _LABEL_TAGS:
            first = raw_text(kids[0]) or ""
            label = clean_label(first)
            short = 1 < len(label) <= MAX_LABEL
            if short and (label in known or len(kids) <= 3 and (
                first.strip().endswith((":", "：")) or "label" in (kids[0].get("class") or "")
            )):
                value = normalize_space("\n".join(cell_text(k) for k in kids[1:]))
                pairs.append((label, value, kids[1]))
                continue
        if len(kids) <= 1:
            text = cell_text(el)
            if "\n" in text or len(text) > 2000:
                continue
            m = _LABEL_LINE.match(text)
            if m:
                pairs.append((clean_label(m.group(1)), m.group(2).strip(), el))
    return pairs


def _looks_value(label: str) -> bool:
    return any(ch.isdigit() for ch in label[:4])
