"""Trends over three campaigns in a real page store: 环比 / 同比 per 市州 and in total, the notice's
headline sentence, each site's history (first seen, fixed, back again), and the report sections
(inline SVG, no script, the strict CSP kept)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from analyzers.api import Context
from analyzers.rulesets import load_ruleset
from govspider.report import write_reports
from govspider.scoring import score_campaign
from govspider.sites import Site
from govspider.storage import open_store
from govspider.trends import build_trends, headline, is_full_check

SITES = [
    Site("4301000001", "长沙市人民政府", "长沙市", "city", "portal", "http://www.changsha.gov.cn/"),
    Site("4301000011", "长沙市发展和改革委员会", "长沙市", "department", "department", "http://fgw.changsha.gov.cn/"),
    Site("4301210001", "长沙县人民政府", "长沙市", "county", "portal", "http://www.csx.gov.cn/"),
    Site("4302000001", "株洲市人民政府", "株洲市", "city", "portal", "http://www.zhuzhou.gov.cn/"),
    Site("4302810001", "醴陵市人民政府", "株洲市", "county", "portal", "http://www.liling.gov.cn/"),
    Site("4300000001", "湖南省人民政府", "湖南省", "province", "portal", "http://www.hunan.gov.cn/"),
]
S1, S2, S3, S4, S5, S6 = SITES
TABLE = load_ruleset("2019")


def problem(site, rule_id, key, as_of, campaign):
    ctx = Context(site=site, ruleset=TABLE, as_of=as_of, campaign=campaign)
    details = {"home.stale": {"newest_date": "2025-01-01"}, "column.stale": {"column": key, "category": "notice"},
               "interaction.unanswered": {"letter": key}, "content.defacement": {"terms": ["博彩"]}}[rule_id]
    return ctx.finding(rule_id, url=site.url, key=key, evidence=f"{site.name} {rule_id} {key}", details=details)


#: campaign id -> (as_of, [(site, rule, key)]): 50 % → 66.67 % → 83.33 % passed
PLAN = {
    "q4-2025": (dt.date(2025, 11, 10), [(S1, "home.stale", ""), (S2, "column.stale", "通知公告"),
                                        (S4, "interaction.unanswered", "关于道路积水的问题"), (S5, "content.defacement", "/a.html")]),
    "q3-2026": (dt.date(2026, 8, 15), [(S2, "column.stale", "通知公告"), (S4, "interaction.unanswered", "关于道路积水的问题"),
                                       (S5, "content.defacement", "/a.html")]),
    "q4-2026": (dt.date(2026, 11, 15), [(S1, "home.stale", "")]),
}


@pytest.fixture()
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'pages.sqlite'}") as store:
        for cid, (as_of, problems) in PLAN.items():
            store.save_campaign({"id": cid, "as_of": as_of.isoformat(), "ruleset": "2019", "created": f"{as_of}T02:00:00Z",
                                 "sites": [s.to_dict() for s in SITES]})
            store.replace_findings(cid, [problem(s, r, k, as_of, cid) for s, r, k in problems])
        # not full checks: a light watch, an interrupted run, a homepage-only schedule — all left out
        store.save_campaign({"id": "watch-2026-10-01-1", "as_of": "2026-10-01", "ruleset": "2019", "light": True, "sites": []})
        store.save_campaign({"id": "partial", "as_of": "2026-10-02", "ruleset": "2019", "partial": True, "sites": []})
        store.save_campaign({"id": "weekly", "as_of": "2026-10-05", "ruleset": "2019", "sites": [],
                             "settings": {"GOVSPIDER_MAX_PAGES": 1, "GOVSPIDER_MAX_DEPTH": 0}})
        yield store


def current(store):
    record = store.get_campaign("q4-2026")
    findings = list(store.iter_findings("q4-2026"))
    verdicts, regions = score_campaign(findings, SITES, "2019", campaign=record)
    return record, findings, verdicts, regions


def test_pass_rates_against_previous_and_year_ago(store):
    record, findings, verdicts, regions = current(store)
    trends = build_trends(store, record, findings, verdicts, regions)
    assert trends["previous"]["campaign"] == "q3-2026" and trends["year_ago"]["campaign"] == "q4-2025"
    rows = {r["region"]: r for r in trends["regions"]}
    total = rows["合计"]
    assert (total["pass_rate"], total["prev_rate"], total["yoy_rate"]) == (0.8333, 0.6667, 0.5)
    assert (total["mom_pp"], total["yoy_pp"]) == (16.67, 33.33)
    assert (rows["长沙市"]["mom_pp"], rows["株洲市"]["mom_pp"], rows["湖南省"]["mom_pp"]) == (-33.33, 100.0, 0.0)
    assert trends["headline"] == "本次抽查总体合格率为83.33%，同比提升33.33个百分点，环比提升16.67个百分点。"
    assert [s["as_of"] for s in trends["series"]] == ["2025-11-10", "2026-08-15", "2026-11-15"]


def test_site_history_first_seen_fixed_back_again(store):
    trends = build_trends(store, *current(store))
    sites = {s["site_code"]: s for s in trends["sites"]}
    back = sites[S1.site_code]
    assert [v["verdict"] for v in back["verdicts"]] == ["单项否决", "合格", "单项否决"]
    (home,) = back["problems"]
    assert (home["status"], home["first_seen"], home["fixed"], home["back_again"]) == ("recurred", "2025-11-10", "2026-08-15", "2026-11-15")
    (column,) = sites[S2.site_code]["problems"]
    assert (column["status"], column["subject"], column["first_seen"], column["fixed"]) == ("fixed", "通知公告", "2025-11-10", "2026-11-15")
    assert sites[S4.site_code]["counts"] == {"fixed": 1} and sites[S6.site_code]["problems"] == []
    assert trends["sites"][0]["site_code"] == S1.site_code  # sites with recurring problems first


def test_first_campaign_has_no_comparison(store):
    record = store.get_campaign("q4-2025")
    findings = list(store.iter_findings("q4-2025"))
    verdicts, regions = score_campaign(findings, SITES, "2019", campaign=record)
    trends = build_trends(store, record, findings, verdicts, regions)
    assert trends["previous"] is None and trends["year_ago"] is None
    assert trends["headline"] == "本次抽查总体合格率为50%。"


def test_headline_wording():
    assert headline({"pass_rate": 0.99, "yoy_pp": 5.94, "mom_pp": 0.05}) == "本次抽查总体合格率为99%，同比提升5.94个百分点，环比提升0.05个百分点。"
    assert headline({"pass_rate": 0.9, "yoy_pp": -1.5, "mom_pp": 0.0}) == "本次抽查总体合格率为90%，同比下降1.50个百分点，环比持平。"
    assert not is_full_check({"id": "watch-2026-11-20-1"}) and is_full_check({"id": "run-20261115"})


def test_report_shows_trends_inline_svg_without_script(store, tmp_path):
    record, findings, verdicts, regions = current(store)
    trends = build_trends(store, record, findings, verdicts, regions)
    paths = write_reports(tmp_path / "out", record, findings, verdicts, regions, trends=trends)
    html = paths["report.html"].read_text(encoding="utf-8")
    assert "default-src 'none'; style-src 'unsafe-inline'" in html
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    assert html.count("<svg") == 2 and "同比提升33.33个百分点" in html and "再次出现" in html
    assert "href=" not in html.split('id="trends"')[1].split("</section>")[0]  # charts load nothing
    wb = openpyxl.load_workbook(paths["report.xlsx"])
    sheet = wb["合格率变化（环比同比）"]
    total = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "合计"][0]
    assert total[3] == "83.33%" and total[5] == 16.67 and total[7] == 33.33
    history = list(wb["问题整改历史"].iter_rows(min_row=2, values_only=True))
    assert any(r[1] == S1.name and r[4] == "再次出现" and r[7] == "2026-11-15" for r in history)


def test_summary_notification_from_the_store(store, tmp_path):
    """``govspider notify`` sends the latest full check's headline, its 市州 rows and vetoed sites."""
    from click.testing import CliRunner

    from govspider.cli import main

    from .receiver import Receiver

    with Receiver() as receiver:
        result = CliRunner().invoke(main, ["notify", "--store", f"sqlite:///{store.path}", "--spool", str(tmp_path / "spool"),
                                           "--webhook", f"{receiver.url}/json"])
        assert result.exit_code == 0, result.output
        assert "本次抽查总体合格率为83.33%，同比提升33.33个百分点，环比提升16.67个百分点。" in result.output
        (sent,) = receiver.delivered("/json")
    body = sent["body"]
    assert body["type"] == "govspider.summary" and body["campaign"] == "q4-2026"
    assert [i["site_code"] for i in body["items"] if "vetoes" in i] == [S1.site_code]
    assert {i["region"]: i["mom_pp"] for i in body["items"] if "vetoes" not in i}["株洲市"] == 100.0
    result = CliRunner().invoke(main, ["notify", "--store", f"sqlite:///{store.path}"])
    assert result.exit_code == 2 and "no receiver" in result.output
