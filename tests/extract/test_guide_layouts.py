"""办事指南 in the layouts real government CMSs print: every element read, under its canonical name.

One small page per pattern of issue 9: numbered and bracketed labels ("一、设定依据" as a heading,
"1.设定依据：…" lines in one paragraph, "（一）设定依据", "【设定依据】", "①", "第一条"), label
tables with rowspan rows, a header row of labels, 办理材料 as a table, dl, and tabs whose panes
are all in the DOM. A notice with 申报条件 / 申报材料 sections is not a guide.
"""

from __future__ import annotations

import pytest

from govspider.extract import extract_page
from govspider.extract.labels import bare_label, split_label_line

URL = "http://www.csx.gov.cn/bsfw/zn_3.html"
ITEM = "食品经营许可"
LAW = "《中华人民共和国食品安全法》第三十五条"
COND = "申请人取得营业执照等合法主体资格。"
PLACE = "长沙县政务服务中心2楼12号窗口"


def page(body: str, title: str = "食品经营许可_长沙县人民政府") -> str:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<div class='head'><a href='/'>首页</a></div>{body}"
            "<div class='footer'><p>主办单位：长沙县人民政府办公室</p></div></body></html>")


def guide(body: str, **kw) -> dict:
    facts = extract_page(page(body, **kw), URL)
    assert facts["kind"] == "guide", facts
    return facts["guide"]


@pytest.mark.parametrize("printed", [
    "一、设定依据", "1.设定依据", "1、设定依据", "（一）设定依据", "(1)设定依据", "【设定依据】", "①设定依据",
    "第一条 设定依据", "设 定 依 据：", "二、【设定依据】：", "[设定依据]", "*设定依据:", "1．设定依据",
])
def test_bare_label_strips_enumerators_and_brackets(printed):
    assert bare_label(printed) == "设定依据"


def test_label_lines_in_their_dresses():
    assert split_label_line("1.设定依据：《食品安全法》") == ("设定依据", "《食品安全法》")
    assert split_label_line("【办理地点】县政务中心") == ("办理地点", "县政务中心")
    assert split_label_line("（三）收费标准：不收费") == ("收费标准", "不收费")
    assert split_label_line("2018.03.21 发布") is None
    assert bare_label("2.5个工作日") != "5个工作日"  # a number that is a value keeps its digits


def test_numbered_headings_with_values_in_the_following_blocks():
    got = guide(f"<div class='zn'><h2>{ITEM}</h2>"
                f"<h3>一、事项名称</h3><p>{ITEM}</p>"
                f"<h3>二、设定依据</h3><p>{LAW}</p><p>《食品经营许可管理办法》第二条</p>"
                f"<h3>三、申请条件</h3><p>{COND}</p>"
                "<h3>四、办理材料</h3><p>1.申请书</p><p>2.营业执照复印件</p>"
                f"<h3>五、办理地点</h3><p>{PLACE}</p>"
                "<h3>六、收费标准</h3>"
                "<h3>七、承诺时限</h3><p>5个工作日</p></div>")
    assert got == {"事项名称": ITEM, "设定依据": f"{LAW}\n《食品经营许可管理办法》第二条", "申请条件": COND,
                   "办理材料": "1.申请书\n2.营业执照复印件", "办理地点": PLACE, "收费标准": "", "承诺时限": "5个工作日"}


def test_bold_bracketed_headings_inside_paragraphs():
    got = guide(f"<div class='TRS_Editor'><p><strong>（一）事项名称</strong></p><p>{ITEM}</p>"
                f"<p><b>（二）设定依据：</b></p><p>{LAW}</p>"
                f"<p><strong>（三）申请条件</strong></p><p>{COND}</p>"
                f"<p><strong>（四）办理地点</strong></p><p>{PLACE}</p></div>")
    assert got == {"事项名称": ITEM, "设定依据": LAW, "申请条件": COND, "办理地点": PLACE}


