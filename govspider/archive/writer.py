"""A rotating set of WARC files (ISO 28500, WARC/1.1) written with warcio — the page as fetched.

:class:`WarcFileSet` appends request/response record pairs to ``DIR/PREFIX-TIMESTAMP-SERIAL-HOST~PID.warc.gz``
(the IIPC naming convention: every file name is unique across workers and machines). A file being
written carries the suffix ``.open`` (Heritrix's convention) and is renamed when it is complete: at
``max_bytes`` (a new file of the set begins) or on :meth:`close`. Each file starts with a
``warcinfo`` record; each record is its own gzip member, so a record is read back by seeking to its
offset (what the page store keeps: :class:`ArchiveRef`).

warcio builds and serialises every record (headers, digests); the gzip member is made here with
zlib at level 6 (warcio's own wrapper uses level 9, about twice the CPU for 2–3 % smaller files).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import socket
import threading
import zlib
from pathlib import Path
from typing import Callable, Iterable

from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

#: suffix of a WARC file still being written
OPEN_SUFFIX = ".open"
#: request headers never archived (credentials of the crawler's own proxy or site logins)
SECRET_HEADERS = {"proxy-authorization", "authorization"}
#: response headers that no longer describe the archived bytes (Scrapy has already undone them)
UNDONE_HEADERS = {"transfer-encoding"}


def archive_ref(warc: str, offset: int, record_id: str) -> dict:
    """Where a record is kept: ``{"warc": file name, "offset": bytes, "record_id": "<urn:uuid:…>"}``."""
    return {"warc": warc, "offset": int(offset), "record_id": record_id}


class WarcFileSet:
    """Appends records to rotating WARC files in ``directory``; thread-safe.

    ``on_complete(path)`` is called (outside the lock) with every file that is complete — rotated
    away or closed — e.g. to upload it to the store's GridFS.
    """

    def __init__(self, directory, prefix: str = "govspider", max_bytes: int = 1_000_000_000,
                 info: dict | None = None, on_complete: Callable[[Path], None] | None = None,
                 compress_level: int = 6):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.max_bytes = int(max_bytes)
        self.info = dict(info or {})
        self.on_complete = on_complete
        self.compress_level = compress_level
        self._lock = threading.Lock()
        self._serial = 0
        self._fh = None
        self._name: str | None = None
        self._records = RecordBuilder(warc_version="1.1")
        self._local = threading.local()
        self.bytes_written = 0
        self.records_written = 0
        self.completed: list[Path] = []

    # -- writing ---------------------------------------------------------------------------------
    def write_exchange(self, url: str, *, method: str, request_headers: Iterable[tuple[str, str]],
                       status: int, reason: str, protocol: str, response_headers: Iterable[tuple[str, str]],
                       body: bytes, ip: str | None = None, extra: dict | None = None) -> dict:
        """Archive one HTTP exchange (a response and the request that asked for it); returns the
        response record's :func:`archive_ref`."""
        http = StatusAndHeaders(f"{status} {reason}".strip(), _clean(response_headers, UNDONE_HEADERS),
                                protocol=protocol or "HTTP/1.1")
        warc_headers = {"WARC-IP-Address": ip} if ip else {}
        warc_headers.update(extra or {})
        response = self._records.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                                    http_headers=http, warc_headers_dict=warc_headers)
        target = _request_target(url)
        request = self._records.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0,
            http_headers=StatusAndHeaders(f"{method} {target} HTTP/1.1", _clean(request_headers, SECRET_HEADERS),
                                          is_http_request=True))
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        request.rec_headers.add_header("WARC-Concurrent-To", record_id)
        request.rec_headers.replace_header("WARC-Date", response.rec_headers.get_header("WARC-Date"))
        response_bytes, request_bytes = self._member(response), self._member(request)
        done = None
        with self._lock:
            if self._fh is not None and self._fh.tell() + len(response_bytes) > self.max_bytes:
                done = self._finish()
            if self._fh is None:
                self._begin()
            offset = self._fh.tell()
            self._fh.write(response_bytes)
            self._fh.write(request_bytes)
            self.bytes_written += len(response_bytes) + len(request_bytes)
            self.records_written += 2
            name = self._name
        if done is not None:
            self._completed(done)
        return archive_ref(name, offset, record_id)

    def flush(self) -> None:
        with self._lock:
            if self._fh is not None:
                self._fh.flush()

    def close(self) -> list[Path]:
        """Complete the file being written; returns every file this set completed."""
        with self._lock:
            done = self._finish() if self._fh is not None else None
        if done is not None:
            self._completed(done)
        return list(self.completed)

    # -- files -----------------------------------------------------------------------------------
    def _begin(self) -> None:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S%f")[:17]
        host = socket.gethostname().split(".")[0] or "host"
        self._name = f"{self.prefix}-{stamp}-{self._serial:05d}-{host}~{os.getpid()}.warc.gz"
        self._serial += 1
        self._fh = open(self.directory / (self._name + OPEN_SUFFIX), "wb")
        info = self._records.create_warcinfo_record(self._name, {"format": "WARC File Format 1.1",
                                                                 "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
                                                                 **self.info})
        self._fh.write(self._member(info))

    def _finish(self) -> Path:
        self._fh.close()
        self._fh = None
        final = self.directory / self._name
        os.replace(self.directory / (self._name + OPEN_SUFFIX), final)
        self.completed.append(final)
        return final

    def _completed(self, path: Path) -> None:
        if self.on_complete is not None:
            self.on_complete(path)

    def _member(self, record) -> bytes:
        """One record as one gzip member (warcio serialises, zlib compresses)."""
        buf = io.BytesIO()
        writer = getattr(self._local, "writer", None)
        if writer is None:  # warcio's writer keeps its output stream: one per thread
            writer = self._local.writer = WARCWriter(None, gzip=False, warc_version="1.1")
        writer.out = buf
        writer.write_record(record)
        compressor = zlib.compressobj(self.compress_level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        return compressor.compress(buf.getvalue()) + compressor.flush()


def _clean(headers: Iterable[tuple[str, str]], drop: set[str]) -> list[tuple[str, str]]:
    return [(name, value) for name, value in headers if name.lower() not in drop]


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def recover_leftovers(directory) -> list[Path]:
    """Complete WARC files in ``directory`` (e.g. to upload them), after completing those left
    ``.open`` by a process of this host that no longer runs (a killed worker): its records up to
    the last whole one stay readable."""
    directory = Path(directory)
    host = socket.gethostname().split(".")[0] or "host"
    for path in sorted(directory.glob(f"*.warc.gz{OPEN_SUFFIX}")):
        name = path.name[: -len(OPEN_SUFFIX)]
        owner = name[: -len(".warc.gz")].rsplit("-", 1)[-1]
        owner_host, _, pid = owner.partition("~")
        if owner_host == host and pid.isdigit() and not _alive(int(pid)):
            os.replace(path, directory / name)
    return sorted(directory.glob("*.warc.gz"))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
