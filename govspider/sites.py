"""The site registry: read and validate a sites file (YAML list or CSV with a header).

A sites file lists the websites a campaign may check, one site each (contract in DESIGN.md):
``site_code`` (网站标识码), ``name``, ``region`` (市州), ``county``, ``level``, ``kind``, ``url``,
``service_hall`` (site_code of the paired 政务服务网), ``status`` (active|closed).

Every problem is reported with the line it is on and the field it concerns, and nothing is
returned when any problem is found, so a bad file never starts half a crawl.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path
from urllib.parse import urlsplit

import yaml

LEVELS = ("province", "city", "county", "department")
KINDS = ("portal", "department", "service_hall", "other")
STATUSES = ("active", "closed")
REQUIRED = ("site_code", "name", "region", "level", "kind", "url")
FIELDS = REQUIRED + ("county", "service_hall", "status", "hosts", "render_js")


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
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SitesFileError(str(path), ["file not found"]) from None
    except UnicodeDecodeError as exc:
        raise SitesFileError(str(path), [f"not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    if path.suffix.lower() == ".csv":
        rows = _csv_rows(text)
    else:
        rows = _yaml_rows(str(path), text)
    return validate_rows(str(path), rows)


def parse_sites(text: str, fmt: str = "yaml", name: str = "<sites>") -> list[Site]:
    """Like :func:`load_sites` for text already in memory (``fmt``: yaml or csv)."""
    rows = _csv_rows(text) if fmt == "csv" else _yaml_rows(name, text)
    return validate_rows(name, rows)


def dump_sites_yaml(sites: list[Site]) -> str:
    return yaml.safe_dump([s.to_dict() for s in sites], allow_unicode=True, sort_keys=False)


def _csv_rows(text: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    for row in reader:
        # reader.line_num is the physical line the row ended on
        rows.append((reader.line_num, {k.strip(): v for k, v in row.items() if k}))
    return rows


def _yaml_rows(name: str, text: str) -> list[tuple[int, dict]]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise SitesFileError(name, [f"{where}not valid YAML ({getattr(exc, 'problem', exc)})"]) from None
    if data is None:
        raise SitesFileError(name, ["the file lists no sites"])
    if isinstance(data, dict) and isinstance(data.get("sites"), list):
        data = data["sites"]
        root = next(v for k, v in root.value if k.value == "sites")
    if not isinstance(data, list):
        raise SitesFileError(name, ["expected a YAML list of sites (or a mapping with a `sites` list)"])
    rows = []
    for node, item in zip(root.value, data):
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            rows.append((line, {"__error__": "each site must be a mapping of field: value"}))
        else:
            item = dict(item)
            # remember the line of each field so errors point at the field itself
            item["__lines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
            rows.append((line, item))
    return rows


def validate_rows(name: str, rows: list[tuple[int, dict]]) -> list[Site]:
    problems: list[str] = []
    sites: list[Site] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        if "__error__" in row:
            problems.append(f"line {line}: {row['__error__']}")
            continue
        field_lines = row.pop("__lines__", {})
        row = {str(k).strip(): ("" if v is None else v) for k, v in row.items()}
        bad = _row_problems(row)
        problems.extend(f"line {field_lines.get(field, line)}: {p}" for field, p in bad)
        if bad:
            continue
        code = str(row["site_code"]).strip()
        if code in seen:
            problems.append(f"line {field_lines.get('site_code', line)}: `site_code` {code} already used on line {seen[code]}")
            continue
        seen[code] = line
        sites.append(_site_from_row(row))
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
        out.append((unknown[0], f"unknown field(s) {', '.join(map(repr, unknown))} (known: {', '.join(FIELDS)})"))
    for field in REQUIRED:
        if not str(row.get(field, "")).strip():
            out.append((field, f"`{field}` is required"))
    for field, allowed in (("level", LEVELS), ("kind", KINDS), ("status", STATUSES)):
        value = str(row.get(field, "")).strip()
        if value and value not in allowed:
            out.append((field, f"`{field}` must be one of {'|'.join(allowed)} (got {value!r})"))
    url = str(row.get("url", "")).strip()
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            out.append(("url", f"`url` must be an http(s) URL with a host (got {url!r})"))
    render = str(row.get("render_js", "")).strip()
    if render and render not in ("auto", "always", "never"):
        out.append(("render_js", f"`render_js` must be one of auto|always|never (got {render!r})"))
    return out


def _site_from_row(row: dict) -> Site:
    hosts = row.get("hosts") or ()
    if isinstance(hosts, str):
        hosts = [h for h in hosts.replace(";", " ").replace(",", " ").split() if h]
    text = lambda key: (str(row.get(key)).strip() or None) if row.get(key) not in (None, "") else None  # noqa: E731
    return Site(
        site_code=str(row["site_code"]).strip(),
        name=str(row["name"]).strip(),
        region=str(row["region"]).strip(),
        level=str(row["level"]).strip(),
        kind=str(row["kind"]).strip(),
        url=str(row["url"]).strip(),
        county=text("county"),
        service_hall=text("service_hall"),
        status=text("status") or "active",
        hosts=tuple(str(h).lower() for h in hosts),
        render_js=text("render_js") or "auto",
    )
