"""Every analyzer on the simulated province's pages, read through Province.respond (no HTTP, no
crawler): findings against the sandbox truth, precision and recall ≥ 0.9 for every rule, both rulesets."""

import pytest

from analyzers.sandbox_pages import fill_store
from govspider.analysis import analyze_campaign
from govspider.findings import precision_recall
from govspider.storage import open_store

from .conftest import SANDBOX_AS_OF


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    from govspider.sandbox.families import CLASSIC
    from govspider.sandbox.province import build_province

    province = build_province(seed=7, as_of=SANDBOX_AS_OF, scale="small", families=CLASSIC)   # the pre-issue-9 families
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('walk') / 'pages.sqlite'}")
    fill_store(province, store, "walk", ruleset="2019", run_page_analyzers=False)
    yield province, store
    store.close()


@pytest.mark.parametrize("ruleset", ["2019", "2015"])
def test_every_rule_meets_precision_and_recall_on_sandbox_pages(walked, ruleset):
    province, store = walked
    findings = analyze_campaign(store, "walk", ruleset, write=False, strict=True)
    table = precision_recall(findings, province.truth)
    print(f"\nruleset {ruleset}")
    for rule, row in table.items():
        print(f"{rule:32s} findings={row['findings']:3d} truth={row['truth']:3d} P={row['precision']:.2f} R={row['recall']:.2f}")
    covered = {t["rule_id"] for t in province.truth}
    low = {r: row for r, row in table.items() if r in covered and (row["precision"] < 0.9 or row["recall"] < 0.9)}
    assert not low
    assert all(f["ruleset"] == ruleset for f in findings)
