"""A real webhook receiver on 127.0.0.1 for the notification tests (no mock of the client).

It answers like the robots do — HTTP 200 with ``{"errcode": 0, "errmsg": "ok"}`` — and records
every request (path, query, JSON body). ``fail_next(n, status, errcode)`` makes the next ``n``
requests fail (an HTTP status, or a robot errcode in a 200); ``stop()``/``start()`` take it down
and bring it back on the same port.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Receiver:
    def __init__(self, port: int = 0):
        self.requests: list[dict] = []
        self._failures: list[tuple[int, int]] = []
        self._lock = threading.Lock()
        self.port = port
        self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Receiver":
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                parts = urlsplit(self.path)
                with owner._lock:
                    failure = owner._failures.pop(0) if owner._failures else None
                    owner.requests.append({"path": parts.path, "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
                                           "content_type": self.headers.get("Content-Type"),
                                           "body": json.loads(body.decode("utf-8")), "failed": failure is not None})
                status, errcode = failure or (200, 0)
                answer = json.dumps({"errcode": errcode, "errmsg": "ok" if errcode == 0 else "send too fast"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def fail_next(self, n: int, status: int = 500, errcode: int = 0) -> None:
        with self._lock:
            self._failures += [(status, errcode)] * n

    def delivered(self, path: str | None = None) -> list[dict]:
        return [r for r in self.requests if not r["failed"] and (path is None or r["path"] == path)]

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
