"""Chinese text helpers shared by analyzers and indexers: jieba segmentation, loaded once, linear time.

jieba's dictionary loads once per process (~0.6 s) and its cache lives under govspider's state
directory (:func:`govspider.state.state_dir`), not in /tmp.

jieba is quadratic on long runs without a break (30,000 × 的: 2.3 s; 100,000 characters of one
character: 44 s), and a page, a letter title or a reply may be such a run. :func:`tokenize` cuts
the text into chunks of at most ``CHUNK_CHARS`` characters first — where jieba's own blocks end
(punctuation, whitespace) when there is such a place, else hard — so the cost per character is
bounded whatever the input. jieba segments each block on its own, so the tokens only change
inside a block longer than a chunk.
"""

from __future__ import annotations

import functools
import logging
import re

from govspider.state import state_dir

_WORD = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)
#: longest run jieba segments at once (its cost grows with the square of a run's length)
CHUNK_CHARS = 400
#: where a chunk may end: any character outside jieba's own blocks (``re_han_default``), so every
#: block shorter than a chunk is segmented exactly as jieba segments it
_BREAK = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]")


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(state_dir())
    jieba.dt.cache_file = "jieba.cache"
    jieba.initialize()
    return jieba


def chunks(text: str, size: int = CHUNK_CHARS):
    """``text`` in pieces of at most ``size`` characters, cut after the last break in each window."""
    start, end = 0, len(text)
    while end - start > size:
        window = text[start:start + size]
        cut = max((m.end() for m in _BREAK.finditer(window)), default=0)
        cut = cut if cut > size // 4 else size
        yield text[start:start + cut]
        start += cut
    if start < end:
        yield text[start:]


def tokenize(text: str) -> list[str]:
    """jieba tokens of ``text`` (search mode), without whitespace and punctuation."""
    if not text:
        return []
    cut = _jieba().lcut_for_search
    if len(text) <= CHUNK_CHARS:
        return [t for t in cut(text) if _WORD.search(t)]
    return [t for piece in chunks(text) for t in cut(piece) if _WORD.search(t)]


def tokens_field(text: str) -> str:
    """Tokens joined by spaces: what full-text indices store beside the raw text."""
    return " ".join(tokenize(text))


def cut(text: str) -> list[str]:
    """jieba tokens of ``text`` in precise mode (no overlaps, nothing dropped): their lengths add
    up to ``len(text)``, so word boundaries can be read off them."""
    return _jieba().lcut(text) if text else []
