"""The simulated province's data model: sites, columns (栏目) with lazily computed entries, letters, guides.

Column entries are computed from (seed, site, column, index) on request, so a column of 100,000
entries costs nothing until a page showing it is asked for (the ``bench`` scale relies on it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import lru_cache

from govspider.sandbox import content
from govspider.sites import Site

#: column categories as the freshness rules name them
CATEGORIES = ("news", "notice", "policy", "other")


@dataclasses.dataclass
class Column:
    slug: str
    name: str
    category: str
    count: int
    newest_age: int          # days between as-of and the newest entry
    spacing: int             # mean days between consecutive entries
    page_size: int
    number: int              # column number, part of document ids
    js: bool = False         # list entries inserted by JavaScript after load
    #: entry index -> planted extras: "no_interp", "attachment", "broken_attachment",
    #: "serious_error:<term>", "defaced", "broken_link:<url>", "big_link"
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

    @property
    def path(self) -> str:
        return f"/hdjl/{self.box}/{self.number}.html"


@dataclasses.dataclass
class Guide:
    number: int
    fields: dict   # canonical field -> value ("" = blank)

    @property
    def item(self) -> str:
        return self.fields["事项名称"]


@dataclasses.dataclass(eq=False)   # hashed by identity (entry cache key)
class SiteModel:
    site: Site
    seed: int
    short: str                       # 长沙县
    family: str                      # ul | table | dl
    date_style: str                  # iso | slash | cn | dot | yearhead
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
def _entry_cached(model: "SiteModel", col_key: tuple, index: int, as_of: dt.date) -> Entry:
    slug, name, category, number, newest_age, spacing = col_key
    seed, code, short = model.seed, model.code, model.short
    date = as_of - dt.timedelta(days=_age(newest_age, spacing, index, f"{seed}/{code}/{slug}"))
    rng = content.stable_rng(seed, code, slug, index)
    if category == "news":
        title = content.news_title(rng, short)
    elif category == "notice":
        title = content.notice_title(rng, date.year)
    elif category == "policy":
        title = content.policy_title(rng, model.sponsor.replace("办公厅", "").replace("办公室", "") or short, date.year)
    else:
        title = content.other_title(rng, name, short, short, date.year)
    doc_id = number * 100_000 + index
    ext = "shtml" if model.family == "dl" else "html"
    y, m, d = date.year, date.month, date.day
    path = f"/{slug}/{y}{m:02d}/t{y}{m:02d}{d:02d}_{doc_id}.{ext}"
    return Entry(index, title, date, doc_id, path)


def entry(model: SiteModel, col: Column, index: int, as_of: dt.date) -> Entry:
    """The ``index``-th newest item of a column (computed once, then cached)."""
    return _entry_cached(model, (col.slug, col.name, col.category, col.number, col.newest_age, col.spacing), index, as_of)


def doc_number(model: SiteModel, e: Entry) -> str:
    """文号 of a policy document, e.g. 长县政发〔2026〕12号."""
    return f"{model.issuer}〔{e.date.year}〕{(e.doc_id % 97) + 1}号"
