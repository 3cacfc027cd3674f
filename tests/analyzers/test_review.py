"""Confirmed vs review: only confirmed (or accepted) findings score and veto; reports list 待人工复核
apart and say when a campaign is partial; ``govspider review`` and report.xlsx's 复核结论 column
record an analyst's decision (name and reason) in the store and score the campaign again."""

import json

import openpyxl
from click.testing import CliRunner

from govspider.commands.review import command as review
from govspider.report import write_reports
from govspider.report.html import render_html
from govspider.review import SHEET
from govspider.scoring import score_campaign
from govspider.storage import open_store

from .conftest import HALL, PORTAL, ctx


def veto(key="委员汇", review=None):
    return ctx().finding("content.serious_error", key=key, url=f"http://www.changsha.gov.cn/{key}.html",
                         evidence=f"「{key}」应为…", details={"term": key}, review=review)


def with_ids(findings):
    from govspider.analysis import dedupe

    return dedupe([{**f, "campaign": "c1"} for f in findings], "c1")


def test_review_findings_neither_score_nor_veto_until_accepted():
    pending = veto(review="证据不足")
    [v], _ = score_campaign([pending], [PORTAL], "2019")
    assert v["verdict"] == "合格" and v["pending_review"] == 1 and v["findings"] == 0
    accepted = {**pending, "review_decision": {"decision": "accept", "by": "李明", "reason": "核实属实", "at": "t"}}
    [v], _ = score_campaign([accepted], [PORTAL], "2019")
    assert v["verdict"] == "单项否决" and v["pending_review"] == 0
    rejected = {**veto(), "review_decision": {"decision": "reject", "by": "李明", "reason": "转载原文", "at": "t"}}
    [v], _ = score_campaign([rejected], [PORTAL], "2019")
    assert v["verdict"] == "合格" and v["findings"] == 0


def test_reports_list_review_items_apart_and_mark_partial_campaigns(tmp_path):
    findings = with_ids([veto("中华人名共和国"), veto("委员汇", review="证据不足，需人工核实")])
    campaign = {"id": "c1", "as_of": "2026-11-15", "ruleset": "2019", "partial": True}
    verdicts, regions = score_campaign(findings, [PORTAL, HALL], "2019", campaign=campaign)
    html = render_html(campaign, findings, verdicts, regions)
    assert 'id="partial"' in html and "部分结果" in html
    review_table = html.split('id="review"')[1].split("</table>")[0]
    assert "证据不足，需人工核实" in review_table and "中华人名共和国" not in review_table
    paths = write_reports(tmp_path, campaign, findings, verdicts, regions)
    sites = [json.loads(line) for line in paths["sites.jsonl"].read_text(encoding="utf-8").splitlines()]
    assert all(v["partial"] is True for v in sites)
    wb = openpyxl.load_workbook(paths["report.xlsx"])
    rows = list(wb[SHEET].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][0] == findings[1]["finding_id"] and rows[0][6] == "证据不足，需人工核实"
    assert "部分结果" in (wb.properties.title or "")


def run_dir(tmp_path):
    """What `govspider run` leaves: OUT/pages.sqlite with the campaign and findings, the reports."""
    findings = with_ids([veto("委员汇", review="证据不足"), veto("攻府", review="证据不足"), veto("中华人名共和国")])
    campaign = {"id": "c1", "as_of": "2026-11-15", "ruleset": "2019", "sites": [PORTAL.to_dict(), HALL.to_dict()]}
    with open_store(f"sqlite:///{tmp_path / 'pages.sqlite'}") as store:
        store.save_campaign(campaign)
        store.replace_findings("c1", findings)
    verdicts, regions = score_campaign(findings, [PORTAL, HALL], "2019", campaign=campaign)
    write_reports(tmp_path, campaign, findings, verdicts, regions)
    return findings


def verdict_of(tmp_path, code=PORTAL.site_code):
    lines = (tmp_path / "sites.jsonl").read_text(encoding="utf-8").splitlines()
    return next(v for v in map(json.loads, lines) if v["site_code"] == code)


def test_review_cli_list_accept_reject(tmp_path):
    findings = run_dir(tmp_path)
    runner = CliRunner()
    listed = runner.invoke(review, ["list", "--out", str(tmp_path)])
    assert listed.exit_code == 0, listed.output
    assert findings[0]["finding_id"][:12] in listed.output and "待人工复核 2 个" in listed.output
    # the confirmed 中华人名共和国 already vetoes; reject it, accept 委员汇
    refused = runner.invoke(review, ["reject", findings[2]["finding_id"][:10], "--by", "王芳", "--out", str(tmp_path)])
    assert refused.exit_code == 2 and "--reason" in refused.output
    out = runner.invoke(review, ["reject", findings[2]["finding_id"][:10], "--by", "王芳", "--reason", "引用外国文献原文",
                                 "--out", str(tmp_path)])
    assert out.exit_code == 0, out.output
    assert verdict_of(tmp_path)["verdict"] == "合格"
    out = runner.invoke(review, ["accept", findings[0]["finding_id"], "--by", "李明", "--reason", "页面属实",
                                 "--out", str(tmp_path)])
    assert out.exit_code == 0, out.output
    v = verdict_of(tmp_path)
    assert v["verdict"] == "单项否决" and v["pending_review"] == 1
    with open_store(f"sqlite:///{tmp_path / 'pages.sqlite'}") as store:
        decisions = {d["finding_id"]: (d["decision"], d["by"]) for d in store.iter_review_decisions("c1")}
    assert decisions == {findings[2]["finding_id"]: ("reject", "王芳"), findings[0]["finding_id"]: ("accept", "李明")}
    bad = runner.invoke(review, ["accept", "0000", "--by", "x", "--reason", "y", "--out", str(tmp_path)])
    assert bad.exit_code == 1 and "8 characters" in bad.output


def test_decisions_filled_into_report_xlsx_are_read_back(tmp_path):
    findings = run_dir(tmp_path)
    path = tmp_path / "report.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in ("问题编号", "复核结论（采纳/驳回）", "复核人", "复核说明")}
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, col["问题编号"]).value == findings[1]["finding_id"]:
            ws.cell(row, col["复核结论（采纳/驳回）"], "采纳")
            ws.cell(row, col["复核人"], "赵强")
            ws.cell(row, col["复核说明"], "「攻府」确为错字")
    wb.save(path)
    out = CliRunner().invoke(review, ["import", str(path)])
    assert out.exit_code == 0, out.output
    assert "采纳" in out.output and "赵强" in out.output
    assert verdict_of(tmp_path)["pending_review"] == 1
    again = openpyxl.load_workbook(path)[SHEET]
    decided = [r for r in again.iter_rows(min_row=2, values_only=True) if r[9]]
    assert [(r[0], r[9], r[10]) for r in decided] == [(findings[1]["finding_id"], "采纳", "赵强")]
