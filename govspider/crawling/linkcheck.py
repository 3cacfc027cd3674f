"""Link availability checks (链接可用性): HEAD each internal link once, GET when HEAD is refused.

A crawled page's own response is its link check (no second fetch). Everything else that a page
links to on its own site — attachments (附件), links beyond the depth or page cap — gets one
``HEAD``; a server that refuses HEAD (400/403/405/501) gets a ``GET`` whose body is never read
(the download stops at the headers). Checks use a short timeout (``GOVSPIDER_LINK_TIMEOUT``),
no retries and the lowest priority: checks on the site's registered hosts share the site's download
slot and run when its pages are fetched; checks on other hosts (sub-domains the sites file does not
name) get a slot of their own per host, so a host that never answers is recorded as failed
(status null, error "timeout") without slowing the site's crawl.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.exceptions import (
    CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError, DownloadTimeoutError, IgnoreRequest,
)
from twisted.internet.error import (
    ConnectError, ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError,
)
from twisted.python.failure import Failure

#: statuses after which a refused HEAD is retried as GET
HEAD_REFUSED = (400, 403, 405, 501)
#: every error status reaches the callbacks (redirects are still followed)
ERROR_STATUSES = list(range(400, 600))


def check_request(url: str, meta: dict, timeout: float, callback, errback, method: str = "HEAD",
                  slot: str | None = None) -> Request:
    """The request that checks ``url`` (``meta`` carries site, target, source, on_home…).

    ``slot``: the download slot — the site's own for its registered hosts (checks then wait
    behind its pages), ``links:<host>`` by default, so a dead host only slows its own checks.
    """
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    meta = {
        **meta,
        "link_check": method,
        "handle_httpstatus_list": ERROR_STATUSES,
        "download_timeout": timeout,
        "max_retry_times": 0,
        "download_slot": slot or f"links:{host}",
    }
    return Request(url, method=method, callback=callback, errback=errback, meta=meta, priority=-100)


def needs_get_retry(request: Request, status: int) -> bool:
    return request.meta.get("link_check") == "HEAD" and status in HEAD_REFUSED


class Refused(IgnoreRequest):
    """A request the crawl refused on purpose (egress policy, scope): never fetched, never a broken link.

    ``cause`` is the site-state cause (``refused_private``, ``refused_scope``)."""

    def __init__(self, why: str, cause: str = "refused_private"):
        super().__init__(f"refused: {why}")
        self.why = why
        self.cause = cause


def classify(failure: Failure) -> tuple[str, str | None]:
    """(cause, error) of a failed fetch.

    ``cause`` is the site-state vocabulary (docs/internals.md, Seams): timeout, dns,
    connection_refused, connect_error, too_large, redirect_loop, too_many_redirects,
    robots_refused, refused_private, refused_scope, error. ``error`` is the short text a link
    record keeps, or None when nothing was fetched on purpose (robots.txt, the egress policy):
    such a request is not a broken link.
    """
    value = failure.value
    if isinstance(value, Refused):
        return value.cause, None
    if isinstance(value, IgnoreRequest):
        text = str(value)
        if "robots.txt" in text:
            return "robots_refused", None
        if type(value.__cause__).__name__ == "_DecompressionMaxSizeExceeded" or "decompress" in text:
            return "too_large", "too large (decompressed body over DOWNLOAD_MAXSIZE)"
        if "max redirections" in text:
            request = getattr(failure, "request", None)
            urls = (request.meta.get("redirect_urls") or []) if request is not None else []
            if len(set(urls)) < len(urls):
                return "redirect_loop", "redirect loop"
            return "too_many_redirects", f"too many redirects ({len(urls)})"
        return "refused", None
    if failure.check(DownloadCancelledError):
        return "too_large", "too large (over DOWNLOAD_MAXSIZE)"
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return "timeout", "timeout"
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "dns", "dns"
    if failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
        return "connection_refused", "connection refused"
    if failure.check(ConnectError):
        return "connect_error", "connect error"
    name = type(value).__name__
    text = str(value).strip()
    if "timeout" in name.lower() or "timed out" in text.lower():
        return "timeout", "timeout"
    return "error", (f"{name}: {text}"[:200] if text else name)
