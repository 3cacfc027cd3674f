"""Chromium's only way out: an in-process filtering forward proxy (浏览器出口代理).

Playwright's route hook sees only the first URL of a navigation: a redirect chain, a script's
``location.href``, a service worker or Chromium's own background traffic never pass through it.
So Chromium is launched with this proxy as its proxy server (Playwright also sends loopback
through it) and every request it makes — each redirect hop, each sub-resource, each CONNECT —
is judged here by the same two rules as the crawl's own requests: the host belongs to a
registered site, and the egress policy allows its addresses. Refused requests get ``403`` and
are recorded in the policy (``via: chromium``). Allowed ones go to the configured upstream proxy
(``http_proxy``) or straight to the address the policy checked (pinned: no second lookup).

One request per client connection (``Connection: close``); heads over 64 KB are refused. The
proxy runs its own asyncio loop in a daemon thread, so a busy crawl reactor never delays it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from urllib.parse import urlsplit

from govspider.crawling import egress

logger = logging.getLogger(__name__)
MAX_HEAD = 64 * 1024
_HOP_HEADERS = {"proxy-connection", "connection", "keep-alive", "proxy-authorization", "te", "trailer", "upgrade"}


class FilteringProxy:
    """``scope(url) -> why | None`` and ``egress.active()`` decide; ``upstream``: ``http://host:port`` or None."""

    def __init__(self, scope, upstream: str | None = None, timeout: float = 30.0):
        self.scope = scope
        self.upstream = urlsplit(upstream) if upstream else None
        self.timeout = timeout
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "FilteringProxy":
        self._thread = threading.Thread(target=asyncio.run, args=(self._main(),), name="chromium-egress-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the Chromium egress proxy did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None and self._thread and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(5)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0, limit=MAX_HEAD)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await self._stop.wait()

    # -- one client connection ------------------------------------------------------------------
    async def _handle(self, reader, writer) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self.timeout)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError, ConnectionError):
            writer.close()
            return
        try:
            await self._serve(head, reader, writer)
        except (ConnectionError, asyncio.TimeoutError, OSError) as exc:
            logger.debug("chromium proxy: %s", exc)
        finally:
            writer.close()

    async def _serve(self, head: bytes, reader, writer) -> None:
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3:
            return await _answer(writer, 400, "bad request line")
        method, target, _version = parts
        url = f"https://{target}/" if method == "CONNECT" else target
        if not url.startswith(("http://", "https://")):
            return await _answer(writer, 400, "absolute URL expected")
        policy = egress.active()
        why = self.scope(url)
        if why is None and policy is not None:
            why = await policy.check(url)
        if why:
            if policy is not None:
                policy.record(url, why, None, via="chromium")
            return await _answer(writer, 403, f"refused by govspider's egress policy: {why}")
        if method == "CONNECT":
            return await self._tunnel(target, writer, reader)
        upstream_reader, upstream_writer = await self._open(url)
        request_head = self._request_head(method, url, lines[1:])
        upstream_writer.write(request_head)
        length = int(_header(lines[1:], "content-length") or 0)
        if length:
            upstream_writer.write(await reader.readexactly(length))
        await upstream_writer.drain()
        await _pipe(upstream_reader, writer, self.timeout)
        upstream_writer.close()

    async def _open(self, url: str):
        if self.upstream is not None:
            return await asyncio.wait_for(asyncio.open_connection(self.upstream.hostname, self.upstream.port or 80), self.timeout)
        parts = urlsplit(url)
        address = await self._pinned(parts.hostname)
        return await asyncio.wait_for(asyncio.open_connection(address, parts.port or 80), self.timeout)

    async def _pinned(self, host: str) -> str:
        """The address the policy approved (connecting by name would look it up again)."""
        policy = egress.active()
        addresses = await policy.resolve(host) if policy is not None else None
        if not addresses:
            raise OSError(f"{host} does not resolve")
        return addresses[0]

    def _request_head(self, method: str, url: str, headers: list[str]) -> bytes:
        if self.upstream is None:  # origin-form to the server itself
            parts = urlsplit(url)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        else:
            target = url
        kept = [h for h in headers if h and h.split(":", 1)[0].strip().lower() not in _HOP_HEADERS]
        return ("\r\n".join([f"{method} {target} HTTP/1.1", *kept, "Connection: close"]) + "\r\n\r\n").encode("latin-1")

    async def _tunnel(self, target: str, writer, reader) -> None:
        host, _, port = target.rpartition(":")
        if self.upstream is not None:
            up_reader, up_writer = await asyncio.wait_for(
                asyncio.open_connection(self.upstream.hostname, self.upstream.port or 80), self.timeout)
            up_writer.write(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode("latin-1"))
            await up_writer.drain()
            answer = await asyncio.wait_for(up_reader.readuntil(b"\r\n\r\n"), self.timeout)
            if not answer.split(b" ", 2)[1:2] == [b"200"]:
                writer.write(answer)
                await writer.drain()
                return
        else:
            up_reader, up_writer = await asyncio.wait_for(
                asyncio.open_connection(await self._pinned(host.strip("[]")), int(port or 443)), self.timeout)
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await writer.drain()
        await asyncio.gather(_pipe(reader, up_writer, self.timeout), _pipe(up_reader, writer, self.timeout))


def _header(lines: list[str], name: str) -> str | None:
    for line in lines:
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == name:
            return value.strip()
    return None


async def _answer(writer, status: int, text: str) -> None:
    body = text.encode("utf-8")
    reason = {400: "Bad Request", 403: "Forbidden"}.get(status, "Error")
    writer.write(f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n"
                 f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode("latin-1") + body)
    await writer.drain()


async def _pipe(reader, writer, timeout: float) -> None:
    try:
        while True:
            chunk = await asyncio.wait_for(reader.read(65536), timeout)
            if not chunk:
                break
            writer.write(chunk)
            await writer.drain()
    finally:
        if writer.can_write_eof():
            try:
                writer.write_eof()
            except OSError:
                pass
