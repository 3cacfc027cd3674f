"""Faults during a run (issue 12): SIGKILL then resume equals an uninterrupted run; Ctrl-C exits non-zero
with a partial report and no veto on what was never visited; a full disk stops the crawl resumably;
an output directory that cannot be written is refused before anything is crawled."""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from govspider.sites import dump_sites_yaml
from govspider.storage import open_store

from .conftest import AS_OF, REPO, crawl_env, pages_in

#: sites of the sandbox (seed 7) with the most pages and defects, unpaired (no service hall)
NAMES = ("长沙县人民政府", "株洲市人民政府", "湖南省教育厅")


@pytest.fixture(scope="module")
def subset(sandbox, tmp_path_factory):
    root = tmp_path_factory.mktemp("faults")
    sites = [dataclasses.replace(s, service_hall=None) for s in sandbox.province.sites if s.name in NAMES]
    assert len(sites) == len(NAMES), [s.name for s in sandbox.province.sites]
    path = root / "sites.yaml"
    path.write_text(dump_sites_yaml(sites), encoding="utf-8")
    return path


def run_cmd(sites, out) -> list[str]:
    return [sys.executable, "-m", "govspider.cli", "run", "--sites", str(sites), "--out", str(out), "--as-of", AS_OF,
            "--no-progress", "-s", "GOVSPIDER_PLAYWRIGHT=False"]


def comparable(out: Path) -> set:
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    return {(f["rule_id"], f["site_code"], f.get("url"), f.get("severity"), bool(f.get("review")),
             json.dumps(f.get("details") or {}, sort_keys=True, ensure_ascii=False)) for f in findings}


def start_and_wait(cmd, env, db: Path, pages: int) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and pages_in(db) < pages and proc.poll() is None:
        time.sleep(0.1)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    return proc


@pytest.fixture(scope="module")
def reference(sandbox, subset, tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    proc = subprocess.run(run_cmd(subset, out), cwd=REPO, env=crawl_env(sandbox, out / "state"), capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    with open_store(f"sqlite:///{out / 'pages.sqlite'}") as store:
        (record,) = store.list_campaigns()
        urls = {p["url"] for p in store.iter_pages(record["id"])}
    assert len(urls) > 150
    return {"findings": comparable(out), "urls": urls}


def test_sigkill_then_resume_equals_an_uninterrupted_run(sandbox, subset, reference, tmp_path):
    out, env = tmp_path / "out", crawl_env(sandbox, tmp_path / "state")
    proc = start_and_wait(run_cmd(subset, out), env, out / "pages.sqlite", len(reference["urls"]) // 3)
    os.killpg(proc.pid, signal.SIGKILL)  # the crawl and anything it started
    proc.communicate(timeout=30)
    killed_at = pages_in(out / "pages.sqlite")
    assert 0 < killed_at < len(reference["urls"])
    again = subprocess.run(run_cmd(subset, out), cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    with open_store(f"sqlite:///{out / 'pages.sqlite'}") as store:
        (record,) = store.list_campaigns()
        assert record["partial"] is False and record["runs"] == 2
        assert {p["url"] for p in store.iter_pages(record["id"])} == reference["urls"]
    assert comparable(out) == reference["findings"]


def test_ctrl_c_exits_non_zero_with_a_partial_report_then_resumes(sandbox, subset, reference, tmp_path):
    out, env = tmp_path / "out", crawl_env(sandbox, tmp_path / "state")
    proc = start_and_wait(run_cmd(subset, out), env, out / "pages.sqlite", 20)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stderr[-3000:]
    assert "抓取未完成" in stdout and "抓取完成" not in stdout and "部分结果" in stdout
    with open_store(f"sqlite:///{out / 'pages.sqlite'}") as store:
        (record,) = store.list_campaigns()
        states = {s["site_code"]: s for s in store.iter_site_states(record["id"])}
    assert record["partial"] is True
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    for f in findings:
        if f["rule_id"] == "site.unreachable":  # only a site whose homepage failed every attempt made
            assert f.get("review") or len(states[f["site_code"]].get("attempts") or []) >= 3, f
    again = subprocess.run(run_cmd(subset, out), cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    assert comparable(out) == reference["findings"]


def _fill_the_disk_at(limit: int):
    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_file_size


def test_disk_full_stops_the_crawl_resumably(sandbox, subset, reference, tmp_path):
    store = tmp_path / "store.sqlite"
    cmd = [sys.executable, "-m", "govspider.cli", "crawl", "--sites", str(subset), "--store", f"sqlite:///{store}",
           "--as-of", AS_OF, "--no-progress", "--campaign", "full", "-s", "GOVSPIDER_PLAYWRIGHT=False"]
    env = crawl_env(sandbox, tmp_path / "state")
    full = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
                          preexec_fn=_fill_the_disk_at(1024 * 1024))
    assert full.returncode == 1, full.stderr[-3000:]
    assert "could not be written" in full.stderr and "run the same command again" in full.stderr
    assert full.stderr.count("cannot write to the page store") == 1  # it stops at once, not after thousands of errors
    summary = json.loads([line for line in full.stdout.splitlines() if line.startswith("{")][-1])
    assert summary["close_reason"] == "store_write_failed" and summary["partial"] is True
    again = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    with open_store(f"sqlite:///{store}") as s:
        assert {p["url"] for p in s.iter_pages("full")} == reference["urls"]


def test_read_only_out_dir_is_refused_before_crawling(subset):
    """Run as an unprivileged user (a user namespace: root ignores directory permissions)."""
    unshare = shutil.which("unshare")
    assert unshare, "util-linux `unshare` is required"
    root = Path(tempfile.mkdtemp(prefix="govspider-ro-"))
    try:
        root.chmod(0o755)
        sites = root / "sites.yaml"
        shutil.copy(subset, sites)
        sites.chmod(0o644)
        out = root / "out"
        out.mkdir(mode=0o555)
        env = {**os.environ, "GOVSPIDER_STATE_DIR": str(root / "state")}
        (root / "state").mkdir(mode=0o777)
        (root / "state").chmod(0o777)
        proc = subprocess.run([unshare, "-U", *run_cmd(sites, out)], cwd=REPO, env=env, capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
        assert "不可写" in proc.stderr and str(out) in proc.stderr
        assert list(out.iterdir()) == []
    finally:
        shutil.rmtree(root, ignore_errors=True)
