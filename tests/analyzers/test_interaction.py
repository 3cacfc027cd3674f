"""interaction.boilerplate_reply (templates, greetings only, pasted replies), unanswered, overdue."""

import dataclasses
import datetime as dt

from analyzers.api import SiteData
from analyzers.interaction import InteractionAnalyzer, working_days

from .conftest import PORTAL, ctx, page

AS_OF = dt.date(2026, 11, 15)
REAL_REPLY = "您反映的{p}道路积水问题已收悉。经住建局工作人员实地核查，已安排维修队于{m}月底前完成排水管网疏通。"


def letter(title, asked, replied=None, reply=None):
    d = lambda n: (AS_OF - dt.timedelta(days=n)).isoformat() if n is not None else None  # noqa: E731
    return {"title": title, "asked": d(asked), "replied": d(replied), "reply": reply}


def run(letters, ruleset="2019"):
    pages = [page("http://www.changsha.gov.cn/hdjl/", kind="interaction", letters=letters),
             page("http://www.changsha.gov.cn/hdjl/1.html", kind="interaction", letters=letters[:1])]
    return list(InteractionAnalyzer().analyze(SiteData(PORTAL, pages), ctx(ruleset=ruleset)))


def keys(found, rule):
    return sorted(f["key"] for f in found if f["rule_id"] == rule)


def test_boilerplate_templates_greetings_and_pasted_replies():
    pasted = "您反映的问题已收悉，我们已转交相关部门研究处理，感谢您对我们工作的关注与支持。"
    letters = [
        letter("关于小区停车难的问题", 20, 18, "您好！"),
        letter("路灯长期不亮", 20, 18, "已转至代理公司，请继续关注我中心网站。"),
        letter("夜间施工噪音扰民", 20, 18, "感谢您对我们工作的关注和支持！"),
        letter("公交线路调整", 20, 18, pasted), letter("社保关系转移", 21, 19, pasted), letter("物业乱收费", 22, 20, pasted),
    ] + [letter(f"道路积水{i}", 20, 18, REAL_REPLY.format(p=p, m=i + 1)) for i, p in enumerate(["星沙街道", "黄兴镇", "榔梨街道"])]
    found = run(letters)
    assert keys(found, "interaction.boilerplate_reply") == sorted(["关于小区停车难的问题", "路灯长期不亮", "夜间施工噪音扰民",
                                                                  "公交线路调整", "社保关系转移", "物业乱收费"])
    assert len(found) == 6  # each letter once, although the first is on two pages


def test_unanswered_within_the_year_and_overdue_by_working_days():
    letters = [
        letter("一百天未回复", 100), letter("六十天未回复", 60), letter("四百天前的旧留言", 400),
        letter("三十天才答复", 40, 10, REAL_REPLY.format(p="泉塘街道", m=3)),
        letter("两天就答复", 40, 38, REAL_REPLY.format(p="暮云街道", m=5)),
    ]
    found = run(letters)
    assert keys(found, "interaction.unanswered") == ["一百天未回复"]
    assert keys(found, "interaction.overdue_reply") == ["三十天才答复"]
    [over] = [f for f in found if f["rule_id"] == "interaction.overdue_reply"]
    assert over["details"]["days"] == working_days(AS_OF - dt.timedelta(days=40), AS_OF - dt.timedelta(days=10))
    [veto] = [f for f in found if f["rule_id"] == "interaction.unanswered"]
    assert veto["severity"] == "veto"


def test_working_days_skip_weekends():
    assert working_days(dt.date(2026, 11, 13), dt.date(2026, 11, 16)) == 1  # Fri -> Mon
    assert working_days(dt.date(2026, 11, 2), dt.date(2026, 11, 9)) == 5


def test_no_consultation_channel_is_a_2019_veto_only():
    pages = [page("http://www.changsha.gov.cn/", kind="home")] + [
        page(f"http://www.changsha.gov.cn/tzgg/index_{i}.html", kind="list", column="通知公告") for i in range(10)]
    [f] = InteractionAnalyzer().analyze(SiteData(PORTAL, pages), ctx(ruleset="2019"))
    assert f["rule_id"] == "interaction.no_channel" and f["severity"] == "veto"
    assert list(InteractionAnalyzer().analyze(SiteData(PORTAL, pages), ctx(ruleset="2015"))) == []
    assert list(InteractionAnalyzer().analyze(SiteData(PORTAL, pages[:3]), ctx(ruleset="2019"))) == []  # too little seen
    closed = dataclasses.replace(PORTAL, status="closed")
    assert list(InteractionAnalyzer().analyze(SiteData(closed, pages), ctx(site=closed, ruleset="2019"))) == []
    with_box = pages + [page("http://www.changsha.gov.cn/hdjl/", kind="interaction")]
    assert list(InteractionAnalyzer().analyze(SiteData(PORTAL, with_box), ctx(ruleset="2019"))) == []


