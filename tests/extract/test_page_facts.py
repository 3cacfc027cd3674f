"""Page kind, dated entries, column, article title/date, guide fields, letters and hidden links on small pages."""

from __future__ import annotations

import pytest

from govspider.extract import extract_page, page_text

SITE = "http://www.csx.gov.cn"


def doc(body: str, title: str = "长沙县人民政府", head: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}<title>{title}</title></head><body>{body}</body></html>"


def dates(facts):
    return [(e["title"], e["date"]) for e in facts["entries"]]


@pytest.mark.parametrize("markup, expected", [
    ("<ul><li><span>2018-03-01</span><a href='/a/1.html'>甲通知</a></li><li><span>2018-02-01</span><a href='/a/2.html'>乙通知</a></li></ul>",
     [("甲通知", "2018-03-01"), ("乙通知", "2018-02-01")]),
    ("<ul><li><a href='/a/1.html'>甲通知</a><span class='date'>2018/3/1</span></li></ul>", [("甲通知", "2018-03-01")]),
    ("<table><tr><td><a href='/a/1.html'>甲通知</a></td><td>[2018-03-01]</td></tr></table>", [("甲通知", "2018-03-01")]),
    ("<dl><dd><a href='/a/1.html'>甲通知</a><em>2018年3月1日</em></dd></dl>", [("甲通知", "2018-03-01")]),
    ("<ul><li><a href='/a/1.html'>甲通知</a><i>2018.03.01</i></li></ul>", [("甲通知", "2018-03-01")]),
    ("<div class='top'><a href='/a/1.html'>甲通知</a><p>摘要</p><div class='time'>2018-03-01</div></div>", [("甲通知", "2018-03-01")]),
    # MM-DD takes the year from the TRS article URL
    ("<ul><li><span>03-21</span><a href='/xw/201803/t20180321_1.html'>甲通知</a></li></ul>", [("甲通知", "2018-03-21")]),
    # month-day under a year heading
    ("<h3>2017年</h3><ul><li><a href='/a/1.html'>甲通知</a><span>12-30</span></li></ul>", [("甲通知", "2017-12-30")]),
    # commented-out rows and prose dates in summaries are not entries
    ("<ul><li><a href='/a/1.html'>甲通知</a><span>2018-03-01</span></li><!--<li><a href='/a/9.html'>占位</a><span>05-16</span></li>--></ul>"
     "<div><h3><a href='/a/2.html'>乙通知</a></h3><p>2018年3月16日下午，县长主持召开常务会，研究安全生产等工作事项</p></div>",
     [("甲通知", "2018-03-01")]),
])
def test_entry_markups(markup, expected):
    assert dates(extract_page(doc(markup), SITE + "/zwgk/tzgg/index.html")) == expected


def test_mmdd_after_newest_url_date_belongs_to_previous_year():
    html = doc("<ul><li><span>03-16</span><a href='/x/201803/t20180316_1.html'>甲通知</a></li>"
               "<li><span>05-26</span><a href='/x/201801/t20180104_2.html'>乙通知</a></li></ul>")
    assert dates(extract_page(html, SITE + "/")) == [("甲通知", "2018-03-16"), ("乙通知", "2017-05-26")]


def test_entries_hidden_by_css_tabs_still_count():
    html = doc("<div style='display:none'><ul><li><a href='/a/1.html'>甲通知</a><span>2018-03-01</span></li></ul></div>")
    facts = extract_page(html, SITE + "/")
    assert dates(facts) == [("甲通知", "2018-03-01")]
    assert facts["kind"] == "home"


@pytest.mark.parametrize("path", ["/", "", "/index.html", "/index.htm", "/index.shtml", "/default.aspx"])
def test_root_paths_are_home(path):
    html = doc("<ul><li><a href='/a/1.html'>甲通知</a><span>2018-03-01</span></li></ul>")
    assert extract_page(html, SITE + path)["kind"] == "home"


