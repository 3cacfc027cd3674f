"""Completed WARC files in the page store's MongoDB (GridFS bucket ``warc``), for the full stack.

Workers write WARC files on their own disks; each completed file is uploaded under its own name
(unique per worker, see writer.py), so ``govspider analyze`` / ``report`` / ``evidence`` on any
machine that reads the store can open a record by ``{"warc", "offset"}``. GridFS is two plain
collections (``warc.files``, ``warc.chunks``): real MongoDB and FerretDB serve it alike.
"""

from __future__ import annotations

import logging
from pathlib import Path

import gridfs

logger = logging.getLogger(__name__)

BUCKET = "warc"


class GridFsArchive:
    """Upload and open WARC files in GridFS (``db`` is a pymongo Database)."""

    def __init__(self, db, bucket: str = BUCKET):
        self.bucket = gridfs.GridFSBucket(db, bucket_name=bucket)
        self._files = db[f"{bucket}.files"]

    def has(self, name: str) -> bool:
        return self._files.count_documents({"filename": name}, limit=1) > 0

    def upload(self, path) -> bool:
        """Store the file at ``path`` under its name unless it is there already; True when uploaded."""
        path = Path(path)
        if self.has(path.name):
            return False
        with open(path, "rb") as fh:
            self.bucket.upload_from_stream(path.name, fh, metadata={"bytes": path.stat().st_size})
        logger.info("WARC file %s uploaded to GridFS (%d bytes)", path.name, path.stat().st_size)
        return True

    def open(self, name: str):
        """A seekable read stream of the stored file ``name`` (``gridfs.errors.NoFile`` when absent)."""
        return self.bucket.open_download_stream_by_name(name)
