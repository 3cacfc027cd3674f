"""Findings in the real search server (GOVSPIDER_ES_URL): templates, Chinese search, no duplicates."""

from __future__ import annotations

import json
import urllib.request

from govspider.index.documents import finding_doc

from .conftest import CAMPAIGN


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.loads(resp.read())


def rules(hits):
    return sorted(h["rule_id"] for h in hits)


def test_campaign_indexed_into_time_based_indices_with_aliases(es_index, es_url, findings, verdicts):
    assert es_index.index_findings(findings) == len(findings)
    assert es_index.index_verdicts(verdicts) == len(verdicts)
    es_index.refresh()
    assert es_index.count("findings") == len(findings)
    assert es_index.count("verdicts") == len(verdicts)
    p = es_index.prefix
    aliases = get(f"{es_url}/_alias/{p}-findings")
    assert list(aliases) == [f"{p}-findings-2026.11.15"]
    mapping = get(f"{es_url}/{p}-findings-2026.11.15/_mapping")[f"{p}-findings-2026.11.15"]["mappings"]
    props = mapping["properties"]
    assert props["tokens"]["type"] == "keyword"  # jieba words, no tokenizer the node may lack
    assert props["rule_id"]["type"] == "keyword" and props["as_of"]["type"] == "date"
    assert props["details"]["properties"]["column"]["type"] == "keyword"
    assert es_index.pending() == 0 and es_index.last_rejected == 0


def test_chinese_words_not_shared_characters(es_index, findings):
    es_index.index_findings(findings)
    es_index.refresh()
    assert rules(es_index.search("办事指南")) == ["guide.blank_field"]
    assert rules(es_index.search("您好")) == ["interaction.boilerplate_reply"]
    assert rules(es_index.search("不动产登记")) == ["guide.divergence"]
    hits = es_index.search("通知公告", limit=500)
    assert hits and all("通知公告" in h["evidence"] for h in hits)
    assert len(hits) == sum(1 for f in findings if "通知公告" in f["evidence"])


def test_filters(es_index, findings):
    es_index.index_findings(findings)
    es_index.refresh()
    got = es_index.search("", rule="column.stale", region="长沙市", limit=500)
    expected = [f for f in findings if f["rule_id"] == "column.stale" and f["region"] == "长沙市"]
    assert len(got) == len(expected) > 1 and all(h["region"] == "长沙市" for h in got)
    assert es_index.search("办事指南", campaign="2027Q1-hn") == []
    assert len(es_index.search("", limit=3)) == 3


def test_reindexing_does_not_duplicate_and_templates_are_idempotent(es_index, findings, campaign_factory):
    es_index.index_findings(findings)
    es_index.ensure_templates()
    es_index.index_findings(findings)
    es_index.refresh()
    assert es_index.count() == len(findings)
    later = campaign_factory(campaign="2027Q1-hn", as_of="2027-02-15")
    es_index.index_findings(later)
    es_index.refresh()
    assert es_index.count() == 2 * len(findings)
    assert len(es_index.search("办事指南")) == 2
    assert len(es_index.search("办事指南", campaign="2027Q1-hn")) == 1


def test_a_document_the_server_refuses_is_kept_aside_not_lost(es_index, findings):
    bad = dict(findings[0], site_name={"not": "a keyword"}, evidence="无法入库的发现")
    indexed = es_index.index_findings(findings[1:4] + [bad])
    assert indexed == 3 and es_index.last_rejected == 1
    rejected = (es_index.spool.dir / "rejected.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rejected) == 1 and "无法入库的发现" in rejected[0]
    assert es_index.pending() == 0


def test_cli_index_and_search_against_the_server(es_url, tmp_path, findings, verdicts):
    from click.testing import CliRunner

    from govspider.cli import main

    f_path, v_path = tmp_path / "findings.jsonl", tmp_path / "sites.jsonl"
    f_path.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in findings), encoding="utf-8")
    v_path.write_text("".join(json.dumps(v, ensure_ascii=False) + "\n" for v in verdicts), encoding="utf-8")
    uri = f"{es_url}?prefix=tcli{tmp_path.name[-6:].lower().replace('_', '')}&spool={tmp_path / 'spool'}"
    runner = CliRunner()
    try:
        result = runner.invoke(main, ["index", "--findings", str(f_path), "--sites-jsonl", str(v_path),
                                      "--index", uri])
        assert result.exit_code == 0, result.output
        from govspider.index import open_index

        with open_index(uri) as ix:
            ix.refresh()
        result = runner.invoke(main, ["search", "您好", "--index", uri])
        assert result.exit_code == 0, result.output
        lines = [l for l in result.stdout.splitlines() if l.strip()]
        assert len(lines) == 1 and lines[0].startswith("interaction.boilerplate_reply\t4302000001")
    finally:
        from govspider.index import open_index

        with open_index(uri) as ix:
            ix.drop()


