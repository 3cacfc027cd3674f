"""Trends (趋势): each 市州's pass rate against the previous campaign (环比) and the same quarter a
year before (同比), the province's series, and each site's history (first seen, fixed, back again).

Everything is read from the campaigns in the page store — their records and their findings —
and scored with the same scorer as the report (govspider.scoring), so an old campaign's pass rate
is what its own report said. Only full checks count: light daily checks (``govspider watch``),
campaigns marked ``partial`` and home-page-only schedules (depth ≤ 1) are left out. A problem is
the same problem from one campaign to the next when govspider.compare.identity says so.

``build_trends(store, campaign, findings, verdicts, regions)`` returns the dict the report hooks
(render.py) and the summary notification use; ``headline`` writes the notice's first sentence.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from govspider.compare import identity

#: verdict-defining severities: info findings (suspected links …) are not problems of record
_PROBLEM_SEVERITIES = ("veto", "deduct")
#: problem statuses: new this time, found before too, back after a fix, gone since the last check
STATUS_NAMES = {"new": "首次发现", "persisting": "持续存在", "recurred": "再次出现", "fixed": "已整改",
                "fixed_earlier": "早已整改"}
#: the statuses a site's history lists one by one (new ones are in the report's findings already)
HISTORY_SHOWN = ("recurred", "persisting", "fixed")


def _as_of(record: dict) -> dt.date:
    return dt.date.fromisoformat(str(record.get("as_of"))[:10])


def quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def is_full_check(record: dict) -> bool:
    """A campaign comparable with a quarterly spot check (not a light or partial one)."""
    from govspider.watch.defaults import WATCH_CAMPAIGN_PREFIX

    if record.get("light") or record.get("partial") or str(record.get("id", "")).startswith(f"{WATCH_CAMPAIGN_PREFIX}-"):
        return False
    depth = (record.get("settings") or {}).get("GOVSPIDER_MAX_DEPTH")
    try:
        return depth is None or int(depth) > 1
    except (TypeError, ValueError):
        return True


def campaigns_until(store, current: dict) -> list[dict]:
    """Full checks in the store up to and including ``current``, oldest first (one per as-of date:
    the current one, or the latest stored)."""
    day = _as_of(current)
    by_day: dict[dt.date, dict] = {}
    for record in store.list_campaigns():
        try:
            when = _as_of(record)
        except ValueError:
            continue
        if when < day and is_full_check(record):
            if when not in by_day or str(record.get("created", "")) > str(by_day[when].get("created", "")):
                by_day[when] = record
    by_day[day] = current
    return [by_day[d] for d in sorted(by_day)]


def previous_campaign(history: list[dict]) -> dict | None:
    """环比: the full check just before the current one."""
    return history[-2] if len(history) > 1 else None


def year_ago_campaign(history: list[dict]) -> dict | None:
    """同比: the latest full check in the same quarter of the year before."""
    day = _as_of(history[-1])
    same = [r for r in history[:-1] if _as_of(r).year == day.year - 1 and quarter(_as_of(r)) == quarter(day)]
    return same[-1] if same else None


def score_stored(store, record: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """(findings, verdicts, regions) of a stored campaign, scored under its own ruleset."""
    from govspider.analysis import campaign_sites
    from govspider.scoring import score_campaign

    findings = list(store.iter_findings(record["id"]))
    verdicts, regions = score_campaign(findings, campaign_sites(record), str(record.get("ruleset") or "2019"), campaign=record)
    return findings, verdicts, regions


def build_trends(store, campaign: dict, findings: list[dict], verdicts: list[dict], regions: list[dict]) -> dict:
    """Pass-rate changes and site histories of ``campaign`` against the store's earlier full checks."""
    history = campaigns_until(store, campaign)
    scored = {}
    for record in history[:-1]:
        scored[record["id"]] = score_stored(store, record)
    scored[campaign["id"]] = (findings, verdicts, regions)
    previous, year_ago = previous_campaign(history), year_ago_campaign(history)
    rows = _region_rows(regions, scored, previous, year_ago)
    return {
        "campaign": campaign["id"], "as_of": str(campaign.get("as_of")),
        "previous": _label(previous), "year_ago": _label(year_ago),
        "regions": rows, "headline": headline(rows[-1]) if rows else "",
        "series": [{"campaign": r["id"], "as_of": str(r.get("as_of"))[:10], "pass_rate": scored[r["id"]][2][-1]["pass_rate"]}
                   for r in history],
        "sites": site_histories(history, scored),
    }


def _label(record: dict | None) -> dict | None:
    return None if record is None else {"campaign": record["id"], "as_of": str(record.get("as_of"))[:10]}


def _region_rows(regions: list[dict], scored: dict, previous: dict | None, year_ago: dict | None) -> list[dict]:
    def rows_of(record):
        return {} if record is None else {r["region"]: r for r in scored[record["id"]][2]}

    before, last_year = rows_of(previous), rows_of(year_ago)
    rows = []
    for row in regions:
        then, last = before.get(row["region"]), last_year.get(row["region"])
        rows.append({**row, "prev_rate": (then or {}).get("pass_rate"), "mom_pp": _pp(row, then),
                     "yoy_rate": (last or {}).get("pass_rate"), "yoy_pp": _pp(row, last)})
    return rows


def _pp(now: dict, then: dict | None) -> float | None:
    """Change of the pass rate in percentage points (百分点), from the counts, rounded to 0.01."""
    if then is None or not now.get("sampled") or not then.get("sampled"):
        return None
    return round((now["passed"] / now["sampled"] - then["passed"] / then["sampled"]) * 100, 2)