def test_numbered_label_lines_inside_one_paragraph():
    got = guide(f"<div class='content'><p>1.事项名称：{ITEM}<br>2.设定依据：{LAW}<br>"
                f"3.申请条件：{COND}<br>4.申请材料：<br>（1）申请书；<br>（2）营业执照复印件。<br>"
                f"5.受理地点：{PLACE}<br>6.是否收费：不收费</p></div>")
    assert got == {"事项名称": ITEM, "设定依据": LAW, "申请条件": COND, "办理材料": "（1）申请书；\n（2）营业执照复印件。",
                   "办理地点": PLACE, "收费标准": "不收费"}


def test_square_bracketed_labels_with_values_on_the_same_line():
    got = guide(f"<div><p>【事项名称】{ITEM}</p><p>【设定依据】{LAW}</p><p>【申请条件】{COND}</p>"
                f"<p>【办理地点】{PLACE}</p><p>【法定时限】20个工作日</p></div>")
    assert got == {"事项名称": ITEM, "设定依据": LAW, "申请条件": COND, "办理地点": PLACE, "法定时限": "20个工作日"}


def test_circled_and_article_numbered_labels():
    got = guide(f"<div><p>①事项名称：{ITEM}</p><p>②设定依据：{LAW}</p><p>③申请条件：{COND}</p></div>")
    assert set(got) == {"事项名称", "设定依据", "申请条件"}
    got = guide(f"<div><p>第一条 事项名称：{ITEM}</p><p>第二条 设定依据：{LAW}</p><p>第三条 受理条件：{COND}</p></div>")
    assert got["申请条件"] == COND


def test_label_table_with_group_labels_and_rowspan_values():
    got = guide("<table border='1'>"
                f"<tr><th>事项名称</th><td colspan='2'>{ITEM}</td></tr>"
                f"<tr><th>设定依据</th><td colspan='2'>{LAW}</td></tr>"
                "<tr><td rowspan='2'>办理时限</td><td>法定时限</td><td>20个工作日</td></tr>"
                "<tr><td>承诺时限</td><td>5个工作日</td></tr>"
                "<tr><td rowspan='3'>申请材料</td><td colspan='2'>1.申请书</td></tr>"
                "<tr><td colspan='2'>2.营业执照复印件</td></tr><tr><td colspan='2'>3.场所使用证明</td></tr>"
                f"<tr><th>办理地点</th><td colspan='2'>{PLACE}</td></tr></table>")
    assert got == {"事项名称": ITEM, "设定依据": LAW, "办理材料": "1.申请书\n2.营业执照复印件\n3.场所使用证明",
                   "办理地点": PLACE, "承诺时限": "5个工作日", "法定时限": "20个工作日"}


def test_horizontal_table_with_a_header_row_of_labels():
    got = guide("<table><tr><th>事项名称</th><th>设定依据</th><th>承诺时限</th><th>法定时限</th><th>收费标准</th></tr>"
                f"<tr><td>{ITEM}</td><td>{LAW}</td><td>5个工作日</td><td>20个工作日</td><td></td></tr></table>")
    assert got == {"事项名称": ITEM, "设定依据": LAW, "收费标准": "", "承诺时限": "5个工作日", "法定时限": "20个工作日"}


MATERIALS = ("<table class='cl'><tr><th>序号</th><th>材料名称</th><th>原件</th><th>复印件</th><th>份数</th><th>备注</th></tr>"
             "<tr><td>1</td><td>申请书</td><td>√</td><td></td><td>1</td><td></td></tr>"
             "<tr><td>2</td><td>营业执照</td><td>√</td><td>√</td><td>2</td><td>加盖公章</td></tr></table>")
MATERIALS_TEXT = "1.申请书（原件1份）；2.营业执照（原件、复印件各2份，备注：加盖公章）"


def test_materials_table_inside_a_label_cell_is_one_string():
    got = guide(f"<table><tr><th>事项名称</th><td>{ITEM}</td></tr><tr><th>设定依据</th><td>{LAW}</td></tr>"
                f"<tr><th>办理材料</th><td>{MATERIALS}</td></tr><tr><th>办理地点</th><td>{PLACE}</td></tr></table>")
    assert got["办理材料"] == MATERIALS_TEXT
    assert got["办理地点"] == PLACE


