"""Embedded index (sqlite-fts:///PATH): Chinese word search, filters, idempotent re-indexing."""

from __future__ import annotations

import pytest

from govspider.index import IndexURIError, open_index


@pytest.fixture
def index(tmp_path):
    with open_index(f"sqlite-fts:///{tmp_path / 'index.sqlite'}") as ix:
        yield ix


def rules(hits):
    return sorted(h["rule_id"] for h in hits)


def test_chinese_words_find_the_right_findings(index, findings):
    assert index.index_findings(findings) == len(findings)
    assert rules(index.search("办事指南")) == ["guide.blank_field"]
    # 事业单位办理 shares 办 and 事; 您的好建议 shares 您 and 好: neither matches the word
    assert rules(index.search("您好")) == ["interaction.boilerplate_reply"]
    assert rules(index.search("停水")) == ["interaction.boilerplate_reply"]
    assert rules(index.search("不动产登记")) == ["guide.divergence"]
    notices = index.search("通知公告")
    assert notices and all("通知公告" in h["evidence"] for h in notices)


def test_filters_and_limit(index, findings):
    index.index_findings(findings)
    stale_cs = index.search("", rule="column.stale", region="长沙市", limit=500)
    expected = [f for f in findings if f["rule_id"] == "column.stale" and f["region"] == "长沙市"]
    assert len(stale_cs) == len(expected) > 1
    assert len(index.search("", limit=3)) == 3
    assert index.search("办事指南", campaign="another") == []
    assert len(index.search("办事指南", campaign="2026Q4-hn")) == 1


def test_reindexing_a_campaign_does_not_duplicate(index, findings, campaign_factory):
    index.index_findings(findings)
    index.index_findings(findings)
    assert index.count() == len(findings)
    # a later campaign is new findings, kept beside the first
    index.index_findings(campaign_factory(campaign="2027Q1-hn", as_of="2027-02-15"))
    assert index.count() == 2 * len(findings)
    assert len(index.search("办事指南")) == 2


def test_verdicts(index, verdicts):
    assert index.index_verdicts(verdicts) == len(verdicts)
    assert index.index_verdicts(verdicts) == len(verdicts)
    stored = index.verdicts(region="衡阳市")
    assert stored and all(v["region"] == "衡阳市" for v in stored)
    assert any(v["verdict"] == "单项否决" and v["passed"] == 0 and "content.serious_error" in v["vetoes"]
               for v in stored)
    assert len(index.verdicts()) == len(verdicts)


def test_sqlite_uris_follow_the_page_store_convention(tmp_path, monkeypatch, findings):
    from govspider.index import sqlite_path, sqlite_uri

    assert sqlite_path("sqlite-fts:///out/index.sqlite").as_posix() == "out/index.sqlite"
    assert sqlite_path("sqlite-fts:////abs/index.sqlite").as_posix() == "/abs/index.sqlite"
    assert sqlite_path(sqlite_uri(tmp_path / "i.sqlite")) == tmp_path / "i.sqlite"
    monkeypatch.chdir(tmp_path)
    with open_index("sqlite-fts:///out/index.sqlite") as ix:    # what `govspider run --out out` writes
        ix.index_findings(findings[:2])
    assert (tmp_path / "out" / "index.sqlite").is_file()


def test_open_index_accepts_a_run_directory(tmp_path, findings):
    with open_index(str(tmp_path / "index.sqlite")) as ix:
        ix.index_findings(findings[:3])
    with open_index(str(tmp_path)) as ix:
        assert ix.count() == 3


@pytest.mark.parametrize("uri", ["", "ftp://x/y", "sqlite-fts://", "http://127.0.0.1:1?colour=red"])
def test_bad_uris_say_what_works(uri):
    with pytest.raises(IndexURIError):
        open_index(uri)


def test_publishing_a_campaign_again_replaces_it(index, findings, verdicts, campaign_factory):
    """Re-analysis after a fix: the fixed problem leaves search; other campaigns stay."""
    other = campaign_factory(campaign="2027Q1-hn", as_of="2027-02-15")
    index.index_findings(other)
    first = index.publish_campaign("2026Q4-hn", findings, verdicts)
    assert (first["findings"], first["verdicts"], first["removed"]) == (len(findings), len(verdicts), 0)
    fixed = [f for f in findings if f["rule_id"] != "interaction.boilerplate_reply"]
    again = index.publish_campaign("2026Q4-hn", fixed, verdicts[1:])
    assert again["removed"] == 2 and again["pending"] == 0  # one finding, one site verdict
    assert index.search("您好", campaign="2026Q4-hn") == []
    assert len(index.search("您好", campaign="2027Q1-hn")) == 1  # another campaign is not touched
    assert len(index.search("", campaign="2026Q4-hn", limit=1000)) == len(fixed)
    assert len(index.verdicts(campaign="2026Q4-hn")) == len(verdicts) - 1
    hit = index.search("办事指南", campaign="2026Q4-hn")[0]
    assert hit["publication"] == again["publication"]


def test_a_finding_without_campaign_is_published_under_the_given_one(index):
    out = index.publish_campaign("c1", [{"rule_id": "footer.missing", "site_code": "1", "evidence": "缺少网站标识码"}], [])
    assert out["findings"] == 1 and index.search("网站标识码", campaign="c1")[0]["campaign"] == "c1"
