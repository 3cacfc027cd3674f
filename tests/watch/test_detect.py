"""Warnings of one site, from the same facts and analyzers as the findings: the margins table, a
column and a letter crossing their margin and their line, count lines, the annual report, review
on unreadable dates — on sandbox pages (seed 121, used nowhere else) and on real homepages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analyzers.api import SiteData
from analyzers.testing import pages_from_files
from govspider.sandbox.province import build_province
from govspider.sites import Site
from govspider.watch.detect import Detector
from govspider.watch.margins import MarginError, letter_pending, load_margins

from .sandbox_light import light_site

SANDBOX_AS_OF = dt.date(2026, 11, 15)
#: shared/realworld beside the checkout (or the workspace's copy when this is a worktree)
REAL = next((p for p in (Path(__file__).resolve().parents[3] / "shared" / "realworld" / "pages",
                         Path("/work/shared/realworld/pages")) if p.is_dir()), Path("shared/realworld/pages"))


@pytest.fixture(scope="module")
def province():
    return build_province(seed=121, as_of=SANDBOX_AS_OF)


@pytest.fixture(scope="module")
def detector():
    return Detector("2019")


def site_of(province, code):
    return next(s for s in province.sites if s.site_code == code)


def by_rule(warnings, rule, kind="time"):
    return {w["subject"]: w for w in warnings if w["rule_id"] == rule and w["kind"] == kind}


def test_margins_of_both_rulesets():
    m19, m15 = load_margins("2019"), load_margins("2015")
    assert (m19.home_days, m19.home_line) == (10, 14)
    assert m19.column_days == {"news": 10, "notice": 152, "policy": 152, "other": 304}
    assert (m19.unanswered_days, m19.unanswered_line) == (75, 90)
    assert (m19.reply_working_days, m19.reply_line, m15.reply_working_days, m15.reply_line) == (4, 5, 8, 10)
    assert m19.counts == {"column.stale": (3, 5), "column.blank": (3, 5), "guide.blank_field": (3, 5)}
    assert "guide.blank_field" not in m15.counts  # no count line for guides in the 2015 table


def test_a_margin_outside_its_line_is_refused(tmp_path):
    bad = tmp_path / "my2019.yaml"
    bad.write_text("base: '2019'\nname: my2019\nwarnings:\n  home.stale: {warn_days: 20}\n", encoding="utf-8")
    with pytest.raises(MarginError, match=r"warnings/home.stale/warn_days = 20 must be above 0 and below .*\(14\)"):
        load_margins(str(bad))
    other = tmp_path / "other2019.yaml"  # (rulesets are cached by file name)
    other.write_text("base: '2019'\nname: other2019\nwarnings:\n  column.stale: {warn_days: 12}\n", encoding="utf-8")
    with pytest.raises(MarginError, match="warnings/column.stale/warn_days/news is missing"):
        load_margins(str(other))


def test_a_news_column_near_and_past_its_line(province, detector):
    """株洲市人民政府: 部门动态 newest item 6 days old, 政务要闻 2, 乡镇动态 0 (the sandbox's model)."""
    data = light_site(province, site_of(province, "4302000001"))
    at_10, _ = detector.site(data, SANDBOX_AS_OF + dt.timedelta(days=4))
    columns = by_rule(at_10, "column.stale")
    assert set(columns) == {"部门动态"}
    w = columns["部门动态"]
    assert (w["level"], w["value"], w["line"], w["warn_at"], w["remaining"], w["unit"]) == ("approaching", 10, 14, 10, 4, "天")
    assert "还剩 4 天" in w["what"] and w["url"].endswith("/bmdt/index.html") and not w["review"]
    at_9, _ = detector.site(data, SANDBOX_AS_OF + dt.timedelta(days=3))
    assert by_rule(at_9, "column.stale") == {}
    at_15, observed = detector.site(data, SANDBOX_AS_OF + dt.timedelta(days=9))
    columns = by_rule(at_15, "column.stale")
    assert columns["部门动态"]["level"] == "crossed" and columns["部门动态"]["value"] == 15
    assert columns["政务要闻"]["level"] == "approaching" and set(columns) == {"部门动态", "政务要闻"}
    assert {"部门动态", "政务要闻", "乡镇动态", "通知公告"} <= observed.columns and observed.home and observed.complete
    assert columns["部门动态"]["warning_id"] == w["warning_id"]  # the same warning, worse: one id


def test_count_lines(province, detector):
    counts = {code: by_rule(detector.site(light_site(province, site_of(province, code)), SANDBOX_AS_OF)[0],
                            "column.stale", "count") for code in ("4301210001", "4301000001", "4302000001")}
    approaching = counts["4301210001"][""]  # 长沙县: 通知公告, 政策文件, 人事信息 stale
    assert (approaching["level"], approaching["value"], approaching["line"]) == ("approaching", 3, 5)
    assert approaching["details"]["subjects"] == ["人事信息", "政策文件", "通知公告"] and "还差 2 个" in approaching["what"]
    assert counts["4301000001"][""]["level"] == "crossed" and counts["4301000001"][""]["value"] == 7
    assert counts["4302000001"] == {}


def test_letters_waiting_for_a_reply(province, detector):
    """长沙市人民政府: letters asked 2026-11-12/14 wait (办理中); two were never answered (unanswered)."""
    data = light_site(province, site_of(province, "4301000001"))
    friday = dt.date(2026, 11, 18)  # 11-12 (Thu) + 4 working days
    waiting = by_rule(detector.site(data, friday)[0], "interaction.overdue_reply")
    levels = sorted((w["details"]["asked"], w["value"], w["level"]) for w in waiting.values())
    assert levels == [("2026-11-12", 4, "approaching"), ("2026-11-12", 4, "approaching")]
    later = by_rule(detector.site(data, dt.date(2026, 11, 20))[0], "interaction.overdue_reply")
    assert sorted((w["details"]["asked"], w["level"]) for w in later.values()) == [
        ("2026-11-12", "crossed"), ("2026-11-12", "crossed"), ("2026-11-14", "approaching")]
    # the letter asked 2026-05-05 and never answered: 80 days on 2026-07-24, 91 on 08-04
    unanswered = lambda day: {w["details"]["asked"]: w for w in by_rule(detector.site(data, day)[0], "interaction.unanswered").values()}  # noqa: E731
    near = unanswered(dt.date(2026, 7, 24))["2026-05-05"]
    assert (near["level"], near["value"], near["remaining"]) == ("approaching", 80, 10)
    assert unanswered(dt.date(2026, 8, 4))["2026-05-05"]["level"] == "crossed"
    assert "2026-05-05" not in unanswered(dt.date(2026, 7, 18))  # 74 days: below the margin


def test_letter_status_decides_when_the_list_prints_no_reply_date():
    m = load_margins("2019")
    assert letter_pending({"title": "x", "replied": None, "reply": None, "status": "办理中"}, m) is True
    assert letter_pending({"title": "x", "replied": None, "reply": None, "status": "已受理"}, m) is True
    assert letter_pending({"title": "x", "replied": None, "reply": None, "status": "未办结"}, m) is True
    assert letter_pending({"title": "x", "replied": None, "reply": None, "status": "已办结"}, m) is False
    assert letter_pending({"title": "x", "replied": None, "reply": None, "status": "公开"}, m) is None
    assert letter_pending({"title": "x", "replied": None, "reply": None}, m) is True
    assert letter_pending({"title": "x", "replied": "2026-11-02", "reply": None, "status": "待回复"}, m) is False


def test_annual_report_before_its_due_date(province, detector):
    """The sandbox homepages link the 2025 and 2024 reports; in January 2027 the 2026 one is due."""
    data = light_site(province, site_of(province, "4302000001"))
    assert by_rule(detector.site(data, dt.date(2027, 1, 15))[0], "report.annual_missing") == {}
    near = by_rule(detector.site(data, dt.date(2027, 1, 16))[0], "report.annual_missing")["2026"]
    assert (near["level"], near["remaining"]) == ("approaching", 15) and "2027-01-31 截止，还剩 15 天" in near["what"]
    past = by_rule(detector.site(data, dt.date(2027, 2, 3))[0], "report.annual_missing")["2026"]
    assert past["level"] == "crossed" and "已过 3 天" in past["what"]


def test_real_homepages():
    """50_home (望城区, newest printed date 2018-03-22) and 48_home (浏阳, a splash page without a date)."""
    detector = Detector("2019")
    site = Site("4301120002", "长沙市望城区人民政府", "长沙市", "county", "portal", "http://www.wangcheng.gov.cn/")
    data = SiteData(site=site, pages=pages_from_files([REAL / "50_home.html"], site=site), state={"finished": True})
    home = by_rule(detector.site(data, dt.date(2018, 4, 2))[0], "home.stale")[""]
    assert (home["level"], home["value"], home["details"]["newest_date"]) == ("approaching", 11, "2018-03-22")
    assert by_rule(detector.site(data, dt.date(2018, 4, 6))[0], "home.stale")[""]["level"] == "crossed"
    splash = Site("4301810001", "浏阳市人民政府", "长沙市", "county", "portal", "http://www.liuyang.gov.cn/")
    data = SiteData(site=splash, pages=pages_from_files([REAL / "48_home.html"], site=splash), state={"finished": True})
    undated = by_rule(detector.site(data, dt.date(2018, 3, 10))[0], "home.stale")[""]
    assert undated["review"] and undated["value"] is None and "无可识别的发布日期" in undated["what"]


def test_a_finding_marked_for_review_makes_its_warning_one(province):
    """When the analyzers doubt a finding (review: true, e.g. a partial crawl), the warning says so,
    and a doubtful finding does not count towards a count line."""
    from analyzers.freshness import FreshnessAnalyzer
    from analyzers.registry import Loaded, load_analyzers

    class DoubtfulFreshness(FreshnessAnalyzer):
        def analyze(self, data, ctx):
            for finding in super().analyze(data, ctx):
                yield {**finding, "review": True, "review_reason": "抓取未完成"}

    analyzers = load_analyzers(only={"interaction", "annual_report"}) + [
        Loaded(DoubtfulFreshness(), "freshness", "tests:DoubtfulFreshness", "(test)")]
    data = light_site(province, site_of(province, "4301210001"))  # 长沙县: three stale columns
    warnings, _ = Detector("2019", analyzers=analyzers).site(data, SANDBOX_AS_OF)
    stale = by_rule(warnings, "column.stale")
    assert stale and all(w["review"] and w["review_reason"] == "抓取未完成" for w in stale.values())
    assert by_rule(warnings, "column.stale", "count") == {}
