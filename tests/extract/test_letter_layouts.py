"""Letters as interaction sections print them: status columns, placeholder replies, numbers, Q/A blocks."""

from __future__ import annotations

import pytest

from govspider.extract import extract_page
from govspider.extract.letter_status import CLOSED, PENDING, REPLIED, is_placeholder, status_state

SITE = "http://www.csx.gov.cn"


def page(body: str, title: str = "县长信箱_长沙县人民政府") -> str:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("text", ["（尚未回复）", "待回复", "正在办理中", "处理中", "暂无回复", "未答复", "该信件正在办理中，请耐心等待。",
                                  "【尚未答复】", "已受理", "办理中…"])
def test_placeholders_are_no_reply(text):
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["您好！", "已转至代理公司，请继续关注我中心网站。", "经核实，该路段路灯已于3月5日修复。", "回复"])
def test_replies_are_not_placeholders(text):
    assert not is_placeholder(text)


@pytest.mark.parametrize("status, state", [
    ("已办结", REPLIED), ("已回复", REPLIED), ("已答复", REPLIED), ("办结", REPLIED), ("已处理", REPLIED),
    ("待回复", PENDING), ("办理中", PENDING), ("处理中", PENDING), ("未回复", PENDING), ("已受理", PENDING),
    ("已转办", PENDING), ("正在办理", PENDING), ("不予受理", CLOSED), ("", None), ("公开", None), (None, None),
])
def test_printed_status_states(status, state):
    assert status_state(status) == state


def test_list_with_a_status_column_and_no_reply_dates():
    html = page("<table><tr><th>编号</th><th>信件标题</th><th>来信时间</th><th>办理状态</th></tr>"
                "<tr><td>2018031201</td><td><a href='/hdjl/xx/1.html'>咨询</a></td><td>2018-03-12</td><td>已办结</td></tr>"
                "<tr><td>2018031502</td><td><a href='/hdjl/xx/2.html'>咨询</a></td><td>2018-03-15</td><td>待回复</td></tr></table>")
    facts = extract_page(html, SITE + "/hdjl/xx/index.html")
    assert facts["kind"] == "interaction"
    assert facts["letters"] == [
        {"title": "咨询", "asked": "2018-03-12", "replied": None, "reply": None, "url": SITE + "/hdjl/xx/1.html",
         "status": "已办结", "number": "2018031201"},
        {"title": "咨询", "asked": "2018-03-15", "replied": None, "reply": None, "url": SITE + "/hdjl/xx/2.html",
         "status": "待回复", "number": "2018031502"},
    ]


def test_list_with_a_placeholder_in_the_reply_column():
    html = page("<table><tr><th>留言主题</th><th>留言时间</th><th>回复内容</th></tr>"
                "<tr><td><a href='/ly/1.html'>小区路灯不亮</a></td><td>2018-01-02</td><td>（尚未回复）</td></tr>"
                "<tr><td><a href='/ly/2.html'>公交站牌错误</a></td><td>2018-01-03</td><td>已安排更换站牌，谢谢监督。</td></tr></table>")
    letters = extract_page(html, SITE + "/ly/index.html")["letters"]
    assert [(l["title"], l["reply"], l["status"]) for l in letters] == [
        ("小区路灯不亮", None, None), ("公交站牌错误", "已安排更换站牌，谢谢监督。", None)]


def test_detail_page_with_a_placeholder_reply_and_a_number():
    html = page("<table><tr><th>信件编号</th><td>XX20180102003</td></tr><tr><th>信件标题</th><td>夜间施工扰民</td></tr>"
                "<tr><th>来信时间</th><td>2018-01-02 09:30</td></tr><tr><th>来信内容</th><td>某工地夜间施工。</td></tr>"
                "<tr><th>答复内容</th><td>正在办理中</td></tr></table>")
    [letter] = extract_page(html, SITE + "/hdjl/xx/3.html")["letters"]
    assert letter == {"title": "夜间施工扰民", "asked": "2018-01-02", "replied": None, "reply": None,
                      "url": SITE + "/hdjl/xx/3.html", "status": None, "number": "XX20180102003"}


def test_detail_page_with_a_printed_status():
    html = page("<div class='letter'><p>【信件标题】小区停车难</p><p>【来信时间】2018-02-01</p><p>【来信内容】车位不够。</p>"
                "<p>【办理状态】已办结</p></div>")
    [letter] = extract_page(html, SITE + "/hdjl/xx/4.html")["letters"]
    assert (letter["title"], letter["asked"], letter["reply"], letter["status"]) == ("小区停车难", "2018-02-01", None, "已办结")


def test_question_and_answer_blocks_of_several_letters_on_one_page():
    block = ("<div class='item'><div class='q'><p>留言标题：<a href='/wmly/{n}.html'>{t}</a></p><p>留言时间：2018-03-0{n}</p>"
             "<p>留言内容：{t}，请尽快处理。</p></div>{a}</div>")
    answer = "<div class='a'><p>回复时间：2018-03-0{m}</p><p>回复内容：已处理，谢谢。</p></div>"
    html = page(block.format(n=1, t="路灯不亮", a=answer.format(m=2)) + block.format(n=3, t="井盖缺失", a="")
                + block.format(n=5, t="噪音扰民", a=answer.format(m=6)), title="网民留言_长沙县人民政府")
    letters = extract_page(html, SITE + "/wmly/index.html")["letters"]
    assert [(l["title"], l["asked"], l["replied"], l["reply"], l["url"]) for l in letters] == [
        ("路灯不亮", "2018-03-01", "2018-03-02", "已处理，谢谢。", SITE + "/wmly/1.html"),
        ("井盖缺失", "2018-03-03", None, None, SITE + "/wmly/3.html"),
        ("噪音扰民", "2018-03-05", "2018-03-06", "已处理，谢谢。", SITE + "/wmly/5.html"),
    ]
