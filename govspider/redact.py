"""Secrets out of every message: passwords in service URLs (``redis://:pw@host``, ``mongodb://u:pw@…``).

:func:`redact` replaces the password of every ``scheme://user:password@host`` in a text with
``***``; :func:`install_redaction` puts a logging filter doing the same on every handler of the
root logger (Scrapy logs its overridden settings, store URIs included, when a crawl starts).
"""

from __future__ import annotations

import logging
import re

_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^:@/\s]*):(?P<password>[^@/\s]+)@")


def redact(text) -> str:
    """``text`` with the password of every URL's user info replaced by ``***``."""
    return _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:***@", str(text))


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "@" in message and "://" in message:
            record.msg, record.args = redact(message), None
        return True


def install_redaction(logger: logging.Logger | None = None) -> None:
    """Redact every record the root logger's handlers write (idempotent)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
