"""Evidence-area fixtures: one whole `govspider run` (crawl → WARC → findings → screenshots → report)
of a sandbox province no other test draws (seed 131), shared by this folder's tests."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 15)
SEED = 131


class Run:
    def __init__(self, out: Path, server, stdout: str):
        self.out, self.server, self.stdout = out, server, stdout
        self.store_uri = f"sqlite:///{out / 'pages.sqlite'}"
        self.findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def evidence_run(tmp_path_factory):
    from govspider.sandbox.server import SandboxServer

    root = tmp_path_factory.mktemp("evidence")
    out = root / "out"
    with SandboxServer(seed=SEED, as_of=AS_OF, scale="small") as server:
        sites = server.write_sites(root / "sites.yaml")
        env = {**os.environ, "http_proxy": server.proxy_url, "no_proxy": "", "GOVSPIDER_STATE_DIR": str(root / "state"),
               "PYTHONUNBUFFERED": "1"}
        env.pop("HTTP_PROXY", None)
        proc = subprocess.run([sys.executable, "-m", "govspider.cli", "run", "--sites", str(sites), "--out", str(out),
                               "--as-of", AS_OF.isoformat(), "--no-progress"], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-4000:]
        yield Run(out, server, proc.stdout)
