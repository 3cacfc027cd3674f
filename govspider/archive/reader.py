"""Read one archived exchange back by its :func:`~govspider.archive.writer.archive_ref`.

:func:`open_record` looks for the WARC file in the given directories (the file complete or still
``.open``), then in the store's GridFS bucket (full stack), seeks to the offset and parses the
record with warcio's :class:`~warcio.archiveiterator.ArchiveIterator`; the record id must match
the reference, so a reference never silently resolves to another page.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterable

from warcio.archiveiterator import ArchiveIterator

from govspider.archive.location import sqlite_path
from govspider.archive.writer import OPEN_SUFFIX


class ArchiveNotFound(LookupError):
    """The WARC file or record a reference names is not reachable from here."""


@dataclasses.dataclass
class ArchivedResponse:
    """One archived HTTP response: what was fetched, when, and where it is kept."""

    url: str
    date: str                      # WARC-Date (fetch time, UTC)
    record_id: str
    warc: str
    offset: int
    status: int
    protocol: str
    status_line: str
    headers: list[tuple[str, str]]
    body: bytes                    # content- and transfer-decoded
    warc_headers: list[tuple[str, str]]

    def header(self, name: str, default: str | None = None) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), default)

    @property
    def content_type(self) -> str | None:
        return self.header("Content-Type")

    @property
    def rendered(self) -> bool:
        return any(k.lower() == "warc-govspider-rendered" for k, _ in self.warc_headers)

    def text(self) -> str | None:
        """The body decoded as a browser would (HTTP charset, BOM, <meta charset>), or None when binary."""
        from w3lib.encoding import html_to_unicode

        ctype = (self.content_type or "").lower()
        if ctype and not any(t in ctype for t in ("text", "html", "xml", "json", "javascript")):
            return None
        _, text = html_to_unicode(self.content_type, self.body)
        return text


def archive_dirs_for_store(store_uri: str | None) -> list[Path]:
    """The local directories where a store's WARC files are (``warc/`` beside a SQLite store)."""
    path = sqlite_path(store_uri or "")
    return [path.resolve().parent / "warc"] if path is not None else []


def open_record(ref: dict, dirs: Iterable[Path] = (), store=None) -> ArchivedResponse:
    """The response record ``ref`` names (``{"warc", "offset", "record_id"}``)."""
    if not ref or not ref.get("warc"):
        raise ArchiveNotFound("the finding or page has no archived record")
    name, offset = ref["warc"], int(ref.get("offset") or 0)
    if "/" in name or "\\" in name or name.startswith("."):
        raise ArchiveNotFound(f"not a WARC file name: {name!r}")
    for directory in dirs:
        for candidate in (Path(directory) / name, Path(directory) / (name + OPEN_SUFFIX)):
            if candidate.is_file():
                with open(candidate, "rb") as fh:
                    return _read_at(fh, ref, offset)
    db = getattr(store, "db", None)
    if db is not None:
        import gridfs

        from govspider.archive.gridfs import GridFsArchive

        try:
            stream = GridFsArchive(db).open(name)
        except gridfs.errors.NoFile:
            pass
        else:
            with stream:
                return _read_at(stream, ref, offset)
    where = ", ".join(str(d) for d in dirs) or "no local directory"
    raise ArchiveNotFound(f"WARC file {name} is not reachable ({where}{'; GridFS' if db is not None else ''})")


def _read_at(fh, ref: dict, offset: int) -> ArchivedResponse:
    fh.seek(offset)
    for record in ArchiveIterator(fh):
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        if ref.get("record_id") and record_id != ref["record_id"]:
            raise ArchiveNotFound(f"{ref['warc']} at {offset} holds {record_id}, not {ref['record_id']}")
        http = record.http_headers
        return ArchivedResponse(
            url=record.rec_headers.get_header("WARC-Target-URI"), date=record.rec_headers.get_header("WARC-Date"),
            record_id=record_id, warc=ref["warc"], offset=offset, status=int(http.get_statuscode() or 0),
            protocol=http.protocol, status_line=http.statusline, headers=list(http.headers),
            body=record.content_stream().read(), warc_headers=list(record.rec_headers.headers))
    raise ArchiveNotFound(f"no record in {ref['warc']} at offset {offset}")
