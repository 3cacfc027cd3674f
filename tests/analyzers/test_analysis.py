"""govspider.analysis over a real SQLite page store: page findings are never silently lost (the
``analysis`` stamp), one cause gives one finding, an unfinished crawl gives review findings instead
of absence-based vetoes, analysts' decisions survive re-analysis."""

import datetime as dt

import pytest

from analyzers.registry import analyze_page, load_analyzers
from analyzers.testing import page_record
from govspider.analysis import analyze_campaign
from govspider.review import decision_record
from govspider.scoring import score_campaign
from govspider.storage import open_store

from .conftest import PORTAL

AS_OF = dt.date(2026, 11, 15)
HOME = "http://www.changsha.gov.cn/"
SPAM = '<div style="display:none"><a href="http://www.xpj8866.com/">澳门新葡京</a><a href="http://bjl-online.cc/">百家乐在线</a></div>'


def html(body: str) -> str:
    return f"<html><head><meta charset='utf-8'><title>长沙市人民政府</title></head><body>{body}</body></html>"


def news(i: int, extra: str = "") -> tuple[str, str]:
    day = AS_OF - dt.timedelta(days=i + 1)
    return (f"{HOME}zwdt/{day:%Y%m}/t{day:%Y%m%d}_{i}.html",
            html(f'<div class="position">当前位置：<a href="/">首页</a> &gt; <span>政务动态</span></div><h1>第{i}条新闻</h1>'
                 f"<p>发布时间：{day}</p><p>中国共产党长沙市委员汇召开会议，部署重点工作。</p>{extra}"))


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'pages.sqlite'}")
    s.save_campaign({"id": "c1", "as_of": AS_OF.isoformat(), "ruleset": "2019", "sites": [PORTAL.to_dict()]})
    yield s
    s.close()


def put(store, url, body, *, analyzed=None, state=None):
    record = page_record(body, url, PORTAL)
    record["campaign"] = "c1"
    record["findings"] = []  # what the spider stores before any analyzer ran
    if analyzed is not None:
        record["findings"], record["analysis"] = analyzed(record)
    store.upsert_page(record)
    return record


def home_page():
    items = "".join(f'<li><a href="/zwdt/{i}.html">新闻{i}</a><span>{AS_OF - dt.timedelta(days=i)}</span></li>' for i in range(8))
    return html(f"<ul>{items}</ul><div class='footer'>主办单位：长沙市人民政府办公室 网站地图</div>")


def test_pages_stored_without_a_stamp_are_analyzed_again(store):
    """The spider stores ``"findings": []``; an empty list is not "analyzed, nothing found"."""
    put(store, HOME, home_page())
    url, body = news(1)
    put(store, url, body)  # e.g. AnalyzePipeline disabled, or it raised
    found = analyze_campaign(store, "c1", "2019", strict=True)
    assert [f["key"] for f in found if f["rule_id"] == "content.serious_error"] == ["委员汇"]


def test_stamps_decide_reuse_failure_and_ruleset(store):
    items = load_analyzers()
    put(store, HOME, home_page())
    url, body = news(1)
    put(store, url, body, analyzed=lambda page: analyze_page(page, PORTAL, "2019", AS_OF, analyzers=items))
    stored = store.get_page("c1", url)
    assert stored["analysis"]["ruleset"] == "2019" and stored["analysis"]["failed"] == []
    assert [f["rule_id"] for f in stored["findings"]] == ["content.serious_error"]
    # same ruleset: the stored findings are used as they are
    marker = dict(stored, findings=[{**stored["findings"][0], "evidence": "from the crawl"}])
    store.upsert_page(marker)
    found = analyze_campaign(store, "c1", "2019", strict=True)
    assert [f["evidence"] for f in found if f["rule_id"] == "content.serious_error"] == ["from the crawl"]
    # another ruleset: page analyzers run again under it
    found = analyze_campaign(store, "c1", "2015", strict=True)
    [f] = [f for f in found if f["rule_id"] == "content.serious_error"]
    assert f["ruleset"] == "2015" and f["evidence"] != "from the crawl"
    # an analyzer that failed on the page: run again
    store.upsert_page(dict(marker, analysis={**marker["analysis"], "failed": ["serious_error"]}))
    found = analyze_campaign(store, "c1", "2019", strict=True)
    assert [f["evidence"] for f in found if f["rule_id"] == "content.serious_error"] != ["from the crawl"]


def test_a_defaced_template_is_one_finding_with_a_page_count(store):
    put(store, HOME, home_page() .replace("</body>", SPAM + "</body>"))
    for i in range(6):
        url, body = news(i, SPAM)
        put(store, url, body)
    found = analyze_campaign(store, "c1", "2019", strict=True)
    [defaced] = [f for f in found if f["rule_id"] == "content.defacement"]
    assert defaced["details"]["pages"] == 7 and len(defaced["details"]["examples"]) == 7
    assert "7 个页面" in defaced["evidence"]
    [term] = [f for f in found if f["rule_id"] == "content.serious_error"]
    assert term["details"]["pages"] == 6


def test_an_unfinished_crawl_gives_review_instead_of_absence_vetoes(store):
    put(store, HOME, home_page())
    blank = html('<div class="position">当前位置：首页 &gt; 通知公告</div><h2>通知公告</h2><div>暂无信息</div><div class="page">共1页</div>')
    put(store, f"{HOME}tzgg/index.html", blank)
    store.upsert_site_state({"campaign": "c1", "site_code": PORTAL.site_code, "reachable": True, "finished": True})
    done = analyze_campaign(store, "c1", "2019", strict=True)
    assert {f["rule_id"]: f["review"] for f in done if f["rule_id"] in ("column.blank", "privacy.missing")} == {
        "column.blank": False, "privacy.missing": False}
    store.upsert_site_state({"campaign": "c1", "site_code": PORTAL.site_code, "finished": False, "cause": "interrupted"})
    cut = analyze_campaign(store, "c1", "2019", strict=True)
    for f in cut:
        if f["rule_id"] in ("column.blank", "privacy.missing", "report.annual_missing", "footer.missing"):
            assert f["review"] is True and "抓取未完成" in f["review_reason"], f
    # a partial campaign without per-site states says the same
    store.upsert_site_state({"campaign": "c1", "site_code": PORTAL.site_code, "finished": None})
    store.save_campaign({**store.get_campaign("c1"), "partial": True})
    partial = analyze_campaign(store, "c1", "2019", strict=True)
    assert all(f["review"] for f in partial if f["rule_id"] == "column.blank")
    verdicts, _ = score_campaign(partial, [PORTAL], "2019", campaign=store.get_campaign("c1"))
    assert verdicts[0]["partial"] is True and verdicts[0]["pending_review"] >= 1


def test_decisions_survive_reanalysis(store):
    put(store, HOME, home_page())
    url, body = news(1)
    put(store, url, body)
    [f] = [f for f in analyze_campaign(store, "c1", "2019", strict=True) if f["rule_id"] == "content.serious_error"]
    store.save_review_decision(decision_record("c1", f, "reject", "王芳", "「市委员汇」系转载原文"))
    [again] = [f for f in analyze_campaign(store, "c1", "2019", strict=True) if f["rule_id"] == "content.serious_error"]
    assert again["review_decision"]["decision"] == "reject" and again["review_decision"]["by"] == "王芳"
    assert [x["review_decision"]["decision"] for x in store.iter_findings("c1") if x.get("review_decision")] == ["reject"]
