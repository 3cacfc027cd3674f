"""Chinese text helpers shared by analyzers and indexers: jieba segmentation, loaded once, linear time.

jieba's dictionary loads once per process (~0.6 s) and its cache lives under govspider's state
directory (:func:`govspider.state.state_dir`), not in /tmp.

jieba is quadratic on long runs without a break (30,000 × 的: 2.3 s; 100,000 characters of one
character: 44 s), and a page, a letter title or a reply may be such a run. :func:`tokenize` cuts
the text into chunks of at most ``CHUNK_CHARS`` characters first — between jieba's own blocks
(at punctuation, whitespace), a block longer than a chunk every ``CHUNK_CHARS`` characters from its
own start — so the cost per character is bounded whatever the input. jieba segments each block on
its own, so the tokens only change inside a block longer than a chunk, and the same way wherever
that block stands.
"""

from __future__ import annotations

import functools
import logging
import re

from govspider.state import state_dir

_WORD = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)
#: longest run jieba segments at once (its cost grows with the square of a run's length)
CHUNK_CHARS = 400
#: jieba's own blocks (``re_han_default``): a chunk ends only between them, so every block shorter
#: than a chunk is segmented exactly as jieba segments it
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(state_dir())
    jieba.dt.cache_file = "jieba.cache"
    jieba.initialize()
    return jieba


def chunks(text: str, size: int = CHUNK_CHARS):
    """``text`` in pieces of at most ``size`` characters, each ending between two of jieba's blocks.
    A block longer than ``size`` is cut every ``size`` characters from its own start, so a block is
    cut the same way wherever it stands (the index's per-block tokens equal the whole text's)."""
    piece_start = piece_end = 0
    for atom_start, atom_end in _atoms(text, size):
        if atom_end - piece_start > size:
            if piece_end > piece_start:
                yield text[piece_start:piece_end]
            piece_start = atom_start
        piece_end = atom_end
    if piece_end > piece_start:
        yield text[piece_start:piece_end]


def _atoms(text: str, size: int):
    """Spans of jieba's blocks and of the gaps between them, none longer than ``size`` (a longer
    one is cut every ``size`` characters from its start)."""
    pos = 0
    for match in _BLOCK.finditer(text):
        for b, e in ((pos, match.start()), match.span()):
            for cut in range(b, e, size):
                yield cut, min(cut + size, e)
        pos = match.end()
    for cut in range(pos, len(text), size):
        yield cut, min(cut + size, len(text))


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
