"""Column list pages and dates the way real CMSs print them (issue 9): TRS lists with 共N页, month-day
dates whose year is only in the URL, the page's other dates or the as-of date, undated rows, hints."""

from __future__ import annotations

import datetime as dt

import pytest

from govspider.extract import extract_page
from govspider.extract.dates import date_hints, url_date

SITE = "http://www.csx.gov.cn"


def page(body: str, title: str = "长沙县人民政府", head: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}<title>{title}</title></head><body>{body}</body></html>"


def dated(facts):
    return [(e["title"], e["date"]) for e in facts["entries"]]


TRS_LIST = page(
    "<div class='dqwz'>当前位置：<a href='../../'>首页</a>&gt;<a href='../'>政务公开</a>&gt;<a href='./'>通知公告</a></div>"
    "<div class='lm'><h2>通知公告</h2><ul>{rows}</ul>"
    "<div class='page'>共5页&nbsp;当前第1页&nbsp;<a href='index_1.html'>下一页</a>&nbsp;<a href='index_4.html'>尾页</a></div></div>",
    title="通知公告_长沙县人民政府", head="<meta name='ColumnName' content='通知公告'>")


def test_trs_column_list_with_pages_is_a_list_not_an_article():
    rows = "".join(f"<li><a href='./2024{m:02d}/t2024{m:02d}1{m}_10{m}.html' target='_blank'>关于开展第{m}批专项检查工作的通知</a>"
                   f"<span>2024-{m:02d}-1{m}</span></li>" for m in range(1, 8))
    facts = extract_page(TRS_LIST.format(rows=rows), SITE + "/zwgk/tzgg/index.html")
    assert facts["kind"] == "list"
    assert facts["column"] == "通知公告"
    assert len(facts["entries"]) == 7
    assert facts["entries"][0] == {"title": "关于开展第1批专项检查工作的通知", "url": SITE + "/zwgk/tzgg/202401/t20240111_101.html",
                                   "date": "2024-01-11"}


def test_a_column_page_whose_heading_is_the_column_is_a_list_even_without_pages():
    rows = "".join(f"<li><a href='/zwgk/tzgg/2024030{i}/t2024030{i}_{i}.html'>第{i}号公告</a><span>2024-03-0{i}</span></li>" for i in range(1, 3))
    facts = extract_page(TRS_LIST.format(rows=rows).replace("共5页", ""), SITE + "/zwgk/tzgg/index.html")
    assert (facts["kind"], len(facts["entries"])) == ("list", 2)


@pytest.mark.parametrize("url, expected", [
    ("/xxgk/201803/t20180321_123.html", (2018, 3, 21)),
    ("/art/2018/3/21/art_1234_567890.html", (2018, 3, 21)),
    ("/art/2018/12/9/art_1_2.html", (2018, 12, 9)),
    ("/2018/0321/c1234a56789/page.htm", (2018, 3, 21)),
    ("/content/2018-03/21/content_1.htm", (2018, 3, 21)),
    ("/zwgk/20180321/123.html", (2018, 3, 21)),
    ("/info/1234/5678.htm", None),
    ("/col/col1234/index.html", None),
])
def test_article_url_dates(url, expected):
    assert url_date(SITE + url) == expected


def test_homepage_month_day_dates_take_their_year_from_the_url():
    """15 of 62 such entries were not read on a real homepage (Hanweb /art/Y/M/D/ and bracketed [MM-DD])."""
    facts = extract_page(page(
        "<ul class='tab'><li><a href='/art/2018/3/21/art_1_11.html'>全县安全生产工作会议召开</a><span>03-21</span></li>"
        "<li><a href='/art/2018/2/27/art_1_12.html'>县政府召开常务会议</a><span>[02-27]</span></li>"
        "<li><span>03-20</span><a href='/xw/201803/t20180320_13.html'>春季植树活动启动</a></li></ul>"), SITE + "/")
    assert dated(facts) == [("全县安全生产工作会议召开", "2018-03-21"), ("县政府召开常务会议", "2018-02-27"),
                            ("春季植树活动启动", "2018-03-20")]


