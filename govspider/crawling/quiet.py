"""Expected failures logged as one line, not as a traceback.

scrapy-playwright logs every failed rendering ("Closing page due to failed request") and Scrapy's
robots.txt middleware every robots.txt that cannot be downloaded with the whole traceback. A
script that never ends or a host that never answers is what the crawl expects from hostile sites
(the spider records the cause in the site state); the message stays, the traceback goes. A
traceback anywhere else still means a bug.
"""

from __future__ import annotations

import logging

#: loggers whose tracebacks are expected network or rendering failures
EXPECTED = ("scrapy-playwright", "scrapy.downloadermiddlewares.robotstxt")


class ExpectedFailureFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.name in EXPECTED:
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()} ({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''})"
            record.args, record.exc_info, record.exc_text = None, None, None
        return True


def install() -> None:
    """Put the filter on the loggers of ``EXPECTED`` (idempotent; survives Scrapy replacing its handler)."""
    for name in EXPECTED:
        logger = logging.getLogger(name)
        if not any(isinstance(f, ExpectedFailureFilter) for f in logger.filters):
            logger.addFilter(ExpectedFailureFilter())
