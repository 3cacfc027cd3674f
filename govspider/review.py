"""Analysts' decisions on findings (人工复核): accept or reject, with a name and a reason.

A finding marked ``review`` (待人工复核) neither scores nor vetoes until an analyst accepts it; an
analyst may also reject any finding (a false positive the site disputes). Decisions are kept in the
page store (``save_review_decision`` / ``iter_review_decisions``, both backends), one per campaign
and finding id, the latest winning. Each carries the finding's subject — rule, site and ``key``,
as :func:`govspider.compare.identity` names it — so a decision still applies when re-analysis
gives the finding another id (its evidence changed). Analysis applies them every time it runs
(govspider/analysis.py); ``govspider review`` records them and scores the campaign again.

report.xlsx has a sheet 待人工复核 with a 复核结论 column (采纳 / 驳回) and the analyst's name and
reason beside it: :func:`read_decisions_xlsx` reads it back.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from govspider.compare import identity

DECISIONS = ("accept", "reject")
#: how report.xlsx writes a decision, and every spelling read back from it
DECISION_LABELS = {"accept": "采纳", "reject": "驳回"}
_READ = {"采纳": "accept", "确认": "accept", "接受": "accept", "accept": "accept", "是": "accept",
         "驳回": "reject", "否决": "reject", "拒绝": "reject", "reject": "reject", "否": "reject"}
#: the review sheet of report.xlsx: title and columns (written by govspider/report/xlsx.py)
SHEET = "待人工复核"
COLUMNS = ("问题编号", "批次", "网站标识码", "网站名称", "规则", "规则名称", "复核原因", "证据", "页面",
           "复核结论（采纳/驳回）", "复核人", "复核说明")


class ReviewError(ValueError):
    """A decision that cannot be recorded (unknown finding, no name or reason, bad value)."""


def decision_record(campaign: str, finding: dict, decision: str, by: str, reason: str,
                    at: str | None = None) -> dict:
    """The store record of one analyst decision on ``finding``."""
    if decision not in DECISIONS:
        raise ReviewError(f"decision must be one of {', '.join(DECISIONS)} (got {decision!r})")
    by, reason = (by or "").strip(), (reason or "").strip()
    if not by or not reason:
        raise ReviewError(f"finding {finding.get('finding_id', '?')[:12]}: a decision needs the analyst's name and a reason")
    rule, site, key = identity(finding)
    return {"campaign": campaign, "finding_id": finding["finding_id"], "rule_id": rule, "site_code": site, "key": key,
            "decision": decision, "by": by, "reason": reason,
            "at": at or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


def stored_decisions(store, campaign: str) -> list[dict]:
    """The campaign's decisions in the store (none when the store keeps no decisions)."""
    method = getattr(store, "iter_review_decisions", None)
    return list(method(campaign)) if method is not None else []


def apply_decisions(findings: list[dict], decisions: Iterable[dict]) -> int:
    """Put each decision on its finding (``review_decision``): matched by finding id, else by
    subject (rule, site, key). Returns how many findings carry a decision."""
    by_id, by_subject = {}, {}
    for record in sorted(decisions, key=lambda r: r.get("at") or ""):  # the latest decision wins
        by_id[record["finding_id"]] = record
        by_subject[(record["rule_id"], record["site_code"], record["key"])] = record
    applied = 0
    for finding in findings:
        record = by_id.get(finding.get("finding_id")) or by_subject.get(identity(finding))
        if record is None:
            finding.pop("review_decision", None)
            continue
        finding["review_decision"] = {k: record[k] for k in ("decision", "by", "reason", "at")}
        applied += 1
    return applied


def find(findings: list[dict], ref: str) -> dict:
    """The finding whose id is ``ref`` or starts with it (at least 8 characters)."""
    ref = (ref or "").strip().lower()
    if len(ref) < 8:
        raise ReviewError(f"finding id {ref!r}: give at least 8 characters of the id `govspider review list` shows")
    hits = [f for f in findings if str(f.get("finding_id", "")).startswith(ref)]
    if len(hits) != 1:
        raise ReviewError(f"finding id {ref!r}: {'no finding' if not hits else f'{len(hits)} findings'} in the campaign match")
    return hits[0]


def read_decisions_xlsx(path) -> list[dict]:
    """Rows of the 待人工复核 sheet that hold a decision: ``{"finding_id", "campaign", "decision",
    "by", "reason", "row"}``. Unknown decision words are an error naming the row."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    if SHEET not in wb.sheetnames:
        raise ReviewError(f"{path}: no sheet {SHEET!r} (a report.xlsx written by govspider has it)")
    rows = wb[SHEET].iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, ())]
    try:
        at = {name: header.index(name) for name in COLUMNS}
    except ValueError:
        raise ReviewError(f"{path}: sheet {SHEET!r} lacks the columns {', '.join(COLUMNS)}") from None
    out, problems = [], []
    for number, row in enumerate(rows, start=2):
        cell = lambda name: str(row[at[name]] or "").strip() if at[name] < len(row) else ""  # noqa: E731
        word = cell(COLUMNS[9])
        if not word:
            continue
        decision = _READ.get(word.lower())
        if decision is None:
            problems.append(f"row {number}: 复核结论 must be 采纳 or 驳回 (got {word!r})")
            continue
        out.append({"finding_id": cell("问题编号"), "campaign": cell("批次"), "decision": decision,
                    "by": cell("复核人"), "reason": cell("复核说明"), "row": number})
    wb.close()
    if problems:
        raise ReviewError(f"{path}: " + "; ".join(problems))
    return out


def record_decisions(store, campaign: str, items: Iterable[tuple[str, str, str, str]]) -> list[dict]:
    """Record ``(finding ref, decision, by, reason)`` items for ``campaign`` and put every decision
    on the stored findings (so any later scoring — ``govspider report`` too — sees them). All
    items are checked before anything is written; returns the records saved."""
    findings = list(store.iter_findings(campaign))
    if not findings:
        raise ReviewError(f"campaign {campaign!r} has no findings in the store (analyze it first)")
    records = [decision_record(campaign, find(findings, ref), decision, by, reason) for ref, decision, by, reason in items]
    for record in records:
        store.save_review_decision(record)
    apply_decisions(findings, stored_decisions(store, campaign))
    store.replace_findings(campaign, findings)
    return records


def rescore(store, campaign: str, out_dir) -> dict:
    """Score the campaign again from the stored findings (decisions applied) and rewrite the
    reports in ``out_dir``; returns {name: path}."""
    from govspider.analysis import campaign_sites
    from govspider.report import write_reports
    from govspider.scoring import score_campaign

    record = store.get_campaign(campaign) or {"id": campaign}
    findings = list(store.iter_findings(campaign))
    verdicts, regions = score_campaign(findings, campaign_sites(record), record.get("ruleset") or "2019", campaign=record)
    return write_reports(out_dir, record, findings, verdicts, regions)
