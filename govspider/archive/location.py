"""Where a crawl's WARC files live: ``warc/`` beside a SQLite store (``OUT/warc/`` for ``govspider
run``), ``STATE_DIR/warc/<campaign>/`` on a worker whose store is MongoDB (uploaded to GridFS)."""

from __future__ import annotations

import re
from pathlib import Path

from govspider.state import state_dir


def sqlite_path(store_uri: str) -> Path | None:
    """The file of a ``sqlite:///…`` store URI (None for other stores and ``:memory:``)."""
    if not store_uri.startswith("sqlite://"):
        return None
    path = store_uri[len("sqlite:///"):] if store_uri.startswith("sqlite:///") else store_uri[len("sqlite://"):]
    return None if not path or path == ":memory:" else Path(path)


def warc_dir_for(store_uri: str, campaign: str) -> Path:
    """The directory a crawl into ``store_uri`` writes its WARC files to."""
    path = sqlite_path(store_uri)
    if path is not None:
        return path.resolve().parent / "warc"
    return state_dir() / "warc" / re.sub(r"[^A-Za-z0-9._-]", "_", campaign)
