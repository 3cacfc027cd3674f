"""`govspider sandbox serve` / `python -m govspider.sandbox serve` in a subprocess."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

from sandbox_helpers import AS_OF
from govspider.sandbox.province import build_province


def test_serve_writes_files_prints_usage_and_stops_on_ctrl_c(tmp_path):
    sites, truth = tmp_path / "sites.yaml", tmp_path / "truth.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "govspider.sandbox", "serve", "--port", "0", "--seed", "7", "--as-of", str(AS_OF),
         "--sites-out", str(sites), "--truth-out", str(truth), "--latency", "1", "--site-latency", "www.csx.gov.cn=300"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"),
        # started as a script's background job is: SIGINT ignored, inherited — Ctrl-C must still stop it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        lines, port = [], None
        deadline = time.monotonic() + 30
        while port is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            m = re.search(r"serving on http://127\.0\.0\.1:(\d+)", line)
            port = int(m.group(1)) if m else None
        assert port, "".join(lines)
        usage = proc.stdout.readline() + proc.stdout.readline() + proc.stdout.readline()
        assert f"export http_proxy=http://127.0.0.1:{port}" in usage
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": f"http://127.0.0.1:{port}"}))
        start = time.monotonic()
        with opener.open("http://www.csx.gov.cn/", timeout=10) as resp:
            assert resp.status == 200 and "长沙县人民政府".encode("gbk") in resp.read()
        assert time.monotonic() - start >= 0.3
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError(f"serve ignored Ctrl-C for 30 s: {proc.communicate()[1][-3000:]}") from None
    assert proc.returncode == 0, proc.stderr.read()
    province = build_province(seed=7, as_of=AS_OF)
    assert sites.read_text(encoding="utf-8") == province.sites_yaml()
    assert truth.read_text(encoding="utf-8") == province.truth_jsonl()


def test_bad_input_exits_2_with_what_to_do():
    proc = subprocess.run([sys.executable, "-m", "govspider.cli", "sandbox", "serve", "--as-of", "2026-13-45"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "govspider.cli", "sandbox", "serve", "--scale", "huge"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "small" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "govspider.cli", "sandbox", "show", "--families", "trs,frontpage"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "frontpage" in proc.stderr and "hanweb" in proc.stderr


def test_show_lists_sites_and_their_defects():
    proc = subprocess.run([sys.executable, "-m", "govspider.sandbox", "show", "--as-of", str(AS_OF)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    province = build_province(seed=7, as_of=AS_OF)
    assert all(s.url in proc.stdout for s in province.sites)
    assert "site.unreachable" in proc.stdout and "无 (clean)" in proc.stdout
    assert f"{len(province.truth)} truth lines" in proc.stdout and "near misses" in proc.stdout
    assert all(f", {m.family}, " in proc.stdout for m in province.models)
    proc = subprocess.run([sys.executable, "-m", "govspider.sandbox", "show", "--as-of", str(AS_OF), "--families", "vsb"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.count(", vsb, ") == len(province.sites)


def test_busy_port_exits_2_with_what_to_do():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "govspider.sandbox", "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--port 0" in proc.stderr
