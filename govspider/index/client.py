"""One small client surface over Elasticsearch 8 (elasticsearch-py) and OpenSearch (opensearch-py).

Production, dev and CI run Elasticsearch 8.14 (dev/CI: the 8.14.3 node of deploy/elasticsearch,
built from Maven jars, which has no ``GET /`` banner); OpenSearch 2.x is the second supported
engine. :func:`detect_engine` asks the node's own info (``GET /_nodes/_local``), which both
servers answer in every distribution: Elasticsearch marks every response with the
``X-Elastic-Product: Elasticsearch`` header (what elasticsearch-py itself checks), OpenSearch
does not.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import urllib.error
import urllib.parse
import urllib.request

#: the server major versions govspider is tested with, per engine
SUPPORTED_MAJOR = {"elasticsearch": {8}, "opensearch": {2, 3}}
NODE_INFO = "/_nodes/_local?filter_path=nodes.*.version"


class ServerUnavailable(Exception):
    """The search server did not answer."""


class UnsupportedServer(ValueError):
    """The server answered but is not an engine/version govspider can talk to."""


@dataclasses.dataclass(frozen=True)
class Engine:
    name: str          # elasticsearch | opensearch
    version: str       # e.g. 8.14.3


def _request(url: str, path: str) -> urllib.request.Request:
    parts = urllib.parse.urlsplit(url)
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    base = parts.path.rstrip("/")
    request = urllib.request.Request(urllib.parse.urlunsplit((parts.scheme, netloc, "", "", "")) + base + path)
    if parts.username:
        token = base64.b64encode(f"{urllib.parse.unquote(parts.username)}:"
                                 f"{urllib.parse.unquote(parts.password or '')}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    return request


def server_info(url: str, timeout: float = 5.0) -> Engine:
    """Which engine and version answers at ``url``; ServerUnavailable if none does."""
    # no proxy from the environment: elasticsearch-py/opensearch-py ignore http_proxy too (and a
    # crawl's http_proxy points at the sites, not at the search server)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(_request(url, NODE_INFO), timeout=timeout) as resp:
            product = resp.headers.get("X-Elastic-Product", "")
            info = json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise UnsupportedServer(f"{url}: {NODE_INFO} answered HTTP {exc.code}; is this Elasticsearch "
                                "or OpenSearch?") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ServerUnavailable(f"{url}: {exc}") from exc
    versions = {str(node.get("version", "")) for node in (info.get("nodes") or {}).values()}
    if not versions:
        raise UnsupportedServer(f"{url}: {NODE_INFO} names no node version; is this Elasticsearch or OpenSearch?")
    version = min(versions, key=lambda v: [int(x) for x in v.split(".")[:3] if x.isdigit()])
    name = "elasticsearch" if product == "Elasticsearch" else "opensearch"
    major = int(version.split(".")[0]) if version.split(".")[0].isdigit() else 0
    if major not in SUPPORTED_MAJOR[name]:
        raise UnsupportedServer(f"{url}: {name} {version} is not supported (govspider talks to Elasticsearch 8 "
                                "and OpenSearch 2/3)")
    return Engine(name, version)


def detect_engine(url: str, timeout: float = 5.0) -> str:
    """``elasticsearch`` or ``opensearch`` (see :func:`server_info`)."""
    return server_info(url, timeout).name


class SearchClient:
    """The few calls govspider needs, the same on both servers."""

    def __init__(self, url: str, engine: str | None = None, timeout: float = 30.0):
        self.url = url
        if engine not in (None, "elasticsearch", "opensearch"):
            raise UnsupportedServer(f"engine must be elasticsearch or opensearch (got {engine!r})")
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

    def scan(self, index: str, query: dict, **kwargs):
        """Every hit of ``query`` (scroll API, in the core of both servers)."""
        return self.helpers.scan(self.raw, query={"query": query}, index=index, ignore_unavailable=True, **kwargs)

    def field_caps(self, index: str) -> dict:
        """``_field_caps`` of every field of ``index``: {field: {type: caps}}."""
        return dict(self.raw.field_caps(index=index, fields="*"))["fields"]

    def streaming_bulk(self, actions, **kwargs):
        return self.helpers.streaming_bulk(self.raw, actions, **kwargs)

    def close(self) -> None:
        self.raw.close()
