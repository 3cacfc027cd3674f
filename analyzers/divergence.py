"""门户 vs 政务服务网 (两张皮): guide.divergence — the same item described differently — pair scope.

Items are matched by name (jieba tokens via govspider.text, rapidfuzz token_set_ratio ≥ the
ruleset's ``name_similarity``); materials are compared as sets, phones as digits, the other
fields as normalised text. Reported on the portal with the hall's site_code in the details.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from analyzers.api import Analyzer, Context, SitePair
from analyzers.guides import is_answer, is_blank, item_name
from govspider.text import tokenize

_SPACE = re.compile(r"[\s\u3000]+")
_PUNCT = re.compile(r"[\s\u3000，,。.；;：:、！!（）()《》\"“”'‘’\-—]+")
_SPLIT = re.compile(r"[；;\n\r、\s]+|(?:^|\s)\d+[.、．)]\s*|[（(]\d+[)）]")
_ENUM = re.compile(r"^\s*(?:\d+|[一二三四五六七八九十]+)[.、．)）]\s*")
#: what form and how many copies, as a list or a 材料 table prints it: （原件1份）, （原件：√；份数：1）
_FORMS = re.compile(r"[（(][^（）()]*(?:原件|复印件|副本|正本|份|√)[^（）()]*[)）]")


def materials_set(value: str) -> frozenset[str]:
    """办理材料 as the set of materials it names: numbering, punctuation, spaces and the form /
    copy qualifiers removed — the same list printed as text or as a 材料 table is one list, a
    material missing on one side is a difference."""
    parts = _SPLIT.split(_FORMS.sub("", str(value or "")))
    return frozenset(p for p in (_PUNCT.sub("", _ENUM.sub("", part or "")) for part in parts) if p)


def norm_text(value: str) -> str:
    return _PUNCT.sub("", str(value or "")).replace("个工作日", "工作日")


_PHONE = re.compile(r"[(（]?0\d{2,3}[)）]?[\s\-－—]*\d{7,8}|1[3-9]\d{9}|\d{5,8}")
_NOT_DIGIT = re.compile(r"\D+")


def norm_phone(value: str) -> frozenset[str]:
    """The phone numbers of a field as digit strings: 「0731-84012217」, 「（0731）84012217」 and
    「0731 84012217」 are one number."""
    return frozenset(_NOT_DIGIT.sub("", m) for m in _PHONE.findall(str(value or "")))


def same_phones(a: frozenset[str], b: frozenset[str]) -> bool:
    """Equal sets of numbers, a local number matching the same number with its area code."""
    if a == b:
        return True
    match = lambda x, y: x == y or len(min(x, y, key=len)) >= 7 and (x.endswith(y) or y.endswith(x))  # noqa: E731
    return bool(a and b) and all(any(match(x, y) for y in b) for x in a) and all(any(match(x, y) for x in a) for y in b)


COMPARE = {"set": materials_set, "text": norm_text, "phone": norm_phone}
#: what every one of a field's ``answers`` means (收费标准 无 = 不收费 = 免费)
_ANSWER = "\x00answer"
SAME = {"phone": same_phones}


def _guides(data) -> dict[str, dict]:
    out = {}
    for page in data.pages:
        facts = page.get("facts") or {}
        if facts.get("guide"):
            out.setdefault(item_name(page), page)
    return out


class GuideDivergenceAnalyzer(Analyzer):
    id = "guide_divergence"
    scope = "pair"
    rule_ids = ("guide.divergence",)
    description = "门户网站与政务服务网同一事项办事指南不一致（两张皮）"

    def analyze(self, pair: SitePair, ctx: Context):
        table = ctx.table("guide")
        portal, hall = _guides(pair.portal), _guides(pair.hall)
        if not portal or not hall:
            return
        hall_names = list(hall)
        hall_tokens = [" ".join(tokenize(n)) for n in hall_names]
        blanks = table["blank_values"]
        for name, page in sorted(portal.items()):
            match = process.extractOne(" ".join(tokenize(name)), hall_tokens, scorer=fuzz.token_set_ratio,
                                       score_cutoff=float(table["name_similarity"]))
            if match is None:
                continue
            hall_page = hall[hall_names[match[2]]]
            mine, theirs = page["facts"]["guide"], hall_page["facts"]["guide"]
            fields, lines = [], []
            answers = table.get("answers") or {}
            for field, how in table["compare_fields"].items():
                a, b = mine.get(field), theirs.get(field)
                if is_blank(a, blanks, answers.get(field, ())) or is_blank(b, blanks, answers.get(field, ())):
                    continue  # a blank element is guide.blank_field's business
                same = SAME.get(how, lambda x, y: x == y)
                meant = lambda v: _ANSWER if is_answer(v, answers.get(field, ())) else COMPARE[how](v)  # noqa: E731
                if not same(meant(a), meant(b)):
                    fields.append(field)
                    lines.append(f"{field}: 门户 {_short(a)} / 政务服务网 {_short(b)}")
            if fields:
                yield ctx.finding(
                    "guide.divergence", url=page.get("url", ""), key=f"{name}/{'/'.join(fields)}",
                    evidence=f"事项「{name}」" + "；".join(lines),
                    details={"item": name, "fields": fields, "hall_site_code": pair.hall.site.site_code,
                             "hall_item": hall_names[match[2]], "hall_url": hall_page.get("url", ""),
                             "differences": {f: {"portal": mine.get(f), "hall": theirs.get(f)} for f in fields}},
                )


def _short(value, limit: int = 60) -> str:
    text = _SPACE.sub(" ", str(value)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
