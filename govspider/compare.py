"""Campaign comparison (整改复查): which findings of an earlier check are fixed, persist, or are new.

Findings are matched across campaigns by rule, site and subject (``key``: the column, item/field,
letter, element, link target … — what the ground truth also keys on), never by campaign-bound ids.
Only findings that count are compared (confirmed, or accepted on review): a finding still waiting
for review, or rejected by an analyst, is not a problem the site had to fix — it is set aside, so
a rejected false positive never shows up as 已整改.
"""

from __future__ import annotations

import json
from pathlib import Path


def identity(finding: dict) -> tuple[str, str, str]:
    """(rule_id, site_code, subject) of a finding, stable from one campaign to the next."""
    subject = finding.get("key")
    if subject is None:
        details = {k: v for k, v in (finding.get("details") or {}).items()
                   if k not in ("newest_date", "days", "asked", "replied", "calendar_days", "status", "sources")}
        subject = finding.get("url", "") + json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)
    return finding["rule_id"], str(finding["site_code"]), str(subject)


def compare_findings(old: list[dict], new: list[dict]) -> dict[str, list[dict]]:
    """{"fixed": old findings gone, "persisting": new findings also found before, "new": the rest,
    "set_aside": findings of either side that do not count (待复核 or 驳回)}."""
    from govspider.findings import counts

    set_aside = [f for f in old + new if not counts(f)]
    old, new = [f for f in old if counts(f)], [f for f in new if counts(f)]
    old_ids = {identity(f) for f in old}
    new_ids = {identity(f) for f in new}
    return {
        "fixed": [f for f in _unique(old) if identity(f) not in new_ids],
        "persisting": [f for f in _unique(new) if identity(f) in old_ids],
        "new": [f for f in _unique(new) if identity(f) not in old_ids],
        "set_aside": set_aside,
    }


def _unique(findings: list[dict]) -> list[dict]:
    seen, out = set(), []
    for f in findings:
        key = identity(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def load_findings(source: str, store_uri: str | None = None) -> tuple[str, list[dict]]:
    """(label, findings) from a run directory (its findings.jsonl), a findings.jsonl file, or a
    campaign id in the page store ``store_uri``."""
    path = Path(source)
    if path.is_dir():
        path = path / "findings.jsonl"
    if path.is_file():
        with open(path, encoding="utf-8") as fh:
            return str(path), [json.loads(line) for line in fh if line.strip()]
    if store_uri:
        from govspider.storage import open_store

        with open_store(store_uri) as store:
            if store.get_campaign(source) is None:
                known = ", ".join(c["id"] for c in store.list_campaigns()) or "none"
                raise LookupError(f"campaign {source!r} is not in {store_uri} (campaigns: {known})")
            return f"campaign {source}", list(store.iter_findings(source))
    raise LookupError(f"{source!r} is neither a run directory with findings.jsonl nor a file"
                      + ("" if store_uri else " (give --store URI to compare campaigns in a page store)"))


def summary_by_rule(result: dict[str, list[dict]]) -> list[tuple[str, int, int, int]]:
    """(rule_id, fixed, persisting, new) rows, sorted by rule."""
    rules = sorted({f["rule_id"] for items in result.values() for f in items})
    return [(r, *(sum(1 for f in result[k] if f["rule_id"] == r) for k in ("fixed", "persisting", "new"))) for r in rules]
