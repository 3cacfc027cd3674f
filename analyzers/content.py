"""Content (严重错误/暗链): content.serious_error and content.defacement — page scope.

Both dictionaries are compiled once per ruleset into pyahocorasick automata, so the cost of a
page grows with its text, not with the dictionary. Serious errors are wrong → right pairs;
defacement is gambling/porn spam in hidden links (暗链) or link texts, or many such terms in text.
"""

from __future__ import annotations

import ahocorasick

from analyzers.api import Analyzer, Context, url_path


#: id(word collection) -> (the collection, its automaton): built once per ruleset table, so a
#: page costs one pass over its text whatever the dictionary's size
_BUILT: dict[int, tuple[object, ahocorasick.Automaton]] = {}


def _build(words) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(str(word).lower(), str(word))
    automaton.make_automaton()
    return automaton


def automaton(words) -> ahocorasick.Automaton:
    """The automaton matching ``words`` (a list or a wrong → right dict) case-insensitively;
    values are the words. Cached by the identity of ``words``."""
    hit = _BUILT.get(id(words))
    if hit is None or hit[0] is not words:
        if len(_BUILT) > 64:
            _BUILT.clear()
        hit = _BUILT[id(words)] = (words, _build(words))
    return hit[1]


def find_terms(text: str, words) -> list[str]:
    """Distinct ``words`` occurring in ``text``, in order of first occurrence; a match lying
    inside a longer match is dropped."""
    if not text or not words:
        return []
    spans = [(end - len(word) + 1, end, word) for end, word in automaton(words).iter(text.lower())]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    seen: dict[str, None] = {}
    reach = -1
    for start, end, word in spans:
        if end <= reach:
            continue  # inside the previous longer match
        reach = max(reach, end)
        seen.setdefault(word, None)
    return list(seen)


def _context(text: str, term: str, width: int = 20) -> str:
    at = text.find(term)
    return text[max(0, at - width): at + len(term) + width].replace("\n", " ") if at >= 0 else term


class SeriousErrorAnalyzer(Analyzer):
    id = "serious_error"
    scope = "page"
    rule_ids = ("content.serious_error",)
    description = "严重表述错误（错 → 正词典）"

    def analyze(self, page: dict, ctx: Context):
        table = ctx.table("content")["serious_errors"]
        facts = page.get("facts") or {}
        text = "\n".join(x for x in (facts.get("title") or "", page.get("text") or "") if x)
        for term in find_terms(text, table):
            yield ctx.finding("content.serious_error", url=page.get("url", ""), key=term,
                              evidence=f"“{_context(text, term)}”：「{term}」应为「{table[term]}」",
                              details={"term": term, "correct": table[term]})


class DefacementAnalyzer(Analyzer):
    id = "defacement"
    scope = "page"
    rule_ids = ("content.defacement",)
    description = "暗链、被篡改（博彩、色情等违规内容）"

    def analyze(self, page: dict, ctx: Context):
        table = ctx.table("content")
        words = table["defacement_terms"]
        facts = page.get("facts") or {}
        hits, where = [], []
        links = facts.get("links") or []
        joined = "\n".join(f"{link.get('text') or ''} {link.get('url') or ''}" for link in links)
        if not find_terms(joined, words):
            links = []  # one pass over all link texts; per-link detail only when something matched
        for link in links:
            found = find_terms(f"{link.get('text') or ''} {link.get('url') or ''}", words)
            if found:
                hits.extend(t for t in found if t not in hits)
                where.append(("暗链" if link.get("hidden") else "链接") + f" {link.get('text') or ''} → {link.get('url')}")
        if not hits:
            found = find_terms(page.get("text") or "", words)
            if len(found) >= int(table["text_min_terms"]):
                hits, where = found, [f"正文出现 {len(found)} 个违规词"]
        if hits:
            url = page.get("url", "")
            yield ctx.finding("content.defacement", url=url, key=url_path(url),
                              evidence="；".join(where[:3]) + f"（{'、'.join(hits[:5])}）",
                              details={"terms": hits, "path": url_path(url), "where": where[:10]})
