"""Real Redis and FerretDB for the distributed tests: the started stack (env) or private servers.

A missing server binary or a server that does not answer FAILS the test (never skips): these tests
claim integration with the real services.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check, what: str, proc=None, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"{what} exited with {proc.returncode} at start")
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.1)
    pytest.fail(f"{what} did not answer within {timeout}s")


def ferretdb_binary() -> str | None:
    candidates = [os.environ.get("FERRETDB_BIN"), shutil.which("ferretdb")]
    try:
        gopath = subprocess.run(["go", "env", "GOPATH"], capture_output=True, text=True, timeout=20).stdout.strip()
        candidates.append(os.path.join(gopath, "bin", "ferretdb"))
    except (OSError, subprocess.SubprocessError):
        pass
    candidates.append(os.path.expanduser("~/go/bin/ferretdb"))
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


class Services:
    """Starts what the environment does not provide; stops only what it started."""

    def __init__(self):
        self.procs: list[subprocess.Popen] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="govspider-dist-"))
        self._redis = self._mongo = None

    def redis_url(self) -> str:
        if self._redis:
            return self._redis
        url = os.environ.get("GOVSPIDER_REDIS_URL")
        if url:
            import redis
            try:
                redis.Redis.from_url(url, socket_connect_timeout=3).ping()
            except Exception as exc:
                pytest.fail(f"GOVSPIDER_REDIS_URL={url} does not answer ({exc}); run bash deploy/stack.sh start")
            self._redis = url
            return url
        binary = shutil.which("redis-server")
        if not binary:
            pytest.fail("redis-server is not installed (apt-get install -y redis-server) and GOVSPIDER_REDIS_URL is not set")
        port = free_port()
        proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                 "--dir", str(self.tmp)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        import redis
        _wait(lambda: redis.Redis(port=port, socket_connect_timeout=1).ping(), "redis-server", proc)
        self._redis = f"redis://127.0.0.1:{port}/0"
        return self._redis

    def mongo_url(self) -> str:
        if self._mongo:
            return self._mongo
        url = os.environ.get("GOVSPIDER_MONGO_URL")
        import pymongo
        if url:
            try:
                pymongo.MongoClient(url, serverSelectionTimeoutMS=3000).admin.command("ping")
            except Exception as exc:
                pytest.fail(f"GOVSPIDER_MONGO_URL={url} does not answer ({exc}); run bash deploy/stack.sh start")
            self._mongo = url.rsplit("/", 1)[0] if url.count("/") > 2 else url
            return self._mongo
        binary = ferretdb_binary()
        if not binary:
            pytest.fail("FerretDB is not built (bash deploy/ferretdb/build.sh) and GOVSPIDER_MONGO_URL is not set")
        port = free_port()
        data = self.tmp / "ferretdb"
        (data / "data").mkdir(parents=True)
        proc = subprocess.Popen([binary, "--handler=sqlite", f"--sqlite-url=file:{data}/data/",
                                 f"--listen-addr=127.0.0.1:{port}", "--telemetry=disable", f"--state-dir={data}",
                                 "--debug-addr=-", "--log-level=error"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        _wait(lambda: pymongo.MongoClient(f"mongodb://127.0.0.1:{port}/", serverSelectionTimeoutMS=1000).admin.command("ping"),
              "ferretdb", proc)
        self._mongo = f"mongodb://127.0.0.1:{port}"
        return self._mongo

    def stop(self):
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)
