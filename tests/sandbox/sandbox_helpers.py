"""Helpers of the sandbox tests (imported by name; pytest's conftest modules are not importable)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from sandbox_walk import charset_of

AS_OF = dt.date(2026, 11, 15)


def fetch(province, url: str):
    """(status, headers dict, decoded text or bytes) of an absolute URL, in-process."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    status, headers, body = province.respond("GET", parts.netloc, target, {})
    hdrs = dict(headers)
    if hdrs.get("Content-Type", "").startswith("text/"):
        return status, hdrs, body.decode(charset_of(headers, body))
    return status, hdrs, body
