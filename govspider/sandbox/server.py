"""The sandbox HTTP server: asyncio on 127.0.0.1 in a background thread, site host and forward proxy.

A request in origin-form (``GET /path`` + ``Host: www.csx.gov.cn``) is answered as that site; a
request in absolute-form (``GET http://www.csx.gov.cn/path``, what a client sends to an
``http_proxy``) is answered the same way, as a plain forward proxy would. Unknown hosts and the
site that never answers get a quick 502 (what a real proxy says when it cannot connect); the
"timing out" host's connections are held open without blocking anything else.

A province's response body may be a :class:`Stream` (hostile.py): chunks sent with delays
(dripping, hanging), a declared length that lies, a body far larger than memory should hold.

The server counts what a crawler must never ask for: a proxy request whose target is, or whose
name (by the province's hosts map, ``write_hosts``) resolves to, a non-public address is recorded
in ``private_requests`` — the independent check of the crawler's egress policy.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import datetime as dt
import ipaddress
import socket
import threading
import time
from html import escape
from typing import Iterable
from urllib.parse import urlsplit

from govspider.sandbox import conditional
from govspider.sandbox.province import Province, build_province

REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 400: "Bad Request", 404: "Not Found",
           405: "Method Not Allowed", 429: "Too Many Requests", 500: "Internal Server Error",
           502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
MAX_HEAD = 64 * 1024


@dataclasses.dataclass
class Stream:
    """A response body sent piece by piece: ``chunks`` after ``delay`` seconds, ``gap`` between
    them; ``length`` is the Content-Length announced (None: none, the body ends when the
    connection closes) — it may be larger than what is sent (a truncated body)."""

    chunks: Iterable[bytes]
    length: int | None = None
    delay: float = 0.0
    gap: float = 0.0


def non_public(host: str, hosts_map: dict[str, str]) -> str | None:
    """The non-public address ``host`` is or resolves to in ``hosts_map`` (None when public/unknown)."""
    name = host.strip("[]").rstrip(".").lower()
    address = hosts_map.get(name, name)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        try:
            ip = ipaddress.IPv4Address(socket.inet_aton(address)) if address.replace(".", "").replace("x", "").isalnum() \
                and any(c.isdigit() for c in address) else None
        except OSError:
            ip = None
    if ip is None:
        return None
    mapped = getattr(ip, "ipv4_mapped", None) or getattr(ip, "sixtofour", None)
    return str(ip) if not (mapped or ip).is_global or ip.is_multicast else None


class SandboxServer:
    """Serves a :class:`Province` on loopback; use as a context manager (or call ``start``/``stop``).

    ``latency`` (seconds) delays every site response, or is a ``{host: seconds}`` mapping for
    per-site latency (key ``"*"``: every other site); ``rate_limit`` (requests per second per
    site host) answers 429 (portals, departments) or 503 (service halls) past that rate;
    ``rate_limit`` may also be a ``{host: rate}`` mapping (key ``"*"``: every other site);
    ``hold_seconds`` is how long the timing-out host keeps a connection before closing it.
    """

    def __init__(self, province: Province | None = None, seed: int = 7, as_of: dt.date | str | None = None,
                 scale: str = "small", port: int = 0, latency: float | dict = 0.0, rate_limit: float | dict | None = None,
                 hold_seconds: float = 60.0):
        self.province = province or build_province(seed=seed, as_of=as_of, scale=scale)
        self.port = port
        self.latency = dict(latency) if isinstance(latency, dict) else {"*": float(latency or 0.0)}
        self.rate_limit = dict(rate_limit) if isinstance(rate_limit, dict) else {"*": rate_limit}
        self.hold_seconds = hold_seconds
        self.requests = 0
        #: proxy requests whose target is a non-public address (a crawler must send none)
        self.private_requests: list[str] = []
        self._hosts = self.province.hosts_map() if hasattr(self.province, "hosts_map") else {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._windows: dict[str, collections.deque] = {}
        self._writers: set = set()

    # -- lifecycle -----------------------------------------------------------------------------
    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    base_url = proxy_url

    def start(self) -> "SandboxServer":
        self._thread = threading.Thread(target=self._run, name="sandbox-server", daemon=True)
        self._thread.start()
        self._ready.wait(10)
        if self._error:
            raise self._error
        return self

    def stop(self) -> None:
        if self._loop and self._thread and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._shutdown)
            self._thread.join(10)

    def __enter__(self) -> "SandboxServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def write_sites(self, path):
        return self.province.write_sites(path)

    def write_truth(self, path):
        return self.province.write_truth(path)

    def write_hosts(self, path):
        """The hosts file (hosts(5)) that says where the province's names resolve (GOVSPIDER_HOSTS_FILE)."""
        return self.province.write_hosts(path)

    # -- event loop ----------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # surfaced to start()
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, backlog=2048, limit=MAX_HEAD)
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        async with self._server:
            await self._stopped.wait()
            self._server.close()
            for w in list(self._writers):
                w.close()
        await asyncio.sleep(0)

    def _shutdown(self) -> None:
        self._stopped.set()

    # -- one connection --------------------------------------------------------------------
    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                parts = lines[0].split(" ")
                if len(parts) != 3:
                    await self._send(writer, 400, [("Content-Type", "text/plain")], b"bad request line\n", False)
                    return
                method, target, version = parts
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                length = int(headers.get("content-length", "0") or 0)
                if length:
                    await reader.readexactly(length)
                conn = (headers.get("connection") or headers.get("proxy-connection") or "").lower()
                keep = (version == "HTTP/1.1" and conn != "close") or conn == "keep-alive"
                self.requests += 1
                if not await self._answer(writer, method, target, headers, keep):
                    return
                if not keep:
                    return
        except asyncio.CancelledError:  # server stopping: drop the connection quietly
            return
        finally:
            self._writers.discard(writer)
            writer.close()

    async def _answer(self, writer, method: str, target: str, headers: dict, keep: bool) -> bool:
        """Answer one request; False when the connection must end."""
        if method == "CONNECT":
            await self._send(writer, 405, [("Content-Type", "text/plain")], b"CONNECT is not supported: the sandbox serves http:// only\n", keep)
            return keep
        if target.startswith(("http://", "HTTP://")):
            parts = urlsplit(target)
            host, path = parts.netloc, (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            private = non_public(parts.hostname or "", self._hosts)
            if private:
                self.private_requests.append(target)
                await self._send(writer, 502, [("Content-Type", "text/plain")], b"private address\n", keep, method)
                return keep
        elif target.startswith("https://"):
            await self._send(writer, 502, [("Content-Type", "text/plain")], b"https is not served by the sandbox\n", keep)
            return keep
        else:
            host, path = headers.get("host", ""), target
        province = self.province
        bare = host.rsplit(":", 1)[0].lower()
        if bare in ("127.0.0.1", "localhost", ""):
            await self._send(writer, 200, [("Content-Type", "text/html; charset=utf-8")], self._index(), keep, method)
            return keep
        if province.is_timeout_host(bare):
            await asyncio.sleep(self.hold_seconds)
            return False
        if not province.is_dead_host(bare):
            delay = self.latency.get(bare, self.latency.get("*", 0.0))
            if delay:
                await asyncio.sleep(delay)
            rate = self.rate_limit.get(bare, self.rate_limit.get("*"))
            if rate and self._over_rate(bare, rate):
                model = province.model(bare)
                status = 503 if model is not None and model.site.kind == "service_hall" else 429
                await self._send(writer, status, [("Content-Type", "text/plain"), ("Retry-After", "1")],
                                 b"rate limit exceeded\n", keep, method)
                return keep
        # GET's answer; _send drops the body of a HEAD but keeps its Content-Length
        status, hdrs, body = province.respond("GET", bare, path, headers)
        status, hdrs, body = conditional.answer(headers, status, hdrs, body, province.as_of)  # ETag, 304
        await self._send(writer, status, hdrs, body, keep, method)
        return keep and not isinstance(body, Stream)

    def _over_rate(self, host: str, rate: float) -> bool:
        now = time.monotonic()
        window = self._windows.setdefault(host, collections.deque())
        while window and now - window[0] > 1.0:
            window.popleft()
        if len(window) >= rate:
            return True
        window.append(now)
        return False

    async def _send(self, writer, status: int, headers, body, keep: bool, method: str = "GET") -> None:
        if isinstance(body, Stream):
            await self._send_stream(writer, status, headers, body, method)
            return
        length = len(body)
        if method == "HEAD":
            body = b""
        head = [f"HTTP/1.1 {status} {REASONS.get(status, 'Unknown')}", "Server: govspider-sandbox",
                f"Content-Length: {length}", "Connection: " + ("keep-alive" if keep else "close")]
        head += [f"{k}: {v}" for k, v in headers]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1", errors="replace") + body)
        try:
            await writer.drain()
        except ConnectionError:
            pass

    async def _send_stream(self, writer, status: int, headers, stream: Stream, method: str) -> None:
        head = [f"HTTP/1.1 {status} {REASONS.get(status, 'Unknown')}", "Server: govspider-sandbox", "Connection: close"]
        if stream.length is not None:
            head.append(f"Content-Length: {stream.length}")
        head += [f"{k}: {v}" for k, v in headers]
        if stream.delay:
            await asyncio.sleep(stream.delay)
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1", errors="replace"))
        if method == "HEAD":
            await writer.drain()
            return
        try:
            for chunk in stream.chunks:
                writer.write(chunk)
                await writer.drain()
                if stream.gap:
                    await asyncio.sleep(stream.gap)
        except ConnectionError:  # the client gave up (as it should, on a body it will not read)
            pass

    def _index(self) -> bytes:
        rows = "".join(f'<li><a href="{escape(s.url)}">{escape(s.name)}</a> {escape(s.url)} {s.site_code}</li>'
                       for s in self.province.sites)
        return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>govspider sandbox</title></head><body>"
                f"<h1>模拟省份 (seed {self.province.seed}, as of {self.province.as_of})</h1>"
                f"<p>Use me as http_proxy: export http_proxy={self.proxy_url}</p><ul>{rows}</ul></body></html>").encode("utf-8")
