"""End to end: ``govspider run`` (a subprocess, http_proxy → the sandbox) on the simulated province,
findings compared with its ground truth. Prints precision and recall for every rule id and fails
below 0.9 for either on any rule the sandbox covers; checks the four report files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import openpyxl
import pytest

from govspider.findings import near_miss_hits, precision_recall

AS_OF = "2026-11-15"


@pytest.fixture(scope="module")
def run_dir(sandbox, sandbox_files, tmp_path_factory):
    sites, truth = sandbox_files
    out = tmp_path_factory.mktemp("run")
    env = {**os.environ, "http_proxy": sandbox.proxy_url, "GOVSPIDER_STATE_DIR": str(out / "state")}
    env.pop("no_proxy", None)
    env.pop("NO_PROXY", None)
    proc = subprocess.run(
        [sys.executable, "-m", "govspider.cli", "run", "--sites", str(sites), "--out", str(out),
         "--as-of", AS_OF, "--ruleset", "2019", "--no-progress", "--campaign", "e2e"],
        env=env, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, truth, proc


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_findings_match_the_sandbox_truth(run_dir):
    out, truth_file, _proc = run_dir
    findings, truth = read_jsonl(out / "findings.jsonl"), read_jsonl(truth_file)
    table = precision_recall(findings, truth)
    print(f"\n{'rule_id':32s} {'findings':>8s} {'truth':>5s} {'P':>5s} {'R':>5s}")
    for rule, row in table.items():
        print(f"{rule:32s} {row['findings']:8d} {row['truth']:5d} {row['precision']:5.2f} {row['recall']:5.2f}")
    covered = {t["rule_id"] for t in truth}
    low = {rule: row for rule, row in table.items() if rule in covered and (row["precision"] < 0.9 or row["recall"] < 0.9)}
    assert not low, f"below 0.9: {low}"
    assert all(f["campaign"] == "e2e" and f["as_of"] == AS_OF for f in findings)
    assert [(f["rule_id"], t["key"]) for f, t in near_miss_hits(findings, truth)] == []
    assert all(isinstance(f["review"], bool) for f in findings)


def test_every_page_is_stamped_with_what_analyzed_it(run_dir):
    """The crawl's page findings say which ruleset and analyzers made them (none failed)."""
    from govspider.storage import open_store

    out, _truth, _proc = run_dir
    with open_store(f"sqlite:///{out / 'pages.sqlite'}") as store:
        pages = [p for p in store.iter_pages("e2e") if p.get("facts")]
    assert pages and all(p["analysis"]["ruleset"] == "2019" and p["analysis"]["failed"] == [] for p in pages)


def test_reports_reproduce_the_notice_tables(run_dir, sandbox):
    out, _truth, proc = run_dir
    verdicts = read_jsonl(out / "sites.jsonl")
    assert {v["site_code"] for v in verdicts} == {s.site_code for s in sandbox.province.sites}
    wb = openpyxl.load_workbook(out / "report.xlsx")
    regions = wb.worksheets[0]
    assert [c.value for c in regions[1]] == ["序号", "市州", "网站总数", "抽查数", "合格数", "合格率"]
    rows = {r[1]: r for r in regions.iter_rows(min_row=2, values_only=True)}
    assert set(rows) >= {"湖南省", "长沙市", "株洲市", "合计"}
    assert rows["合计"][2] == len(sandbox.province.sites)
    serious = list(wb.worksheets[1].iter_rows(min_row=2, values_only=True))
    vetoed = [v for v in verdicts if v["vetoes"]]
    assert len(serious) == len(vetoed) > 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "各市州政府网站抽查情况" in html and "<script" not in html.lower()
    assert (out / "pages.sqlite").exists()
    assert "合格率" in proc.stdout
