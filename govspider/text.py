"""Chinese text helpers shared by analyzers and indexers: jieba segmentation, loaded once.

jieba's dictionary loads once per process (~0.6 s) and its cache lives under govspider's state
directory (:func:`govspider.state.state_dir`), not in /tmp.
"""

from __future__ import annotations

import functools
import logging
import re

from govspider.state import state_dir

_WORD = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(state_dir())
    jieba.dt.cache_file = "jieba.cache"
    jieba.initialize()
    return jieba


def tokenize(text: str) -> list[str]:
    """jieba tokens of ``text`` (search mode), without whitespace and punctuation."""
    if not text:
        return []
    return [t for t in _jieba().lcut_for_search(text) if _WORD.search(t)]


def tokens_field(text: str) -> str:
    """Tokens joined by spaces: what full-text indices store beside the raw text."""
    return " ".join(tokenize(text))


def cut(text: str) -> list[str]:
    """jieba tokens of ``text`` in precise mode (no overlaps, nothing dropped): their lengths add
    up to ``len(text)``, so word boundaries can be read off them."""
    return _jieba().lcut(text) if text else []
