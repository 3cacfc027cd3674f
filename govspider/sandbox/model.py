"""The simulated province's data model: sites, columns (栏目) with lazily computed entries, letters, guides.

Column entries are computed from (seed, site, column, index) on request, so a column of 100,000
entries costs nothing until a page showing it is asked for (the ``bench`` scale relies on it).
Where a page lives (its URL) is the site's markup family's business (families/): ``entry`` asks it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import lru_cache

from govspider.sandbox import content
from govspider.sites import Site

#: column categories as the freshness rules name them
CATEGORIES = ("news", "notice", "policy", "other")


@dataclasses.dataclass(eq=False)   # hashed by identity (entry cache key)
class Column:
    slug: str
    name: str
    category: str
    count: int
    newest_age: int          # days between as-of and the newest entry
    spacing: int             # mean days between consecutive entries
    page_size: int
    number: int              # column number, part of document ids (0: the 政策解读 pages)
    js: bool = False         # list entries inserted by JavaScript after load
    #: the list rows print no dates (page_model: ``entries`` [], rows in ``undated_entries``);
    #: the articles still print their 发布时间
    undated: bool = False
    #: a static column (机构设置, 领导简介, 机构职能 …): undated links to undated pages, or — with
    #: ``count`` 0 — one text block (an article-like page, not a blank column)
    static: bool = False
    #: entry index -> planted extras: "no_interp", "broken_attachment", "serious:<term>",
    #: "defaced", "broken:<url>:<status>", "para:<text>" (one more paragraph in the article body),
    #: "title:<text>" (the entry's title wherever it is printed)
    extras: dict = dataclasses.field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


@dataclasses.dataclass
class Entry:
    index: int
    title: str
    date: dt.date
    doc_id: int
    path: str


@dataclasses.dataclass
class Letter:
    number: int
    box: str
    title: str
    question: str
    asked: dt.date
    replied: dt.date | None
    reply: str | None
    unit: str
    defect: str | None = None   # boilerplate | unanswered | overdue
    #: what an unanswered letter's detail page prints where the reply would be ("" = empty cell)
    placeholder: str = ""
    near_miss: str | None = None   # recent | greet_ok | weekend (truth.py writes a near-miss line)

    @property
    def code(self) -> str:
        """信件编号 as the families print it, e.g. 202611031024."""
        return f"{self.asked:%Y%m%d}{self.number % 10000:04d}"


@dataclasses.dataclass
class Material:
    """One 办理材料 row: 材料名称 and which forms (原件 / 复印件) how many times."""
    name: str
    original: bool
    copy: bool
    count: int

    def text(self) -> str:
        forms = "原件、复印件各" if self.original and self.copy else "原件" if self.original else "复印件"
        return f"{self.name}（{forms}{self.count}份）"


def materials_text(materials) -> str:
    """The one string a 材料 table reads as: ``1.申请表（原件1份）；2.身份证（复印件1份）``."""
    return "；".join(f"{n}.{m.text()}" for n, m in enumerate(materials, 1))


@dataclasses.dataclass
class Guide:
    number: int
    fields: dict   # canonical field -> value ("" = blank), printed verbatim
    #: the 办理材料 rows when the value is their ``materials_text`` (families may draw a table)
    materials: list | None = None

    @property
    def item(self) -> str:
        return self.fields["事项名称"]

    def material_rows(self) -> list | None:
        """The rows to draw as a 材料 table, or None when the value must be printed as text."""
        if self.materials and self.fields.get("办理材料") == materials_text(self.materials):
            return self.materials
        return None


@dataclasses.dataclass(eq=False)   # hashed by identity (entry cache key)
class SiteModel:
    site: Site
    seed: int
    short: str                       # 长沙县
    family: str                      # markup family name (families/__init__.py FAMILY_NAMES)
    date_style: str                  # how list rows print dates (families/dates.py DATE_STYLES)
    encoding: str                    # utf8 | gbk-both | gbk-meta | gb18030-header
    sponsor: str
    phone: str
    icp: str
    police: str
    issuer: str                      # 文号 issuer abbreviation, e.g. 长县政发
    columns: list[Column] = dataclasses.field(default_factory=list)
    boxes: dict = dataclasses.field(default_factory=dict)     # box slug -> (name, [Letter])
    guides: list[Guide] = dataclasses.field(default_factory=list)
    footer_missing: set = dataclasses.field(default_factory=set)
    privacy: bool = True
    annual_years: tuple = ()
    broken_links: list = dataclasses.field(default_factory=list)   # (url, status, on_home)
    hazards: set = dataclasses.field(default_factory=set)
    reachable: bool = True
    spam_on_home: bool = False
    #: the family's layout choices drawn from the seed (guide / letter layouts, labels, status words …)
    styles: dict = dataclasses.field(default_factory=dict)
    #: base of the numeric ids some families print (Hanweb column ids, 博达 info ids …)
    id_base: int = 1000
    #: sitecode in the 我为政府网站找错 badge; None = the site's own code ("" when that is missing)
    jiucuo_code: str | None = None
    #: extra visible homepage links (url, text), e.g. 专题 or 举报 badges
    home_links: list = dataclasses.field(default_factory=list)
    #: parts every page of the site shares (header, navigation, footer), drawn on first use
    drawn: dict = dataclasses.field(default_factory=dict)
    #: per-column URL placeholders (families/base.py ``vars_of``)
    memo: dict = dataclasses.field(default_factory=dict)
    _interp: "Column | None" = None
    _tokens: tuple = (0, None)
    _skin: object = None

    @property
    def skin(self):
        """The markup family object that draws and routes this site."""
        if self._skin is None or self._skin.name != self.family:
            from govspider.sandbox.families import family

            self._skin = family(self.family)
        return self._skin

    @property
    def badge_code(self) -> str:
        if self.jiucuo_code is not None:
            return self.jiucuo_code
        return "" if "site_code" in self.footer_missing else self.code

    @property
    def interp_column(self) -> Column:
        """The 政策解读 pages, addressed like a column that lists nothing."""
        if self._interp is None:
            self._interp = Column("zcjd", "政策解读", "policy", 0, 0, 1, 20, 0)
        return self._interp

    def column_by_token(self, token: str) -> Column | None:
        """The column (or the 政策解读 pseudo column) a family's URL names with ``token``."""
        count, index = self._tokens
        if count != len(self.columns) or index is None:
            skin = self.skin
            index = {key: c for c in [*self.columns, self.interp_column] for key in skin.col_keys(self, c)}
            self._tokens = (len(self.columns), index)
        return index.get(token)

    @property
    def code(self) -> str:
        return self.site.site_code

    @property
    def host(self) -> str:
        return self.site.host

    def column(self, slug: str) -> Column | None:
        for col in self.columns:
            if col.slug == slug:
                return col
        return None


