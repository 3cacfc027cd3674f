"""The hostile province (敌意省份): sites built to break a crawler, each with its expected outcome.

Served by the same :class:`~govspider.sandbox.server.SandboxServer` (as site host and forward
proxy). Every attack of issue 12 is here, with what govspider must do about it (``CASES``): survive
it, bound its cost, record the true cause, and never turn the attack itself into a veto. Its
ground truth holds only the site that truly cannot be reached, and a near miss: a closed site that
redirects to its parent portal is properly closed (关停后跳转至上级门户), not a fake closure.

Names under the province's registered domains resolve, by its hosts map (``write_hosts``), to
public addresses — except the intranet names (``intranet.``/``oa.internal.``/``meta.``/``v6.``/
``aliyun.`` under ``bomb.gov.cn``), which resolve to private, loopback, link-local, IPv6 and
cloud-metadata addresses. The server counts any request for them (``private_requests``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import zlib
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qsl

from govspider.sandbox.province import public_address, write_hosts_file
from govspider.sandbox.server import Stream
from govspider.sandbox.truth import near_miss_line, truth_line
from govspider.sites import Site, dump_sites_yaml

HTML = "text/html; charset=utf-8"
MB = 1024 * 1024
REGION = "敌意市"


@dataclasses.dataclass(frozen=True)
class Case:
    """One attack: where it is, and what govspider must make of it."""

    name: str
    where: str
    expect: str


CASES = [
    Case("gzip bomb (linked)", "http://www.bomb.gov.cn/gz/bomb.html", "link record: too large (decompressed); crawl goes on"),
    Case("50 MB page, declared length", "http://www.bomb.gov.cn/big/declared.html", "link record truncated; not stored whole"),
    Case("50 MB page, no length", "http://www.bomb.gov.cn/big/stream.html", "first 4 MB kept, page marked truncated"),
    Case("301 loop", "http://www.bomb.gov.cn/loop/a.html", "link record: redirect loop"),
    Case("redirect chain of 8 hops", "http://www.bomb.gov.cn/chain/1.html", "link record: too many redirects"),
    Case("100,000 links on one page", "http://www.bomb.gov.cn/links/all.html", "page and link-check caps hold"),
    Case("infinite calendar", "http://www.bomb.gov.cn/calendar/index.html", "trap guard stops it"),
    Case("lying charset", "http://www.bomb.gov.cn/charset/lie.html", "stored, no crash"),
    Case("binary served as text/html", "http://www.bomb.gov.cn/bin/data.html", "stored without facts, no crash"),
    Case("dripping server", "http://www.bomb.gov.cn/drip.html", "link record: timeout after DOWNLOAD_TIMEOUT"),
    Case("hanging page", "http://www.bomb.gov.cn/hang.html", "link record: timeout"),
    Case("query order matters", "http://www.bomb.gov.cn/query?b=2&a=1", "fetched as written: status 200, not broken"),
    Case("nesting 5,000 deep, defacement after it", "http://www.bomb.gov.cn/deep.html",
         "the hidden link after the nest is read (a true defacement: in the truth)"),
    Case("1,000,000-character text, 200,000-character title", "http://www.bomb.gov.cn/long.html", "facts capped, time bounded"),
    Case("cookies on every page", "http://www.bomb.gov.cn/", "no public-suffix list fetched; no hang"),
    Case("private names under a registered domain", "http://intranet.bomb.gov.cn/ …", "refused before any request; none reach the proxy"),
    Case("IP-literal SSRF forms", "http://2130706433/, http://[::ffff:127.0.0.1]/ …", "refused (not a registered site)"),
    Case("redirect to a private name", "http://www.bomb.gov.cn/go/intranet", "hop refused, kept in the site state's refused"),
    Case("formula in a site name", "=HYPERLINK(…) in the sites file", "report.xlsx cell is text"),
    Case("homepage 50 MB", "http://www.fat.gov.cn/", "cause too_large, reachable, no veto"),
    Case("homepage shorter than its Content-Length", "http://www.short.gov.cn/", "cause truncated, page stored, no veto"),
    Case("robots.txt Disallow: /", "http://www.norobots.gov.cn/", "cause robots_refused, review, no veto"),
    Case("homepage redirects to an already-crawled site", "http://www.moved.gov.cn/", "cause redirected_away, no veto"),
    Case("render_js always, script redirect to a refused host", "http://www.jsredirect.gov.cn/", "plain body used, no chrome-error page"),
    Case("render_js always, endless script", "http://www.jsloop.gov.cn/", "render fails, plain body used"),
    Case("render_js always, memory-eating script", "http://www.jsmem.gov.cn/", "render fails, plain body used"),
    Case("5 MB robots.txt", "http://www.bigrobots.gov.cn/robots.txt", "parsed, crawl goes on"),
    Case("homepage that never answers", "http://www.hang.gov.cn/", "unreachable after 3 attempts: a true veto"),
    Case("closed site redirecting to its parent portal", "http://www.closed.gov.cn/", "properly closed: no fake closure"),
]

#: the intranet names and where they point
PRIVATE_NAMES = {
    "intranet.bomb.gov.cn": "10.12.0.5",
    "oa.internal.bomb.gov.cn": "192.168.10.20",
    "meta.bomb.gov.cn": "169.254.169.254",
    "aliyun.bomb.gov.cn": "100.100.100.200",
    "v6.bomb.gov.cn": "::ffff:127.0.0.1",
    "intranet.jsredirect.gov.cn": "172.16.0.9",
}
SSRF_LITERALS = ["http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://127.1/", "http://[::1]/",
                 "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/latest/meta-data/", "http://100.100.100.200/",
                 "http://10.0.0.1/", "http://[fd00::1]/", "http://0.0.0.0/", "http://224.0.0.1/"]


def _site(code: str, name: str, host: str, **extra) -> Site:
    return Site(site_code=code, name=name, region=REGION, level="county", kind="other", url=f"http://{host}/", **extra)


SITES = [
    _site("4399000001", '=HYPERLINK("http://evil.example/","点此")炸弹测试县', "www.bomb.gov.cn"),
    _site("4399000002", "超大首页测试县", "www.fat.gov.cn"),
    _site("4399000003", "截断首页测试县", "www.short.gov.cn"),
    _site("4399000004", "禁止抓取测试县", "www.norobots.gov.cn"),
    _site("4399000005", "迁移测试县", "www.moved.gov.cn"),
    _site("4399000006", "脚本跳转测试县", "www.jsredirect.gov.cn", render_js="always"),
    _site("4399000007", "脚本死循环测试县", "www.jsloop.gov.cn", render_js="always"),
    _site("4399000008", "脚本耗内存测试县", "www.jsmem.gov.cn", render_js="always"),
    _site("4399000009", "超大robots测试县", "www.bigrobots.gov.cn"),
    _site("4399000010", "无响应测试县", "www.hang.gov.cn"),
    _site("4399000011", "已关停测试县", "www.closed.gov.cn", status="closed"),
]


def _page(title: str, body: str, as_of: dt.date, cookie: bool = False, script: str = "") -> tuple:
    """An ordinary page: fresh dated news (no false 首页不更新), the given body, a footer."""
    news = "".join(f'<li><a href="/xwdt/{i}.html">工作动态第{i}期</a><span>{as_of - dt.timedelta(days=i):%Y-%m-%d}</span></li>'
                   for i in range(1, 4))
    html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{script}</head><body>'
            f'<h1>{title}</h1><div class="news"><h2>工作动态</h2><ul>{news}</ul></div>{body}'
            f'<div class="footer">主办单位：{title} 联系电话：0731-88880000 网站标识码：4399000001 '
            f'<a href="/sitemap.html">网站地图</a></div></body></html>')
    headers = [("Content-Type", HTML)]
    if cookie:
        headers.append(("Set-Cookie", "JSESSIONID=0A1B2C3D; Path=/; Domain=.bomb.gov.cn; HttpOnly"))
    return 200, headers, html.encode("utf-8")


class HostileProvince:
    """The province object the sandbox server serves (same interface as :class:`Province`)."""

    seed = 0
    scale = "hostile"

    def __init__(self, as_of: dt.date | str | None = None):
        self.as_of = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else (as_of or dt.date.today())
        self.sites = list(SITES)
        self.cases = list(CASES)
        self._hosts = {s.host: s for s in self.sites}
        bomb = self._hosts["www.bomb.gov.cn"]
        self.truth = [truth_line("site.unreachable", _code("4399000010"), "", "http://www.hang.gov.cn/", {}),
                      truth_line("content.defacement", _code("4399000001"), "/deep.html", "http://www.bomb.gov.cn/deep.html",
                                 {"terms": ["澳门博彩", "网上赌场"]}),
                      near_miss_line("site.fake_closure", _code("4399000011"), "", "http://www.closed.gov.cn/",
                                     "已关停的网站跳转至上级门户 www.bomb.gov.cn：正确关停，不是虚假关停",
                                     {"redirects_to": bomb.url})]

    # -- the server's interface ---------------------------------------------------------------
    def model(self, host: str):
        site = self._hosts.get(host)
        return SimpleNamespace(site=site) if site else None

    def is_timeout_host(self, host: str) -> bool:
        return host == "www.hang.gov.cn"

    def is_dead_host(self, host: str) -> bool:
        return host not in self._hosts and host not in PRIVATE_NAMES

    def hosts_map(self) -> dict[str, str]:
        mapping = {host: public_address(host) for host in self._hosts}
        mapping.update(PRIVATE_NAMES)
        return mapping

    def write_sites(self, path) -> Path:
        path = Path(path)
        path.write_text(dump_sites_yaml(self.sites), encoding="utf-8")
        return path

    def write_truth(self, path) -> Path:
        path = Path(path)
        path.write_text("".join(json.dumps(t, ensure_ascii=False, sort_keys=True) + "\n" for t in self.truth), encoding="utf-8")
        return path

    def write_hosts(self, path) -> Path:
        return write_hosts_file(path, self.hosts_map())

    def respond(self, method: str, host: str, target: str, headers=None):
        host = host.rsplit(":", 1)[0].lower() if not host.startswith("[") else host
        path, _, query = (target or "/").partition("?")
        handler = getattr(self, "_" + host.replace("www.", "").split(".")[0], None)
        if host not in self._hosts or handler is None:
            return 502, [("Content-Type", "text/plain")], f"502 Bad Gateway: cannot connect to {host}\n".encode()
        if path == "/robots.txt" and host != "www.norobots.gov.cn" and host != "www.bigrobots.gov.cn":
            return 200, [("Content-Type", "text/plain")], b"User-agent: *\nDisallow: /admin/\n"
        if path.startswith("/xwdt/") or path == "/sitemap.html":
            return _page("工作动态", "<p>本站工作动态。</p>", self.as_of)
        return handler(path, query)

    # -- www.bomb.gov.cn: every linked attack -------------------------------------------------
    def _bomb(self, path: str, query: str):
        as_of = self.as_of
        if path == "/":
            links = ["/gz/bomb.html", "/big/declared.html", "/big/stream.html", "/loop/a.html", "/chain/1.html",
                     "/links/all.html", f"/calendar/index.html?month={as_of:%Y-%m}", "/charset/lie.html", "/bin/data.html",
                     "/drip.html", "/hang.html", "/query?b=2&a=1", "/deep.html", "/long.html", "/go/intranet",
                     *(f"http://{name}/" for name in PRIVATE_NAMES), "http://oa.internal.bomb.gov.cn/admin/login.jsp",
                     *SSRF_LITERALS]
            body = "<ul>" + "".join(f'<li><a href="{u}">链接{i}</a></li>' for i, u in enumerate(links)) + "</ul>"
            return _page("炸弹测试县人民政府", body, as_of, cookie=True)
        if path == "/gz/bomb.html":
            return 200, [("Content-Type", HTML), ("Content-Encoding", "gzip")], gzip_bomb()
        if path == "/big/declared.html":
            return 200, [("Content-Type", HTML)], Stream(_filler(50 * MB), length=50 * MB)
        if path == "/big/stream.html":
            return 200, [("Content-Type", HTML)], Stream(_filler(50 * MB))
        if path in ("/loop/a.html", "/loop/b.html"):
            other = "/loop/b.html" if path == "/loop/a.html" else "/loop/a.html"
            return 301, [("Location", other)], b""
        if path.startswith("/chain/"):
            step = int(path.split("/")[2].split(".")[0] or 1)
            return 302, [("Location", f"/chain/{step + 1}.html" if step < 8 else "/xwdt/1.html")], b""
        if path == "/links/all.html":
            links = "".join(f'<a href="/l/{i}.html">{i}</a> ' for i in range(100_000))
            return 200, [("Content-Type", HTML)], f"<html><head><title>全部链接</title></head><body>{links}</body></html>".encode()
        if path.startswith("/l/"):
            return 200, [("Content-Type", HTML)], b"<html><head><title>x</title></head><body>x</body></html>"
        if path == "/calendar/index.html":
            month = dict(parse_qsl(query)).get("month", f"{as_of:%Y-%m}")
            year, mon = (int(p) for p in month.split("-")[:2])
            nxt = f"{year + mon // 12}-{mon % 12 + 1:02d}"
            return 200, [("Content-Type", HTML)], (
                f'<html><head><title>{month} 活动日历</title></head><body><a href="/calendar/index.html?month={nxt}">下个月</a>'
                "</body></html>").encode()
        if path == "/charset/lie.html":
            return 200, [("Content-Type", HTML)], "<html><head><title>统计公报</title></head><body>全县生产总值增长</body></html>".encode("gbk")
        if path == "/bin/data.html":
            return 200, [("Content-Type", "text/html")], b"PK\x03\x04" + bytes(range(256)) * 2000
        if path == "/drip.html":
            return 200, [("Content-Type", HTML)], Stream((b"<" for _ in range(600)), length=600, gap=0.5)
        if path == "/hang.html":
            return 200, [("Content-Type", HTML)], Stream([b"<html>"], delay=120)
        if path == "/query":
            if query == "b=2&a=1":  # this server reads the query string literally, as some CMSs do
                return _page("政务公开查询", "<p>查询结果</p>", as_of)
            return 404, [("Content-Type", HTML)], b"<html><head><title>404</title></head><body>not found</body></html>"
        if path == "/deep.html":
            nest = "<div><span>" * 5000 + "深层内容" + "</span></div>" * 5000
            hidden = '<a href="http://www.bc-casino888.com/" style="display:none">澳门博彩 网上赌场</a>'
            return 200, [("Content-Type", HTML)], (
                f"<html><head><title>深层页面</title></head><body>{nest}<p>被篡改后插入的暗链：{hidden}</p></body></html>").encode()
        if path == "/long.html":
            return 200, [("Content-Type", HTML)], (
                f"<html><head><title>{'咨询' * 100_000}</title></head><body><p>{'的' * 1_000_000}</p></body></html>").encode()
        if path == "/go/intranet":
            return 302, [("Location", "http://intranet.bomb.gov.cn/admin/")], b""
        return 404, [("Content-Type", HTML)], b"<html><head><title>404</title></head><body>not found</body></html>"

    # -- one attack per site ------------------------------------------------------------------
    def _fat(self, path, query):
        if path == "/":
            return 200, [("Content-Type", HTML)], Stream(_filler(50 * MB), length=50 * MB)
        return self._plain(path)

    def _short(self, path, query):
        if path == "/":
            status, headers, body = _page("截断首页测试县人民政府", "<p>首页</p>", self.as_of)
            return status, headers, Stream([body], length=len(body) + 5000)
        return self._plain(path)

    def _norobots(self, path, query):
        if path == "/robots.txt":
            return 200, [("Content-Type", "text/plain")], b"User-agent: *\nDisallow: /\n"
        return _page("禁止抓取测试县人民政府", "<p>首页</p>", self.as_of)

    def _moved(self, path, query):
        return 302, [("Location", "http://www.bomb.gov.cn/")], b""

    def _jsredirect(self, path, query):
        script = '<script>location.href = "http://intranet.jsredirect.gov.cn/admin/";</script>'
        return _page("脚本跳转测试县人民政府", "<p>首页</p>", self.as_of, script=script)

    def _jsloop(self, path, query):
        return _page("脚本死循环测试县人民政府", "<p>首页</p>", self.as_of, script="<script>while (true) {}</script>")

    def _jsmem(self, path, query):
        script = "<script>var hog = []; while (true) { hog.push(new Array(1e6).fill('x' + Math.random())); }</script>"
        return _page("脚本耗内存测试县人民政府", "<p>首页</p>", self.as_of, script=script)

    def _bigrobots(self, path, query):
        if path == "/robots.txt":
            return 200, [("Content-Type", "text/plain")], big_robots()
        return self._plain(path)

    def _hang(self, path, query):  # never reached: the server holds its connections
        return self._plain(path)

    def _closed(self, path, query):
        return 301, [("Location", "http://www.bomb.gov.cn/")], b""

    def _plain(self, path):
        if path == "/":
            return _page("测试县人民政府", "<p>首页</p>", self.as_of)
        return 404, [("Content-Type", HTML)], b"<html><head><title>404</title></head><body>not found</body></html>"


def _code(site_code: str):
    return SimpleNamespace(code=site_code)


def _filler(size: int):
    chunk = (b"<p>" + "统计数据".encode() * 4000 + b"</p>\n")
    sent = 0
    yield "<html><head><title>统计数据汇编</title></head><body>".encode()
    while sent < size:
        yield chunk
        sent += len(chunk)


@functools.lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """~200 KB of gzip that inflates to 200 MB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = b"\0" * MB
    return b"".join(packer.compress(zeros) for _ in range(200)) + packer.flush()


@functools.lru_cache(maxsize=1)
def big_robots() -> bytes:
    lines = [b"User-agent: *"] + [f"Disallow: /private/{i}/".encode() for i in range(260_000)]
    return b"\n".join(lines) + b"\n"
