"""Finding dictionary terms in page text: one Aho-Corasick pass, whole words only.

``automaton(words)`` compiles a word list (or wrong → right dict) once per ruleset table, so a
page costs one pass over its text whatever the dictionary's size. ``find_terms`` lists the
distinct terms present; ``occurrences`` gives each match with its position, and
``at_word_boundaries`` tells whether a match is a whole term of the sentence around it (jieba,
precise mode): 「委员汇」 in 「委员汇报」 is not.
"""

from __future__ import annotations

import ahocorasick

from govspider.text import cut

#: id(word collection) -> (the collection, its automaton)
_BUILT: dict[int, tuple[object, ahocorasick.Automaton]] = {}
#: characters of context segmented on each side of a match to judge its word boundaries
BOUNDARY_WINDOW = 12


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


def occurrences(text: str, words) -> list[tuple[int, int, str]]:
    """(start, end, word) of every match, leftmost-longest: a match inside a longer one is dropped."""
    if not text or not words:
        return []
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two: keep positions exact
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    spans = [(end - len(word) + 1, end + 1, word) for end, word in automaton(words).iter(lowered)]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, reach = [], -1
    for start, end, word in spans:
        if end <= reach:
            continue  # inside the previous longer match
        reach = max(reach, end)
        out.append((start, end, word))
    return out


def find_terms(text: str, words) -> list[str]:
    """Distinct ``words`` occurring in ``text``, in order of first occurrence."""
    return list(dict.fromkeys(word for _s, _e, word in occurrences(text, words)))


def at_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` begins and ends on word boundaries of its sentence."""
    # the window's edges may split a word, but they lie BOUNDARY_WINDOW characters away from the
    # match (or are the text's own ends), so only real boundaries decide
    lo, hi = max(0, start - BOUNDARY_WINDOW), min(len(text), end + BOUNDARY_WINDOW)
    bounds, pos = {lo}, lo
    for token in cut(text[lo:hi]):
        pos += len(token)
        bounds.add(pos)
    return start in bounds and end in bounds


def context(text: str, start: int, end: int, width: int = 20) -> str:
    """The match with ``width`` characters on each side, on one line."""
    return text[max(0, start - width): end + width].replace("\n", " ")