def entry_date(as_of: dt.date, col: Column, index: int, salt: str) -> dt.date:
    """Entries get strictly older with their index; entry 0 is exactly ``newest_age`` days old."""
    return as_of - dt.timedelta(days=_age(col.newest_age, col.spacing, index, salt))


def _age(newest_age: int, spacing: int, index: int, salt: str) -> int:
    jitter = 0 if index == 0 else content.stable_int(salt, index) % spacing
    return newest_age + index * spacing + jitter


@lru_cache(maxsize=200_000)
def _entry_cached(model: "SiteModel", col: Column, sig: tuple, index: int, as_of: dt.date) -> Entry:
    name, category, number, newest_age, spacing, static = sig
    seed, code, short, slug = model.seed, model.code, model.short, col.slug
    date = as_of - dt.timedelta(days=_age(newest_age, spacing, index, f"{seed}/{code}/{slug}"))
    rng = content.stable_rng(seed, code, slug, index)
    if static:
        title = content.static_title(rng, name, short, index)
    elif category == "news":
        title = content.news_title(rng, short)
    elif category == "notice":
        title = content.notice_title(rng, date.year)
    elif category == "policy":
        title = content.policy_title(rng, model.sponsor.replace("办公厅", "").replace("办公室", "") or short, date.year)
    else:
        title = content.other_title(rng, name, short, short, date.year)
    doc_id = number * 100_000 + index
    return Entry(index, title, date, doc_id, model.skin.article_path(model, col, date, doc_id))


def entry(model: SiteModel, col: Column, index: int, as_of: dt.date) -> Entry:
    """The ``index``-th newest item of a column (computed once, then cached; a planted
    ``title:`` extra replaces its title everywhere)."""
    e = _entry_cached(model, col, (col.name, col.category, col.number, col.newest_age, col.spacing, col.static), index, as_of)
    extras = col.extras.get(index)
    if extras:
        for extra in extras:
            if extra.startswith("title:"):
                return dataclasses.replace(e, title=extra[len("title:"):])
    return e


def doc_number(model: SiteModel, e: Entry) -> str:
    """文号 of a policy document, e.g. 长县政发〔2026〕12号."""
    return f"{model.issuer}〔{e.date.year}〕{(e.doc_id % 97) + 1}号"