LIST = doc("<div class='position'>当前位置：<a href='/'>首页</a> &gt; <a href='/zwgk/'>政务公开</a> &gt; <a href='/zwgk/tzgg/'>通知公告</a></div>"
           "<ul class='list'>{rows}</ul><div class='page'>共3页 <a href='index_1.html'>下一页</a></div>",
           title="通知公告_长沙县人民政府", head="<meta name='ColumnName' content='通知公告'>")


def test_list_page_column_and_entries():
    rows = "".join(f"<li><a href='/zwgk/tzgg/2018{i:02d}/t2018{i:02d}01_{i}.html'>通知{i}</a><span>2018-{i:02d}-01</span></li>" for i in range(1, 6))
    facts = extract_page(LIST.format(rows=rows), SITE + "/zwgk/tzgg/index.html")
    assert facts["kind"] == "list"
    assert facts["column"] == "通知公告"
    assert len(facts["entries"]) == 5
    assert facts["entries"][0]["url"] == SITE + "/zwgk/tzgg/201801/t20180101_1.html"
    assert facts["meta"]["ColumnName"] == "通知公告"


def test_empty_column_is_a_list_with_no_entries():
    facts = extract_page(LIST.format(rows="").replace("</ul>", "</ul><div class='empty'>暂无信息</div>"), SITE + "/zwgk/tzgg/index.html")
    assert (facts["kind"], facts["column"], facts["entries"]) == ("list", "通知公告", [])


ARTICLE = doc(
    "<div class='crumb'>首页 &gt; 政务公开 &gt; 工作动态 &gt; 正文</div>"
    "<div class='article'><h1>长沙县召开第28次常务会</h1><div class='info'>发布时间：2018-03-16 10:22 来源：县政府办</div>"
    "<p>2018年3月12日，县长主持召开常务会议，研究部署安全生产、优化营商环境等工作，会议要求各部门压实责任，抓好落实。</p>"
    "<div class='xg'>关联稿件：<a href='/a/2.html'>另一篇</a> 2018-02-01</div></div>",
    title="长沙县召开第28次常务会_工作动态_长沙县人民政府",
    head="<meta name='PubDate' content='2018-04-01 09:00'><meta name='ArticleTitle' content='长沙县召开第28次常务会'>")


def test_article_title_date_column():
    facts = extract_page(ARTICLE, SITE + "/zwgk/gzdt/201803/t20180316_1.html")
    assert facts["kind"] == "article"
    assert facts["title"] == "长沙县召开第28次常务会"
    assert facts["publish_date"] == "2018-03-16"  # the visible label, not meta PubDate nor the teaser
    assert facts["column"] == "工作动态"
    assert facts["meta"]["PubDate"].startswith("2018-04-01")


def test_article_only_date_label_is_used():
    html = ARTICLE.replace("发布时间：2018-03-16 10:22", "生成日期：2018-03-15")
    assert extract_page(html, SITE + "/a/1.html")["publish_date"] == "2018-03-15"


GUIDE_TABLE = doc("<table class='guide'>"
                  "<tr><th>事项名称</th><td>建设工程消防验收</td></tr>"
                  "<tr><td>受理条件：</td><td>已竣工</td></tr>"
                  "<tr><th>申报材料</th><td></td></tr>"
                  "<tr><th>收费依据及标准</th><td>不收费</td></tr>"
                  "<tr><th>咨询电话</th><td>暂无</td></tr>"
                  "<tr><th>办理时限</th><td>15个工作日</td></tr></table>", title="办事指南")


def test_guide_fields_canonical_names_and_blanks():
    facts = extract_page(GUIDE_TABLE, SITE + "/bsfw/xfys.html")
    assert facts["kind"] == "guide"
    assert facts["guide"] == {"事项名称": "建设工程消防验收", "申请条件": "已竣工", "办理材料": "", "收费标准": "不收费",
                              "联系电话": "暂无", "承诺时限": "15个工作日"}
    assert facts["title"] == "建设工程消防验收"


def test_guide_dl_markup():
    html = doc("<dl class='guide'><dt>事项名称</dt><dd>户口迁移</dd><dt>设定依据</dt><dd>《户口登记条例》</dd>"
               "<dt>申请材料</dt><dd>身份证</dd><dt>办理地点</dt><dd></dd></dl>")
    assert extract_page(html, SITE + "/bsfw/1.html")["guide"] == {
        "事项名称": "户口迁移", "设定依据": "《户口登记条例》", "办理材料": "身份证", "办理地点": ""}


