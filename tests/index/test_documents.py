"""Index documents: ids equal govspider.findings.finding_id, jieba tokens, time-based index names."""

from __future__ import annotations

import pytest

from govspider.findings import finding_id
from govspider.index.documents import finding_doc, index_suffix, verdict_doc
from govspider.index.templates import load_templates


def test_finding_doc_keeps_the_contract_and_adds_id_and_tokens(findings):
    guide = next(f for f in findings if f["rule_id"] == "guide.blank_field")
    doc = finding_doc(guide)
    for key in ("rule_id", "site_code", "url", "severity", "points", "evidence", "details", "as_of", "campaign"):
        assert doc[key] == guide[key]
    assert doc["finding_id"] == finding_id(guide)
    words = doc["tokens"]
    assert {"办事", "指南", "护照", "材料"} <= set(words) and len(words) == len(set(words))
    serious = finding_doc(next(f for f in findings if f["rule_id"] == "content.serious_error"))
    assert "办事" not in serious["tokens"]  # 事业单位办理: the characters, not the word
    assert doc["rule_family"] == "guide"
    assert index_suffix(doc) == "2026.11.15"


def test_tokens_given_by_the_finding_are_kept_as_a_word_list():
    doc = finding_doc({"rule_id": "x.y", "site_code": 43, "tokens": "甲 乙 PDF 甲", "as_of": None})
    assert doc["tokens"] == ["甲", "乙", "pdf"] and doc["site_code"] == "43"
    assert index_suffix(doc) == "undated"
    assert finding_doc({"rule_id": "x.y", "site_code": "1", "tokens": ["您好", "Word"]})["tokens"] == ["您好", "word"]


def test_bad_finding_is_a_clear_error():
    with pytest.raises(ValueError, match="rule_id and site_code"):
        finding_doc({"evidence": "无规则"})


def test_verdict_doc_counts_and_pass_flag():
    doc = verdict_doc({"campaign": "c", "site_code": "1", "name": "长沙市人民政府", "verdict": "pass",
                       "findings": [{"a": 1}, {"b": 2}], "as_of": "2026-11-15"})
    assert doc["verdict_id"] == "c:1" and doc["passed"] == 1 and doc["findings"] == 2
    assert "长沙" in doc["tokens"]


def test_passed_follows_the_run_output():
    assert verdict_doc({"site_code": "1", "passed": True, "verdict": "合格"})["passed"] == 1
    assert verdict_doc({"site_code": "1", "passed": False, "verdict": "单项否决"})["passed"] == 0
    assert verdict_doc({"site_code": "1", "verdict": "合格"})["passed"] == 1
    assert verdict_doc({"site_code": "1", "verdict": "不合格"})["passed"] == 0


def test_templates_renamed_for_a_prefix():
    templates = load_templates("abc")
    assert set(templates) == {"abc-findings", "abc-verdicts"}
    body = templates["abc-findings"]
    assert body["index_patterns"] == ["abc-findings-*"]
    assert "abc-findings" in body["template"]["aliases"]
    props = body["template"]["mappings"]["properties"]
    assert props["tokens"]["type"] == "keyword"  # a word list: no tokenizer the node may lack
    for field in ("finding_id", "rule_id", "site_code", "region", "severity", "campaign"):
        assert props[field]["type"] == "keyword", field
    assert props["as_of"]["type"] == "date" and props["evidence"]["type"] == "text"


def _realworld_pages():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for base in (root.parent / "shared", Path("/work/shared")):
        pages = base / "realworld" / "pages"
        if pages.is_dir():
            return sorted(pages.glob("*.html"))
    raise AssertionError("shared/realworld/pages not found beside the checkout")


def test_cached_tokens_equal_jieba_on_real_pages():
    """The per-block token cache gives exactly jieba's words (govspider.text.tokenize), once each."""
    import re

    from govspider.index.documents import token_list
    from govspider.text import tokenize

    samples = ["栏目「通知公告」最近更新 2025-03-02，超过 6 个月未更新", "Ｆｕｌｌ１２３ é ① 龦 C++ 50% x.y",
               "首页链接 http://www.x1.gov.cn/a/1.html 返回 404\r\n第二行\t制表", ""]
    pages = _realworld_pages()
    assert len(pages) >= 40
    for page in pages:
        raw = page.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
        samples.append(re.sub(r"<[^>]+>", " ", text)[:20000])
    for text in samples:
        assert token_list(text) == list(dict.fromkeys(tokenize(text.lower())))
