"""URL policy: canonical URLs, registrable domains, and which registered site owns a URL.

- :func:`canonical_url` — w3lib ``canonicalize_url`` with session ids (jsessionid, sid,
  PHPSESSID …) and the fragment removed, so one page has one URL in the store and the dupefilter.
- :func:`registrable_domain` — the site's 主域名 from tldextract's *bundled* public-suffix
  snapshot (never fetched from the network).
- :class:`SiteResolver` — ``owner(url)`` says which registered site a URL belongs to: a host
  registered by a site (its start host or ``hosts``) belongs to that site; any other host under a
  registered site's registrable domain belongs to the site whose host is its nearest parent
  (``x.jyj.csx.gov.cn`` → the 教育局 site registered as ``jyj.csx.gov.cn``, ``news.csx.gov.cn``
  → the portal ``www.csx.gov.cn``); a host under no registered host (``www.zhuzhou.gov.cn`` when
  only the department ``rsj.zhuzhou.gov.cn`` is checked, as in a sampled campaign) belongs to
  nobody. Unregistered domains belong to nobody and are never fetched.
- :func:`is_private_host` — loopback / private / link-local IP literals and ``localhost``,
  refused unless the sites file itself names the host (names that *resolve* to such addresses
  are the egress policy's, :mod:`govspider.crawling.egress`).
"""

from __future__ import annotations

import functools
import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

import tldextract
from w3lib.url import canonicalize_url

from govspider.sites import Site

#: query parameters that carry a session, never part of a page's identity
SESSION_PARAMS = frozenset({
    "jsessionid", "sid", "phpsessid", "sessionid", "session_id", "sessid", "aspsessionid",
    "cfid", "cftoken",
})
#: ;jsessionid=… path parameters (Java servlets) and (S(…)) cookieless ASP.NET segments
_PATH_SESSION = re.compile(r";(?:jsessionid|sid|phpsessid|sessionid)=[^/?#]*", re.I)
_ASPNET_SESSION = re.compile(r"/\((?:S|A|F)\([A-Za-z0-9]+\)\)", re.I)


@functools.lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # suffix_list_urls=() and no cache: the bundled snapshot only, no network, no disk writes
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def use_bundled_suffix_list() -> None:
    """Make Scrapy's cookie handling read the bundled public-suffix snapshot, never the network.

    ``scrapy.downloadermiddlewares.cookies`` builds a module-level ``TLDExtract()`` that fetches the
    suffix list over HTTP (no timeout) the first time a site sets a cookie: with egress
    black-holed a whole crawl hung there. Its extractor is replaced by one that only reads the
    snapshot shipped inside tldextract (same private-domain setting as Scrapy's)."""
    from scrapy.downloadermiddlewares import cookies

    if getattr(getattr(cookies, "_split_domain", None), "suffix_list_urls", None) == ():
        return
    cookies._split_domain = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@functools.lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """``www.csx.gov.cn`` → ``csx.gov.cn``; an IP literal or a bare name is returned unchanged."""
    host = (host or "").lower().strip(".")
    result = _extractor()(host)
    domain = result.top_domain_under_public_suffix
    return domain or host


def canonical_url(url: str) -> str:
    """The URL a page is stored and deduplicated under (session ids and fragment dropped)."""
    url = _PATH_SESSION.sub("", url)
    url = _ASPNET_SESSION.sub("", url)
    url = canonicalize_url(url, keep_fragments=False)
    parts = urlsplit(url)
    if parts.query:
        kept = [p for p in parts.query.split("&") if p.split("=", 1)[0].lower() not in SESSION_PARAMS]
        if len(kept) != len(parts.query.split("&")):
            url = urlunsplit(parts._replace(query="&".join(kept)))
    default = {"http": 80, "https": 443}.get(parts.scheme)
    if default is not None and f":{default}" in parts.netloc and parts.port == default:
        # drop default ports so http://a.gov.cn:80/ and http://a.gov.cn/ are one page
        url = urlunsplit(urlsplit(url)._replace(netloc=parts.netloc[: -len(f":{default}")]))
    return url


