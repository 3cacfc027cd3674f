"""The web archive (ISO 28500 WARC, written and read with warcio): every response as fetched.

- :mod:`.writer` — :class:`WarcFileSet`, a rotating set of ``.warc.gz`` files;
- :mod:`.middleware` — the Scrapy downloader middleware that archives every response;
- :mod:`.gridfs` — completed files in the store's MongoDB (full stack);
- :mod:`.reader` — :func:`open_record`: one archived response back from its reference;
- :mod:`.attach` — findings point to the record they rest on (``finding["archive"]``).
"""

from govspider.archive.reader import ArchivedResponse, ArchiveNotFound, archive_dirs_for_store, open_record
from govspider.archive.writer import WarcFileSet, archive_ref

__all__ = ["ArchivedResponse", "ArchiveNotFound", "WarcFileSet", "archive_dirs_for_store", "archive_ref", "open_record"]