def dated(title, asked, replied=None, reply=None, **kw):
    return {"title": title, "asked": asked.isoformat(), "replied": replied and replied.isoformat(), "reply": reply, **kw}


def analyze(pages):
    return list(InteractionAnalyzer().analyze(SiteData(PORTAL, pages), ctx(ruleset="2019")))


def test_letters_with_the_same_title_are_kept_apart_by_url():
    """Issue 12: an unanswered letter titled 咨询 hid behind an answered one with the same title."""
    asked = AS_OF - dt.timedelta(days=120)
    box = "http://www.changsha.gov.cn/hdjl/zxts/"
    pages = [page(box + "index.html", kind="interaction", letters=[
        dated("咨询", asked, url=box + "11.html", status="已回复"), dated("咨询", asked, url=box + "12.html", status="待回复")]),
        page(box + "11.html", kind="interaction", letters=[dated("咨询", asked, asked + dt.timedelta(days=2),
                                                                 REAL_REPLY.format(p="星沙街道", m=3), url=box + "11.html")])]
    found = analyze(pages)
    [veto] = [f for f in found if f["rule_id"] == "interaction.unanswered"]
    assert veto["url"] == box + "index.html" and veto["details"]["url"] == box + "12.html"
    assert veto["severity"] == "veto" and not veto.get("review")


def test_same_title_and_date_but_different_numbers_are_two_letters():
    asked = AS_OF - dt.timedelta(days=150)
    letters = [dated("咨询", asked, status="已办结", number="A001"), dated("咨询", asked, status="办理中", number="A002")]
    found = analyze([page("http://www.changsha.gov.cn/hdjl/", kind="interaction", letters=letters)])
    assert [f["details"]["number"] for f in found if f["rule_id"] == "interaction.unanswered"] == ["A002"]


def test_printed_status_answers_without_reply_text_and_placeholders_do_not():
    asked = AS_OF - dt.timedelta(days=130)
    box = "http://www.changsha.gov.cn/hdjl/ldxx/"
    letters = [dated("已办结的信", asked, url=box + "1.html", status="已办结"),
               dated("占位回复的信", asked, url=box + "2.html"),   # a placeholder reply is read as no reply
               dated("看不懂状态的信", asked, url=box + "3.html", status="已公示待评价"),
               dated("状态为空的信", asked, url=box + "4.html", status="")]
    found = [f for f in analyze([page(box + "index.html", kind="interaction", letters=letters)])
             if f["rule_id"] == "interaction.unanswered"]
    by_title = {f["details"]["letter"]: f for f in found}
    assert sorted(by_title) == ["占位回复的信", "状态为空的信", "看不懂状态的信"]
    assert not by_title["占位回复的信"].get("review")
    for title in ("状态为空的信", "看不懂状态的信"):
        assert by_title[title]["review"] is True and "人工核实" in by_title[title]["review_reason"]


def test_list_row_and_detail_page_are_one_letter():
    asked = AS_OF - dt.timedelta(days=100)
    url = "http://www.changsha.gov.cn/hdjl/wmly/7.html"
    pages = [page("http://www.changsha.gov.cn/hdjl/wmly/index.html", kind="interaction",
                  letters=[dated("路灯不亮", asked, url=url, status="待回复")]),
             page(url, kind="interaction", letters=[dated("路灯不亮", asked, asked + dt.timedelta(days=1),
                                                          REAL_REPLY.format(p="泉塘街道", m=4), url=url)])]
    assert [f for f in analyze(pages) if f["rule_id"] == "interaction.unanswered"] == []


def test_friday_to_next_wednesday_is_three_working_days():
    friday, wednesday = dt.date(2026, 11, 13), dt.date(2026, 11, 18)
    assert (friday.weekday(), wednesday.weekday()) == (4, 2)
    assert working_days(friday, wednesday) == 3
