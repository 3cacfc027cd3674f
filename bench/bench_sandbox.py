"""Benchmark: requests/s of the sandbox server on loopback, against a baseline in the same run.

The servers run in subprocesses; this process is the load generator (asyncio, keep-alive
connections, proxy-style absolute-form requests). Baseline: the standard library's
ThreadingHTTPServer answering one fixed 10 kB page. Run by hand:

    python bench/bench_sandbox.py [--seconds 5] [--connections 32]

Prints requests/s and server CPU per request for: the baseline, the sandbox on distinct pages of the bench-scale province
(every request a page not asked before: generated, rendered, encoded), and the sandbox on a small
hot set of pages (its response cache), plus the ratios sandbox/baseline.

    python bench/bench_sandbox.py --compare-src /tmp/base   # after: git worktree add /tmp/base 1387e04

also measures ``Province.respond`` in-process (CPU ms per distinct page, no sockets) for this tree
and for an older source tree, alternating subprocesses, so a change's cost shows in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import re
import subprocess
import sys
import textwrap
import time

AS_OF = "2026-11-15"
BASELINE = textwrap.dedent("""
    import sys
    from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
    BODY = ("<html><body>" + "政府网站" * 800 + "</body></html>").encode("utf-8")
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)
        def log_message(self, *a):
            pass
    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    srv.daemon_threads = True
    print("serving on http://127.0.0.1:%d" % srv.server_address[1], flush=True)
    srv.serve_forever()
""")


def start(cmd: list[str]) -> tuple[subprocess.Popen, int]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        m = re.search(r"serving on http://127\.0\.0\.1:(\d+)", line)
        if m:
            return proc, int(m.group(1))
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit(f"server did not start: {' '.join(cmd)}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to report CPU per request under load."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(proc: subprocess.Popen, port: int, targets, seconds: float, connections: int):
    """(req/s, non-200 count, server CPU ms per request)."""
    before = cpu_seconds(proc.pid)
    rps, errors, total = asyncio.run(load(port, targets, seconds, connections))
    return rps, errors, (cpu_seconds(proc.pid) - before) * 1000 / max(total, 1)


async def _client(port: int, targets, counter: list, stop_at: float, errors: list) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < stop_at:
            host, path = targets[counter[0] % len(targets)]
            counter[0] += 1
            writer.write(f"GET http://{host}{path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bench\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"Content-Length: (\d+)", head, re.I).group(1))
            await reader.readexactly(length)
            if not head.startswith(b"HTTP/1.1 200"):
                errors.append(head.split(b"\r\n", 1)[0])
            counter[1] += 1
    finally:
        writer.close()


async def load(port: int, targets, seconds: float, connections: int) -> tuple[float, int, int]:
    counter, errors = [0, 0], []
    stop_at = time.monotonic() + seconds
    start_t = time.monotonic()
    await asyncio.gather(*(_client(port, targets, counter, stop_at, errors) for _ in range(connections)))
    return counter[1] / (time.monotonic() - start_t), len(errors), counter[1]


def distinct_targets(limit: int = 300_000):
    """(host, path) of distinct pages of the bench province: list pages and articles, interleaved."""
    from govspider.sandbox.model import entry
    from govspider.sandbox.province import build_province

    province = build_province(seed=7, as_of=dt.date.fromisoformat(AS_OF), scale="bench")
    per_col = []
    for model in province.models:
        if not model.reachable:
            continue
        for col in model.columns:
            per_col.append((model, col))
    out, i = [], 0
    while len(out) < limit and i < 5000:
        for model, col in per_col:
            if i < col.count:
                out.append((model.host, entry(model, col, i, province.as_of).path))
            if i < col.pages:
                out.append((model.host, model.skin.list_path(model, col, i)))
        i += 1
    return province, out


#: in-process cost of distinct pages, run in a subprocess against any source tree (old trees have no families)
IN_PROCESS = textwrap.dedent("""
    import datetime as dt, time
    from govspider.sandbox.model import entry
    from govspider.sandbox.province import build_province
    province = build_province(seed=7, as_of=dt.date.fromisoformat("%s"), scale="bench")
    def list_path(model, col, i):
        if hasattr(model, "skin"):
            return model.skin.list_path(model, col, i)
        return f"/{col.slug}/index_{i}.html" if i else f"/{col.slug}/index.html"
    targets = []
    for i in range(%d):
        for model in province.models:
            for col in model.columns if model.reachable else ():
                if i < col.count:
                    targets.append((model.host, entry(model, col, i, province.as_of).path))
                if i < col.pages:
                    targets.append((model.host, list_path(model, col, i)))
    start = time.process_time()
    for host, path in targets:
        assert province.respond("GET", host, path, {})[0] == 200
    print(len(targets), (time.process_time() - start) * 1000 / len(targets))
""")


def in_process(src: str, rounds: int) -> tuple[int, float]:
    """(pages, CPU ms per page) of ``Province.respond`` over distinct bench pages, for the tree at ``src``."""
    env = dict(os.environ, PYTHONPATH=src)
    out = subprocess.run([sys.executable, "-c", IN_PROCESS % (AS_OF, rounds)], capture_output=True, text=True,
                         env=env, cwd=src, check=True).stdout.split()
    return int(out[0]), float(out[1])


def compare(base_src: str, repeats: int = 3, rounds: int = 400) -> None:
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for n in range(repeats):
        pages, base_ms = in_process(base_src, rounds)
        pages_now, now_ms = in_process(here, rounds)
        print(f"in-process respond, run {n + 1}: {base_src}: {base_ms:.3f} ms CPU/page ({pages:,} pages); "
              f"this tree: {now_ms:.3f} ms CPU/page ({pages_now:,} pages); ratio {now_ms / base_ms:.2f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--compare-src", metavar="DIR", help="also compare in-process cost with the govspider tree at DIR")
    args = ap.parse_args()
    if args.compare_src:
        compare(args.compare_src)

    print("building target list (bench scale) …", flush=True)
    province, targets = distinct_targets()
    pages = sum(c.count + c.pages for m in province.models for c in m.columns)
    print(f"bench province: {len(province.sites)} sites, {pages:,} list+article pages; {len(targets):,} distinct targets")
    hot = targets[:50]

    results = {}
    base, port = start([sys.executable, "-c", BASELINE])
    try:
        results["baseline ThreadingHTTPServer, fixed 10 kB page"] = measured(base, port, [("127.0.0.1", "/")], args.seconds, args.connections)
    finally:
        base.kill()
        base.wait()
    sandbox, port = start([sys.executable, "-m", "govspider.sandbox", "serve", "--port", "0", "--scale", "bench",
                           "--as-of", AS_OF])
    try:
        results["sandbox, distinct pages (render every request)"] = measured(sandbox, port, targets, args.seconds, args.connections)
        results["sandbox, 50 hot pages (response cache)"] = measured(sandbox, port, hot, args.seconds, args.connections)
    finally:
        sandbox.terminate()
        sandbox.wait()
    baseline = next(iter(results.values()))[0]
    print(f"\n{args.connections} keep-alive connections, {args.seconds:.0f} s each, load generator in this process, servers in subprocesses")
    print("(server CPU ms/request is robust to a busy machine; 1000 / it = requests/s one core could serve)")
    for name, (rps, errors, cpu_ms) in results.items():
        print(f"{name:52s} {rps:9,.0f} req/s  ratio {rps / baseline:5.2f}  server CPU {cpu_ms:6.3f} ms/req"
              f" (≈{1000 / max(cpu_ms, 1e-6):7,.0f}/s/core)  non-200: {errors}")


if __name__ == "__main__":
    main()
