"""Storage backends: the page store (pages, link checks, site states, findings, campaigns).

Backends are chosen by URI scheme, like Scrapy's feed storages: ``sqlite:///path`` (embedded
default) or ``mongodb://…`` (full stack). ``open_store(uri)`` returns a ready store.
"""

from __future__ import annotations

import importlib

STORE_BACKENDS = {
    "sqlite": "govspider.storage.sqlite.SQLitePageStore",
    "mongodb": "govspider.storage.mongo.MongoPageStore",
}


def open_store(uri: str):
    """Open the page store named by ``uri`` (``sqlite:///…`` or ``mongodb://…``)."""
    scheme = uri.split(":", 1)[0].lower()
    if scheme == "mongodb+srv":
        scheme = "mongodb"
    try:
        path = STORE_BACKENDS[scheme]
    except KeyError:
        from govspider.redact import redact

        raise ValueError(f"unknown page store {redact(uri)!r}: use sqlite:///PATH or mongodb://HOST:PORT/DB") from None
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name).from_uri(uri)