def test_letter_list():
    html = doc("<table class='letters'><tr><th>信件标题</th><th>来信时间</th><th>状态</th><th>答复时间</th></tr>"
               "<tr><td><a href='/hdjl/1.html'>道路破损</a></td><td>2018-01-02</td><td>已答复</td><td>2018-01-05</td></tr>"
               "<tr><td><a href='/hdjl/2.html'>路灯不亮</a></td><td>2018-02-02</td><td>办理中</td><td></td></tr></table>")
    facts = extract_page(html, SITE + "/hdjl/xzxx/index.html")
    assert facts["kind"] == "interaction"
    assert [(l["title"], l["asked"], l["replied"], l["url"]) for l in facts["letters"]] == [
        ("道路破损", "2018-01-02", "2018-01-05", SITE + "/hdjl/1.html"),
        ("路灯不亮", "2018-02-02", None, SITE + "/hdjl/2.html")]


LETTER = (("信件标题", "道路破损"), ("来信时间", "2018-01-02"), ("来信内容", "某路段破损"), ("答复时间", "2018-01-05"),
          ("答复内容", "您好，已修复。"))


@pytest.mark.parametrize("rows", [
    "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in LETTER),
    "".join(f"<div class='row'><span class='label'>【{k}】</span><div class='val'>{v}</div></div>" for k, v in LETTER),
])
def test_letter_detail(rows):
    body = f"<table>{rows}</table>" if rows.startswith("<tr>") else f"<div class='letter'>{rows}</div>"
    facts = extract_page(doc(body), SITE + "/hdjl/1.html")
    assert facts["kind"] == "interaction"
    assert facts["letters"] == [{"title": "道路破损", "asked": "2018-01-02", "replied": "2018-01-05",
                                 "reply": "您好，已修复。", "url": SITE + "/hdjl/1.html", "status": None, "number": None}]


def test_unanswered_letter_detail():
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in (("信件标题", "噪音扰民"), ("来信时间", "2018-01-02"),
                                                                    ("来信内容", "夜间施工"), ("办理状态", "办理中")))
    letter = extract_page(doc(f"<table>{rows}</table>"), SITE + "/hdjl/2.html")["letters"][0]
    assert (letter["replied"], letter["reply"]) == (None, None)


@pytest.mark.parametrize("style", [
    "display:none", "visibility: hidden", "position:absolute;top:-9999px;left:-9999px", "font-size:0",
    "height:0;overflow:hidden", "width:0px; overflow: hidden", "text-indent:-9999px",
])
def test_hidden_links_inline_style(style):
    html = doc(f"<div style='{style}'><a href='http://spam.example.com/'>博彩</a></div><a href='/ok.html#top'>正常</a>")
    links = extract_page(html, SITE + "/a.html")["links"]
    assert links == [{"url": "http://spam.example.com/", "text": "博彩", "hidden": True},
                     {"url": SITE + "/ok.html", "text": "正常", "hidden": False}]


def test_hidden_links_style_rule_and_skipped_schemes():
    html = doc("<style>.hd{position:absolute;left:-3000px}</style><p class='hd'><a href='http://spam.example.com/'>x</a></p>"
               "<a href='javascript:void(0)'>js</a><a href='mailto:a@b.cn'>m</a><a href='#'>top</a>")
    assert extract_page(html, SITE + "/a.html")["links"] == [{"url": "http://spam.example.com/", "text": "x", "hidden": True}]


def test_page_text_is_visible_text_only():
    html = doc("<script>var x='脚本';</script><style>.a{}</style><p>第一段</p><!-- 注释 --><p>第二段</p>")
    assert page_text(html, SITE + "/a.html").split("\n")[-2:] == ["第一段", "第二段"]


