"""content.serious_error: whole terms at word boundaries, with exclusions, from a dictionary of real
categories where every entry says where its correct form comes from and why its wrong forms are
listed (issue 10: 「委员汇」 inside 「各位常委和委员汇报了…」 was a veto)."""

import pytest

from analyzers.content import SeriousErrorAnalyzer, serious_errors
from analyzers.registry import ruleset_table
from analyzers.testing import run_on_html
from govspider.sandbox import content as sandbox_content

from .conftest import real_page

URL = "http://www.csx.gov.cn/zwyw/202611/t20261103_100004.html"


def terms(text: str) -> list[str]:
    html = f"<html><body><h1>会议纪要</h1><p>{text}</p></body></html>"
    return [f["details"]["term"] for f in run_on_html(SeriousErrorAnalyzer, [(URL, html)])]


@pytest.mark.parametrize("text", [
    "会上，各位常委和委员汇报了分管领域工作进展情况。",
    "会前，由各专门委员汇总本领域意见建议后提交主任会议研究。",
    "参训人员经过反复练习近乎熟练掌握了应急处置流程。",
    "市人大常委会组成人员和列席委员汇集了各方意见。",
    "深入学习贯彻习近平新时代中国特色社会主义思想，践行社会主义核心价值观。",
])
def test_correct_words_containing_a_wrong_form_are_not_errors(text):
    assert terms(text) == []


@pytest.mark.parametrize("text, wrong", [
    ("中国共产党湖南省委员汇召开全体会议。", "委员汇"),
    ("坚持以中华人名共和国宪法为根本活动准则。", "中华人名共和国"),
    ("广西自治区商务厅网站将国名写成中华人民共合国。", "中华人民共合国"),
    ("市商务局攻府信息公开工作年度报告。", "攻府"),
    ("要深入学习贯彻习近平总书计重要讲话精神。", "总书计"),
])
def test_wrong_forms_as_whole_terms(text, wrong):
    assert terms(text) == [wrong]


def test_one_finding_per_term_and_page_with_its_cause():
    found = run_on_html(SeriousErrorAnalyzer, [(URL, "<html><body><p>中华人名共和国。</p><p>中华人名共和国成立。</p></body></html>")])
    [f] = found
    assert f["severity"] == "veto" and f["details"]["correct"] == "中华人民共和国" and f["details"]["category"] == "国名"
    assert f["details"]["cause"] == "term:中华人名共和国"


@pytest.mark.parametrize("ruleset", ["2015", "2019"])
def test_every_dictionary_entry_has_a_category_a_source_and_a_reason(ruleset):
    entries = ruleset_table(ruleset)["content"]["serious_errors"]
    categories = set()
    for entry in entries:
        assert entry["correct"] and entry["wrong"] and entry["source"] and entry["reason"], entry
        assert entry["correct"] not in entry["wrong"]
        categories.add(entry["category"])
        for word in entry.get("exclude") or ():
            assert any(form in word for form in entry["wrong"]), word
    assert categories == {"国名", "党和国家机构", "党和国家领导人", "政治术语"}
    wrong = {form for entry in entries for form in entry["wrong"]}
    assert len(wrong) > 3 * len(sandbox_content.SERIOUS_ERRORS)  # built from categories, not from the sandbox


def test_the_correct_forms_themselves_never_match():
    entries = ruleset_table("2019")["content"]["serious_errors"]
    assert serious_errors("。".join(e["correct"] for e in entries), entries) == []


def test_no_serious_error_on_real_government_pages(labels):
    for name, label in sorted(labels.items()):
        assert run_on_html(SeriousErrorAnalyzer, [real_page(name)], url=label["url"]) == [], name
