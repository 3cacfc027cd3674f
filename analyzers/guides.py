"""Service guides (办事指南): guide.blank_field — elements missing or blank ("暂无"/"无") — page scope."""

from __future__ import annotations

import re

from analyzers.api import Analyzer, Context

_STRIP = re.compile(r"[\s\u3000:：。，,；;、.！!]+")


def is_answer(value, answers) -> bool:
    """The value is one of a field's ``answers``: words that look like placeholders and answer
    it (收费标准「无」, 「不收费」, 「免费」 all mean no fee)."""
    text = _STRIP.sub("", str(value or ""))
    return bool(text) and text in {_STRIP.sub("", str(v)) for v in answers}


def is_blank(value, blank_values, answers=()) -> bool:
    """Empty, missing, or a placeholder such as 暂无 / 无 (compared without whitespace/punctuation)
    — unless the value is one of the field's ``answers`` (收费标准「无」 means no fee)."""
    if value is None:
        return True
    if is_answer(value, answers):
        return False
    return _STRIP.sub("", str(value)) in {_STRIP.sub("", str(v)) for v in blank_values}


def item_name(page: dict) -> str:
    facts = page.get("facts") or {}
    guide = facts.get("guide") or {}
    return (str(guide.get("事项名称") or "").strip() or (facts.get("title") or "").strip()
            or page.get("url", ""))


class GuideBlankFieldAnalyzer(Analyzer):
    id = "guide_fields"
    scope = "page"
    rule_ids = ("guide.blank_field",)
    description = "办事指南要素缺失或为空（暂无/无）"

    def analyze(self, page: dict, ctx: Context):
        facts = page.get("facts") or {}
        guide = facts.get("guide") or {}
        if facts.get("kind") != "guide" and not guide:
            return
        table = ctx.table("guide")
        item = item_name(page)
        blanks, answers = table["blank_values"], table.get("answers") or {}
        for field in table["required_fields"] + [f for f in table.get("optional_fields", []) if f in guide]:
            if field not in guide:
                state = "缺失"
            elif is_blank(guide[field], blanks, answers.get(field, ())):
                state = f"为空（{guide[field]!s}）" if str(guide[field]).strip() else "为空"
            else:
                continue
            yield ctx.finding(
                "guide.blank_field", url=page.get("url", ""), key=f"{item}/{field}",
                evidence=f"事项「{item}」办事指南要素「{field}」{state}",
                details={"item": item, "field": field, "value": guide.get(field)},
            )