def test_letter_list_as_ul_rows():
    html = doc("<ul class='xjlist'><li class='hd'><span>信件标题</span><span>留言时间</span><span>办理状态</span><span>回复时间</span></li>"
               "<li><a href='/hd/1.html'>噪音扰民</a><span>2018-01-02</span><span>已回复</span><span>2018-01-04</span></li>"
               "<li><a href='/hd/2.html'>路灯不亮</a><span>2018-01-03</span><span>办理中</span><span></span></li></ul>")
    facts = extract_page(html, SITE + "/hdjl/index.html")
    assert facts["kind"] == "interaction"
    assert [(l["title"], l["asked"], l["replied"], l["status"]) for l in facts["letters"]] == [
        ("噪音扰民", "2018-01-02", "2018-01-04", "已回复"), ("路灯不亮", "2018-01-03", None, "办理中")]
    assert facts["entries"] == []  # the rows are letters, not column entries


def test_list_column_from_heading_without_breadcrumb():
    rows = "".join(f"<li><a href='/tzgg/{i}.html'>通知{i}</a><span>2018-03-0{i}</span></li>" for i in range(1, 4))
    html = doc(f"<h2>通知公告</h2><ul>{rows}</ul>", title="通知公告_长沙县人民政府")
    facts = extract_page(html, SITE + "/tzgg/index.html")
    assert (facts["kind"], facts["column"], facts["title"]) == ("list", "通知公告", "通知公告")


def test_article_with_long_related_list_stays_article():
    related = "".join(f"<li><a href='/xw/{i}.html'>相关新闻{i}</a><span>2018-02-{i:02d}</span></li>" for i in range(1, 21))
    html = ARTICLE.replace("<div class='xg'>", f"<ul class='related'>{related}</ul><div class='xg'>")
    facts = extract_page(html, SITE + "/zwgk/gzdt/201803/t20180316_1.html")
    assert (facts["kind"], facts["publish_date"], facts["entries"]) == ("article", "2018-03-16", [])


def test_entry_date_inside_the_link():
    html = doc("<ul class='list'><li><a href='/tzgg/1.html'><span class='tit'>关于春节放假的通知</span><span class='date'>2018-02-01</span></a></li>"
               "<li><a href='/tzgg/2.html'><p>关于清明放假的通知</p><em>2018/4/1</em></a></li>"
               "<li><a href='/tzgg/3.html'>2018年工作要点</a></li></ul>")
    assert dates(extract_page(html, SITE + "/tzgg/index.html")) == [("关于春节放假的通知", "2018-02-01"), ("关于清明放假的通知", "2018-04-01")]


def test_guide_and_letter_sections_under_headings():
    guide = doc("<div class='item'><h4>事项名称</h4><p>食品经营许可</p></div>"
                "<div class='item'><h4>申请材料</h4><p>1.申请书</p><p>2.营业执照</p><p>3.场所平面图</p><p>4.制度文本</p></div>"
                "<div class='item'><h4>受理条件</h4><p>有固定场所</p></div><div class='item'><h4>办理时限</h4><p></p></div>")
    assert extract_page(guide, SITE + "/bsfw/zn_6.html")["guide"] == {
        "事项名称": "食品经营许可", "申请条件": "有固定场所", "办理材料": "1.申请书\n2.营业执照\n3.场所平面图\n4.制度文本", "承诺时限": ""}
    letter = doc("<div><h3>信件标题</h3><p>夜间施工扰民</p></div><div><h3>来信时间</h3><p>2018-01-02</p></div>"
                 "<div><h3>来信内容</h3><p>某工地夜间施工。</p></div><div class='reply'><h4>答复时间</h4><span>2018-01-20</span></div>"
                 "<div class='reply'><h4>答复内容</h4><p>您好，</p><p>已责令整改。</p><p>感谢监督。</p></div>")
    facts = extract_page(letter, SITE + "/hdjl/9.html")
    assert facts["kind"] == "interaction"
    assert facts["letters"] == [{"title": "夜间施工扰民", "asked": "2018-01-02", "replied": "2018-01-20",
                                 "reply": "您好，\n已责令整改。\n感谢监督。", "url": SITE + "/hdjl/9.html", "status": None, "number": None}]
