"""Runs every extractor over one parsed page and decides the page kind (home/list/article/guide/interaction)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from urllib.parse import urlsplit

from ..facts import empty_facts
from .article import body_length, headline, labelled_dates, publish_date, title_tag_text
from .column import column_name, find_breadcrumb, meta_tags
from .dates import date_hints
from .defacement import defacement_facts
from .document import flat_text, normalize_space, parse, raw_text, text_lines
from .entries import extract_entries
from .undated import undated_entries
from .footer import footer_facts
from .guide import GUIDE_NAME, SYNONYMS, guide_fields
from .letters import DETAIL_LABELS, META_LABELS, letter_details, letter_list, status_rows
from .links import link_records, walk_anchors
from .pagers import script_pager_links, script_pages
from .pairs import label_pairs

log = logging.getLogger(__name__)

_ROOT_PATH = re.compile(r"^/?(?:(?:index|default|main|home|portal)\.(?:s?html?|jsp|php|aspx?|do))?$", re.I)
_PAGINATION = re.compile(r"下一页|上一页|尾页|末页|共\s*\d+\s*页|第\s*\d+\s*页|共\s*\d+\s*条|下页|首页\s*上一?页")
_EMPTY_COLUMN = re.compile(r"暂无(?:信息|数据|内容|记录|相关信息|文章)|没有(?:信息|数据|记录)|无相关信息")
_NOSPACE = re.compile(r"\s+")
#: labels that name a field even when printed as a heading without a colon
KNOWN_LABELS = frozenset(SYNONYMS) | (DETAIL_LABELS - {"标题", "主题", "编号", "状态"})
#: column headers of letter lists (来信时间, 留言日期 …): only pages with them can hold a letter table
_LETTER_WORDS = re.compile(r"(?:留言|提问|来信|提交|写信|咨询|投诉|受理|发布)\s*(?:时间|日期)|标题")
#: printed letter states (已办结, [处理中] …) and the words that name an interaction section
_STATUS_WORDS = re.compile(r"已(?:办结|回复|答复|处理|受理|转办)|(?:办理|处理|受理)中|(?:待|未)(?:回复|答复|处理|办理)|正在办理")
_LETTER_PLACE = re.compile(r"信箱|留言|咨询|投诉|互动|来信|诉求|建言|问政|民意|写信|回应")
#: words of 办事指南 fields, letter pages and info tables: only pages with them need label/value pairs
_PAIR_WORDS = re.compile(
    r"标\s*题\s*[:：]|(?:来信|留言|提问|写信|咨询|信件)(?:时间|日期|内容|标题)|(?:答复|回复)(?:内容|意见|时间)|"
    r"(?:办理|申请|申报|提交|所需)(?:材料|资料)|材料(?:目录|清单)|(?:设定|法律|实施|办理|法定|政策)依据|"
    r"(?:受理|申请|办理|申报|准予|许可)条件|(?:承诺|法定|办理)(?:时限|期限)|收费(?:标准|依据|情况)|是否收费"
)


def is_root_url(url: str) -> bool:
    """True for a site's root page: /, /index.html, /index.htm, /index.shtml, /default.aspx …"""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(_ROOT_PATH.match(parts.path or "/")) and not parts.query


def extract_page_and_text(body, url: str, content_type: str | None = None, encoding: str | None = None,
                          as_of: dt.date | None = None) -> tuple[dict, str]:
    """(page facts, visible text) from one parse. Never raises on bad input. ``as_of`` (the date of
    the check) gives month-day dates their year when nothing on the page does."""
    try:
        doc = parse(body, url, content_type, encoding)
    except Exception as exc:  # undecodable or unparseable bytes: nothing to extract
        log.warning("cannot parse %s: %s", url, exc)
        doc = None
    if doc is None:
        return empty_facts(), ""
    try:
        return _extract(doc, as_of)
    except RecursionError as exc:
        log.warning("page too deeply nested to extract %s: %s", url, exc)
        return empty_facts(), ""


def extract_page(body, url: str, content_type: str | None = None, encoding: str | None = None,
                 as_of: dt.date | None = None) -> dict:
    """The page-facts object (govspider.facts) of one page."""
    return extract_page_and_text(body, url, content_type, encoding, as_of)[0]


