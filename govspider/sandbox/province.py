"""The simulated province (模拟省份): ``build_province`` and ``Province.respond`` / ``page_model``.

``respond`` is a pure function of the request (no I/O): tests can read any page without HTTP, and
the server (server.py) only adds sockets, latency, rate limits and held connections.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit
from functools import lru_cache
from pathlib import Path

from govspider.sandbox import content, hazards
from govspider.sandbox.families import FAMILY_NAMES, HALL_ONLY
from govspider.sandbox.model import SiteModel
from govspider.sandbox.pages import route, site_paths
from govspider.sandbox.plan import plan_province
from govspider.sites import Site, dump_sites_yaml

#: hosts outside the province that real footers link to; they answer 200 so links to them are fine
AUX_HOSTS = ("bszs.conac.cn", "dcs.conac.cn", "zfwzgl.www.gov.cn", "www.gov.cn", "beian.miit.gov.cn", "www.beian.gov.cn")
STATIC_TYPES = {"png": "image/png", "gif": "image/gif", "jpg": "image/jpeg", "css": "text/css", "js": "application/javascript"}
STATIC_BODY = b"/* static */\n"
ROBOTS = b"User-agent: *\nDisallow: /admin/\nDisallow: /manage/\n"
CHARSETS = {"utf8": ("utf-8", "text/html; charset=utf-8"), "gbk-both": ("gbk", "text/html; charset=GBK"),
            "gbk-meta": ("gbk", "text/html"), "gb18030-header": ("gb18030", "text/html; charset=GB18030")}

Response = tuple[int, list[tuple[str, str]], bytes]


class Province:
    """A generated province: sites, ground truth and every page (computed on request)."""

    def __init__(self, seed: int, as_of: dt.date, scale: str, models: list[SiteModel], truth: list[dict]):
        self.seed, self.as_of, self.scale = seed, as_of, scale
        self.models = models
        self.sites: list[Site] = [m.site for m in models]
        self.truth = truth
        self._by_host = {m.host: m for m in models}
        #: hosts outside the province that answer 200: footer badges, and what homepages link to
        self.aux_hosts = frozenset(AUX_HOSTS) | {
            _host(urlsplit(url).netloc) for m in models for url, _text in m.home_links} - set(self._by_host) - {""}
        self.timeout_hosts = frozenset(
            t["key"].split("/")[2] for t in truth if t["rule_id"] == "link.broken" and t["details"].get("status") == "timeout")
        self._respond = lru_cache(maxsize=4096)(self._respond_uncached)
        self._links_cache: dict[str, list] = {}

    # -- public API --------------------------------------------------------------------------
    def model(self, host: str) -> SiteModel | None:
        return self._by_host.get(_host(host))

    def respond(self, method: str, host: str, path_and_query: str, headers=None) -> Response:
        """(status, headers, body) for one request; HEAD gets the headers of GET and no body."""
        status, hdrs, body = self._respond(_host(host), path_and_query or "/")
        if method.upper() == "HEAD":
            return status, hdrs, b""
        return status, hdrs, body

    def page_model(self, host: str, path_and_query: str) -> dict | None:
        """The page-facts object the page at this URL is meant to convey (None: not an HTML page)."""
        model = self.model(host)
        if model is None or not model.reachable:
            return None
        path, _, query = (path_and_query or "/").partition("?")
        page = route(self.as_of, model, path, query)
        if page is None or page.view == "raw":
            return None
        return page.facts(model)

    def page_urls(self, host: str):
        """Every page and file URL of a site (lists a script pager links to included), stable order."""
        model = self.model(host)
        for path in site_paths(self.as_of, model):
            yield f"http://{model.host}{path}"

    def list_url(self, model: SiteModel, col, page_no: int = 0) -> str:
        """The URL of a column's list page in the site's family (``page_no`` 0 = the first)."""
        return f"http://{model.host}{model.skin.list_path(model, col, page_no)}"

    def is_timeout_host(self, host: str) -> bool:
        return _host(host) in self.timeout_hosts

    def is_dead_host(self, host: str) -> bool:
        """True when a real proxy could not connect: unknown host or the site that never answers."""
        h = _host(host)
        model = self._by_host.get(h)
        return (model is None and h not in self.aux_hosts and h not in content.SPAM_HOSTS and h not in self.timeout_hosts) or (model is not None and not model.reachable)

    def sites_yaml(self) -> str:
        return dump_sites_yaml(self.sites)

    def truth_jsonl(self) -> str:
        return "".join(json.dumps(t, ensure_ascii=False, sort_keys=True) + "\n" for t in self.truth)

    def write_sites(self, path) -> Path:
        path = Path(path)
        path.write_text(self.sites_yaml(), encoding="utf-8")
        return path

    def write_truth(self, path) -> Path:
        path = Path(path)
        path.write_text(self.truth_jsonl(), encoding="utf-8")
        return path

    def hosts_map(self) -> dict[str, str]:
        """Where the province's names resolve: every host it serves gets a public address
        (never connected to — the crawl reaches them through the sandbox's proxy)."""
        names = [*self._by_host, *self.aux_hosts, *content.SPAM_HOSTS, *self.timeout_hosts]
        return {name: public_address(name) for name in sorted(set(names))}

    def write_hosts(self, path) -> Path:
        return write_hosts_file(path, self.hosts_map())

    # -- internals ---------------------------------------------------------------------------
    def _links(self, model: SiteModel) -> list[tuple[str, str]]:
        if model.code not in self._links_cache:
            self._links_cache[model.code] = self._related(model)
        return self._links_cache[model.code]

    def _related(self, model: SiteModel) -> list[tuple[str, str]]:
        out = []
        for other in self.models:
            if other is model or not other.reachable or other.site.closed:
                continue
            paired = other.code == model.site.service_hall or model.code == other.site.service_hall
            if other.site.level == "province" and other.site.kind == "portal" or paired or (
                    other.site.kind == "portal" and other.site.region == model.site.region):
                out.append((other.site.url, other.site.name))
        return out

    def _respond_uncached(self, host: str, target: str) -> Response:
        if host in content.SPAM_HOSTS:  # the planted 暗链 lead somewhere that answers, like real ones
            return 200, [("Content-Type", "text/html; charset=utf-8")], (
                "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + "".join(content.SPAM_TERMS[:2])
                + "</title></head><body>" + "".join(content.SPAM_TERMS) + "</body></html>").encode()
        if host in self.aux_hosts:
            return 200, [("Content-Type", "text/html; charset=utf-8")], (
                f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{host}</title></head><body>{host}</body></html>").encode()
        model = self._by_host.get(host)
        if model is None or not model.reachable or host in self.timeout_hosts:
            return 502, [("Content-Type", "text/plain; charset=utf-8")], f"502 Bad Gateway: cannot connect to {host}\n".encode()
        path, _, query = target.partition("?")
        if path == "/robots.txt":
            return 200, [("Content-Type", "text/plain")], ROBOTS
        if path.startswith(("/images/", "/css/", "/js/")):  # page assets exist (no unplanned 404s)
            return 200, [("Content-Type", STATIC_TYPES.get(path.rsplit(".", 1)[-1], "application/octet-stream"))], STATIC_BODY
        if model.hazards:
            hz = hazards.hazard_response(model, path, query)
            if hz:
                return hz
        if path.startswith("/cms/wcm/jsp/") and model.broken_links:
            return 500, [("Content-Type", "text/html; charset=utf-8")], b"<html><body><h1>HTTP Status 500 - Internal Server Error</h1></body></html>"
        page = route(self.as_of, model, path, query)
        if page is None:
            return self._not_found(model)
        if page.view == "raw":
            return 200, [("Content-Type", page.data["ctype"]), *page.data["headers"]], page.data["body"]
        html = model.skin.render(model, page, self.as_of, self._links(model))
        codec, ctype = CHARSETS[model.encoding]
        return page.status, [("Content-Type", ctype)], html.encode(codec, errors="xmlcharrefreplace")

    def _not_found(self, model: SiteModel) -> Response:
        body = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>404 页面不存在</title></head>'
                f'<body><h1>404</h1><p>您访问的页面不存在或已被删除。</p><a href="/">返回{model.site.name}首页</a></body></html>')
        return 404, [("Content-Type", "text/html; charset=utf-8")], body.encode("utf-8")


def public_address(name: str) -> str:
    """A stable public IPv4 address for a sandbox host name, in 61.187.0.0/16 (China Telecom, Hunan)."""
    import hashlib

    n = int.from_bytes(hashlib.sha1(name.encode("utf-8")).digest()[:2], "big")
    return f"61.187.{n >> 8}.{(n & 0xFF) % 254 + 1}"


def write_hosts_file(path, mapping: dict[str, str]) -> Path:
    """A hosts(5) file, one ``ADDRESS NAME`` a line (what GOVSPIDER_HOSTS_FILE reads)."""
    path = Path(path)
    lines = ["# where the sandbox's host names resolve (govspider sandbox serve --hosts-out)"]
    lines += [f"{address} {name}" for name, address in sorted(mapping.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _host(host: str) -> str:
    host = (host or "").strip().lower()
    if host.startswith("["):
        return host
    return host.rsplit(":", 1)[0] if ":" in host else host


def build_province(seed: int = 7, as_of: dt.date | str | None = None, scale: str = "small",
                   families=None) -> Province:
    """Generate the province for ``seed`` as of ``as_of`` (default today); scale small|bench;
    ``families``: the markup families its sites are drawn in (default: all of them)."""
    if scale not in ("small", "bench"):
        raise ValueError(f"scale must be small or bench (got {scale!r})")
    families = tuple(families or FAMILY_NAMES)
    unknown = [f for f in families if f not in FAMILY_NAMES]
    if unknown or not [f for f in families if f not in HALL_ONLY]:
        raise ValueError(f"families must name at least one of {', '.join(n for n in FAMILY_NAMES if n not in HALL_ONLY)}"
                         f" (unknown: {', '.join(unknown) or 'none'})")
    if as_of is None:
        as_of = dt.date.today()
    elif isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    models, truth = plan_province(seed, as_of, scale, families)
    return Province(seed, as_of, scale, models, truth)
