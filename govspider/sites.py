"""The site registry: read and validate a sites file (YAML list or CSV with a header).

A sites file lists the websites a campaign may check, one site each (contract in DESIGN.md):
``site_code`` (网站标识码), ``name``, ``region`` (市州), ``county``, ``level``, ``kind``, ``url``,
``service_hall`` (site_code of the paired 政务服务网), ``status`` (active|closed).

Every problem is reported with the line it is on and the field it concerns, and nothing is
returned when any problem is found, so a bad file never starts half a crawl.

A sites file is written by hand and may be hostile, so reading it is bounded: the file's size
(``MAX_FILE_BYTES``), the number of sites, every field's length (``FIELD_MAX_CHARS``), and how far
YAML aliases may expand (an alias bomb of a few hundred bytes is refused, not expanded). Every
value is kept as the text written — YAML 1.1's implicit typing never turns site_code
``0430000001`` into a number or a name ``NO`` into a boolean. YAML is composed once, with libyaml
when it is installed. Ports must be 1–65535, and two sites may not share a start URL.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path
from urllib.parse import urlsplit

import re

import yaml

LEVELS = ("province", "city", "county", "department")
KINDS = ("portal", "department", "service_hall", "other")
STATUSES = ("active", "closed")
RENDER_JS = ("auto", "always", "never")
REQUIRED = ("site_code", "name", "region", "level", "kind", "url")
FIELDS = REQUIRED + ("county", "service_hall", "status", "hosts", "render_js")

#: a national registry holds ~15,000 sites in ~5 MB: anything far larger is not a sites file
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_SITES = 100_000
#: longest value per field, in characters (the longest real 网站名称 are ~60 characters)
FIELD_MAX_CHARS = {"site_code": 32, "name": 200, "region": 64, "county": 64, "level": 16, "kind": 16,
                   "url": 2048, "service_hall": 32, "status": 16, "render_js": 16}
MAX_HOSTS = 64
#: YAML nodes a walk may visit per character of the file (aliases and merge keys re-visit nodes)
MAX_YAML_NODES_PER_CHAR = 4

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAPPING_VALUE = {"__mapping__": True}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_IPV4 = re.compile(r"[0-9.]+")
_HOSTNAME = re.compile(r"(?=.{1,253}$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)*"
                       r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.?")


class SitesFileError(ValueError):
    """A sites file that cannot be used; ``problems`` lists every problem found."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


@dataclasses.dataclass(frozen=True)
class Site:
    site_code: str
    name: str
    region: str
    level: str
    kind: str
    url: str
    county: str | None = None
    service_hall: str | None = None
    status: str = "active"
    #: extra host names that belong to the site (besides the start URL's host)
    hosts: tuple[str, ...] = ()
    #: render pages with a headless browser (scrapy-playwright): "auto" | "always" | "never"
    render_js: str = "auto"

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["hosts"] = list(self.hosts)
        return {k: v for k, v in data.items() if v not in (None, [], "")}


