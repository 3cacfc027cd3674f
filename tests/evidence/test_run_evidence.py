"""`govspider run` keeps the page as fetched: every page, robots.txt and link check in OUT/warc/,
the store and every finding pointing to its record, `govspider evidence` showing it, screenshots made."""

from __future__ import annotations

import collections
import subprocess
import sys

from warcio.archiveiterator import ArchiveIterator

from govspider.crawling.urls import canonical_url
from govspider.storage import open_store

from .conftest import REPO


def _responses(out):
    found = {}
    for path in sorted((out / "warc").glob("*.warc.gz")):
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                if record.rec_type == "response":
                    uri = record.rec_headers.get_header("WARC-Target-URI")
                    record.content_stream().read()
                    found[(path.name, records.get_record_offset())] = (record.rec_headers.get_header("WARC-Record-ID"), uri)
    return found


def test_every_page_and_check_is_archived_where_the_store_says(evidence_run):
    out = evidence_run.out
    assert not list((out / "warc").glob("*.open"))  # the crawl completed its files
    responses = _responses(out)
    with open_store(evidence_run.store_uri) as store:
        campaign = store.list_campaigns()[0]["id"]
        pages = list(store.iter_pages(campaign))
        links = list(store.iter_links(campaign))
    assert pages and all(p.get("archive") for p in pages)
    for page in pages:
        ref = page["archive"]
        record_id, fetched_url = responses[(ref["warc"], ref["offset"])]
        assert (record_id, canonical_url(fetched_url)) == (ref["record_id"], page["url"])  # archived as fetched
    checked = [link for link in links if link.get("status") is not None]
    assert checked and all(link.get("archive") for link in checked)  # every status seen is archived
    targets = [uri for _, uri in responses.values()]
    assert any(uri.endswith("/robots.txt") for uri in targets)
    methods = collections.Counter()
    for path in (out / "warc").glob("*.warc.gz"):
        with open(path, "rb") as fh:
            methods.update(r.http_headers.protocol for r in ArchiveIterator(fh) if r.rec_type == "request")
    assert methods["HEAD"] > 0 and methods["GET"] >= len(pages)  # link checks kept their status lines too


def test_findings_point_to_their_record_and_evidence_prints_it(evidence_run):
    findings = evidence_run.findings
    assert findings and all(f.get("archive") for f in findings if f["rule_id"] != "site.unreachable")
    broken = next(f for f in findings if f["rule_id"] == "link.broken")
    proc = subprocess.run([sys.executable, "-m", "govspider.cli", "evidence", broken["finding_id"][:10], "--store",
                           str(evidence_run.out)], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert broken["archive"]["record_id"] in proc.stdout
    status = broken["details"]["status"]
    assert f" {status} " in proc.stdout  # the link check's own status line
    guide = next(f for f in findings if f["rule_id"] == "guide.blank_field")
    page_file = evidence_run.out / "page.html"
    proc = subprocess.run([sys.executable, "-m", "govspider.cli", "evidence", guide["finding_id"], "--store",
                           str(evidence_run.out), "--out", str(page_file)], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Content-Type:" in proc.stdout and guide["details"]["item"] in page_file.read_bytes().decode("utf-8")
    proc = subprocess.run([sys.executable, "-m", "govspider.cli", "evidence", "ffffffffff", "--store", str(evidence_run.out)],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "no finding" in proc.stderr


def test_serious_findings_get_screenshots(evidence_run):
    serious = [f for f in evidence_run.findings if f["severity"] in ("veto", "deduct") and f.get("archive")]
    assert serious and all(f.get("screenshot") for f in serious)
    assert all((evidence_run.out / f["screenshot"]).is_file() and (evidence_run.out / f["screenshot_thumb"]).is_file()
               for f in serious)
    assert not any(f.get("screenshot") for f in evidence_run.findings if f["severity"] == "info" and not f.get("review"))
    assert "问题截图" in evidence_run.stdout
