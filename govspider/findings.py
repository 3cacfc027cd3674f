"""Findings (contract in DESIGN.md) and how they are matched against the sandbox's ground truth.

A finding is one problem on one site: ``rule_id``, ``site_code``, ``url``, ``severity``
(veto|deduct|info), ``points``, ``evidence``, ``details``, ``as_of``, ``campaign`` plus fields
that help analysts (``site_name``, ``region``, ``title``, ``tokens`` …).

Every finding says whether it is confirmed or needs a person's check (待人工复核): ``review``
(bool) with ``review_reason``. A review finding neither scores nor vetoes until an analyst accepts
it; an analyst's decision travels on the finding as ``review_decision`` (govspider/review.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any, Iterable

SEVERITIES = ("veto", "deduct", "info")


@dataclasses.dataclass
class Finding:
    rule_id: str
    site_code: str
    url: str = ""
    evidence: str = ""
    details: dict[str, Any] = dataclasses.field(default_factory=dict)
    severity: str = "info"
    points: float = 0.0
    as_of: str | None = None
    campaign: str | None = None
    review: bool = False
    review_reason: str | None = None
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def finding_id(self) -> str:
        """Stable id: the same problem found again in the same campaign has the same id."""
        return finding_id(self.to_dict())

    def to_dict(self) -> dict:
        data = {
            "rule_id": self.rule_id,
            "site_code": self.site_code,
            "url": self.url,
            "severity": self.severity,
            "points": self.points,
            "evidence": self.evidence,
            "details": self.details,
            "as_of": self.as_of,
            "campaign": self.campaign,
            "review": self.review,
            "review_reason": self.review_reason,
        }
        for key, value in self.extra.items():
            data.setdefault(key, value)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        known = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        args = {k: v for k, v in data.items() if k in known}
        extra = {k: v for k, v in data.items() if k not in known and k != "finding_id"}
        return cls(**args, extra=extra)


def needs_review(finding: dict) -> bool:
    """True when the finding waits for a person: marked ``review`` and not yet decided."""
    return bool(finding.get("review")) and not finding.get("review_decision")


#: review_status -> how reports print it
STATUS_LABELS = {"confirmed": "确认", "pending": "待人工复核", "accepted": "复核采纳", "rejected": "复核驳回"}


def review_status(finding: dict) -> str:
    """confirmed | pending (waits for a person) | accepted | rejected (an analyst decided)."""
    decision = (finding.get("review_decision") or {}).get("decision")
    if decision:
        return "accepted" if decision == "accept" else "rejected"
    return "pending" if finding.get("review") else "confirmed"


def counts(finding: dict) -> bool:
    """Whether a finding scores and can veto: confirmed and not rejected, or accepted on review."""
    decision = (finding.get("review_decision") or {}).get("decision")
    if decision:
        return decision == "accept"
    return not finding.get("review")


def finding_id(data: dict) -> str:
    """sha1 of campaign, rule, site, url and details: idempotent ids for stores and indices (the
    review fields are not part of it: a finding keeps its id when a person decides on it)."""
    key = json.dumps(
        [data.get("campaign"), data["rule_id"], data["site_code"], data.get("url", ""), data.get("details", {})],
        ensure_ascii=False, sort_keys=True, default=str,
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def matches_truth(finding: dict, truth: dict) -> bool:
    """The ground-truth rule (DESIGN.md): same rule and site, and every "/"-part of ``key``
    appears in the finding's details, evidence or url."""
    if finding["rule_id"] != truth["rule_id"] or finding["site_code"] != truth["site_code"]:
        return False
    key = truth.get("key") or ""
    if not key:
        return True
    haystack = " ".join([
        json.dumps(finding.get("details", {}), ensure_ascii=False, default=str),
        str(finding.get("evidence", "")),
        str(finding.get("url", "")),
    ])
    return all(part in haystack for part in key.split("/") if part)


def is_near_miss(truth: dict) -> bool:
    """A truth line that says "no finding here" (``expect: "none"``): a near miss."""
    return truth.get("expect") == "none"


