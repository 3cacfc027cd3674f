"""Where govspider keeps its local state: crawl job dirs, logs, the index spool, jieba's cache.

``$GOVSPIDER_STATE_DIR``, else ``$XDG_STATE_HOME/govspider``, else ``~/.local/state/govspider``.
"""

from __future__ import annotations

import os
from pathlib import Path


def state_dir() -> Path:
    env = os.environ.get("GOVSPIDER_STATE_DIR")
    if env:
        path = Path(env)
    else:
        base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
        path = Path(base) / "govspider"
    path.mkdir(parents=True, exist_ok=True)
    return path