def load_sites(path: str | Path) -> list[Site]:
    """Read a YAML or CSV sites file; raise :class:`SitesFileError` naming line and field."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SitesFileError(str(path), [f"the file is {size:,} bytes; a sites file may have at most {MAX_FILE_BYTES:,}"])
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SitesFileError(str(path), ["file not found"]) from None
    except IsADirectoryError:
        raise SitesFileError(str(path), ["is a directory, not a sites file"]) from None
    except UnicodeDecodeError as exc:
        raise SitesFileError(str(path), [f"not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    return parse_sites(text, "csv" if path.suffix.lower() == ".csv" else "yaml", str(path))


def parse_sites(text: str, fmt: str = "yaml", name: str = "<sites>") -> list[Site]:
    """Like :func:`load_sites` for text already in memory (``fmt``: yaml or csv)."""
    if len(text) > MAX_FILE_BYTES:
        raise SitesFileError(name, [f"the text has {len(text):,} characters; a sites file may have at most {MAX_FILE_BYTES:,}"])
    rows = _csv_rows(name, text) if fmt == "csv" else _yaml_rows(name, text)
    return validate_rows(name, rows)


def dump_sites_yaml(sites: list[Site]) -> str:
    """The sites as a YAML list (libyaml's emitter when installed; strings that look like numbers quoted)."""
    return yaml.dump([s.to_dict() for s in sites], Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def _csv_rows(name: str, text: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    try:
        for row in reader:
            # reader.line_num is the physical line the row ended on
            rows.append((reader.line_num, {k.strip(): v for k, v in row.items() if isinstance(k, str) and k}))
            if len(rows) > MAX_SITES:
                raise SitesFileError(name, [f"more than {MAX_SITES:,} sites"])
    except csv.Error as exc:
        raise SitesFileError(name, [f"line {reader.line_num}: not valid CSV ({exc})"]) from None
    return rows


def _yaml_rows(name: str, text: str) -> list[tuple[int, dict]]:
    """Rows of a YAML sites file, every value kept as the text written (YAML 1.1's implicit typing
    would turn site_code 0430000001 into a number and NO/on into booleans)."""
    try:
        # compose only (libyaml when installed): nodes, not Python objects; aliases stay shared nodes
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise SitesFileError(name, [f"{where}not valid YAML ({getattr(exc, 'problem', exc)})"]) from None
    if root is None:
        raise SitesFileError(name, ["the file lists no sites"])
    if isinstance(root, yaml.MappingNode):
        listed = [v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "sites"]
        if not listed:
            raise SitesFileError(name, ["expected a YAML list of sites (or a mapping with a `sites` list)"])
        root = listed[0]
    if not isinstance(root, yaml.SequenceNode):
        raise SitesFileError(name, ["expected a YAML list of sites (or a mapping with a `sites` list)"])
    if len(root.value) > MAX_SITES:
        raise SitesFileError(name, [f"more than {MAX_SITES:,} sites"])
    budget = _Budget(name, len(text))
    rows = []
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            rows.append((line, {"__error__": "each site must be a mapping of field: value"}))
            continue
        item, lines = _mapping(node, budget)
        if "__error__" in item:
            rows.append((line, item))
            continue
        item["__lines__"] = lines  # the line of each field, so errors point at the field itself
        rows.append((line, item))
    return rows


class _Budget:
    """Counts the nodes a walk visits: aliases may repeat a node, never without bound (alias bombs)."""

    def __init__(self, name: str, chars: int):
        self.name = name
        self.left = MAX_YAML_NODES_PER_CHAR * chars + 10_000

    def spend(self, node) -> None:
        self.left -= 1
        if self.left < 0:
            raise SitesFileError(self.name, [
                f"line {node.start_mark.line + 1}: aliases expand the file far beyond its size "
                "(a YAML alias bomb?); write each site out"])


def _value(node, budget: _Budget):
    """A field value: the scalar's text (None for an empty or null value), or a list of texts."""
    budget.spend(node)
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _NULL_TAG else node.value
    if isinstance(node, yaml.SequenceNode):
        return [_value(child, budget) for child in node.value]
    return _MAPPING_VALUE


def _mapping(node, budget: _Budget) -> tuple[dict, dict]:
    """(field -> value, field -> line) of one site; ``<<`` merge keys are honoured."""
    item: dict = {}
    lines: dict = {}
    merges = []
    for key, value in node.value:
        budget.spend(key)
        if key.tag == _MERGE_TAG:
            merges.extend(value.value if isinstance(value, yaml.SequenceNode) else [value])
            continue
        if not isinstance(key, yaml.ScalarNode):
            return {"__error__": "field names must be plain words"}, {}
        field = key.value.strip()
        if field in lines:
            raise SitesFileError(budget.name, [f"line {key.start_mark.line + 1}: field `{field}` given twice"])
        item[field] = _value(value, budget)
        lines[field] = key.start_mark.line + 1
    for source in merges:  # merged fields fill in what the site does not say itself
        if not isinstance(source, yaml.MappingNode):
            return {"__error__": "`<<` must merge a mapping"}, {}
        merged, merged_lines = _mapping(source, budget)
        for field, field_value in merged.items():
            if field not in item:
                item[field], lines[field] = field_value, merged_lines.get(field)
    return item, lines


def validate_rows(name: str, rows: list[tuple[int, dict]]) -> list[Site]:
    problems: list[str] = []
    sites: list[Site] = []
    seen: dict[str, int] = {}
    urls: dict[str, tuple[str, int]] = {}
    for line, row in rows:
        if "__error__" in row:
            problems.append(f"line {line}: {row['__error__']}")
            continue
        field_lines = row.pop("__lines__", {})
        row = {str(k).strip(): ("" if v is None else v) for k, v in row.items()}
        bad = _row_problems(row)
        problems.extend(f"line {field_lines.get(field) or line}: {p}" for field, p in bad)
        if bad:
            continue
        site = _site_from_row(row)
        if site.site_code in seen:
            problems.append(f"line {field_lines.get('site_code') or line}: `site_code` {site.site_code} already used on line {seen[site.site_code]}")
            continue
        seen[site.site_code] = line
        key = _url_key(site.url)
        if key in urls:
            other, other_line = urls[key]
            problems.append(f"line {field_lines.get('url') or line}: `url` {site.url} is already the start URL of site "
                            f"{other} (line {other_line}); one site per start URL")
            continue
        urls[key] = (site.site_code, line)
        sites.append(site)
    codes = {s.site_code for s in sites}
    for site in sites:
        if site.service_hall and site.service_hall not in codes and not problems:
            problems.append(f"site {site.site_code}: `service_hall` {site.service_hall} is not in the file")
    if not rows:
        problems.append("the file lists no sites")
    if problems:
        raise SitesFileError(name, problems)
    return sites


def _row_problems(row: dict) -> list[tuple[str, str]]:
    """(field, message) for each problem of one row."""
    out = []
    unknown = sorted(set(row) - set(FIELDS))
    if unknown:
        shown = ", ".join(repr(u[:40]) for u in unknown[:5])
        out.append((unknown[0], f"unknown field(s) {shown} (known: {', '.join(FIELDS)})"))
    for field in FIELDS:
        value = row.get(field, "")
        if field == "hosts":
            continue
        if not isinstance(value, str):
            out.append((field, f"`{field}` must be one text value (got a {'list' if isinstance(value, list) else 'mapping'})"))
        elif len(value) > FIELD_MAX_CHARS[field]:
            out.append((field, f"`{field}` is {len(value):,} characters long; at most {FIELD_MAX_CHARS[field]} are allowed"))
        elif _CONTROL.search(value):
            out.append((field, f"`{field}` contains control characters"))
    if out:
        return out
    for field in REQUIRED:
        if not row.get(field, "").strip():
            out.append((field, f"`{field}` is required"))
    for field, allowed in (("level", LEVELS), ("kind", KINDS), ("status", STATUSES), ("render_js", RENDER_JS)):
        value = row.get(field, "").strip()
        if value and value not in allowed:
            out.append((field, f"`{field}` must be one of {'|'.join(allowed)} (got {value!r})"))
    url = row.get("url", "").strip()
    if url:
        why = _url_problem(url)
        if why:
            out.append(("url", f"`url` {why} (got {url!r})"))
    hosts = row.get("hosts") or []
    if isinstance(hosts, str):
        hosts = _split_hosts(hosts)
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        out.append(("hosts", "`hosts` must be a list of host names"))
    elif len(hosts) > MAX_HOSTS:
        out.append(("hosts", f"`hosts` lists {len(hosts)} names; at most {MAX_HOSTS} are allowed"))
    else:
        for host in hosts:
            why = _host_problem(host.strip())
            if why:
                out.append(("hosts", f"`hosts` entry {host[:80]!r}: {why}"))
                break
    return out


def _url_problem(url: str) -> str | None:
    """Why a start URL cannot be crawled (None when it can)."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"is not a URL ({exc})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be an http(s) URL with a host"
    if "@" in parts.netloc:
        return "must not carry a user name or password"
    why = _host_problem(parts.netloc)
    return f"has a bad host: {why}" if why else None


def _host_problem(netloc: str) -> str | None:
    """Why ``host`` or ``host:port`` is not a usable host (None when it is)."""
    if not netloc:
        return "empty"
    try:
        parts = urlsplit(f"//{netloc}")
        port = parts.port
    except ValueError:
        return "the port must be a number from 1 to 65535"
    if port == 0:
        return "the port must be a number from 1 to 65535"
    host = parts.hostname or ""
    if not host or parts.path or parts.query or "@" in netloc:
        return "not a host name"
    if host.startswith("[") or ":" in host or _IPV4.fullmatch(host):
        return None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return "not a valid host name"
    if len(ascii_host) > 253 or not _HOSTNAME.fullmatch(ascii_host):
        return "not a valid host name"
    return None


def _url_key(url: str) -> str:
    """A start URL's identity: scheme, lower-case host, port without the default, path, query."""
    parts = urlsplit(url)
    port = parts.port if parts.port not in (None, {"http": 80, "https": 443}[parts.scheme]) else None
    netloc = (parts.hostname or "").rstrip(".") + (f":{port}" if port else "")
    return f"{parts.scheme}://{netloc}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


def _split_hosts(text: str) -> list[str]:
    return [h for h in text.replace(";", " ").replace(",", " ").split() if h]


def _site_from_row(row: dict) -> Site:
    hosts = row.get("hosts") or ()
    if isinstance(hosts, str):
        hosts = _split_hosts(hosts)
    text = lambda key: row.get(key, "").strip() or None  # noqa: E731
    return Site(
        site_code=row["site_code"].strip(),
        name=row["name"].strip(),
        region=row["region"].strip(),
        level=row["level"].strip(),
        kind=row["kind"].strip(),
        url=row["url"].strip(),
        county=text("county"),
        service_hall=text("service_hall"),
        status=text("status") or "active",
        hosts=tuple(h.strip().lower() for h in hosts if h.strip()),
        render_js=text("render_js") or "auto",
    )
