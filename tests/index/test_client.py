"""Which client govspider picks: the node's own info says Elasticsearch or OpenSearch (no ``GET /``,
which the dev/CI Elasticsearch node does not serve)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from govspider.index.client import SearchClient, ServerUnavailable, UnsupportedServer, server_info


def test_the_ci_node_is_elasticsearch_8(es_url):
    engine = server_info(es_url)
    assert engine.name == "elasticsearch" and engine.version.startswith("8."), engine
    client = SearchClient(es_url)
    try:
        assert client.engine == "elasticsearch"
        assert client.raw.cluster.health()["status"] in {"green", "yellow"}  # elasticsearch-py accepts it
    finally:
        client.close()


def http_server(status: int, body: dict, headers: dict | None = None):
    """A plain HTTP server answering every GET alike: not a search server (the error paths)."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            data = json.dumps(body).encode()
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **(headers or {})}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize("status, body, headers, message", [
    (200, {"nodes": {"a": {"version": "7.17.9"}}}, {"X-Elastic-Product": "Elasticsearch"}, "7.17.9 is not supported"),
    (404, {"error": "no such path"}, {}, "HTTP 404"),
    (200, {"hello": "world"}, {}, "names no node version"),
])
def test_what_is_not_a_supported_search_server_is_named(status, body, headers, message):
    server = http_server(status, body, headers)
    try:
        with pytest.raises(UnsupportedServer, match=message):
            server_info(f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


def test_no_server_is_unavailable():
    with pytest.raises(ServerUnavailable):
        server_info("http://127.0.0.1:1", timeout=2)
