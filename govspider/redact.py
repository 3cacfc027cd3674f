"""Secrets out of every message: passwords in service URLs (``redis://:pw@host``, ``mongodb://u:pw@…``).

:func:`redact` replaces the password of every ``scheme://user:password@host`` in a text with
``***``; :func:`install_redaction` does the same to every log record of the process (Scrapy logs
its overridden settings, store URIs included, when a crawl starts).
"""

from __future__ import annotations

import logging
import re

_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<user>[^:@/\s]*):(?P<password>[^@/\s]+)@")


def redact(text) -> str:
    """``text`` with the password of every URL's user info replaced by ``***``."""
    return _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:***@", str(text))


_factory_installed = False


def install_redaction() -> None:
    """Redact every log record this process makes, whichever handler writes it (idempotent).

    A record factory, not a handler filter: Scrapy replaces its root handler when a crawler
    starts, and a filter on the old one would be lost."""
    global _factory_installed
    if _factory_installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        if "@" in str(record.msg) or any("@" in str(a) for a in (record.args if isinstance(record.args, tuple) else ())) \
                or isinstance(record.args, dict):
            message = record.getMessage()
            if "://" in message and "@" in message:
                record.msg, record.args = redact(message), None
        return record

    logging.setLogRecordFactory(factory)
    _factory_installed = True
