"""Running crawls: Ctrl-C and resume, the robots.txt override, `scrapy crawl site`, bad sites files."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from govspider.storage import open_store

from .conftest import REPO, crawl_cmd, crawl_env, pages_in, run_crawl


def test_ctrl_c_stops_cleanly_and_the_same_command_resumes(sandbox, sandbox_files, crawled, tmp_path):
    db = tmp_path / "store.sqlite"
    store_uri = f"sqlite:///{db}"
    proc = subprocess.Popen(crawl_cmd(sandbox_files[0], store_uri), cwd=REPO, env=crawl_env(sandbox, tmp_path / "state"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and pages_in(db) < 500 and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, "the crawl ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 130, err[-3000:]
    first = json.loads([l for l in out.splitlines() if l.startswith("{")][-1])
    assert first["close_reason"] == "shutdown" and not first["finished"]
    assert first["pages"] < crawled.summary["pages"] and first["partial"] is True

    again, second = run_crawl(sandbox, sandbox_files[0], store_uri, tmp_path / "state")
    assert again.returncode == 0 and second["finished"], again.stderr[-3000:]
    assert second["campaign"] == first["campaign"] == crawled.campaign
    # resumed, not restarted: the second run fetched only what the first had not
    assert second["pages_this_run"] <= crawled.summary["pages"] - first["pages"] + 40
    with open_store(store_uri) as store:
        urls = {p["url"] for p in store.iter_pages(second["campaign"])}
    assert urls == set(crawled.pages)
    assert second["partial"] is False and not Path(second["job_dir"]).exists()


def test_ignore_robots_is_recorded(sandbox, sandbox_files, tmp_path):
    hazard = next(m for m in sandbox.province.models if m.hazards)
    sites = tmp_path / "one.yaml"
    row = {k: v for k, v in hazard.site.to_dict().items() if k != "service_hall"}
    sites.write_text(yaml.safe_dump([row], allow_unicode=True), encoding="utf-8")
    store_uri = f"sqlite:///{tmp_path}/store.sqlite"
    proc, summary = run_crawl(sandbox, sites, store_uri, tmp_path / "state", "--ignore-robots", "--max-depth", "1",
                              progress=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert summary["robots_ignored"] is True
    # the progress display (sites done/total, pages, pages/s, errors), the log in the state dir
    assert "1/1 sites" in proc.stderr and "pages/s" in proc.stderr and "errors" in proc.stderr
    assert Path(summary["log_file"]).is_file() and "Spider closed (finished)" in Path(summary["log_file"]).read_text()
    with open_store(store_uri) as store:
        assert store.get_campaign(summary["campaign"])["robots_ignored"] is True
        (state,) = store.iter_site_states(summary["campaign"])
        assert state["robots_ignored"] is True
        assert store.get_page(summary["campaign"], f"http://{hazard.host}/admin/login.html") is not None
        assert max(p["depth"] for p in store.iter_pages(summary["campaign"])) == 1


def test_scrapy_crawl_site_from_repo_root(sandbox, sandbox_files, tmp_path):
    model = next(m for m in sandbox.province.models if m.reachable and not m.site.closed and not m.hazards)
    sites = tmp_path / "one.yaml"
    row = {k: v for k, v in model.site.to_dict().items() if k != "service_hall"}
    sites.write_text(yaml.safe_dump([row], allow_unicode=True), encoding="utf-8")
    store_uri = f"sqlite:///{tmp_path}/store.sqlite"
    env = crawl_env(sandbox, tmp_path / "state")
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "site", "-a", f"sites={sites}", "-a", "max_depth=1",
                           "-a", "campaign=scrapy-cli", "-s", f"GOVSPIDER_STORE_URI={store_uri}", "-s", "LOG_LEVEL=WARNING"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    with open_store(store_uri) as store:
        home = store.get_page("scrapy-cli", f"http://{model.host}/")
        assert home is not None and home["facts"]["title"]
        assert store.count_pages("scrapy-cli") > 5


def test_bad_sites_file_exits_2_and_crawls_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- site_code: '1'\n  name: 坏站点\n  region: 长沙市\n  level: town\n  kind: portal\n  url: ftp://x\n", encoding="utf-8")
    store = tmp_path / "store.sqlite"
    proc = subprocess.run([sys.executable, "-m", "govspider.cli", "crawl", "--sites", str(bad), "--store", f"sqlite:///{store}"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "`level` must be one of" in proc.stderr and "line 4" in proc.stderr
    assert not store.exists()


def test_render_js_always_renders_every_page(sandbox, tmp_path):
    import os

    assert os.path.exists("/usr/bin/chromium"), "Debian chromium is required (apt-get install chromium)"
    model = next(m for m in sandbox.province.models if m.reachable and not m.site.closed and not m.hazards)
    row = {k: v for k, v in model.site.to_dict().items() if k != "service_hall"}
    row["render_js"] = "always"
    sites = tmp_path / "always.yaml"
    sites.write_text(yaml.safe_dump([row], allow_unicode=True), encoding="utf-8")
    store_uri = f"sqlite:///{tmp_path}/store.sqlite"
    proc, summary = run_crawl(sandbox, sites, store_uri, tmp_path / "state", "--max-depth", "1", "--max-pages", "4")
    assert proc.returncode == 0, proc.stderr[-3000:]
    with open_store(store_uri) as store:
        pages = list(store.iter_pages(summary["campaign"]))
    assert len(pages) == 4 and all(p["rendered"] for p in pages)
    home = next(p for p in pages if p["depth"] == 0)
    assert home["facts"]["title"] == sandbox.province.page_model(model.host, "/")["title"]


def test_site_that_refuses_connections_is_unreachable(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    sites = tmp_path / "dead.yaml"
    sites.write_text(yaml.safe_dump([{"site_code": "4399999999", "name": "已下线测试站", "region": "长沙市", "level": "county",
                                      "kind": "portal", "url": f"http://127.0.0.1:{port}/"}], allow_unicode=True), encoding="utf-8")
    store_uri = f"sqlite:///{tmp_path}/store.sqlite"
    env = {k: v for k, v in __import__("os").environ.items() if k.lower() != "http_proxy"}
    env["GOVSPIDER_STATE_DIR"] = str(tmp_path / "state")
    proc = subprocess.run([sys.executable, "-m", "govspider.cli", "crawl", "--sites", str(sites), "--store", store_uri,
                           "--as-of", "2026-11-15", "--no-progress", "-s", "GOVSPIDER_PLAYWRIGHT=False"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    summary = json.loads([l for l in proc.stdout.splitlines() if l.startswith("{")][-1])
    assert summary["sites_unreachable"] == ["4399999999"] and summary["pages"] == 0
    with open_store(store_uri) as store:
        (state,) = store.iter_site_states(summary["campaign"])
    assert state["reachable"] is False and state["error"] == "connection refused" and state["finished"] is True