def test_materials_table_with_its_header_only_is_blank():
    """The service hall draws the 材料 table's header and no row: the item lists no material (seed 143)."""
    empty = "<table class='clqd'><tr><th>序号</th><th>材料名称</th><th>原件</th><th>复印件</th><th>份数</th></tr></table>"
    got = guide(f"<table><tr><th>事项名称</th><td>{ITEM}</td></tr><tr><th>设定依据</th><td>{LAW}</td></tr>"
                f"<tr><th>办理材料</th><td>{empty}</td></tr><tr><th>办理地点</th><td>{PLACE}</td></tr></table>")
    assert got["办理材料"] == ""
    assert got["办理地点"] == PLACE


def test_materials_table_after_a_numbered_heading():
    got = guide(f"<h3>一、事项名称</h3><p>{ITEM}</p><h3>二、设定依据</h3><p>{LAW}</p>"
                f"<h3>三、申请材料</h3>{MATERIALS}<h3>四、办理地点</h3><p>{PLACE}</p>")
    assert got["办理材料"] == MATERIALS_TEXT
    assert got["办理地点"] == PLACE


def test_definition_list():
    got = guide(f"<dl><dt>事项名称</dt><dd>{ITEM}</dd><dt>法律依据</dt><dd>{LAW}</dd><dt>受理条件</dt><dd>{COND}</dd>"
                "<dt>咨询电话</dt><dd>0731-84012345</dd></dl>")
    assert got == {"事项名称": ITEM, "设定依据": LAW, "申请条件": COND, "联系电话": "0731-84012345"}


def test_tabs_with_targets_and_hidden_panes():
    got = guide(f"<h2>{ITEM}</h2><ul class='tabs'><li class='on'><a href='#t1'>基本信息</a></li><li><a href='#t2'>设定依据</a></li>"
                "<li><a href='#t3'>申请条件</a></li><li><a href='#t4'>申请材料</a></li></ul>"
                f"<div id='t1'><table><tr><th>事项名称</th><td>{ITEM}</td></tr><tr><th>办理地点</th><td>{PLACE}</td></tr></table></div>"
                f"<div id='t2' style='display:none'><p>{LAW}</p></div>"
                f"<div id='t3' style='display:none'><p>{COND}</p></div>"
                f"<div id='t4' style='display:none'>{MATERIALS}</div>")
    assert got == {"事项名称": ITEM, "设定依据": LAW, "申请条件": COND, "办理材料": MATERIALS_TEXT, "办理地点": PLACE}


def test_tabs_matched_to_panes_by_order():
    got = guide(f"<div class='tab'><span>设定依据</span><span>受理条件</span><span>收费标准</span><span>法定时限</span></div>"
                f"<div class='tabcon'><div>{LAW}</div><div style='display:none'>{COND}</div>"
                "<div style='display:none'>不收费</div><div style='display:none'>20个工作日</div></div>",
                title="食品经营许可办事指南_长沙县人民政府")
    assert got == {"事项名称": ITEM, "设定依据": LAW, "申请条件": COND, "收费标准": "不收费", "法定时限": "20个工作日"}


def test_an_in_page_index_of_field_names_is_not_a_blank_guide():
    facts = extract_page(page("<div class='nav'><a href='#a'>设定依据</a><a href='#b'>申请条件</a><a href='#c'>办理材料</a></div>"
                              "<p>本页介绍办事指南的各要素。</p>"), URL)
    assert facts["guide"] == {}


def test_a_notice_with_application_sections_is_not_a_guide():
    facts = extract_page(page("<h1>关于申报2018年度科技项目的通知</h1><div class='info'>发布时间：2018-03-01</div>"
                              "<p>各有关单位：现将申报工作通知如下。</p><h3>一、申报条件</h3><p>在本县注册的企业。</p>"
                              "<h3>二、申报材料</h3><p>申报书一式三份。</p><h3>三、联系电话</h3><p>0731-84012345</p>",
                              title="关于申报2018年度科技项目的通知_长沙县人民政府"), "http://www.csx.gov.cn/tzgg/201803/t20180301_1.html")
    assert facts["kind"] == "article"
    assert facts["guide"] == {}
