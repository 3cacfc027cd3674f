"""The hostile province crawled end to end (issue 12): bounded time and memory, nothing private
reached (the sandbox counts), no traceback, reports written, no veto caused by an attack, and the
true outcome of every case (govspider/sandbox/hostile.py, CASES)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import openpyxl
import pytest

from govspider.findings import precision_recall
from govspider.sandbox.hostile import PRIVATE_NAMES, HostileProvince
from govspider.sandbox.server import SandboxServer
from govspider.storage import open_store

from .conftest import AS_OF, REPO

TIME_BOUND_S = 240
MEMORY_BOUND_MB = 1500  # the crawl process and its Chromium, peak RSS of the largest


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    assert os.path.exists("/usr/bin/chromium"), "Debian chromium is required (apt-get install chromium)"
    root = tmp_path_factory.mktemp("hostile")
    with SandboxServer(province=HostileProvince(as_of=AS_OF), hold_seconds=30) as server:
        sites, truth, hosts = server.write_sites(root / "sites.yaml"), server.write_truth(root / "truth.jsonl"), \
            server.write_hosts(root / "hosts")
        env = {**os.environ, "http_proxy": server.proxy_url, "no_proxy": "", "GOVSPIDER_HOSTS_FILE": str(hosts),
               "GOVSPIDER_STATE_DIR": str(root / "state"), "PYTHONUNBUFFERED": "1"}
        env.pop("HTTP_PROXY", None)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "govspider.cli", "run", "--sites", str(sites), "--out", str(root / "out"),
             "--as-of", AS_OF, "--no-progress", "--max-pages", "40", "-s", "DOWNLOAD_TIMEOUT=5",
             "-s", "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT=8000", "-s", "GOVSPIDER_LINK_TIMEOUT=3"],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=TIME_BOUND_S + 120)
        elapsed = time.monotonic() - started
        peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        private = list(server.private_requests)
        requests = server.requests
    out = root / "out"
    with open_store(f"sqlite:///{out / 'pages.sqlite'}") as store:
        (record,) = store.list_campaigns()
        data = {
            "record": record,
            "states": {s["site_code"]: s for s in store.iter_site_states(record["id"])},
            "links": {l["target"]: l for l in store.iter_links(record["id"])},
            "pages": {p["url"]: p for p in store.iter_pages(record["id"])},
        }
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    truth = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    print(f"\nhostile province: {elapsed:.1f} s, peak RSS {peak_mb:.0f} MB, {requests} requests served, "
          f"{record.get('refused')} refused, {len(private)} to private addresses")
    return {"proc": proc, "elapsed": elapsed, "peak_mb": peak_mb, "private": private, "out": out,
            "findings": findings, "truth": truth, **data}


def test_finishes_bounded_with_reports_and_no_traceback(hostile):
    proc = hostile["proc"]
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert hostile["elapsed"] < TIME_BOUND_S
    assert hostile["peak_mb"] < MEMORY_BOUND_MB
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    for name in ("findings.jsonl", "sites.jsonl", "report.html", "report.xlsx"):
        assert (hostile["out"] / name).stat().st_size > 0
    assert hostile["record"]["partial"] is False


def test_nothing_private_reached(hostile):
    assert hostile["private"] == []  # counted by the sandbox's proxy, independently of the crawler
    refused = {r["url"].split("/")[2].split(":")[0] for r in hostile["states"]["4399000001"].get("refused_examples", [])}
    assert set(PRIVATE_NAMES) - {"intranet.jsredirect.gov.cn"} <= refused
    chromium = [r for r in hostile["record"].get("refused_examples", []) if r.get("via") == "chromium"]
    assert any("intranet.jsredirect.gov.cn" in r["url"] for r in chromium)  # location.href, seen by the proxy


def test_no_veto_caused_by_an_attack(hostile):
    truth = hostile["truth"]
    wanted = {(t["rule_id"], t["site_code"]) for t in truth if t.get("expect") != "none"}
    vetoes = {(f["rule_id"], f["site_code"]) for f in hostile["findings"] if f["severity"] == "veto" and not f.get("review")}
    assert vetoes <= wanted, vetoes - wanted
    assert ("site.unreachable", "4399000010") in vetoes  # the homepage that never answers is the one true veto
    table = precision_recall(hostile["findings"], truth)
    assert table.get("site.fake_closure", {}).get("findings", 0) == 0  # closed, redirecting to its portal


def test_true_causes_in_the_site_states(hostile):
    states = hostile["states"]
    expect = {"4399000002": (True, "too_large"), "4399000003": (True, "truncated"), "4399000004": (None, "robots_refused"),
              "4399000005": (True, "redirected_away"), "4399000006": (True, "render_failed"),
              "4399000007": (True, "render_failed"), "4399000008": (True, "render_failed"), "4399000009": (True, "ok"),
              "4399000010": (False, "timeout"), "4399000011": (True, "redirected_away")}
    got = {code: (states[code].get("reachable"), states[code].get("cause")) for code in expect}
    assert got == expect
    assert states["4399000004"]["attempts"] == []  # robots.txt refused it: no fetch was made
    assert len(states["4399000010"]["attempts"]) == 3 and all(a["error"] == "timeout" for a in states["4399000010"]["attempts"])
    for code in ("4399000006", "4399000007", "4399000008"):  # the plain body, never chrome-error://
        home = hostile["pages"][f"http://www.{states[code]['final_url'].split('www.')[1]}"]
        assert home["rendered"] is False and home["facts"]["title"].endswith("人民政府")


def test_every_linked_attack_leaves_its_record(hostile):
    links, pages = hostile["links"], hostile["pages"]
    base = "http://www.bomb.gov.cn"
    assert (links[f"{base}/loop/a.html"]["status"], links[f"{base}/loop/a.html"]["redirect"]) == (301, "redirect loop")
    assert links[f"{base}/chain/1.html"]["redirect"].startswith("too many redirects")
    assert links[f"{base}/gz/bomb.html"]["error"].startswith("too large")
    assert links[f"{base}/drip.html"]["error"] == links[f"{base}/hang.html"]["error"] == "timeout"
    assert links[f"{base}/query?a=1&b=2"]["status"] == 200  # fetched as written (?b=2&a=1), stored canonical
    assert links[f"{base}/big/declared.html"]["truncated"] and f"{base}/big/declared.html" not in pages
    assert pages[f"{base}/big/stream.html"]["truncated"] is True
    deep = pages[f"{base}/deep.html"]
    assert "http://www.bc-casino888.com/" in [link["url"] for link in deep["facts"]["links"]]
    long = pages[f"{base}/long.html"]
    assert len(long["facts"]["title"]) <= 500 and "title" in long["capped"]
    assert len(pages[f"{base}/links/all.html"]["facts"]["links"]) <= 5000
    assert sum(1 for p in pages if p.startswith(f"{base}/l/")) <= 40


def test_formula_in_a_site_name_is_a_text_cell(hostile):
    book = openpyxl.load_workbook(hostile["out"] / "report.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)
