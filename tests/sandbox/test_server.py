"""The HTTP server: site host by Host header, forward proxy, 502s, held connections, limits."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.request

import pytest

from sandbox_helpers import AS_OF
from govspider.sandbox.server import SandboxServer


@pytest.fixture(scope="module")
def server(province):
    with SandboxServer(province=province, hold_seconds=4) as srv:
        yield srv


def _raw(port, request: bytes, timeout=5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            data = sock.recv(65536)
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)


def test_proxy_and_host_header_give_the_page_respond_gives(server, province):
    model = province.model("www.csx.gov.cn")
    url = province.list_url(model, model.column("tzgg"))
    path = url.split("www.csx.gov.cn", 1)[1]
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": server.proxy_url}))
    with opener.open(url, timeout=5) as resp:
        via_proxy = resp.read()
        assert resp.status == 200
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    conn.request("GET", path, headers={"Host": "www.csx.gov.cn"})
    resp = conn.getresponse()
    assert resp.status == 200 and resp.read() == via_proxy
    assert via_proxy == province.respond("GET", "www.csx.gov.cn", path, {})[2]
    assert server.base_url == server.proxy_url == f"http://127.0.0.1:{server.port}"


def test_keep_alive_serves_many_requests_on_one_connection(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    for path in ("/", "/robots.txt", "/sitemap.html", "/no-such.html"):
        conn.request("GET", path, headers={"Host": "www.hunan.gov.cn"})
        resp = conn.getresponse()
        resp.read()
        assert resp.status in (200, 404)
    conn.request("HEAD", "/", headers={"Host": "www.hunan.gov.cn"})
    resp = conn.getresponse()
    assert resp.status == 200 and int(resp.getheader("Content-Length")) > 1000 and resp.read() == b""


def test_unknown_and_dead_hosts_get_a_quick_502(server, province):
    dead = next(m.host for m in province.models if not m.reachable)
    for host in (dead, "www.nowhere.gov.cn"):
        start = time.monotonic()
        reply = _raw(server.port, f"GET http://{host}/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        assert reply.startswith(b"HTTP/1.1 502") and time.monotonic() - start < 1


def test_timeout_host_holds_without_blocking_others(server, province):
    host = next(iter(province.timeout_hosts))
    result = {}

    def held():
        start = time.monotonic()
        try:
            result["reply"] = _raw(server.port, f"GET http://{host}/ztzl/index.html HTTP/1.1\r\nHost: {host}\r\n\r\n".encode(), timeout=10)
        except OSError as exc:
            result["reply"] = exc
        result["secs"] = time.monotonic() - start

    thread = threading.Thread(target=held)
    thread.start()
    time.sleep(0.3)
    start = time.monotonic()
    reply = _raw(server.port, b"GET http://www.hunan.gov.cn/ HTTP/1.1\r\nHost: www.hunan.gov.cn\r\nConnection: close\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 200") and time.monotonic() - start < 1
    thread.join(15)
    assert result["reply"] == b"" and result["secs"] >= 3.5  # held ~4 s, then closed with no answer


def test_connect_and_https_are_refused(server):
    reply = _raw(server.port, b"CONNECT www.csx.gov.cn:443 HTTP/1.1\r\nHost: www.csx.gov.cn:443\r\nConnection: close\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 405")


def test_rate_limit_and_latency(province):
    with SandboxServer(province=province, rate_limit=5, latency=0.05) as srv:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
        statuses = {}
        start = time.monotonic()
        for host in ("www.hunan.gov.cn", "zwfw.hunan.gov.cn"):
            codes = []
            for _ in range(8):
                conn.request("GET", "/robots.txt", headers={"Host": host})
                resp = conn.getresponse()
                resp.read()
                codes.append(resp.status)
            statuses[host] = codes
        assert time.monotonic() - start >= 16 * 0.05
    assert statuses["www.hunan.gov.cn"][:5] == [200] * 5 and 429 in statuses["www.hunan.gov.cn"]
    assert 503 in statuses["zwfw.hunan.gov.cn"]


def test_server_builds_from_seed_and_writes_files(tmp_path):
    with SandboxServer(seed=7, as_of=AS_OF) as srv:
        sites, truth = srv.write_sites(tmp_path / "s.yaml"), srv.write_truth(tmp_path / "t.jsonl")
        assert sites.read_text(encoding="utf-8") == srv.province.sites_yaml()
        assert truth.read_text(encoding="utf-8").count("\n") == len(srv.province.truth)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", srv.port), timeout=1).close()


def test_garbage_request_gets_400_and_server_keeps_serving(server):
    assert _raw(server.port, b"HELLO\r\n\r\n").startswith(b"HTTP/1.1 400")
    reply = _raw(server.port, b"GET http://www.hunan.gov.cn/robots.txt HTTP/1.0\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 200") and reply.endswith(b"Disallow: /manage/\n")


def test_base_url_lists_the_sites(server, province):
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with direct.open(server.base_url + "/", timeout=5) as resp:
        text = resp.read().decode("utf-8")
    assert all(s.url in text for s in province.sites) and "http_proxy" in text


def test_per_site_latency(province):
    with SandboxServer(province=province, latency={"www.csx.gov.cn": 0.4}) as srv:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
        times = {}
        for host in ("www.hunan.gov.cn", "www.csx.gov.cn"):
            start = time.monotonic()
            conn.request("GET", "/robots.txt", headers={"Host": host})
            conn.getresponse().read()
            times[host] = time.monotonic() - start
    assert times["www.csx.gov.cn"] >= 0.4 > times["www.hunan.gov.cn"]


def test_per_site_rate_limit(province):
    with SandboxServer(province=province, rate_limit={"www.csx.gov.cn": 2}) as srv:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
        codes = {}
        for host in ("www.csx.gov.cn", "www.hunan.gov.cn"):
            for _ in range(5):
                conn.request("GET", "/robots.txt", headers={"Host": host})
                resp = conn.getresponse()
                resp.read()
                codes.setdefault(host, []).append(resp.status)
    assert codes["www.csx.gov.cn"] == [200, 200, 429, 429, 429] and codes["www.hunan.gov.cn"] == [200] * 5
