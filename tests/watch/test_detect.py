"""Warnings of one site, from the same facts and analyzers as the findings: the margins table, a
column and a letter crossing their margin and their line, count lines, the annual report, review
on unreadable dates — on sandbox pages (seed 121, used nowhere else) and on real homepages."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from analyzers.api import SiteData
from analyzers.interaction import working_days
from analyzers.testing import pages_from_files
from govspider.sandbox.province import build_province
from govspider.sites import Site
from govspider.watch.detect import Detector
from govspider.watch.margins import MarginError, load_margins

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


#: days after the sandbox's as-of date the checks run on: at the line, near, past, long past
DAYS = (0, 4, 9, 60, 200)


def expected_columns(model, margins, day):
    """column -> (level, age) from the sandbox's model: the newest item's age against the margin and line."""
    out = {}
    for column in model.columns:
        if column.static or not column.count or column.undated or column.js or column.category not in margins.column_days:
            continue
        age = column.newest_age + (day - SANDBOX_AS_OF).days
        if age >= margins.column_days[column.category]:
            out[column.name] = ("crossed" if age > margins.column_lines[column.category] else "approaching", age)
    return out


def test_columns_near_and_past_their_line(province, detector):
    """Every site of the province, every markup family: a column warns from its margin (10 days for
    news) and crosses after its line (14), as the model's newest item ages; a column whose dates are
    not printed warns only for review; a warning that worsens keeps its id."""
    m, levels, ids = detector.margins, set(), {}
    for model in (mo for mo in province.models if mo.reachable):
        data = light_site(province, model.site)
        undated = {c.name for c in model.columns if c.undated}
        for day in (SANDBOX_AS_OF + dt.timedelta(days=k) for k in DAYS):
            warnings, observed = detector.site(data, day)
            columns = by_rule(warnings, "column.stale")
            got = {name: (w["level"], w["value"]) for name, w in columns.items() if name not in undated}
            expected = {name: v for name, v in expected_columns(model, m, day).items() if name in observed.columns}
            assert got == expected, (model.site.site_code, model.family, day)
            # rows only a script draws are not read by the light check: such a column is not seen
            assert not {c.name for c in model.columns if c.js} & observed.columns
            assert all(columns[name]["review"] for name in columns if name in undated)
            for name, w in columns.items():
                if name in undated:
                    continue
                levels.add(w["level"])
                assert w["remaining"] == w["line"] - w["value"] and w["unit"] == "天" and not w["review"]
                assert (f"还剩 {w['remaining']} 天" in w["what"]) == (w["level"] == "approaching" and w["remaining"] > 0)
                assert ids.setdefault((model.site.site_code, name), w["warning_id"]) == w["warning_id"]
    assert levels == {"approaching", "crossed"}


def test_count_lines(province, detector):
    counts = {code: by_rule(detector.site(light_site(province, site_of(province, code)), SANDBOX_AS_OF)[0],
                            "column.stale", "count") for code in ("4301210001", "4301000001", "4302000001")}
    approaching = counts["4301210001"][""]  # 长沙县: 通知公告, 政策文件, 人事信息 stale
    assert (approaching["level"], approaching["value"], approaching["line"]) == ("approaching", 3, 5)
    assert approaching["details"]["subjects"] == ["人事信息", "政策文件", "通知公告"] and "还差 2 个" in approaching["what"]
    assert counts["4301000001"][""]["level"] == "crossed" and counts["4301000001"][""]["value"] == 7
    assert counts["4302000001"] == {}


def expected_letters(model, margins, day, observed):
    """(asked, value, level) of the model's unanswered letters: waiting (working days against the
    reply limit) until the unanswered margin, then unanswered (days) up to the letters' window."""
    waiting, unanswered = Counter(), Counter()
    for _name, letters in model.boxes.values():
        for letter in letters:
            if letter.replied or letter.title not in observed:
                continue
            age = (day - letter.asked).days
            if 0 <= age < margins.unanswered_days:
                waited = working_days(letter.asked, day)
                if waited >= margins.reply_working_days:
                    level = "crossed" if waited > margins.reply_line else "approaching"
                    waiting[(letter.asked.isoformat(), waited, level)] += 1
            elif margins.unanswered_days <= age <= margins.window_days:
                level = "crossed" if age > margins.unanswered_line else "approaching"
                unanswered[(letter.asked.isoformat(), age, level)] += 1
    return waiting, unanswered


def test_letters_waiting_for_a_reply(province, detector):
    """Every site's letters without a reply (a placeholder （尚未回复） is none): waiting from the 4th
    working day, past the 5-day limit after it; unanswered from day 75, past the line after day 90."""
    m, seen = detector.margins, Counter()
    for model in (mo for mo in province.models if mo.reachable):
        data = light_site(province, model.site)
        for day in [SANDBOX_AS_OF + dt.timedelta(days=k) for k in DAYS] + [dt.date(2026, 11, 18), dt.date(2026, 8, 25)]:
            warnings, observed = detector.site(data, day)
            got = [Counter((w["details"]["asked"], w["value"], w["level"]) for w in warnings if w["rule_id"] == rule)
                   for rule in ("interaction.overdue_reply", "interaction.unanswered")]
            assert got == list(expected_letters(model, m, day, observed.letters)), (model.site.site_code, model.family, day)
            for rule, counts in zip(("waiting", "unanswered"), got):
                seen.update((rule, level) for _asked, _value, level in counts.elements())
    assert {key for key in seen} == {(r, lv) for r in ("waiting", "unanswered") for lv in ("approaching", "crossed")}


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
