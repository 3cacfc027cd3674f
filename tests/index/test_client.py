"""Which client govspider picks: the server's own banner says Elasticsearch or OpenSearch."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from govspider.index.client import ServerUnavailable, detect_engine


def banner_server(banner: dict):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps(banner).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize("banner, engine", [
    ({"version": {"number": "8.14.1", "build_flavor": "default"}, "tagline": "You Know, for Search"}, "elasticsearch"),
    ({"version": {"distribution": "opensearch", "number": "2.19.1"}}, "opensearch"),
])
def test_engine_from_banner(banner, engine):
    server = banner_server(banner)
    try:
        assert detect_engine(f"http://127.0.0.1:{server.server_address[1]}") == engine
    finally:
        server.shutdown()
        server.server_close()


def test_no_server_is_unavailable():
    with pytest.raises(ServerUnavailable):
        detect_engine("http://127.0.0.1:1", timeout=2)


def test_the_dev_server_is_detected(es_url):
    assert detect_engine(es_url) in {"elasticsearch", "opensearch"}
