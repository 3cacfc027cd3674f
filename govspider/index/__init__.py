"""Search index of findings and site verdicts, chosen by URI: ``open_index(uri)``.

``sqlite-fts:///PATH`` — embedded SQLite FTS5 (no server; SQLAlchemy's convention like the page
store's ``sqlite:///``: ``sqlite-fts:///out/index.sqlite`` is relative,
``sqlite-fts:////abs/index.sqlite`` absolute); ``http(s)://HOST:PORT[?prefix=P&spool=DIR]``
— Elasticsearch 8 (production) or OpenSearch 2 (dev/CI runner). Both index a jieba ``tokens``
field beside the raw Chinese text, so a search for 办事指南 matches words, not single characters.
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

from govspider.index.base import FindingIndex

__all__ = ["FindingIndex", "open_index", "default_index_uri", "IndexURIError", "sqlite_uri", "sqlite_path"]


class IndexURIError(ValueError):
    """An index URI govspider cannot use (the message says what would work)."""


def default_index_uri(es_url: str | None = None) -> str:
    """``--es``/``GOVSPIDER_INDEX``/``GOVSPIDER_ES_URL``, else the embedded state-dir index."""
    if es_url:
        return es_url
    for var in ("GOVSPIDER_INDEX", "GOVSPIDER_ES_URL"):
        if os.environ.get(var):
            return os.environ[var]
    from govspider.state import state_dir

    return sqlite_uri(state_dir() / "index.sqlite")


def sqlite_uri(path: str | Path) -> str:
    """The sqlite-fts URI of ``path`` (``sqlite-fts:///`` + the path, so absolute paths get 4 slashes)."""
    return f"sqlite-fts:///{path}"


def sqlite_path(uri: str) -> Path:
    """The file a ``sqlite-fts:`` URI names (``sqlite-fts:///rel``, ``sqlite-fts:////abs``)."""
    rest = uri[len("sqlite-fts:///"):] if uri.startswith("sqlite-fts:///") else uri[len("sqlite-fts://"):]
    if not rest:
        raise IndexURIError(f"{uri}: names no file; use sqlite-fts:///out/index.sqlite (relative) "
                            "or sqlite-fts:////abs/path/index.sqlite")
    return Path(rest)


def open_index(uri: str) -> FindingIndex:
    """The finding index for ``uri`` (see the module docstring). A plain path or directory means
    the SQLite index at that path (a directory: its ``index.sqlite``, as ``govspider run`` writes)."""
    if not uri:
        raise IndexURIError("empty index URI: use sqlite-fts:///PATH or http://HOST:PORT")
    parts = urllib.parse.urlsplit(uri)
    scheme = parts.scheme.lower()
    if scheme in ("", "file") or (len(scheme) == 1 and uri[1:3] == ":\\"):
        path = Path(parts.path if scheme == "file" else uri)
        return _sqlite(path / "index.sqlite" if path.is_dir() else path)
    if scheme == "sqlite-fts":
        return _sqlite(sqlite_path(uri))
    if scheme in ("http", "https"):
        from govspider.index.elastic import ElasticIndex

        query = dict(urllib.parse.parse_qsl(parts.query))
        unknown = set(query) - {"prefix", "spool", "engine"}
        if unknown:
            raise IndexURIError(f"{uri}: unknown option(s) {sorted(unknown)}; known: prefix, spool, engine")
        url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        return ElasticIndex(url, prefix=query.get("prefix", "govspider"), spool_dir=query.get("spool"),
                            engine=query.get("engine"))
    raise IndexURIError(f"{uri}: unknown index scheme {scheme!r}; use sqlite-fts:///PATH (embedded) "
                        "or http(s)://HOST:PORT (Elasticsearch)")


def _sqlite(path: Path) -> FindingIndex:
    from govspider.index.sqlite_fts import SqliteFtsIndex

    return SqliteFtsIndex(path)
