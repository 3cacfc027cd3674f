"""Scoring (vetoes, count vetoes, capped deductions, pass line, region table), reports (escaping,
xlsx sheets), campaign comparison."""

import dataclasses
import json

import openpyxl
from click.testing import CliRunner

from govspider.commands.compare import command as compare_command
from govspider.compare import compare_findings
from govspider.report import write_reports
from govspider.report.html import render_html
from govspider.scoring import score_campaign
from govspider.sites import Site

from .conftest import HALL, PORTAL, ctx

CLOSED = Site(site_code="4302000026", name="株洲市粮食局", region="株洲市", level="department", kind="department",
              url="http://lsj.zhuzhou.gov.cn/", status="closed")
SITES = [PORTAL, HALL, CLOSED]


def f(rule, site=PORTAL, ruleset="2019", **kw):
    key = kw.pop("key", "")
    return ctx(site=site, ruleset=ruleset).finding(rule, key=key, **kw)


def test_veto_fails_whatever_the_score():
    verdicts, _ = score_campaign([f("interaction.unanswered", key="x")], SITES, "2019")
    portal = verdicts[0]
    assert portal["verdict"] == "单项否决" and not portal["passed"] and portal["score"] is None
    assert portal["vetoes"] == ["互动回应差（有效留言超3个月未回复）（1处）"]


def test_count_veto_and_capped_deductions():
    stale = [f("column.stale", key=f"c{i}") for i in range(5)]
    verdicts, _ = score_campaign(stale, SITES, "2019")
    assert verdicts[0]["verdict"] == "单项否决" and "5处" in verdicts[0]["vetoes"][0]
    four = [f("column.stale", key=f"c{i}") for i in range(4)] + [f("footer.missing", key=e) for e in "abcdefgh"]
    verdicts, _ = score_campaign(four, SITES, "2019")
    assert verdicts[0]["deductions"] == {"column.stale": 15.0, "footer.missing": 5.0}   # caps 15 and 5
    assert verdicts[0]["score"] == 80 and verdicts[0]["passed"]
    many = four + [f("guide.divergence", key=f"g{i}") for i in range(5)] + [f("report.annual_missing", key="2025"),
                                                                             f("privacy.missing")] + \
        [f("link.broken", key=f"l{i}", points=1.0) for i in range(20)]
    verdicts, _ = score_campaign(many, SITES, "2019")
    assert verdicts[0]["score"] < 60 and verdicts[0]["verdict"] == "不合格"


def test_region_table_and_closed_sites():
    verdicts, regions = score_campaign([f("footer.missing", key="icp")], SITES, "2015",
                                       registry=SITES + [dataclasses.replace(HALL, site_code="4301000099")])
    assert verdicts[2]["verdict"] == "已关停" and not verdicts[2]["sampled"]
    rows = {r["region"]: r for r in regions}
    assert rows["长沙市"] == {"region": "长沙市", "sites": 3, "sampled": 2, "passed": 2, "pass_rate": 1.0}
    assert rows["株洲市"]["sampled"] == 0 and rows["株洲市"]["pass_rate"] is None
    assert regions[-1]["region"] == "合计" and regions[-1]["sites"] == 4
    fake = f("site.fake_closure", site=CLOSED)
    verdicts, _ = score_campaign([fake], SITES, "2015")
    assert verdicts[2]["verdict"] == "单项否决"


def test_scraped_script_never_runs_in_the_report(tmp_path):
    evil = f("interaction.boilerplate_reply", key="<script>alert(1)</script>",
             evidence='留言「<script>alert("x")</script>」<img src=x onerror=alert(2)>', url="javascript:alert(3)")
    verdicts, regions = score_campaign([evil], SITES, "2019")
    html = render_html({"id": "c<script>", "as_of": "2026-11-15", "ruleset": "2019"}, [evil], verdicts, regions)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    paths = write_reports(tmp_path, {"id": "c1", "as_of": "2026-11-15", "ruleset": "2019"}, [evil], verdicts, regions)
    wb = openpyxl.load_workbook(paths["report.xlsx"])
    assert [ws.title for ws in wb.worksheets] == ["附件1 各市州抽查情况", "附件2 存在严重问题的网站", "各网站检查结果", "问题明细", "待人工复核"]
    lines = paths["findings.jsonl"].read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["key"] == "<script>alert(1)</script>"


def test_compare_fixed_persisting_new(tmp_path):
    old = [f("footer.missing", key="icp"), f("column.stale", key="通知公告", details={"column": "通知公告", "newest_date": "2026-01-01"})]
    new = [f("column.stale", key="通知公告", details={"column": "通知公告", "newest_date": "2026-02-01"}), f("privacy.missing")]
    result = compare_findings(old, new)
    assert [x["rule_id"] for x in result["fixed"]] == ["footer.missing"]
    assert [x["rule_id"] for x in result["persisting"]] == ["column.stale"]
    assert [x["rule_id"] for x in result["new"]] == ["privacy.missing"]
    for name, items in (("old", old), ("new", new)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "findings.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8")
    res = CliRunner().invoke(compare_command, [str(tmp_path / "old"), str(tmp_path / "new")])
    assert res.exit_code == 0, res.output
    assert "[已整改]" in res.output and "[新发现]" in res.output
    bad = CliRunner().invoke(compare_command, [str(tmp_path / "nothing"), str(tmp_path / "new")])
    assert bad.exit_code == 2 and "findings.jsonl" in bad.output


def test_compare_sets_aside_what_does_not_count():
    """A false positive rejected on review, or one still waiting for it, is never 已整改 next time."""
    rejected = {**f("footer.missing", key="icp"), "review_decision": {"decision": "reject"}}
    waiting = {**f("interaction.unanswered", key="咨询"), "review": True}
    accepted = {**f("guide.blank_field", key="办理时限"), "review": True, "review_decision": {"decision": "accept"}}
    result = compare_findings([rejected, waiting, accepted], [])
    assert [x["rule_id"] for x in result["fixed"]] == ["guide.blank_field"]
    assert sorted(x["rule_id"] for x in result["set_aside"]) == ["footer.missing", "interaction.unanswered"]
    assert compare_findings([], [waiting])["new"] == []


def test_compare_two_campaigns_in_a_store(tmp_path):
    from govspider.storage import open_store

    uri = f"sqlite:///{tmp_path / 'pages.sqlite'}"
    with open_store(uri) as store:
        for cid in ("q1", "q2"):
            store.save_campaign({"id": cid, "as_of": "2026-11-15", "ruleset": "2019", "sites": []})
        store.replace_findings("q1", [f("footer.missing", key="icp"), f("privacy.missing")])
        store.replace_findings("q2", [f("privacy.missing")])
    res = CliRunner().invoke(compare_command, ["q1", "q2", "--store", uri, "--json"])
    assert res.exit_code == 0, res.output
    result = json.loads(res.output)
    assert [x["rule_id"] for x in result["fixed"]] == ["footer.missing"]
    assert [x["rule_id"] for x in result["persisting"]] == ["privacy.missing"] and result["new"] == []
    bad = CliRunner().invoke(compare_command, ["q1", "q9", "--store", uri])
    assert bad.exit_code == 2 and "q9" in bad.output and "q1, q2" in bad.output
