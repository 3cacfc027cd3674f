"""Page findings are never silently lost: a real crawl of sandbox sites with AnalyzePipeline
disabled (the spider stores ``"findings": []``) still yields every planted page-level defect once
analysis runs, because a page without an ``analysis`` stamp is analyzed again (issue 10)."""

import dataclasses
import json
import os
import subprocess
import sys

from govspider.analysis import analyze_campaign
from govspider.findings import matches_truth
from govspider.sites import dump_sites_yaml
from govspider.storage import open_store

PAGE_RULES = ("content.serious_error", "content.defacement", "policy.no_interpretation", "guide.blank_field")
CRAWL = """
import json, sys
from pipelines import ITEM_PIPELINES_BASE
from govspider.crawl import crawl_sites
from govspider.sites import load_sites
pipelines = {**ITEM_PIPELINES_BASE, "pipelines.analyze.AnalyzePipeline": None}
summary = crawl_sites(load_sites(sys.argv[1]), sys.argv[2], "nopipe", settings={"ITEM_PIPELINES": pipelines},
                      progress=False, as_of=sys.argv[3], ruleset="2019")
print(json.dumps({"pages": summary["pages"], "finished": summary["finished"]}))
"""


def test_a_crawl_without_page_analyzers_loses_no_page_finding(sandbox, tmp_path):
    province = sandbox.province
    wanted = [t for t in province.truth if t["rule_id"] in PAGE_RULES and t.get("expect") != "none"]
    both = lambda code: {"content.serious_error", "content.defacement"} <= {t["rule_id"] for t in wanted if t["site_code"] == code}  # noqa: E731
    codes = sorted(code for code in {t["site_code"] for t in wanted} if both(code))[:1]
    sites = [dataclasses.replace(s, service_hall=None) for s in province.sites if s.site_code in codes]
    (tmp_path / "sites.yaml").write_text(dump_sites_yaml(sites), encoding="utf-8")
    store_uri = f"sqlite:///{tmp_path / 'pages.sqlite'}"
    env = {**os.environ, "http_proxy": sandbox.proxy_url, "GOVSPIDER_STATE_DIR": str(tmp_path / "state")}
    env.pop("no_proxy", None)
    env.pop("NO_PROXY", None)
    proc = subprocess.run([sys.executable, "-c", CRAWL, str(tmp_path / "sites.yaml"), store_uri, province.as_of.isoformat()],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1])["pages"] > 50
    with open_store(store_uri) as store:
        assert all(not p.get("analysis") and p.get("findings") == [] for p in store.iter_pages("nopipe"))
        findings = analyze_campaign(store, "nopipe", "2019", strict=True)
    expected = [t for t in wanted if t["site_code"] in codes]
    assert {t["rule_id"] for t in expected} >= {"content.serious_error", "content.defacement"}
    missed = [t for t in expected if not any(matches_truth(f, t) for f in findings)]
    assert missed == []
