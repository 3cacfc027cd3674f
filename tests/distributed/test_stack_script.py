"""deploy/stack.sh starts Redis and FerretDB on loopback, writes the env file, and stops them by pid."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pymongo
import redis

from .services import ferretdb_binary

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "stack.sh"


def stack(cmd, env):
    return subprocess.run(["bash", str(SCRIPT), cmd], env=env, capture_output=True, text=True, timeout=120)


def test_start_status_stop(tmp_path):
    env = dict(os.environ, STACK_DIR=str(tmp_path / "stack"), STACK_NO_ES="1", FERRETDB_BIN=ferretdb_binary() or "")
    started = stack("start", env)
    try:
        assert started.returncode == 0, started.stderr
        lines = dict(line.removeprefix("export ").split("=", 1) for line in (tmp_path / "stack" / "env").read_text().splitlines()
                     if line.startswith("export "))
        assert lines["GOVSPIDER_REDIS_URL"].startswith("redis://127.0.0.1:")
        assert lines["GOVSPIDER_MONGO_URL"].startswith("mongodb://127.0.0.1:")
        assert redis.Redis.from_url(lines["GOVSPIDER_REDIS_URL"]).ping()
        pymongo.MongoClient(lines["GOVSPIDER_MONGO_URL"], serverSelectionTimeoutMS=3000).admin.command("ping")
        again = stack("start", env)  # idempotent: reuses the running services
        assert again.returncode == 0 and "already running" in again.stdout
        assert stack("status", env).returncode == 0
        pids = [int((tmp_path / "stack" / svc / f"{svc}.pid").read_text()) for svc in ("redis", "ferretdb")]
    finally:
        stopped = stack("stop", env)
    assert stopped.returncode == 0, stopped.stderr
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
    assert stack("status", env).returncode == 3
    assert not (tmp_path / "stack" / "env").exists()


def test_missing_ferretdb_is_a_clear_error(tmp_path):
    env = dict(os.environ, STACK_DIR=str(tmp_path / "stack"), STACK_NO_ES="1", FERRETDB_BIN=str(tmp_path / "nope"))
    result = stack("start", env)
    try:
        assert result.returncode == 2
        assert "ferretdb is not built" in result.stderr and "install-services.sh" in result.stderr
    finally:
        stack("stop", env)
