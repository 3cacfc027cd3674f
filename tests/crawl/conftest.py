"""Crawl-area fixtures: run ``govspider crawl`` in a subprocess against the sandbox's forward proxy.

The Twisted reactor cannot restart, so every crawl is its own process; it reaches the simulated
province's realistic host names through ``http_proxy`` exactly as it would reach real sites.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govspider.storage import open_store

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-15"


def crawl_cmd(sites_file, store_uri, *extra, progress=False) -> list[str]:
    return [sys.executable, "-m", "govspider.cli", "crawl", "--sites", str(sites_file), "--store", store_uri,
            "--as-of", AS_OF, *([] if progress else ["--no-progress"]), *extra]


def pages_in(path: Path) -> int:
    """Pages stored so far in a SQLite store that a crawl is writing (0 while it cannot be read)."""
    import sqlite3

    try:
        with sqlite3.connect(path, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
    except sqlite3.Error:
        return 0


def crawl_env(sandbox, state_dir) -> dict:
    """The environment of a crawl of ``sandbox``: its proxy, and its hosts file (egress policy)."""
    Path(state_dir).mkdir(parents=True, exist_ok=True)
    hosts = sandbox.write_hosts(Path(state_dir) / "sandbox.hosts")
    env = dict(os.environ)
    env.update({"http_proxy": sandbox.proxy_url, "GOVSPIDER_STATE_DIR": str(state_dir), "PYTHONUNBUFFERED": "1",
                "GOVSPIDER_HOSTS_FILE": str(hosts)})
    env.pop("HTTP_PROXY", None)
    env["no_proxy"] = ""
    return env


def run_crawl(sandbox, sites_file, store_uri, state_dir, *extra, timeout=300,
              progress=False) -> tuple[subprocess.CompletedProcess, dict]:
    proc = subprocess.run(crawl_cmd(sites_file, store_uri, *extra, progress=progress), cwd=REPO, env=crawl_env(sandbox, state_dir),
                          capture_output=True, text=True, timeout=timeout)
    lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
    assert lines, f"no summary (exit {proc.returncode}):\n{proc.stderr[-4000:]}"
    return proc, json.loads(lines[-1])


class Crawled:
    """The finished crawl of the whole sandbox province, read back from its store."""

    def __init__(self, sandbox, summary, store_uri, stderr):
        self.sandbox, self.summary, self.store_uri, self.stderr = sandbox, summary, store_uri, stderr
        self.campaign = summary["campaign"]
        with open_store(store_uri) as store:
            self.pages = {p["url"]: p for p in store.iter_pages(self.campaign)}
            self.links = {l["target"]: l for l in store.iter_links(self.campaign)}
            self.states = {s["site_code"]: s for s in store.iter_site_states(self.campaign)}
            self.campaign_record = store.get_campaign(self.campaign)

    def site_pages(self, code):
        return [p for p in self.pages.values() if p["site_code"] == code]


@pytest.fixture(scope="session")
def crawled(sandbox, sandbox_files, tmp_path_factory):
    root = tmp_path_factory.mktemp("crawl")
    store_uri = f"sqlite:///{root}/store.sqlite"
    proc, summary = run_crawl(sandbox, sandbox_files[0], store_uri, root / "state")
    assert proc.returncode == 0, proc.stderr[-4000:]
    return Crawled(sandbox, summary, store_uri, proc.stderr)