def test_month_day_without_url_year_takes_the_pages_other_dates():
    facts = extract_page(page(
        "<ul><li><a href='/info/1001/2001.htm'>县委理论学习中心组学习</a><span>2018-03-19</span></li>"
        "<li><a href='/info/1001/2002.htm'>全县经济工作会议召开</a><span>03-16</span></li>"
        "<li><a href='/info/1001/2003.htm'>岁末慰问困难群众</a><span>12-28</span></li></ul>"), SITE + "/")
    assert dated(facts) == [("县委理论学习中心组学习", "2018-03-19"), ("全县经济工作会议召开", "2018-03-16"),
                            ("岁末慰问困难群众", "2017-12-28")]


def test_month_day_with_nothing_else_on_the_page_takes_the_as_of_date():
    html = page("<ul><li><a href='/info/1001/2002.htm'>全县经济工作会议召开</a><span>03-16</span></li>"
                "<li><a href='/info/1001/2003.htm'>岁末慰问困难群众</a><span>12-28</span></li></ul>")
    assert dated(extract_page(html, SITE + "/")) == []  # no year anywhere: not guessed
    facts = extract_page(html, SITE + "/", as_of=dt.date(2018, 3, 22))
    assert dated(facts) == [("全县经济工作会议召开", "2018-03-16"), ("岁末慰问困难群众", "2017-12-28")]


@pytest.mark.parametrize("cell", ["2018-03-{d}", "2018年3月{d}日", "2018.03.{d}", "[2018-03-{d}]", "2018/3/{d}",
                                  "2018-03-{d} 10:22:33", "发布时间：2018-03-{d}", "（2018-03-{d}）"])
def test_date_forms_in_their_own_cell(cell):
    rows = "".join(f"<tr><td><a href='/tzgg/{d}.html'>关于做好春耕生产的第{d}号通知</a></td><td>{cell.format(d=d)}</td></tr>"
                   for d in (21, 20, 19, 18))
    facts = extract_page(page(f"<table>{rows}</table>"), SITE + "/tzgg/index.html")
    assert facts["kind"] == "list"
    assert dated(facts) == [(f"关于做好春耕生产的第{d}号通知", f"2018-03-{d}") for d in (21, 20, 19, 18)]


def test_undated_rows_of_a_list_block():
    rows = "".join(f"<li><a href='/jgsz/{i}.html'>县发展和改革局第{i}科室职责</a></li>" for i in range(4))
    nav = "<div class='nav'><a href='/'>首页</a><a href='/zwgk/index.html'>政务公开信息</a><a href='/hdjl/'>互动交流平台</a></div>"
    friends = "<ul><li><a href='http://www.hunan.gov.cn/'>湖南省人民政府门户网站</a></li><li><a href='http://www.gov.cn/'>中国政府网门户网站</a></li>" \
              "<li><a href='http://www.changsha.gov.cn/'>长沙市人民政府网站</a></li></ul>"
    facts = extract_page(page(nav + f"<h2>机构职能</h2><ul>{rows}</ul>" + friends, title="机构职能_长沙县人民政府"),
                         SITE + "/jgsz/index.html")
    assert facts["kind"] in ("list", "other")
    assert [r["url"] for r in facts["undated_entries"]] == [f"{SITE}/jgsz/{i}.html" for i in range(4)]
    assert facts["entries"] == [] and facts["date_hints"] == 0


def test_date_hints_count_date_shaped_text():
    assert date_hints("发布时间：2018-03-21 [03-22] 3月23日 2018年3月24日 电话0731-84012345 版本2.5") == 4
    facts = extract_page(page("<ul><li><a href='/a.htm'>通知</a><span>03-16</span></li></ul>"), SITE + "/")
    assert facts["entries"] == [] and facts["date_hints"] == 1
