"""OpenSearch, the second supported engine: a smaller run of the index tests on its own
OpenSearch 2.19 node (deploy/elasticsearch/es.sh, ES_ENGINE=opensearch). The full index tests
run on Elasticsearch 8.14.3 (GOVSPIDER_ES_URL)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from govspider.index import open_index
from govspider.index.client import SearchClient, server_info

from .conftest import EsNode


@pytest.fixture(scope="module")
def opensearch_url():
    base = Path(tempfile.mkdtemp(prefix="govspider-opensearch-test-"))
    node = EsNode(base / "os", engine="opensearch")
    node.run("start")
    try:
        yield node.url
    finally:
        node.run("stop")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def index(opensearch_url, tmp_path):
    ix = open_index(f"{opensearch_url}?prefix=os{tmp_path.name[-8:].lower().replace('_', '')}&spool={tmp_path / 'spool'}")
    yield ix
    ix.drop()
    ix.close()


def test_the_engine_is_told_apart_without_a_banner(opensearch_url):
    engine = server_info(opensearch_url)
    assert engine.name == "opensearch" and engine.version.startswith("2."), engine
    client = SearchClient(opensearch_url)
    try:
        assert type(client.raw).__module__.startswith("opensearchpy")
    finally:
        client.close()


def test_same_templates_same_chinese_search(index, findings, verdicts):
    assert index.index_findings(findings) == len(findings) and index.last_rejected == 0
    assert index.index_verdicts(verdicts) == len(verdicts) and index.last_rejected == 0
    index.refresh()
    assert [h["rule_id"] for h in index.search("办事指南")] == ["guide.blank_field"]
    assert [h["rule_id"] for h in index.search("您好")] == ["interaction.boilerplate_reply"]
    got = index.search("", rule="column.stale", region="长沙市", limit=500)
    assert len(got) == sum(1 for f in findings if f["rule_id"] == "column.stale" and f["region"] == "长沙市")
    assert {v["site_code"] for v in index.verdicts(region="衡阳市")} == {v["site_code"] for v in verdicts
                                                                      if v["region"] == "衡阳市"}


def test_publishing_again_replaces_the_campaign(index, findings, verdicts):
    index.publish_campaign("2026Q4-hn", findings, verdicts)
    fixed = [f for f in findings if f["rule_id"] != "interaction.boilerplate_reply"]
    out = index.publish_campaign("2026Q4-hn", fixed, verdicts)
    assert out["removed"] == 1 and out["pending"] == 0
    index.refresh()
    assert index.search("您好") == [] and index.count() == len(fixed)
