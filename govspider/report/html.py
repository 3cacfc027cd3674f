"""report.html: the notice's tables for a browser, with every finding's evidence and link.

Rendered with Jinja2 autoescaping: scraped text (titles, evidence, replies) is always escaped,
and only http(s) URLs become links, so a page containing <script> cannot run in the report.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from govspider.findings import STATUS_LABELS, needs_review, review_status


def safe_href(url: str) -> str | None:
    """``url`` when it is an http(s) URL, else None (no javascript:, data: … links)."""
    try:
        return url if urlsplit(url or "").scheme in ("http", "https") else None
    except ValueError:
        return None


def local_path(path: str) -> str | None:
    """``path`` when it is a relative path inside the report's directory (screenshots), else None."""
    path = str(path or "")
    if not path or "\\" in path or path.startswith("/") or ":" in path or ".." in path.split("/"):
        return None
    return path


def percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


_env = Environment(loader=PackageLoader("govspider.report", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["safe_href"] = safe_href
_env.filters["percent"] = percent
_env.filters["local_path"] = local_path
_env.filters["status"] = lambda f: STATUS_LABELS[review_status(f)]


def render_html(campaign: dict, findings: list[dict], verdicts: list[dict], regions: list[dict],
                trends: dict | None = None) -> str:
    by_site = defaultdict(list)
    for finding in findings:
        by_site[finding["site_code"]].append(finding)
    for items in by_site.values():
        items.sort(key=lambda f: ({"veto": 0, "deduct": 1}.get(f.get("severity"), 2), f["rule_id"], f.get("url", "")))
    serious = [v for v in verdicts if v.get("serious")]
    names = {v["site_code"]: v["name"] for v in verdicts}
    pending = sorted((f for f in findings if needs_review(f)), key=lambda f: (f["site_code"], f["rule_id"], f.get("url", "")))
    return _env.get_template("report.html").render(
        campaign=campaign, regions=regions, verdicts=verdicts, serious=serious,
        by_site=by_site, total_findings=len(findings), trends_section=_trends_section(trends),
        pending=pending, names=names,
    )


def _trends_section(trends: dict | None):
    if not trends:
        return None
    from govspider.trends.render import trends_html

    return trends_html(trends)


def write_html(path, campaign, findings, verdicts, regions, trends=None) -> Path:
    path = Path(path)
    path.write_text(render_html(campaign, findings, verdicts, regions, trends), encoding="utf-8")
    return path
