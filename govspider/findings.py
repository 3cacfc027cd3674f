"""Findings (contract in DESIGN.md) and how they are matched against the sandbox's ground truth.

A finding is one problem on one site: ``rule_id``, ``site_code``, ``url``, ``severity``
(veto|deduct|info), ``points``, ``evidence``, ``details``, ``as_of``, ``campaign`` plus fields
that help analysts (``site_name``, ``region``, ``title``, ``tokens`` …).
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


def finding_id(data: dict) -> str:
    """sha1 of campaign, rule, site, url and details: idempotent ids for stores and indices."""
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
