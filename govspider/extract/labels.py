"""Printed field labels as government CMSs write them, reduced to the bare label.

A 办事指南 or a letter page prints the same label in many dresses: "一、设定依据", "1.设定依据：",
"（一）设定依据", "【设定依据】", "①设定依据", "第一条 设定依据", "设 定 依 据：". ``bare_label``
strips the enumerator, the brackets, the colon and the spaces; ``split_label_line`` reads one
"标签：值" line (enumerated or bracketed) into label and value.
"""

from __future__ import annotations

import re

_CN_NUM = "一二三四五六七八九十百零〇"
#: enumerators in front of a label: 一、 1. 1、 1） （一） (1) ① ⑴ ❶ 第一条 第1项 A. …
_ENUMERATOR = re.compile(
    rf"^(?:第\s*[{_CN_NUM}\d]{{1,4}}\s*[条项章节部分点]"
    rf"|[（(]\s*(?:[{_CN_NUM}]{{1,3}}|\d{{1,2}})\s*[）)]"
    rf"|[{_CN_NUM}]{{1,3}}\s*[、.．,，]"
    r"|\d{1,2}\s*(?:[、．,，)）]|\.(?!\d))"
    r"|[①-⑳⑴-⒇❶-❿➀-➉]"
    r"|[A-Za-z]\s*[、.．)）])\s*"
)
_BRACKETED = re.compile(r"^[【\[［〔〖「『]\s*([^【】\[\]［］〔〕〖〗「」『』]{1,20}?)\s*[】\]］〕〗」』]")
_EDGE_CHARS = " \t\r\n\u3000\u00a0*＊·•●◆■□▪►>※:："
#: a label in its dress is short ("第十二条【承诺办结时限】：" is 13 characters)
_MAX_DRESSED = 40
_SPACE = re.compile(r"[\s\u3000\u00a0]+")
#: "标签：值" / "【标签】值" / "一、标签：值" on one line (the label 2-14 characters, CJK and brackets)
_LABEL_THEN_VALUE = re.compile(r"^([\u4e00-\u9fff（）()/、 \u3000]{2,16}?)\s*[:：]\s*(.*)$", re.S)


def bare_label(text: str | None) -> str:
    """The label without enumerator, brackets, colon and spaces: "（一）【设定依据】：" → "设定依据".
    A long text is no label: it comes back stripped, unchanged otherwise."""
    if not text:
        return ""
    s = text.strip()
    if len(s) > _MAX_DRESSED:
        return s
    s = s.strip(_EDGE_CHARS)
    s = _ENUMERATOR.sub("", s, count=1)
    m = _BRACKETED.match(s)
    if m and not s[m.end():].strip(" :："):
        s = m.group(1)
    s = s.strip(_EDGE_CHARS + "【】[]［］〔〕〖〗「」『』")
    return _SPACE.sub("", s)


def split_label_line(line: str) -> tuple[str, str] | None:
    """(bare label, value) of one "标签：值" line in any of its dresses, or None.

    "1.设定依据：《食品安全法》" → ("设定依据", "《食品安全法》"); "【办理地点】县政务中心" →
    ("办理地点", "县政务中心"); "（三）收费标准：不收费" → ("收费标准", "不收费").
    """
    s = line.strip().lstrip(_EDGE_CHARS)
    s = _ENUMERATOR.sub("", s, count=1)
    m = _BRACKETED.match(s)
    if m:
        return _SPACE.sub("", m.group(1)), s[m.end():].lstrip(" :：\t").strip()
    m = _LABEL_THEN_VALUE.match(s)
    if m:
        return _SPACE.sub("", m.group(1)), m.group(2).strip()
    return None


def labelled_segments(line: str, starts: re.Pattern) -> list[tuple[str, str]]:
    """Several "标签：值" pairs printed on one line ("信件编号：2026110701  来信时间：2026-11-07"),
    split where ``starts`` (known labels followed by a colon, after a space) match; one pair or none
    otherwise (``split_label_line``)."""
    cuts = [m.start(1) for m in starts.finditer(line)]
    if len(cuts) < 2:
        split = split_label_line(line)
        return [split] if split else []
    out = []
    for a, b in zip(cuts, cuts[1:] + [len(line)]):
        split = split_label_line(line[a:b])
        if split:
            out.append(split)
    return out


def label_starts_pattern(known) -> re.Pattern:
    """Where a known label followed by a colon starts a pair inside a line (line start or after a space)."""
    alternation = "|".join(map(re.escape, sorted(known, key=len, reverse=True)))
    return re.compile(rf"(?:^|(?<=[\s\u3000;；,，|丨]))({alternation})\s*[:：]")
