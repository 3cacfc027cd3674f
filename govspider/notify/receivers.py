"""Receivers (接收方): webhook URLs, their format, and which regions or sites each one hears about.

A receivers file (YAML)::

    receivers:
      - name: 省政府办公厅政务公开处           # every site, warnings and summaries
        url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…
      - name: 长沙市                           # only 长沙市's sites
        url: https://oapi.dingtalk.com/robot/send?access_token=…
        secret_env: GOVSPIDER_DINGTALK_CS      # 加签: the SEC… secret, read from this variable
        regions: [长沙市]
      - name: 长沙县人民政府网站运维
        url: http://10.1.2.3:8080/govspider   # plain JSON
        sites: ["4301210001"]
        send: [warnings]                       # warnings | summary (default: both)

``format`` is ``wecom``, ``dingtalk`` or ``json``; left out, the URL's host decides
(qyapi.weixin.qq.com → wecom, oapi.dingtalk.com → dingtalk, anything else → json). A receiver
with neither ``regions`` nor ``sites`` hears about every site. Every problem of a file is named
with the receiver it is in; nothing is sent from a file with problems.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from urllib.parse import urlsplit

import yaml

FORMATS = ("wecom", "dingtalk", "json")
KINDS = ("warnings", "summary")
ROBOT_HOSTS = {"qyapi.weixin.qq.com": "wecom", "oapi.dingtalk.com": "dingtalk"}
#: robots take at most 20 messages a minute (then DingTalk throttles for 10 minutes): seconds between two
ROBOT_INTERVAL = 3.1
FIELDS = ("name", "url", "format", "secret", "secret_env", "regions", "sites", "send", "min_interval", "timeout", "retries")


class ReceiversError(ValueError):
    """A receivers file or webhook URL that cannot be used; the message names every problem."""


@dataclasses.dataclass(frozen=True)
class Receiver:
    name: str
    url: str
    format: str = "json"
    secret: str | None = None
    secret_env: str | None = None
    regions: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    send: tuple[str, ...] = KINDS
    min_interval: float = 0.0
    timeout: float = 10.0
    retries: int = 3

    def wants(self, kind: str) -> bool:
        return kind in self.send

    def concerns(self, site_code: str, region: str | None) -> bool:
        """True when a message about this site is for this receiver."""
        if not self.regions and not self.sites:
            return True
        return str(site_code) in self.sites or (region is not None and region in self.regions)

    @property
    def everything(self) -> bool:
        return not self.regions and not self.sites

    def signing_secret(self) -> str | None:
        """The DingTalk 加签 secret (from ``secret``, or the ``secret_env`` environment variable)."""
        if self.secret:
            return self.secret
        if self.secret_env:
            value = os.environ.get(self.secret_env)
            if not value:
                raise ReceiversError(f"receiver {self.name!r}: environment variable {self.secret_env} (its 加签 secret) is not set")
            return value
        return None

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Receiver":
        known = {f.name for f in dataclasses.fields(cls)}
        args = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in known}
        return cls(**args)


def format_of(url: str) -> str:
    return ROBOT_HOSTS.get((urlsplit(url).hostname or "").lower(), "json")


def _check_url(url) -> str | None:
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        return f"url must be an http(s) URL (got {url!r})"
    return None


def receivers_from_urls(urls) -> list[Receiver]:
    """One receiver per ``--webhook URL`` (every site, warnings and summaries; format from the host)."""
    out = []
    for url in urls or ():
        problem = _check_url(url)
        if problem:
            raise ReceiversError(f"--webhook: {problem}")
        fmt = format_of(url)
        out.append(Receiver(name=urlsplit(url).hostname, url=url, format=fmt,
                            min_interval=ROBOT_INTERVAL if fmt != "json" else 0.0))
    return out


def load_receivers(path: str | Path) -> list[Receiver]:
    """The receivers of a YAML file (see the module docstring); ReceiversError names every problem."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReceiversError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise ReceiversError(f"{path}: not valid YAML ({exc})") from None
    rows = data.get("receivers") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise ReceiversError(f"{path}: expected a mapping with a non-empty `receivers` list")
    problems, out = [], []
    for i, row in enumerate(rows, 1):
        where = f"receiver {i}" + (f" ({row.get('name')})" if isinstance(row, dict) and row.get("name") else "")
        if not isinstance(row, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        mine = _row_problems(row)
        problems += [f"{where}: {p}" for p in mine]
        if not mine:
            fmt = row.get("format") or format_of(row["url"])
            out.append(Receiver(
                name=str(row.get("name") or urlsplit(row["url"]).hostname), url=row["url"], format=fmt,
                secret=row.get("secret"), secret_env=row.get("secret_env"),
                regions=tuple(str(r) for r in row.get("regions") or ()), sites=tuple(str(s) for s in row.get("sites") or ()),
                send=tuple(row.get("send") or KINDS),
                min_interval=float(row.get("min_interval", ROBOT_INTERVAL if fmt != "json" else 0.0)),
                timeout=float(row.get("timeout", 10.0)), retries=int(row.get("retries", 3)),
            ))
    names = [r.name for r in out]
    problems += [f"receiver name {n!r} used twice" for n in sorted({n for n in names if names.count(n) > 1})]
    if problems:
        raise ReceiversError(f"{path}: " + "; ".join(problems))
    return out


def _row_problems(row: dict) -> list[str]:
    problems = []
    unknown = set(row) - set(FIELDS)
    if unknown:
        problems.append(f"unknown field(s) {', '.join(sorted(unknown))} (known: {', '.join(FIELDS)})")
    problem = _check_url(row.get("url"))
    if problem:
        problems.append(problem)
    if row.get("format") is not None and row["format"] not in FORMATS:
        problems.append(f"format must be one of {', '.join(FORMATS)} (got {row['format']!r})")
    for key in ("regions", "sites", "send"):
        if row.get(key) is not None and not isinstance(row[key], list):
            problems.append(f"{key} must be a list")
    bad = set(row.get("send") or ()) - set(KINDS) if isinstance(row.get("send"), list) else set()
    if bad:
        problems.append(f"send may name {', '.join(KINDS)} (got {', '.join(sorted(map(str, bad)))})")
    if (row.get("secret") or row.get("secret_env")) and (row.get("format") or format_of(str(row.get("url")))) != "dingtalk":
        problems.append("secret / secret_env (加签) apply to DingTalk robots only")
    for key in ("min_interval", "timeout", "retries"):
        if key in row:
            try:
                if float(row[key]) < 0:
                    raise ValueError
            except (TypeError, ValueError):
                problems.append(f"{key} must be a number ≥ 0 (got {row[key]!r})")
    return problems