def page_text(body, url: str, content_type: str | None = None, encoding: str | None = None) -> str:
    """The visible text of one page (no scripts, styles or comments), one block a line."""
    return extract_page_and_text(body, url, content_type, encoding)[1]


def _extract(doc, as_of: dt.date | None = None) -> tuple[dict, str]:
    facts = empty_facts()
    text = normalize_space(text_lines(doc.root))
    meta = meta_tags(doc)
    anchors = walk_anchors(doc)
    links = [a for a, _ in anchors]
    facts["meta"] = meta
    facts["links"] = link_records(doc, anchors)
    pages = script_pages(doc)  # list pages only a pager script links to
    facts["links"] += script_pager_links(pages, doc, facts["links"])
    facts["footer"] = footer_facts(doc, text, facts["links"])
    facts.update(defacement_facts(doc))  # redirects, script-written and camouflaged links (暗链)
    entries = extract_entries(doc, links, as_of)
    order = _document_order(doc)
    pairs = label_pairs(doc, KNOWN_LABELS, text, order, META_LABELS) if _PAIR_WORDS.search(text) else []
    head, confirmed = headline(doc, meta, pairs)
    crumbs, crumb_el = find_breadcrumb(doc)
    guide = guide_fields(pairs, _names_guide(doc, head, crumbs), head) if pairs else {}
    letters, detail = _letters(doc, text, pairs, head, crumbs, order)
    labelled = labelled_dates(text)
    names_column = bool(head) and _NOSPACE.sub("", head) in {
        _NOSPACE.sub("", c) for c in [meta.get("ColumnName") or ""] + (crumbs or [])[-1:]}
    site = _site_names(doc, meta)
    heading = _own_heading(doc, site)
    content_rows = _content_rows(doc, links, entries, crumb_el if crumb_el is not None else heading)
    script_paged = any(p["url"] != doc.url for p in pages)  # one page of several, its pager drawn by a script
    kind = _classify(doc, text, entries, guide, letters, head, confirmed, labelled, names_column, script_paged,
                     content_rows)
    own = heading if kind != "home" else None
    facts.update(kind=kind, letters=letters, guide=guide, title=_title(doc, kind, head, guide, detail, own, site))
    if kind in ("home", "list", "other"):
        # dated entries are the list/home contract; letters and attachments are not entries elsewhere
        facts["entries"] = entries
        if kind == "home" and crumb_el is None:
            facts["undated_entries"] = undated_entries(doc, links, entries, None)
        else:
            facts["undated_entries"] = content_rows()
    if kind == "article":
        facts["publish_date"] = publish_date(text, _position(text, head))
    if kind in ("home", "list", "other") or kind == "article" and not facts["publish_date"]:
        # counted where a missing date matters (lists, homepages, undated articles); null elsewhere
        facts["date_hints"] = date_hints(text)
    column = column_name(doc, meta, head if kind == "article" else None, crumbs)
    if column is None and kind == "list" and head and head != title_tag_text(doc):
        column = head  # a list page's own heading (通知公告) when there is no breadcrumb or meta
    facts["column"] = column
    return facts, text


def _letters(doc, text, pairs, head, crumbs, order) -> tuple[list[dict], dict | None]:
    """(letters, the letter of a detail page or None): list tables, status rows, labelled letters."""
    letters = letter_list(doc) if _LETTER_WORDS.search(text) else []
    if not letters and _LETTER_PLACE.search(" ".join([title_tag_text(doc) or "", head or ""] + (crumbs or []))) \
            and len(_STATUS_WORDS.findall(text)) >= 2:
        letters = status_rows(doc)  # a 信箱 list printing each letter's 办理状态 beside it
    if letters or not pairs:
        return letters, None
    letters = letter_details(doc, pairs, head, order)
    return letters, (letters[0] if len(letters) == 1 else None)


def _title(doc, kind, head, guide, detail, own, site: set[str]) -> str | None:
    if kind == "home":
        return title_tag_text(doc) or head
    if kind == "guide":
        return guide.get("事项名称") or head
    if detail:
        return detail.get("title") or head
    if kind in ("list", "other", "interaction") and own is not None and _NOSPACE.sub("", head or "") in site:
        return flat_text(own)  # a page titled only with the site's name: its own heading names it
    return head


