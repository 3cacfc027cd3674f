"""One small client surface over Elasticsearch 8 (elasticsearch-py) and OpenSearch (opensearch-py).

Production runs Elasticsearch; dev and CI run OpenSearch 2.19 (the ES 8.14 cluster runner is not
on Maven Central, see deploy/elasticsearch/es.sh). The server's own ``GET /`` tells which it is.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request


class ServerUnavailable(Exception):
    """The search server did not answer."""


def detect_engine(url: str, timeout: float = 5.0) -> str:
    """``elasticsearch`` or ``opensearch`` from the server's banner; ServerUnavailable if down."""
    parts = urllib.parse.urlsplit(url)
    request = urllib.request.Request(urllib.parse.urlunsplit((parts.scheme, parts.hostname + (
        f":{parts.port}" if parts.port else ""), "/", "", "")))
    if parts.username:
        import base64

        token = base64.b64encode(f"{urllib.parse.unquote(parts.username)}:"
                                 f"{urllib.parse.unquote(parts.password or '')}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            banner = json.loads(resp.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ServerUnavailable(f"{url}: {exc}") from exc
    distribution = (banner.get("version") or {}).get("distribution", "elasticsearch")
    return "opensearch" if distribution == "opensearch" else "elasticsearch"


class SearchClient:
    """The few calls govspider needs, the same on both servers."""

    def __init__(self, url: str, engine: str | None = None, timeout: float = 30.0):
        self.url = url
        self.engine = engine or detect_engine(url)
        if self.engine == "opensearch":
            import opensearchpy
            from opensearchpy import helpers

            self.raw = opensearchpy.OpenSearch(hosts=[url], timeout=timeout, max_retries=1)
            self.helpers = helpers
            self.errors = (opensearchpy.TransportError, opensearchpy.ConnectionError)
            self.not_found = opensearchpy.NotFoundError
        else:
            import elastic_transport
            import elasticsearch
            from elasticsearch import helpers

            self.raw = elasticsearch.Elasticsearch(url, request_timeout=timeout, max_retries=1)
            self.helpers = helpers
            self.errors = (elasticsearch.ApiError, elastic_transport.TransportError)
            self.not_found = elasticsearch.NotFoundError

    def put_index_template(self, name: str, body: dict) -> None:
        if self.engine == "opensearch":
            self.raw.indices.put_index_template(name=name, body=body)
        else:
            self.raw.indices.put_index_template(name=name, **body)

    def search(self, index: str, body: dict) -> dict:
        try:
            if self.engine == "opensearch":
                return self.raw.search(index=index, body=body)
            return dict(self.raw.search(index=index, **body))
        except self.not_found:
            return {"hits": {"hits": [], "total": {"value": 0}}}

    def count(self, index: str, query: dict | None = None) -> int:
        body = {"query": query or {"match_all": {}}}
        try:
            if self.engine == "opensearch":
                return int(self.raw.count(index=index, body=body)["count"])
            return int(self.raw.count(index=index, **body)["count"])
        except self.not_found:
            return 0

    def refresh(self, index: str) -> None:
        try:
            self.raw.indices.refresh(index=index)
        except self.not_found:
            pass

    def delete_indices(self, pattern: str) -> None:
        """Delete the indices matching ``pattern`` by name (Elasticsearch 8 refuses wildcard deletes)."""
        try:
            names = list(self.raw.indices.get(index=pattern, ignore_unavailable=True, allow_no_indices=True))
        except self.not_found:
            return
        if names:
            self.raw.indices.delete(index=",".join(names))

    def delete_index_template(self, name: str) -> None:
        try:
            self.raw.indices.delete_index_template(name=name)
        except self.not_found:
            pass

    def streaming_bulk(self, actions, **kwargs):
        return self.helpers.streaming_bulk(self.raw, actions, **kwargs)

    def close(self) -> None:
        self.raw.close()
