"""Fixtures of the sandbox tests: the province of the session as-of date, built in-process."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

AS_OF = dt.date(2026, 11, 15)


@pytest.fixture(scope="session")
def province():
    from govspider.sandbox.province import build_province

    return build_province(seed=7, as_of=AS_OF, scale="small")


@pytest.fixture(scope="session")
def walked(province):
    from walk import walk

    return walk(province)


def fetch(province, url: str):
    """(status, headers dict, decoded text or bytes) of an absolute URL, in-process."""
    from urllib.parse import urlsplit

    from walk import charset_of

    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    status, headers, body = province.respond("GET", parts.netloc, target, {})
    hdrs = dict(headers)
    if hdrs.get("Content-Type", "").startswith("text/"):
        return status, hdrs, body.decode(charset_of(headers, body))
    return status, hdrs, body