def rate_text(rate: float | None) -> str:
    """99% / 98.95% / — (as notices print them)."""
    if rate is None:
        return "—"
    text = f"{rate * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def pp_text(delta: float | None) -> str:
    """提升5.94个百分点 / 下降0.05个百分点 / 持平 / 无可比数据."""
    if delta is None:
        return "无可比数据"
    if abs(delta) < 0.005:
        return "持平"
    return f"{'提升' if delta > 0 else '下降'}{abs(delta):.2f}个百分点"


def headline(total: dict) -> str:
    """「本次抽查总体合格率为99%，同比提升5.94个百分点，环比提升0.05个百分点」 from the 合计 row."""
    text = f"本次抽查总体合格率为{rate_text(total['pass_rate'])}"
    parts = [f"{label}{pp_text(total.get(key))}" for key, label in (("yoy_pp", "同比"), ("mom_pp", "环比"))
             if total.get(key) is not None]
    return text + ("，" + "，".join(parts) if parts else "") + "。"


def site_histories(history: list[dict], scored: dict) -> list[dict]:
    """Per site of the current campaign: its verdicts over time and its problems' history —
    first seen (首次发现), fixed (整改), back again (再次出现) — from the campaigns that checked it."""
    per_campaign = []
    for record in history:
        findings, verdicts, _regions = scored[record["id"]]
        checked = {v["site_code"]: v for v in verdicts if v.get("sampled")}
        problems = defaultdict(dict)
        for f in findings:
            if f.get("severity") in _PROBLEM_SEVERITIES and not f.get("review") and f["site_code"] in checked:
                problems[f["site_code"]].setdefault(identity(f), f)
        per_campaign.append((str(record.get("as_of"))[:10], checked, problems))
    out = []
    for code, verdict in per_campaign[-1][1].items():
        checks = [(day, checked[code], problems.get(code, {})) for day, checked, problems in per_campaign if code in checked]
        events = []
        for key in dict.fromkeys(k for _day, _v, found in checks for k in found):
            events.append(_problem_history(key, checks))
        counts = defaultdict(int)
        for e in events:
            counts[e["status"]] += 1
        out.append({
            "site_code": code, "name": verdict["name"], "region": verdict["region"],
            "verdicts": [{"as_of": day, "verdict": v["verdict"]} for day, v, _found in checks],
            "counts": dict(counts), "problems": [e for e in events if e["status"] in HISTORY_SHOWN],
        })
    out.sort(key=lambda s: (-(s["counts"].get("recurred", 0)), -(s["counts"].get("persisting", 0)), s["region"], s["site_code"]))
    return out


def _problem_history(key, checks) -> dict:
    present = [key in found for _day, _v, found in checks]
    days = [day for day, _v, _found in checks]
    first = present.index(True)
    fixed = back = None
    for i in range(first + 1, len(present)):
        if present[i - 1] and not present[i]:
            fixed = days[i]
        elif not present[i - 1] and present[i]:
            back = days[i]
    now, before = present[-1], present[-2] if len(present) > 1 else False
    if now and back == days[-1]:
        status = "recurred"      # 再次出现
    elif now and before:
        status = "persisting"    # 持续存在
    elif now:
        status = "new"           # 首次发现
    else:
        status = "fixed" if before else "fixed_earlier"
    finding = next(found[key] for _day, _v, found in reversed(checks) if key in found)
    return {"rule_id": key[0], "subject": key[2], "rule_name": finding.get("rule_name") or key[0],
            "evidence": finding.get("evidence", ""), "first_seen": days[first], "fixed": fixed, "back_again": back,
            "status": status}


def campaign_summary(campaign: dict, verdicts: list[dict], trends: dict) -> dict:
    """What a campaign's summary notification says: the headline, each 市州 with its changes, and
    the sites with a veto (单项否决)."""
    return {
        "campaign": campaign["id"], "as_of": str(campaign.get("as_of"))[:10], "ruleset": campaign.get("ruleset"),
        "headline": trends["headline"], "previous": trends["previous"], "year_ago": trends["year_ago"],
        "regions": [{k: r.get(k) for k in ("region", "sampled", "passed", "pass_rate", "mom_pp", "yoy_pp")}
                    for r in trends["regions"]],
        "serious": [{k: v[k] for k in ("site_code", "name", "region", "url", "vetoes")} for v in verdicts if v.get("vetoes")],
    }


def latest_full_check(store) -> dict | None:
    """The store's newest full check (by as-of date, then creation time)."""
    records = [r for r in store.list_campaigns() if is_full_check(r) and r.get("as_of")]
    return max(records, key=lambda r: (str(r["as_of"])[:10], str(r.get("created", ""))), default=None)


def stored_summary(store, campaign_id: str | None = None) -> dict:
    """:func:`campaign_summary` of a stored campaign (default: the latest full check), scored and
    compared exactly as its report is."""
    record = store.get_campaign(campaign_id) if campaign_id else latest_full_check(store)
    if record is None:
        known = ", ".join(c["id"] for c in store.list_campaigns()[-10:]) or "none"
        raise LookupError(f"campaign {campaign_id or '(latest full check)'} is not in the store (campaigns: {known})")
    findings, verdicts, regions = score_stored(store, record)
    return campaign_summary(record, verdicts, build_trends(store, record, findings, verdicts, regions))
