"""List pages that only a pager script links to (TRS createPageHTML, 海云, 龙讯 Ls.pagination)."""

from __future__ import annotations

from govspider.extract import extract_page


def script_links(html: str, url: str) -> list[str]:
    return [link["url"] for link in extract_page(html.encode(), url)["links"] if link.get("script")]


def test_trs_create_page_html_with_numbers_and_with_variables():
    literal = '<html><body><ul><li><a href="./202611/t20261103_1.html">通知</a></li></ul><div class="page"><script>' \
              'createPageHTML(4, 0, "index", "html");</script></div></body></html>'
    assert script_links(literal, "http://www.x.gov.cn/zwgk/tzgg/index.html") == [
        "http://www.x.gov.cn/zwgk/tzgg/index_1.html", "http://www.x.gov.cn/zwgk/tzgg/index_2.html",
        "http://www.x.gov.cn/zwgk/tzgg/index_3.html"]
    variables = ('<html><body><script>var currentPage = 1;//所在页从0开始\nvar prevPage = currentPage-1\n'
                 'var countPage = 3//共多少页\ncreatePageHTML(countPage, currentPage, "index", "shtml");</script></body></html>')
    assert script_links(variables, "http://www.x.gov.cn/xwzx/index_1.shtml") == [
        "http://www.x.gov.cn/xwzx/index.shtml", "http://www.x.gov.cn/xwzx/index_2.shtml"]


def test_hycloud_form_and_the_function_definition_itself():
    html = ('<html><body><div id="page_div"></div><script>function createPageHTML(id, pageCount, current, name, ext, total)'
            ' { var box = document.getElementById(id); }</script>'
            "<script>createPageHTML('page_div', 3, 1, 'index', 'shtml', 55);</script></body></html>")
    assert script_links(html, "http://www.hunan.gov.cn/xxgk/tzgg/index.shtml") == [
        "http://www.hunan.gov.cn/xxgk/tzgg/index_1.shtml", "http://www.hunan.gov.cn/xxgk/tzgg/index_2.shtml"]


def test_lonsun_pagination_and_pages_without_a_known_pager():
    html = ('<html><body><div id="page_6791573"></div><script>Ls.pagination("#page_6791573", function (pageIndex) {'
            ' location.href = "/content/column/6791573?pageIndex=" + pageIndex; }, {currPage: 1, pageCount: 3});'
            '</script></body></html>')
    assert script_links(html, "http://www.ah.gov.cn/content/column/6791573") == [
        "http://www.ah.gov.cn/content/column/6791573?pageIndex=2", "http://www.ah.gov.cn/content/column/6791573?pageIndex=3"]
    unknown = '<html><body><script>showPage(5, 1);</script><a href="index_1.html">下一页</a></body></html>'
    assert script_links(unknown, "http://www.x.gov.cn/a/index.html") == []


def test_a_pager_claiming_huge_counts_stays_bounded():
    html = '<html><body><script>createPageHTML(999999, 0, "index", "html");</script></body></html>'
    from govspider.extract.pagers import MAX_SCRIPT_PAGES

    assert len(script_links(html, "http://www.x.gov.cn/a/index.html")) == MAX_SCRIPT_PAGES - 1
