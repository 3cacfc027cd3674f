"""Scoring: findings → each site's score and verdict under a ruleset, and per-region pass rates.

A veto (单项否决) fails the site whatever its score: a finding whose rule is a veto rule, or a
rule's count reaching ``veto_if_count`` (≥ 5 stale columns …). Otherwise the rule table's points
are deducted (each rule capped at ``cap``) from ``max_score`` and ``pass_score`` decides.
A vetoed site gets no score; a site registered as closed (关停) with no fake-closure finding
is not sampled.

Only findings that count (:func:`govspider.findings.counts`: confirmed, or accepted by an analyst)
score and veto; findings waiting for review (待人工复核) are counted apart, and rejected ones not at
all. A partial campaign (the crawl did not finish) marks every verdict ``partial``.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from analyzers.rulesets import load_ruleset
from govspider.findings import counts as finding_counts, needs_review
from govspider.sites import Site

PASSED, FAILED, VETOED, CLOSED = "合格", "不合格", "单项否决", "已关停"


def score_site(site: Site, findings: list[dict], table: dict) -> dict:
    """The verdict of one site from its findings (only those that count score or veto)."""
    rules = table.get("rules") or {}
    pending = sum(1 for f in findings if needs_review(f))
    total = len(findings)
    findings = [f for f in findings if finding_counts(f)]
    counts = Counter(f["rule_id"] for f in findings)
    vetoes, deductions = [], {}
    for rule_id, count in sorted(counts.items()):
        rule = rules.get(rule_id) or {}
        name = rule.get("name", rule_id)
        if any(f.get("severity") == "veto" for f in findings if f["rule_id"] == rule_id):
            vetoes.append(f"{name}（{count}处）")
        elif rule.get("veto_if_count") and count >= int(rule["veto_if_count"]):
            vetoes.append(f"{name}（{count}处，达到{rule['veto_if_count']}处否决线）")
        points = sum(float(f.get("points") or 0) for f in findings if f["rule_id"] == rule_id and f.get("severity") == "deduct")
        if rule.get("cap") is not None:
            points = min(points, float(rule["cap"]))
        if points:
            deductions[rule_id] = round(points, 2)
    max_score = float(table.get("max_score", 100))
    score = round(max(0.0, max_score - sum(deductions.values())), 2)
    closed_ok = site.closed and not counts.get("site.fake_closure")
    if closed_ok:
        verdict = CLOSED
    elif vetoes:
        verdict = VETOED
    elif score >= float(table.get("pass_score", 60)):
        verdict = PASSED
    else:
        verdict = FAILED
    return {
        "site_code": site.site_code, "name": site.name, "region": site.region, "county": site.county,
        "level": site.level, "kind": site.kind, "url": site.url, "status": site.status,
        # a vetoed site is not scored (2015 表: "deductions are then not scored"); the
        # deductions stay listed for the site's owner
        "ruleset": table.get("name"), "score": None if closed_ok or verdict == VETOED else score,
        "passed": verdict == PASSED, "verdict": verdict, "sampled": not closed_ok,
        "vetoes": vetoes, "deductions": deductions, "findings": len(findings),
        "pending_review": pending, "all_findings": total,
        "rules": dict(sorted(counts.items())),
        "serious": bool(vetoes),
        "problems": vetoes + [f"{(rules.get(r) or {}).get('name', r)}（{counts[r]}处，扣{p:g}分）" for r, p in deductions.items()],
    }


def score_campaign(findings: list[dict], sites: list[Site], ruleset: str | dict,
                   registry: list[Site] | None = None, campaign: dict | None = None) -> tuple[list[dict], list[dict]]:
    """(site_verdicts, region_table). ``registry`` (all sites, default ``sites``) gives the
    per-region site totals; the table ends with a 合计 row."""
    table = load_ruleset(ruleset)
    by_site: dict[str, list[dict]] = defaultdict(list)
    for finding in findings:
        by_site[finding["site_code"]].append(finding)
    verdicts = []
    for site in sites:
        verdict = score_site(site, by_site.get(site.site_code, []), table)
        verdict["partial"] = bool((campaign or {}).get("partial"))
        if campaign:
            verdict.update(campaign=campaign.get("id"), as_of=campaign.get("as_of"))
        verdicts.append(verdict)
    return verdicts, region_table(verdicts, registry or sites)


def region_table(verdicts: list[dict], registry: list[Site]) -> list[dict]:
    """Per 市州: registered sites, sampled (scored), passed, pass rate; then the 合计 row."""
    order = list(dict.fromkeys(s.region for s in registry))
    totals = Counter(s.region for s in registry)
    sampled, passed = Counter(), Counter()
    for v in verdicts:
        if v["sampled"]:
            sampled[v["region"]] += 1
            passed[v["region"]] += v["passed"]
        if v["region"] not in totals:
            order.append(v["region"])
    rows = [_row(region, totals[region], sampled[region], passed[region]) for region in dict.fromkeys(order)]
    rows.append(_row("合计", sum(totals.values()), sum(sampled.values()), sum(passed.values())))
    return rows


def _row(region: str, total: int, sampled: int, passed: int) -> dict:
    rate = round(passed / sampled, 4) if sampled else None
    return {"region": region, "sites": total, "sampled": sampled, "passed": passed, "pass_rate": rate}