def near_miss_hits(findings: Iterable[dict], truth: Iterable[dict]) -> list[tuple[dict, dict]]:
    """(finding, near-miss line) for every finding that lands on a near miss: false positives."""
    misses = [t for t in truth if is_near_miss(t)]
    return [(f, t) for f in findings for t in misses if matches_truth(f, t)]


def precision_recall(findings: Iterable[dict], truth: Iterable[dict]) -> dict[str, dict]:
    """Per rule id: findings, truth lines, true positives, precision and recall.

    Precision counts findings that match some truth line; recall counts truth lines matched by
    some finding. Near-miss lines (``expect: "none"``) are not defects: they count in neither;
    a finding that matches only a near miss is a false positive like any unmatched one.
    A rule with no truth lines and no findings is absent from the result.
    """
    findings, truth = list(findings), [t for t in truth if not is_near_miss(t)]
    rules = sorted({f["rule_id"] for f in findings} | {t["rule_id"] for t in truth})
    table = {}
    for rule in rules:
        fs = [f for f in findings if f["rule_id"] == rule]
        ts = [t for t in truth if t["rule_id"] == rule]
        by_site: dict[str, list[dict]] = {}
        for t in ts:
            by_site.setdefault(t["site_code"], []).append(t)
        good_findings = sum(1 for f in fs if any(matches_truth(f, t) for t in by_site.get(f["site_code"], [])))
        found_truth = sum(1 for t in ts if any(matches_truth(f, t) for f in fs if f["site_code"] == t["site_code"]))
        table[rule] = {
            "findings": len(fs),
            "truth": len(ts),
            "precision": good_findings / len(fs) if fs else (1.0 if not ts else 0.0),
            "recall": found_truth / len(ts) if ts else 1.0,
        }
    return table


def macro_average(table: dict[str, dict], rules: Iterable[str] | None = None) -> dict[str, float]:
    """Mean precision and recall over ``rules`` (default: every rule of ``table``); a rule with
    neither findings nor truth lines counts as 1.0 for both."""
    rules = sorted(rules if rules is not None else table)
    rows = [table.get(rule, {"precision": 1.0, "recall": 1.0}) for rule in rules]
    if not rows:
        return {"precision": 1.0, "recall": 1.0}
    return {"precision": sum(r["precision"] for r in rows) / len(rows),
            "recall": sum(r["recall"] for r in rows) / len(rows)}


def mark_review(finding: dict, reason: str) -> dict:
    """Turn a finding into one that waits for a person's check (reasons accumulate)."""
    old = finding.get("review_reason")
    finding["review"] = True
    finding["review_reason"] = reason if not old or reason in old else f"{old}；{reason}"
    return finding


def merge_same_cause(findings: list[dict], examples: int = 10) -> list[dict]:
    """One finding per (rule, site, ``details.cause``): a defaced template repeats the same hidden
    links on every page, a wrong term sits in a shared header — one problem, reported once with
    the number of pages (``details.pages``) and up to ``examples`` page URLs
    (``details.examples``). Findings without a cause pass through unchanged, in order."""
    groups: dict[tuple, list[dict]] = {}
    order: list = []
    for finding in findings:
        cause = (finding.get("details") or {}).get("cause")
        if not cause:
            order.append(finding)
            continue
        key = (finding["rule_id"], finding["site_code"], str(cause))
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(finding)
    out = []
    for item in order:
        if isinstance(item, dict):
            out.append(item)
            continue
        group = sorted(groups[item], key=lambda f: (len(f.get("url") or ""), f.get("url") or ""))
        urls = list(dict.fromkeys(f.get("url") or "" for f in group))
        # one page that proves it is enough: a confirmed finding of the group is the one reported
        base = next((f for f in group if not f.get("review")), group[0])
        merged = dict(base)
        merged["details"] = {**base.get("details", {}), "pages": len(urls), "examples": urls[:examples]}
        if len(urls) > 1:
            merged["evidence"] = f"{base.get('evidence', '')}（同一问题见于 {len(urls)} 个页面）"
        out.append(merged)
    return out
