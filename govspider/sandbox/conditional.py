"""Conditional requests in the sandbox: every 200 answer carries an ETag and a Last-Modified date,
and a request whose If-None-Match (or, without it, If-Modified-Since) still matches gets
``304 Not Modified`` and no body — what the static pages of real 站群 CMSs (TRS, Hanweb) served by
nginx or Apache do. The ETag is a hash of the body; Last-Modified is the province's as-of day
(its pages are a pure function of seed and as-of date, so nothing changes before then). A body
streamed in pieces (the hostile province's huge or cut-off pages) has no validators: it is sent
as it is, as a server that cannot hash what it has not produced yet does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email.utils import format_datetime, parsedate_to_datetime

Response = tuple[int, list[tuple[str, str]], bytes]


def with_validators(status: int, headers: list[tuple[str, str]], body: bytes, as_of: dt.date) -> Response:
    """The answer with ``ETag`` and ``Last-Modified`` added (200 answers with a whole body only)."""
    if status != 200 or not isinstance(body, (bytes, bytearray)):
        return status, headers, body
    etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
    modified = format_datetime(dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc), usegmt=True)
    return status, [*headers, ("ETag", etag), ("Last-Modified", modified)], body


def answer(request_headers: dict, status: int, headers: list[tuple[str, str]], body: bytes, as_of: dt.date) -> Response:
    """``(status, headers, body)`` for a request with lower-cased ``request_headers``: the full
    answer with validators, or 304 when the client's copy is still current (RFC 9110 §13.1)."""
    status, headers, body = with_validators(status, headers, body, as_of)
    if status != 200 or not isinstance(body, (bytes, bytearray)):
        return status, headers, body
    mine = dict(headers)
    match = request_headers.get("if-none-match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        fresh = "*" in tags or mine["ETag"] in tags
    else:
        fresh = _not_modified_since(request_headers.get("if-modified-since"), mine["Last-Modified"])
    if not fresh:
        return status, headers, body
    return 304, [(k, v) for k, v in headers if k in ("ETag", "Last-Modified")], b""


def _not_modified_since(since: str | None, modified: str) -> bool:
    if not since:
        return False
    try:
        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False  # an unreadable date: send the page