def put_settings(url: str, settings: dict) -> None:
    request = urllib.request.Request(url, data=json.dumps(settings).encode(), method="PUT",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as resp:
        assert json.loads(resp.read())["acknowledged"]


def test_a_rejected_batch_is_spooled_and_flushed_later(es_index, es_url, findings):
    """The server answers 429 (index blocked as on a full disk): the batch is spooled, not lost."""
    es_index.index_findings(findings[:2])
    index = f"{es_url}/{es_index.prefix}-findings-2026.11.15/_settings"
    put_settings(index, {"index.blocks.read_only_allow_delete": True})
    try:
        assert es_index.index_findings(findings) == 0
        assert es_index.last_spooled == len(findings) and es_index.pending() == len(findings)
        assert es_index.last_rejected == 0
    finally:
        put_settings(index, {"index.blocks.read_only_allow_delete": None})
    assert es_index.flush_spool() == len(findings)
    es_index.refresh()
    assert es_index.count() == len(findings) and es_index.pending() == 0


def test_documents_shaped_like_govspider_run_output_are_accepted(es_index):
    """Lines as `govspider run` writes them (sites.jsonl verdict words, nested details)."""
    finding = {"rule_id": "guide.divergence", "site_code": "4301210001", "url": "http://www.csx.gov.cn/bsfw/zn_2.html",
               "severity": "deduct", "points": 1.0, "evidence": "事项「医疗机构执业登记」门户与政务服务网「办理材料」不一致",
               "details": {"item": "医疗机构执业登记", "fields": ["办理材料", "收费标准"], "hall_site_code": "4301210055",
                           "differences": {"办理材料": {"portal": "申请表", "hall": "申请表；照片"}},
                           "sources": ["http://a.gov.cn/1.html"], "error": None, "year": 2025, "status": 404},
               "as_of": "2026-11-28", "campaign": "demo-20261128", "site_name": "长沙县人民政府", "region": "长沙市",
               "rule_name": "两张皮", "ruleset": "2019", "key": "医疗机构执业登记/办理材料",
               "finding_id": "0123456789abcdef"}
    verdicts = [{"site_code": "4301210001", "name": "长沙县人民政府", "region": "长沙市", "county": None,
                 "passed": True, "verdict": "合格", "score": 96.9, "vetoes": [], "findings": 4, "sampled": True,
                 "deductions": {"footer.missing": 2.0}, "rules": {"footer.missing": 2}, "serious": False,
                 "problems": ["网站底部缺少必备要素（2处，扣2分）"], "campaign": "demo-20261128", "as_of": "2026-11-28"},
                {"site_code": "4301210002", "name": "某县人民政府", "region": "长沙市", "passed": False,
                 "verdict": "单项否决", "score": 0, "vetoes": ["site.unreachable"], "findings": 1,
                 "campaign": "demo-20261128", "as_of": "2026-11-28"}]
    assert es_index.index_findings([finding]) == 1 and es_index.last_rejected == 0
    assert es_index.index_verdicts(verdicts) == 2 and es_index.last_rejected == 0
    es_index.refresh()
    hit = es_index.search("医疗机构", region="长沙市")[0]
    assert hit["finding_id"] == "0123456789abcdef" and hit["details"]["hall_site_code"] == "4301210055"
    assert {v["site_code"]: v["passed"] for v in es_index.verdicts()} == {"4301210001": 1, "4301210002": 0}


def test_publishing_a_campaign_again_replaces_it(es_index, findings, verdicts, campaign_factory):
    """Re-analysis after a fix: the fixed problem leaves search, without delete-by-query (absent
    on the dev/CI node); another campaign on the same as-of date stays."""
    other = campaign_factory(campaign="2026Q4-zz")
    es_index.index_findings(other)
    first = es_index.publish_campaign("2026Q4-hn", findings, verdicts)
    assert (first["findings"], first["verdicts"], first["removed"], first["pending"]) == (len(findings), len(verdicts), 0, 0)
    fixed = [f for f in findings if f["rule_id"] != "interaction.boilerplate_reply"]
    again = es_index.publish_campaign("2026Q4-hn", fixed, verdicts[1:])
    assert again["removed"] == 2 and again["pending"] == 0 and again["rejected"] == 0
    es_index.refresh()
    assert es_index.search("您好", campaign="2026Q4-hn") == []
    assert len(es_index.search("您好", campaign="2026Q4-zz")) == 1
    assert {h["finding_id"] for h in es_index.search("", campaign="2026Q4-hn", limit=1000)} == \
        {finding_doc(f)["finding_id"] for f in fixed}
    assert len(es_index.verdicts(campaign="2026Q4-hn")) == len(verdicts) - 1
    assert {h["publication"] for h in es_index.search("", campaign="2026Q4-hn", limit=1000)} == {again["publication"]}


def test_this_rounds_finding_fields_are_indexed_with_their_types(es_index, es_url, findings):
    """review, review_reason, archive, screenshot (findings) and partial (verdicts) are mapped,
    so analysts can filter on them; checked with _field_caps on the live node."""
    marked = dict(findings[0], review=True, review_reason="抓取未完成，栏目是否停更需人工复核",
                  archive={"warc": "warc/2026Q4-00001.warc.gz", "offset": 123456,
                           "record_id": "<urn:uuid:3f5e2a1c-0000-4000-8000-000000000001>"},
                  screenshot="screenshots/4301000001-home.png")
    assert es_index.index_findings([marked, findings[1]]) == 2 and es_index.last_rejected == 0
    assert es_index.index_verdicts([{"campaign": CAMPAIGN, "as_of": "2026-11-15", "site_code": "4301000001",
                                     "verdict": "不合格", "partial": True}]) == 1
    es_index.refresh()
    client, p = es_index.client(), es_index.prefix
    caps = client.field_caps(f"{p}-findings")
    assert set(caps["review"]) == {"boolean"} and set(caps["review_reason"]) == {"text"}
    assert set(caps["screenshot"]) == {"keyword"} and set(caps["archive.record_id"]) == {"keyword"}
    assert set(caps["archive.warc"]) == {"keyword"} and set(caps["archive.offset"]) == {"long"}
    assert set(client.field_caps(f"{p}-verdicts")["partial"]) == {"boolean"}
    hits = client.search(f"{p}-findings", {"query": {"term": {"review": True}}})["hits"]["hits"]
    assert [h["_source"]["review_reason"] for h in hits] == [marked["review_reason"]]
    hits = client.search(f"{p}-verdicts", {"query": {"term": {"partial": True}}})["hits"]["hits"]
    assert len(hits) == 1
