"""Runs govspider commands in a subprocess (the Twisted reactor cannot restart) through the
sandbox's forward proxy, the way they reach real sites through ``http_proxy``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def govspider_env(server, state_dir) -> dict:
    env = {**os.environ, "http_proxy": server.proxy_url, "GOVSPIDER_STATE_DIR": str(state_dir), "no_proxy": ""}
    env.pop("HTTP_PROXY", None)
    return env


def run_govspider(server, state_dir, *args, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govspider.cli", *map(str, args)], cwd=REPO,
                          env=govspider_env(server, state_dir), capture_output=True, text=True, timeout=timeout)


def run_crawl(server, sites_file, store_uri, state_dir, *extra) -> dict:
    """``govspider crawl`` without a browser; the summary it prints (the run must succeed)."""
    proc = run_govspider(server, state_dir, "crawl", "--sites", sites_file, "--store", store_uri, "--no-progress",
                         "-s", "GOVSPIDER_PLAYWRIGHT=false", *extra)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode == 0 and lines, f"exit {proc.returncode}:\n{proc.stderr[-4000:]}"
    return json.loads(lines[-1])
