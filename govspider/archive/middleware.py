"""Downloader middleware: every response the crawl receives goes into the WARC archive.

:class:`ArchiveMiddleware` sits next to the download handler (``DOWNLOADER_MIDDLEWARES`` order
950), so it sees each response as it arrived — before decompression, before redirects and
retries are followed — pages, robots.txt, link checks' status lines and headers (a HEAD, or a GET
stopped after its headers: ``WARC-Truncated: length``) and pages rendered in Chromium (the
rendered document, ``WARC-Govspider-Rendered: chromium``). Each response is written with the
request that asked for it; ``request.meta["archive"]`` then holds the response record's
:func:`~govspider.archive.writer.archive_ref`, which the spider copies into the page and link
records it stores.

Settings: ``GOVSPIDER_WARC_ENABLED`` (default on), ``GOVSPIDER_WARC_DIR`` (default: ``warc/``
beside a SQLite store; ``STATE_DIR/warc/<campaign>`` with a MongoDB store, whose completed files
are uploaded to GridFS), ``GOVSPIDER_WARC_MAX_BYTES`` (rotation size), ``GOVSPIDER_WARC_PREFIX``.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from http.client import responses as REASONS

from scrapy import signals
from scrapy.exceptions import NotConfigured

from govspider.archive import defaults
from govspider.archive.location import warc_dir_for
from govspider.archive.writer import WarcFileSet, recover_leftovers

logger = logging.getLogger(__name__)


class ArchiveMiddleware:
    def __init__(self, crawler, directory=None, max_bytes: int = defaults.GOVSPIDER_WARC_MAX_BYTES,
                 prefix: str = defaults.GOVSPIDER_WARC_PREFIX):
        self.crawler = crawler
        self.directory = directory
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.files: WarcFileSet | None = None
        self._gridfs = None
        self._uploads: ThreadPoolExecutor | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("GOVSPIDER_WARC_ENABLED", defaults.GOVSPIDER_WARC_ENABLED):
            raise NotConfigured("GOVSPIDER_WARC_ENABLED is off")
        return cls(crawler, settings.get("GOVSPIDER_WARC_DIR") or None,
                   settings.getint("GOVSPIDER_WARC_MAX_BYTES", defaults.GOVSPIDER_WARC_MAX_BYTES),
                   settings.get("GOVSPIDER_WARC_PREFIX") or defaults.GOVSPIDER_WARC_PREFIX)

    # -- the archive opens with the first response (the campaign is known by then)
    def _open(self, spider) -> WarcFileSet:
        store_uri = self.crawler.settings.get("GOVSPIDER_STORE_URI") or ""
        campaign = getattr(spider, "campaign", None) or "crawl"
        directory = self.directory or warc_dir_for(store_uri, campaign)
        on_complete = None
        if store_uri.startswith("mongodb"):
            on_complete = self._start_uploads(store_uri, directory)
        info = {"software": f"govspider (Scrapy {_version('scrapy')}, warcio {_version('warcio')})",
                "isPartOf": campaign, "robots": "ignore" if getattr(spider, "robots_ignored", False) else "obey",
                "http-header-user-agent": self.crawler.settings.get("USER_AGENT"),
                "description": "政府网站抽查 — pages, robots.txt and link checks as fetched"}
        self.files = WarcFileSet(directory, prefix=self.prefix, max_bytes=self.max_bytes, info=info,
                                 on_complete=on_complete)
        logger.info("archiving responses as WARC in %s", directory)
        return self.files

    def _start_uploads(self, store_uri: str, directory):
        """Full stack: completed files go to GridFS on a thread of their own (never the reactor)."""
        from govspider.archive.gridfs import GridFsArchive
        from govspider.storage import open_store

        store = open_store(store_uri)
        self._gridfs = (store, GridFsArchive(store.db))
        self._uploads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govspider-warc-upload")
        for path in recover_leftovers(directory):  # files an earlier worker here completed or left open
            self._uploads.submit(self._upload, path)
        return lambda path: self._uploads.submit(self._upload, path)

    def _upload(self, path) -> None:
        try:
            if self._gridfs[1].upload(path):
                self.crawler.stats.inc_value("govspider/warc_files_uploaded")
        except Exception:  # noqa: BLE001 - the file stays on disk; the next worker start uploads it
            logger.exception("could not upload WARC file %s to GridFS (kept on disk)", path)
            self.crawler.stats.inc_value("govspider/warc_upload_errors")

    # -- every response
    def process_response(self, request, response, spider=None):
        files = self.files or self._open(spider or self.crawler.spider)
        meta = request.meta
        headers = _pairs(response.headers)
        extra = {}
        if meta.get("playwright"):
            # the rendered document, re-encoded by Chromium: the transfer headers no longer apply
            headers = [(k, v) for k, v in headers if k.lower() not in ("content-encoding", "content-length")]
            extra["WARC-Govspider-Rendered"] = "chromium"
        if "download_stopped" in (response.flags or []) or meta.get("link_check") == "GET":
            extra["WARC-Truncated"] = "length"  # a link check: the status line and headers are the evidence
        try:
            ref = files.write_exchange(
                response.url, method=request.method, request_headers=_pairs(request.headers),
                status=response.status, reason=REASONS.get(response.status, ""),
                protocol=getattr(response, "protocol", None) or "HTTP/1.1", response_headers=headers,
                body=response.body, ip=str(response.ip_address) if getattr(response, "ip_address", None) else None,
                extra=extra)
        except OSError:
            # a full disk must not stop the check: the page is still analysed, only without its record
            logger.exception("WARC write failed for %s", response.url)
            self.crawler.stats.inc_value("govspider/warc_errors")
            return response
        meta["archive"] = ref
        self.crawler.stats.inc_value("govspider/warc_records")
        return response

    def spider_closed(self, spider, reason):
        if self.files is not None:
            self.files.close()
            self.crawler.stats.set_value("govspider/warc_bytes", self.files.bytes_written)
        if self._uploads is not None:
            self._uploads.shutdown(wait=True)
            self._gridfs[0].close()
            self._uploads = self._gridfs = None


def _pairs(headers) -> list[tuple[str, str]]:
    """Scrapy's bytes headers as (name, value) text pairs, one per value, as received."""
    out = []
    for name, values in headers.items():
        key = name.decode("latin-1")
        for value in values:
            out.append((key, value.decode("latin-1")))
    return out


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"
