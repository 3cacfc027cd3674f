"""Nothing is lost when the search server goes away: spool to disk, replay when it is back.

Starts a cluster of its own with deploy/elasticsearch/es.sh (another port), stops it mid-campaign,
restarts it and checks every finding is there exactly once. Also checks a 3-node cluster holds
replicas (es.sh ES_NODES=3).
"""

from __future__ import annotations

import json
import urllib.request


def test_outage_spools_then_flushes_everything_once(es_node_factory, tmp_path, campaign_factory):
    from govspider.index import open_index

    node = es_node_factory(1)
    uri = f"{node.url}?prefix=outage&spool={tmp_path / 'spool'}"
    first = campaign_factory(n_sites=40)
    second = campaign_factory(n_sites=40, campaign="2027Q1-hn", as_of="2027-02-15")
    with open_index(uri) as ix:
        assert ix.index_findings(first) == len(first)
        node.run("stop")
        assert ix.index_findings(second) == 0            # server down: nothing indexed …
        assert ix.last_spooled == len(second)            # … everything spooled
        assert ix.pending() == len(second)
        assert ix.index_findings(first[:5]) == 0         # still down: the re-sent ones spool too
        node.run("start")
        assert ix.flush_spool() == len(second) + 5
        assert ix.pending() == 0
        ix.index_findings(first)                         # a rerun after the outage: no duplicates
        ix.refresh()
        assert ix.count() == len(first) + len(second)
        ids = {h["finding_id"] for h in ix.search("", limit=1000)}
        assert len(ids) == len(first) + len(second)
        assert len(ix.search("办事指南", campaign="2027Q1-hn")) == 1


def test_spool_replays_on_the_next_index_call(es_node_factory, tmp_path, campaign_factory):
    from govspider.index import open_index

    node = es_node_factory(1)
    node.run("stop")
    uri = f"{node.url}?prefix=later&spool={tmp_path / 'spool'}"
    findings = campaign_factory(n_sites=10)
    with open_index(uri) as ix:                          # server down before the first call
        assert ix.index_findings(findings) == 0 and ix.pending() == len(findings)
    node.run("start")
    with open_index(uri) as ix:                          # a new process: spool found on disk
        assert ix.index_verdicts([{"campaign": "c", "site_code": "1", "verdict": "pass"}]) == 1
        assert ix.pending() == 0
        ix.refresh()
        assert ix.count() == len(findings)


def test_three_nodes_hold_replicas(es_node_factory, tmp_path, campaign_factory):
    from govspider.index import open_index

    node = es_node_factory(3)
    with open_index(f"{node.url}?prefix=replicas&spool={tmp_path / 'spool'}") as ix:
        ix.index_findings(campaign_factory(n_sites=5))
        health = node.health()
        assert health["number_of_nodes"] == 3 and health["status"] == "green"
        with urllib.request.urlopen(f"{node.url}/_cat/shards/replicas-*?format=json", timeout=30) as resp:
            shards = json.loads(resp.read())
        assert {s["prirep"] for s in shards} == {"p", "r"}
        assert all(s["state"] == "STARTED" for s in shards)
