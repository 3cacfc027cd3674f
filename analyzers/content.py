"""严重表述错误: content.serious_error — page scope.

The dictionary (ruleset ``content.serious_errors``) lists, per correct term of a real category —
the name of the state, Party and state institutions, leaders, fixed political terms — its wrong
forms and why each is listed. A wrong form counts only as a whole term: it must begin and end on
jieba word boundaries of its sentence and not lie inside one of the entry's ``exclude`` words, so
「各位常委和委员汇报了…」 holds no 「委员汇」. One wrong term on many pages (a shared header) is one
problem: findings carry ``details.cause`` and analysis merges them.
"""

from __future__ import annotations

from analyzers.api import Analyzer, Context
from analyzers.terms import at_word_boundaries, context, occurrences

#: id(ruleset entries) -> (entries, {wrong: entry}, {wrong: [exclusions]})
_INDEX: dict[int, tuple] = {}


def dictionary(entries: list[dict]) -> tuple[dict, dict]:
    """({wrong form: its entry}, {wrong form: longer legitimate words it may sit inside})."""
    hit = _INDEX.get(id(entries))
    if hit is None or hit[0] is not entries:
        wrong, exclude = {}, {}
        for entry in entries:
            for form in entry.get("wrong") or ():
                wrong[str(form)] = entry
                exclude[str(form)] = [str(x) for x in entry.get("exclude") or () if str(form) in str(x)]
        if len(_INDEX) > 16:
            _INDEX.clear()
        hit = _INDEX[id(entries)] = (entries, wrong, exclude)
    return hit[1], hit[2]


def serious_errors(text: str, entries: list[dict]) -> list[tuple[str, dict, int, int]]:
    """(wrong form, its entry, start, end) of every whole-term serious error in ``text``."""
    wrong, exclude = dictionary(entries)
    out = []
    for start, end, form in occurrences(text, wrong):
        if any(_inside(text, start, end, form, word) for word in exclude[form]):
            continue
        if at_word_boundaries(text, start, end):
            out.append((form, wrong[form], start, end))
    return out


def _inside(text: str, start: int, end: int, form: str, word: str) -> bool:
    """True when the match at ``start`` is part of an occurrence of the longer ``word``."""
    offset = word.find(form)
    while offset >= 0:
        at = start - offset
        if at >= 0 and text[at:at + len(word)] == word:
            return True
        offset = word.find(form, offset + 1)
    return False


class SeriousErrorAnalyzer(Analyzer):
    id = "serious_error"
    scope = "page"
    rule_ids = ("content.serious_error",)
    description = "严重表述错误（国名、机构名称、领导人姓名、政治术语写错）"

    def analyze(self, page: dict, ctx: Context):
        entries = ctx.table("content")["serious_errors"]
        facts = page.get("facts") or {}
        text = "\n".join(x for x in (facts.get("title") or "", page.get("text") or "") if x)
        seen = set()
        for form, entry, start, end in serious_errors(text, entries):
            if form in seen:
                continue
            seen.add(form)
            yield ctx.finding(
                "content.serious_error", url=page.get("url", ""), key=form,
                evidence=f"“{context(text, start, end)}”：「{form}」应为「{entry['correct']}」",
                details={"term": form, "correct": entry["correct"], "category": entry.get("category"),
                         "cause": f"term:{form}"},
            )
