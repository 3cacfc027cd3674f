"""One egress policy for every fetch (出口策略): nothing the crawl reaches may be a private address.

A page can link anywhere, and anyone can point a host name under a registered domain
(``intranet.<site>.gov.cn``) at an address inside the network the crawler runs in. So before a
request leaves — page, link check, robots.txt, every redirect hop, every Chromium request — its
host is resolved and refused when any address is loopback, private, link-local, shared (CGNAT,
cloud metadata at ``100.100.100.200``), multicast, reserved or unspecified: IPv4, IPv6, IPv4-mapped
and NAT64/6to4 forms, and the legacy numeric forms browsers accept (``2130706433``,
``0x7f.1``, ``0177.0.0.1``, ``127.1``). The one exception is a ``host:port`` that the sites file
itself names (a test site on ``127.0.0.1:8080``).

Where names resolve:

- ``GOVSPIDER_HOSTS_FILE`` (setting or environment variable): a hosts(5) file — ``ADDRESS NAME…``
  — authoritative for the names it lists. The sandbox writes one beside its sites file
  (``govspider sandbox serve --hosts-out``), because its sites are reached through its forward
  proxy and their names resolve nowhere else.
- otherwise the system resolver (``getaddrinfo``), ``DNS_TIMEOUT`` at most, cached per crawl.

Through a forward proxy (``http_proxy``) the crawler never connects to the target: the proxy
does. The policy therefore judges the target by the addresses its name has *here*; a name that
does not resolve here is left to the proxy (counted as ``govspider/egress/unverified``), unless
``GOVSPIDER_EGRESS_UNRESOLVED = "refuse"``. Without a proxy the same check also runs at connect
time (:class:`EgressNameResolver`, ``TWISTED_DNS_RESOLVER``): the addresses Twisted connects to are
filtered again, so a name that answers differently the second time (DNS rebinding) still cannot
reach a private address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import re
import socket
import threading
from urllib.parse import urlsplit

from twisted.internet.interfaces import IHostnameResolver, IResolutionReceiver
from zope.interface import implementer, provider

logger = logging.getLogger(__name__)

_NUMERIC_HOST = re.compile(r"[0-9a-fA-FxX.]+")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_6TO4 = ipaddress.ip_network("2002::/16")
#: refusal records kept per crawl (the count is unbounded, the examples are not)
MAX_REFUSAL_RECORDS = 1000


def literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address an IP-literal host denotes, in every form a browser or libc accepts; else None."""
    host = (host or "").strip().strip("[]").rstrip(".").lower()
    if not host:
        return None
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if _NUMERIC_HOST.fullmatch(host) and any(c.isdigit() for c in host):
        try:  # inet_aton: 2130706433, 0x7f000001, 0177.0.0.1, 127.1 …
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def address_refusal(ip) -> str | None:
    """Why an address may not be reached (None when it is an ordinary public address)."""
    if isinstance(ip, str):
        ip = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is None and int(ip) >> 32 == 0 and int(ip) > 1:  # deprecated IPv4-compatible ::a.b.c.d
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            why = address_refusal(embedded)
            return f"{why} (embedded in {ip})" if why else None
    for name, flag in (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if flag:
            return f"{name} address {ip}"
    if not ip.is_global:
        return f"non-public address {ip}"
    return None


def read_hosts_file(path: str) -> dict[str, list[str]]:
    """name -> addresses from a hosts(5) file (comments and blank lines skipped)."""
    mapping: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            if len(fields) < 2 or literal_ip(fields[0]) is None:
                raise ValueError(f"{path} line {number}: expected `ADDRESS NAME …` (got {line.strip()!r})")
            for name in fields[1:]:
                mapping.setdefault(name.lower().rstrip("."), []).append(fields[0])
    return mapping


def proxy_endpoints(environ=os.environ) -> set[str]:
    """``host:port`` of the configured forward proxies (the crawl may always connect to them)."""
    out = set()
    for key in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        value = environ.get(key)
        if value:
            parts = urlsplit(value if "://" in value else f"http://{value}")
            if parts.hostname:
                out.add(f"{parts.hostname.lower()}:{parts.port or 80}")
    return out


class EgressPolicy:
    """Decides whether a URL may be fetched, by the addresses its host has (see module docstring)."""

    def __init__(self, named_hosts=(), hosts_map: dict[str, list[str]] | None = None, dns_timeout: float = 10.0,
                 refuse_unresolved: bool = False, proxies: set[str] | None = None):
        #: ``host`` / ``host:port`` keys the sites file names (always allowed, whatever they resolve to)
        self.named_hosts = set(named_hosts)
        self.hosts_map = hosts_map or {}
        self.dns_timeout = dns_timeout
        self.refuse_unresolved = refuse_unresolved
        self.proxies = proxies if proxies is not None else proxy_endpoints()
        self._cache: dict[str, list[str] | None] = {}
        self._lock = threading.Lock()
        self.refusals: list[dict] = []
        self.refused = 0
        self.unverified = 0

    @classmethod
    def from_settings(cls, settings, named_hosts=()) -> "EgressPolicy":
        path = settings.get("GOVSPIDER_HOSTS_FILE") or os.environ.get("GOVSPIDER_HOSTS_FILE")
        return cls(named_hosts, read_hosts_file(path) if path else None, settings.getfloat("DNS_TIMEOUT", 10.0),
                   str(settings.get("GOVSPIDER_EGRESS_UNRESOLVED") or "proxy") == "refuse")

    # -- the decision ------------------------------------------------------------------------
    def allowed_endpoint(self, host: str, port: int | None, scheme: str = "http") -> bool:
        """True for a ``host:port`` the sites file names, or a configured proxy."""
        host = host.lower().rstrip(".")
        default = {"http": 80, "https": 443}.get(scheme, 80)
        port = port or default
        key = host if port == default else f"{host}:{port}"
        bracketed = f"[{host}]" if ":" in host and not host.startswith("[") else host
        return key in self.named_hosts or (bracketed if port == default else f"{bracketed}:{port}") in self.named_hosts \
            or f"{host}:{port}" in self.proxies

    async def check(self, url: str) -> str | None:
        """Why ``url`` may not be fetched (None: it may)."""
        try:
            parts = urlsplit(url)
            host, port, scheme = (parts.hostname or "").lower().rstrip("."), parts.port, parts.scheme
        except ValueError:
            return "not a URL"
        if not host:
            return "no host"
        if self.allowed_endpoint(host, port, scheme):
            return None
        addresses = await self.resolve(host)
        if addresses is None:
            if self.refuse_unresolved:
                return f"{host} does not resolve here (GOVSPIDER_EGRESS_UNRESOLVED = refuse)"
            with self._lock:
                self.unverified += 1
            return None
        return self.judge(host, addresses)

    def judge(self, host: str, addresses) -> str | None:
        for address in addresses:
            why = address_refusal(address)
            if why:
                return why if literal_ip(host) is not None else f"{host} resolves to a {why}"
        return None

    async def resolve(self, host: str) -> list[str] | None:
        """Addresses of ``host`` (hosts file, IP literal or DNS); None when it does not resolve."""
        ip = literal_ip(host)
        if ip is not None:
            return [str(ip)]
        if host in self.hosts_map:
            return self.hosts_map[host]
        if host in self._cache:
            return self._cache[host]
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(loop.getaddrinfo(host, None, type=socket.SOCK_STREAM), self.dns_timeout)
            result = list(dict.fromkeys(info[4][0] for info in infos)) or None
        except (OSError, asyncio.TimeoutError, UnicodeError):
            result = None
        with self._lock:
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[host] = result
        return result

    def record(self, url: str, why: str, site_code: str | None, via: str = "crawl") -> None:
        """Remember a refused request (thread-safe: Chromium's proxy runs in its own thread)."""
        with self._lock:
            self.refused += 1
            if len(self.refusals) < MAX_REFUSAL_RECORDS:
                self.refusals.append({"url": url[:500], "why": why, "site_code": site_code, "via": via})


#: the policy of the crawl running in this process (one crawl per process: the reactor cannot restart)
_active: EgressPolicy | None = None


def activate(policy: EgressPolicy | None) -> None:
    global _active
    _active = policy


def active() -> EgressPolicy | None:
    return _active


@provider(IResolutionReceiver)
class _FilteringReceiver:
    """Passes on only the addresses the active policy allows for this host and port."""

    def __init__(self, receiver, host: str, port: int):
        self.receiver, self.host, self.port = receiver, host, port
        self.dropped: list[str] = []

    def resolutionBegan(self, resolution):
        self.receiver.resolutionBegan(resolution)

    def addressResolved(self, address):
        policy = _active
        if policy is None or policy.allowed_endpoint(self.host, self.port):
            self.receiver.addressResolved(address)
            return
        why = address_refusal(address.host)
        if why:
            self.dropped.append(address.host)
            policy.record(f"//{self.host}:{self.port}", f"connect: {self.host} resolves to a {why}", None, via="connect")
            return
        self.receiver.addressResolved(address)

    def resolutionComplete(self):
        self.receiver.resolutionComplete()


@implementer(IHostnameResolver)
class EgressNameResolver:
    """``TWISTED_DNS_RESOLVER``: the reactor's own resolver, behind the policy (hosts file first).

    Every TCP connection Scrapy opens resolves its host here, so a private address is never
    connected to — even when a name resolved to a public one a moment before."""

    def __init__(self, reactor):
        self.reactor = reactor
        self.original = reactor.nameResolver

    @classmethod
    def from_crawler(cls, crawler, reactor):
        return cls(reactor)

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def resolveHostName(self, resolutionReceiver, hostName, portNumber=0, addressTypes=None, transportSemantics="TCP"):
        policy = _active
        host = hostName.lower().rstrip(".")
        receiver = _FilteringReceiver(resolutionReceiver, host, portNumber)
        mapped = policy.hosts_map.get(host) if policy is not None else None
        if mapped:
            from twisted.internet.address import IPv4Address, IPv6Address
            from scrapy.resolver import HostResolution

            receiver.resolutionBegan(HostResolution(hostName))
            for address in mapped:
                kind = IPv6Address if ":" in address else IPv4Address
                receiver.addressResolved(kind("TCP", address, portNumber))
            receiver.resolutionComplete()
            return resolutionReceiver
        return self.original.resolveHostName(receiver, hostName, portNumber, addressTypes, transportSemantics)
