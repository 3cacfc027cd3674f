"""Helpers of the end-to-end tests: run govspider commands as processes against the sandbox province."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from govspider.sites import dump_sites_yaml

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-15"
#: no headless browser in these runs (both sides alike); a cluster-wide rate that still allows speed
COMMON = ["-s", "GOVSPIDER_PLAYWRIGHT=False"]


def cli(*args) -> list[str]:
    return [sys.executable, "-m", "govspider.cli", *map(str, args)]


def env_for(sandbox, tmp_path, redis_url=None, mongo_uri=None) -> dict:
    env = dict(os.environ)
    env.update({"http_proxy": sandbox.proxy_url, "no_proxy": "", "GOVSPIDER_STATE_DIR": str(tmp_path / "state"),
                "PYTHONUNBUFFERED": "1"})
    env.pop("HTTP_PROXY", None)
    if redis_url:
        env["GOVSPIDER_REDIS_URL"] = redis_url
    if mongo_uri:
        env["GOVSPIDER_MONGO_URL"] = mongo_uri
    return env


def pick(sandbox, names) -> set[str]:
    """site_codes of the named sites, plus the service hall paired with any portal among them."""
    sites = sandbox.province.sites
    codes = {s.site_code for s in sites if s.name in names}
    codes |= {s.service_hall for s in sites if s.site_code in codes and s.service_hall}
    assert len(codes) >= len(names), f"sandbox has no site named {set(names) - {s.name for s in sites}}"
    return codes


def write_subset(sandbox, codes, path: Path) -> list:
    sites = [s for s in sandbox.province.sites if s.site_code in codes]
    path.write_text(dump_sites_yaml(sites), encoding="utf-8")
    return sites


def run(args, env, timeout=240) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{args[3:]} exit {proc.returncode}:\n{proc.stderr[-3000:]}"
    return proc


def reference_urls(sandbox, tmp_path, sites_file) -> set[str]:
    """URLs an uninterrupted embedded crawl of ``sites_file`` stores: what a faulty run must match."""
    from govspider.storage import open_store

    ref_uri = f"sqlite:///{tmp_path}/ref.sqlite"
    run(cli("crawl", "--sites", sites_file, "--store", ref_uri, "--as-of", AS_OF, "--campaign", "ref", "--no-progress",
            *COMMON), env_for(sandbox, tmp_path))
    with open_store(ref_uri) as ref:
        return {p["url"] for p in ref.iter_pages("ref")}


def start_workers(n, campaign, env, *extra) -> list[subprocess.Popen]:
    return [subprocess.Popen(cli("worker", "--campaign", campaign, "--site-rate", 25, *COMMON, *extra), cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(n)]


def finish(proc: subprocess.Popen, timeout=240) -> dict:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"worker exit {proc.returncode}:\n{err[-3000:]}"
    lines = [line for line in out.splitlines() if line.startswith("{")]
    assert lines, err[-3000:]
    return json.loads(lines[-1])


def comparable(findings) -> set:
    """What a finding says, without campaign-specific ids."""
    return {(f["rule_id"], f["site_code"], f.get("url"), json.dumps(f.get("details") or {}, sort_keys=True, ensure_ascii=False))
            for f in findings}
