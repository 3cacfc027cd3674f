"""Nothing is lost when the search server goes away: spool to disk, replay when it is back.

Starts an Elasticsearch node of its own with deploy/elasticsearch/es.sh (another port), stops it
mid-campaign, restarts it and checks every finding is there exactly once — and that a campaign
re-published while the node was down is replaced once it is back (old documents removed in
order, after the new ones); a spool written while no server answered is replayed by the next
call that reaches one (GOVSPIDER_ES_URL). Also checks a 3-node cluster holds replicas (ES_NODES=3).
"""

from __future__ import annotations

import json
import urllib.request


def test_outage_spools_then_flushes_everything_once(es_node_factory, own_tmp, campaign_factory):
    from click.testing import CliRunner

    from govspider.cli import main
    from govspider.index import open_index

    node = es_node_factory(1)
    uri = f"{node.url}?prefix=outage&spool={own_tmp / 'spool'}"
    first = campaign_factory(n_sites=40)
    second = campaign_factory(n_sites=40, campaign="2027Q1-hn", as_of="2027-02-15")
    with open_index(uri) as ix:
        assert ix.index_findings(first) == len(first)
        node.run("stop")
        assert ix.index_findings(second) == 0            # server down: nothing indexed …
        assert ix.last_spooled == len(second)            # … everything spooled to disk
        assert ix.pending() == len(second)
        assert ix.index_findings(first[:5]) == 0         # still down: the re-sent ones spool too
        assert ix.pending() == len(second) + 5
    node.run("start")
    # a new process finds the spool on disk: `govspider index --flush-spool` replays it
    result = CliRunner().invoke(main, ["index", "--flush-spool", "--index", uri])
    assert result.exit_code == 0, result.output
    assert f"replayed {len(second) + 5} spooled documents; 0 still pending" in result.output
    with open_index(uri) as ix:
        ix.index_findings(first)                         # a rerun after the outage: no duplicates
        ix.refresh()
        assert ix.count() == len(first) + len(second)
        ids = {h["finding_id"] for h in ix.search("", limit=1000)}
        assert len(ids) == len(first) + len(second)
        assert len(ix.search("办事指南", campaign="2027Q1-hn")) == 1

    # re-analysis while the node is down: the new publication and the removal of the old wait
    fixed = [f for f in second if f["rule_id"] != "guide.blank_field"]
    node.run("stop")
    with open_index(uri) as ix:
        out = ix.publish_campaign("2027Q1-hn", fixed, [])
        assert out["findings"] == 0 and out["pending"] == len(fixed) + 1  # + the removal step
    node.run("start")
    result = CliRunner().invoke(main, ["index", "--flush-spool", "--index", uri])
    assert result.exit_code == 0 and "0 still pending" in result.output, result.output
    with open_index(uri) as ix:
        ix.refresh()
        assert ix.search("办事指南", campaign="2027Q1-hn") == []
        assert len(ix.search("", campaign="2027Q1-hn", limit=1000)) == len(fixed)
        assert len(ix.search("办事指南", campaign="2026Q4-hn")) == 1


def test_spool_replays_on_the_next_index_call(tmp_path, es_url, campaign_factory):
    """Spooled while a (fake, closed-port) server was down, replayed by the next call once the
    index points at a live server: the replay needs no explicit flush."""
    import shutil

    from govspider.index import open_index

    findings = campaign_factory(n_sites=10)
    spool = tmp_path / "spool"
    with open_index(f"http://127.0.0.1:1?prefix=later&spool={spool}") as down:
        assert down.index_findings(findings) == 0 and down.pending() == len(findings)
    moved = tmp_path / "spool-live"
    shutil.copytree(spool, moved)
    import uuid

    prefix = f"later{uuid.uuid4().hex[:8]}"
    # the spooled actions name their index: rewrite them for this test's own prefix
    for path in moved.glob("batch-*.jsonl"):
        path.write_text(path.read_text(encoding="utf-8").replace('"later-', f'"{prefix}-'), encoding="utf-8")
    with open_index(f"{es_url}?prefix={prefix}&spool={moved}") as ix:
        try:
            assert ix.index_verdicts([{"campaign": "c", "site_code": "1", "verdict": "pass"}]) == 1
            assert ix.pending() == 0
            ix.refresh()
            assert ix.count() == len(findings)
        finally:
            ix.drop()


def test_three_nodes_hold_replicas(es_node_factory, own_tmp, campaign_factory):
    from govspider.index import open_index

    node = es_node_factory(3)
    with open_index(f"{node.url}?prefix=replicas&spool={own_tmp / 'spool'}") as ix:
        ix.index_findings(campaign_factory(n_sites=5))
        health = node.health()
        assert health["number_of_nodes"] == 3 and health["status"] == "green"
        with urllib.request.urlopen(f"{node.url}/_cat/shards/replicas-*?format=json", timeout=30) as resp:
            shards = json.loads(resp.read())
        assert {s["prirep"] for s in shards} == {"p", "r"}
        assert all(s["state"] == "STARTED" for s in shards)
