"""WARC files as written: readable by warcio's own iterator and indexer, rotated, secrets left out."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from warcio.archiveiterator import ArchiveIterator

from govspider.archive import ArchiveNotFound, WarcFileSet, open_record
from govspider.archive.writer import OPEN_SUFFIX, recover_leftovers

BODY = ("<html><head><meta charset='gbk'></head><body>通知公告 2018年03月19日</body></html>").encode("gbk")


def write(files: WarcFileSet, n: int, **kw) -> list[dict]:
    return [files.write_exchange(f"http://www.csx.gov.cn/tzgg/{i}.html", method="GET",
                                 request_headers=[("User-Agent", "govspider"), ("Proxy-Authorization", "Basic c2VjcmV0")],
                                 status=200, reason="OK", protocol="HTTP/1.1",
                                 response_headers=[("Content-Type", "text/html; charset=gbk"), ("Transfer-Encoding", "chunked")],
                                 body=BODY, **kw) for i in range(n)]


def test_records_read_back_with_warcio_iterator_and_index(tmp_path):
    files = WarcFileSet(tmp_path, max_bytes=4000, info={"isPartOf": "t"})
    refs = write(files, 20)
    completed = files.close()
    assert len(completed) > 1 and not list(tmp_path.glob(f"*{OPEN_SUFFIX}"))  # rotated, all complete
    assert {r["warc"] for r in refs} == {p.name for p in completed}
    seen = {}
    for path in completed:
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                if record.rec_type == "response":
                    assert record.http_headers.get_header("Transfer-Encoding") is None  # Scrapy undid it
                    body = record.content_stream().read()
                    seen[(path.name, records.get_record_offset())] = (record.rec_headers.get_header("WARC-Record-ID"), body)
                elif record.rec_type == "request":
                    assert record.http_headers.get_header("Proxy-Authorization") is None
                    assert record.rec_headers.get_header("WARC-Concurrent-To")
    for ref in refs:
        assert seen[(ref["warc"], ref["offset"])] == (ref["record_id"], BODY)
    # warcio's own indexer (the `warcio index` command) lists the same offsets
    out = subprocess.run([sys.executable, "-m", "warcio.cli", "index", "-f", "warc-type,warc-record-id,offset",
                          *map(str, completed)], capture_output=True, text=True, check=True).stdout
    index = [json.loads(line) for line in out.splitlines()]
    indexed = {(row["warc-record-id"], int(row["offset"])) for row in index if row["warc-type"] == "response"}
    assert {(r["record_id"], r["offset"]) for r in refs} <= indexed
    assert sum(row["warc-type"] == "warcinfo" for row in index) == len(completed)


def test_open_record_decodes_and_checks_the_record_id(tmp_path):
    files = WarcFileSet(tmp_path)
    ref = write(files, 3)[1]
    files.flush()  # still .open: a reader finds the file being written too
    record = open_record(ref, [tmp_path])
    assert record.status == 200 and record.url.endswith("/tzgg/1.html")
    assert "通知公告" in record.text()  # the page's own charset (gbk) is honoured
    files.close()
    with pytest.raises(ArchiveNotFound, match="holds"):
        open_record({**ref, "record_id": "<urn:uuid:00000000-0000-0000-0000-000000000000>"}, [tmp_path])
    with pytest.raises(ArchiveNotFound, match="not reachable"):
        open_record({**ref, "warc": "missing.warc.gz"}, [tmp_path])
    with pytest.raises(ArchiveNotFound, match="not a WARC file name"):
        open_record({**ref, "warc": "../etc/passwd"}, [tmp_path])


def test_a_dead_workers_open_file_is_completed_for_upload(tmp_path):
    files = WarcFileSet(tmp_path)
    write(files, 2)
    files.flush()
    open_file = next(tmp_path.glob(f"*{OPEN_SUFFIX}"))
    # the same file name, as a process that no longer runs would have left it
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    orphan = tmp_path / open_file.name.replace(f"~{os.getpid()}.", f"~{dead}.")
    orphan.write_bytes(open_file.read_bytes())
    completed = recover_leftovers(tmp_path)
    assert orphan.name[: -len(OPEN_SUFFIX)] in {p.name for p in completed}
    assert open_file.exists()  # a live writer's file is left alone
    files.close()