def _site_names(doc, meta: dict) -> set[str]:
    """How the page names its site: the SiteName meta, the whole <title>, the <title>'s last part
    ("通知公告_长沙县人民政府"), spaces removed."""
    title = _NOSPACE.sub("", title_tag_text(doc) or "")
    return {t for t in (title, _NOSPACE.sub("", meta.get("SiteName") or ""), re.split(r"[_|｜-]", title)[-1]) if t}


def _own_heading(doc, site: set[str]):
    """The first h1-h3 that is not the site's name (the logo's <h1>): the page's own heading, or None."""
    for h in doc.root.iter("h1", "h2", "h3"):
        text = _NOSPACE.sub("", raw_text(h))
        if text and len(text) <= 40 and text not in site:
            return h
    return None


def _document_order(doc):
    """Position of an element in the page (computed on first use)."""
    positions: dict = {}

    def order(el) -> int:
        if not positions:
            positions.update((e, i) for i, e in enumerate(doc.root.iter()))
        return positions.get(el, len(positions))

    return order


def _names_guide(doc, head: str | None, crumbs: list[str] | None) -> bool:
    """The page calls itself a guide (办事指南 …) in its <title>, headline or breadcrumb."""
    if GUIDE_NAME.search(title_tag_text(doc) or "") or GUIDE_NAME.search(head or ""):
        return True
    return bool(crumbs) and any(GUIDE_NAME.search(c) for c in crumbs)


def _position(text: str, head: str | None) -> int:
    if not head:
        return 0
    probe = head.strip()[:12]
    pos = text.find(probe)
    if pos < 0:
        return 0
    # the headline usually repeats the <title>; the visible one is the last early occurrence
    second = text.find(probe, pos + 1)
    return second if 0 <= second < pos + 3000 else pos


def _content_rows(doc, links, entries, start):
    """The page's undated list rows (``undated_entries`` after ``start``: its breadcrumb or own
    heading), computed once, and only when asked."""
    memo: list = []

    def rows() -> list[dict]:
        if not memo:
            after = None
            if start is not None:
                content = set(start.xpath("descendant::a|following::a"))
                after = content.__contains__  # the content follows the breadcrumb or the page's heading
            memo.append(undated_entries(doc, links, entries, after))
        return memo[0]
    return rows


def _classify(doc, text, entries, guide, letters, head, confirmed, labelled, names_column, script_paged,
              content_rows) -> str:
    distinct_labelled = {d for _, _, d in labelled}
    n = len(entries)

    def articleish() -> bool:
        # body_length walks the whole tree: only asked when labels and headline do not decide. A
        # single-page column (单页栏目: 机构职能, 领导简介 — its heading names the column, no list
        # rows follow it) may be short.
        if head is None or len(distinct_labelled) > 3:
            return False
        if distinct_labelled or confirmed:
            return True
        length = body_length(doc, enough=200)
        return length >= 200 or names_column and length >= 60 and len(content_rows()) < 3

    if is_root_url(doc.url):
        # a saved article whose URL is only known as the site root still reads as an article
        if n < 10 and not letters and not guide and articleish():
            return "article"
        return "home"
    if letters:
        return "interaction"
    if guide:
        return "guide"
    paginated = script_paged or bool(_PAGINATION.search(text))  # 共N页, or a pager only a script draws
    listed = n >= 1 or paginated or bool(_EMPTY_COLUMN.search(text))
    if not listed and names_column and not GUIDE_NAME.search(head) and len(content_rows()) >= 3:
        listed = True  # a column of undated rows (内设机构 …); an index of 办事指南 is not an information column
    if listed and (n >= 3 and paginated or names_column):
        # a column page (TRS: dated rows and 共N页; its heading is the column's name), even when
        # its <title> confirms that heading the way an article's confirms its headline
        return "list"
    if (n < 15 or confirmed) and articleish():
        # a confirmed headline with one publish date stays an article next to long 相关新闻 lists
        return "article"
    if listed:
        return "list"
    return "other"