def url_host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


def is_private_host(host: str) -> bool:
    """True for loopback, private, link-local, reserved or unspecified IPs and ``localhost``."""
    host = (host or "").lower().strip("[]").rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_unspecified or ip.is_multicast


def host_key(parts) -> str:
    """``host`` or ``host:port`` when the port is not the scheme's default (for exact matching)."""
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        return host
    if port and port != {"http": 80, "https": 443}.get(parts.scheme):
        return f"{host}:{port}"
    return host


def site_hosts(site: Site) -> tuple[str, ...]:
    """Every host a site registers: its start URL's host (``host:port`` off the default port) and its ``hosts``."""
    hosts = [host_key(urlsplit(site.url)), *site.hosts]
    return tuple(dict.fromkeys(h.lower() for h in hosts if h))


def _strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


class SiteResolver:
    """Which registered site owns a URL (see module docstring); built once per crawl."""

    def __init__(self, sites: list[Site]):
        self.sites = {s.site_code: s for s in sites}
        self._by_host: dict[str, list[tuple[str, str]]] = {}  # host -> [(path prefix, site_code)]
        self._by_domain: dict[str, list[tuple[str, str]]] = {}  # registrable domain -> [(parent host, code)]
        self.named_hosts: set[str] = set()
        for site in sites:
            prefix = urlsplit(site.url).path or "/"
            prefix = prefix if prefix.endswith("/") else prefix.rsplit("/", 1)[0] + "/"
            for i, key in enumerate(site_hosts(site)):
                self.named_hosts.add(key)
                self._by_host.setdefault(key, []).append((prefix if i == 0 else "/", site.site_code))
                host = key.rsplit(":", 1)[0] if key.count(":") == 1 else key
                if not is_ip_literal(host) and not is_private_host(host):
                    self._by_domain.setdefault(registrable_domain(host), []).append((_strip_www(host), site.site_code))
        for entries in self._by_host.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)
        for entries in self._by_domain.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)

    def owner(self, url: str) -> str | None:
        """site_code of the site that owns ``url``, or None (not a registered site's URL)."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if parts.scheme not in ("http", "https"):
            return None
        host = (parts.hostname or "").lower().rstrip(".")
        key = host_key(parts)
        private = is_ip_literal(host) or is_private_host(host)
        # private and IP hosts match only exactly (host and port); names also by host alone
        entries = self._by_host.get(key) or (None if private else self._by_host.get(host))
        if entries:
            path = parts.path or "/"
            for prefix, code in entries:
                if path.startswith(prefix) or path + "/" == prefix:
                    return code
            # a site registered under a sub-path does not own the rest of its host ...
            roots = [code for prefix, code in entries if prefix == "/"]
            # ... unless no site owns the host root: then the shortest-prefix site takes it
            return roots[0] if roots else entries[-1][1]
        if not host or private:
            return None
        candidates = self._by_domain.get(registrable_domain(host))
        if not candidates:
            return None
        for parent, code in candidates:
            if host == parent or host.endswith("." + parent):
                return code
        # a sibling of a department's host (www.zhuzhou.gov.cn beside rsj.zhuzhou.gov.cn) is not
        # that department's: it is another site, registered in this campaign or not
        return None

    def allowed(self, url: str, site_code: str) -> bool:
        """True when ``url`` belongs to the site ``site_code`` (the crawl stays on it)."""
        return self.owner(url) == site_code

    def fetch_allowed(self, url: str) -> str | None:
        """Why fetching ``url`` is refused (None when allowed): safety net for every request."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return "not a URL"
        host = (parts.hostname or "").lower()
        if not host:
            return "no host"
        if (is_private_host(host) or is_ip_literal(host)) and host_key(parts) not in self.named_hosts:
            return f"private or loopback address {host_key(parts)} not named in the sites file"
        if self.owner(url) is None:
            return f"host {host} belongs to no registered site"
        return None
