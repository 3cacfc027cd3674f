"""Helpers for analyzer tests: real pages, hand-made page records, a context."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analyzers.api import Context
from analyzers.registry import ruleset_table
from govspider.sites import Site

SANDBOX_AS_OF = dt.date(2026, 11, 15)
#: ../shared beside the checkout (a git worktree sits one level deeper: look upwards)
SHARED = next((p / "shared" for p in Path(__file__).resolve().parents if (p / "shared" / "realworld").is_dir()),
              Path(__file__).resolve().parents[3] / "shared")
REAL = SHARED / "realworld"

PORTAL = Site(site_code="4301000001", name="长沙市人民政府", region="长沙市", level="city", kind="portal",
              url="http://www.changsha.gov.cn/", service_hall="4301000002")
HALL = Site(site_code="4301000002", name="长沙市政务服务网", region="长沙市", level="city", kind="service_hall",
            url="http://zwfw.changsha.gov.cn/")


@pytest.fixture(scope="session")
def labels() -> dict:
    return json.loads((REAL / "labels.json").read_text(encoding="utf-8"))


def real_page(name: str) -> Path:
    return REAL / "pages" / name


def facts(**kw) -> dict:
    base = {"kind": "other", "title": None, "footer": {}, "entries": [], "publish_date": None, "guide": {},
            "letters": [], "column": None, "links": [], "meta": {}}
    base.update(kw)
    return base


def page(url: str, site: Site = PORTAL, text: str = "", status: int = 200, **kw) -> dict:
    return {"campaign": "t", "site_code": site.site_code, "url": url, "status": status, "facts": facts(**kw), "text": text}


def ctx(site: Site = PORTAL, ruleset: str = "2019", as_of: dt.date = dt.date(2026, 11, 15)) -> Context:
    return Context(site=site, ruleset=ruleset_table(ruleset), as_of=as_of, campaign="t")
