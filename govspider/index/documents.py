"""Index documents built from findings and site verdicts: ids, jieba tokens, index names.

Both backends (SQLite FTS, Elasticsearch/OpenSearch) store exactly these documents, so a search
behaves the same embedded and on the full stack.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import uuid
from typing import Any, Iterable, Iterator

from govspider.findings import finding_id
from govspider.text import _jieba, tokenize

#: finding fields whose text analysts search (jieba-segmented into ``tokens``)
FINDING_TEXT_FIELDS = ("evidence", "title", "site_name")
#: verdict words that mean the site passed
PASS_WORDS = {"pass", "passed", "合格"}
_SLUG = re.compile(r"[^a-z0-9._-]+")


@functools.lru_cache(maxsize=200_000)
def _block_tokens(block: str) -> tuple[str, ...]:
    return tuple(tokenize(block.lower()))


def token_list(text: str) -> list[str]:
    """The distinct lower-case jieba words of ``text``, in order of first occurrence: the
    ``tokens`` field (a keyword array in Elasticsearch, needing no custom tokenizer; joined by
    spaces for SQLite FTS5).

    jieba cuts each run of Chinese/alphanumeric text (its ``re_han_default`` blocks) on its own,
    so caching per block gives exactly jieba's tokens; analyzers write templated evidence
    (栏目「通知公告」…), so most blocks repeat and indexing stops being bound by jieba."""
    if not text:
        return []
    out: dict[str, None] = {}
    for part in _jieba().re_han_default.split(text):
        if part:
            out.update(dict.fromkeys(_block_tokens(part)))  # punctuation runs repeat most of all
    return list(out)


def as_token_list(value: Any) -> list[str]:
    """A ``tokens`` value given with a document (list, or space-joined text) as a token list."""
    if isinstance(value, str):
        return list(dict.fromkeys(value.lower().split()))
    return list(dict.fromkeys(str(v).lower() for v in value or () if str(v).strip()))


def _as_date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)[:10]


def _is_address(value: str) -> bool:
    return value.startswith(("http://", "https://", "/"))


def _detail_text(details: dict) -> str:
    """Detail values as text (column names, guide items, letter titles, replies …) for the token
    field; URLs and paths are left out (they are searched as keywords, not as words)."""
    parts = []
    for value in details.values():
        values = value if isinstance(value, (list, tuple)) else [value]
        for v in values:
            if isinstance(v, str) and not _is_address(v):
                parts.append(v)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                parts.append(str(v))
    return " ".join(parts)


def finding_doc(finding: dict, now: str | None = None, publication: str | None = None) -> dict:
    """The index document of one finding (the finding itself plus id, tokens and helpers; the
    ``publication`` it belongs to when a campaign is published whole)."""
    if hasattr(finding, "to_dict"):  # govspider.findings.Finding
        finding = finding.to_dict()
    if not isinstance(finding, dict) or "rule_id" not in finding or "site_code" not in finding:
        raise ValueError(f"a finding needs rule_id and site_code (got {str(finding)[:120]!r})")
    doc = dict(finding)
    doc["site_code"] = str(doc["site_code"])
    doc.setdefault("details", {})
    if not isinstance(doc["details"], dict):
        doc["details"] = {"value": doc["details"]}
    given = doc.get("finding_id")
    doc["finding_id"] = given if isinstance(given, str) and given else finding_id(doc)
    doc["rule_family"] = str(doc["rule_id"]).split(".", 1)[0]
    doc["as_of"] = _as_date(doc.get("as_of"))
    if doc.get("campaign") is not None:
        doc["campaign"] = str(doc["campaign"])
    if doc.get("tokens"):
        doc["tokens"] = as_token_list(doc["tokens"])
    else:
        text = " ".join(str(doc.get(k) or "") for k in FINDING_TEXT_FIELDS)
        doc["tokens"] = token_list(text + " " + _detail_text(doc["details"]))
    return _stamped(doc, now, publication)


def _stamped(doc: dict, now: str | None, publication: str | None) -> dict:
    doc["indexed_at"] = now or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    if publication:
        doc["publication"] = publication
    return doc


def new_publication(now: dt.datetime | None = None) -> str:
    """A new publication id (UTC time + random part): every document of one publication of a
    campaign carries it, so the documents of earlier publications can be told apart."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def of_campaign(items: Iterable[dict], campaign: str) -> Iterator[dict]:
    """``items`` (findings or verdicts) with ``campaign`` filled in where they lack it."""
    for item in items:
        if hasattr(item, "to_dict"):  # govspider.findings.Finding
            item = item.to_dict()
        yield item if isinstance(item, dict) and item.get("campaign") else {**item, "campaign": campaign}


def verdict_id(verdict: dict) -> str:
    """A site verdict is one per (campaign, site): re-publishing a campaign overwrites it."""
    return f"{verdict.get('campaign') or ''}:{verdict['site_code']}"


def verdict_doc(verdict: dict, now: str | None = None, publication: str | None = None) -> dict:
    """The index document of one site verdict (sites.jsonl line of ``govspider run``)."""
    if not isinstance(verdict, dict) or "site_code" not in verdict:
        raise ValueError(f"a site verdict needs site_code (got {str(verdict)[:120]!r})")
    doc = dict(verdict)
    doc["site_code"] = str(doc["site_code"])
    doc["verdict_id"] = verdict_id(doc)
    doc["as_of"] = _as_date(doc.get("as_of"))
    if doc.get("campaign") is not None:
        doc["campaign"] = str(doc["campaign"])
    if isinstance(doc.get("findings"), (list, tuple)):
        doc["findings"] = len(doc["findings"])
    if isinstance(doc.get("passed"), (bool, int)):
        doc["passed"] = int(bool(doc["passed"]))
    else:  # derive it from the verdict word (pass/fail, 合格/不合格/单项否决)
        doc["passed"] = int(str(doc.get("verdict") or "").strip().lower() in PASS_WORDS)
    doc["tokens"] = as_token_list(doc["tokens"]) if doc.get("tokens") else token_list(str(doc.get("name") or ""))
    return _stamped(doc, now, publication)


def index_suffix(doc: dict) -> str:
    """Time-based index suffix: the campaign's as-of date (``2026.11.15``), else ``undated``."""
    as_of = doc.get("as_of")
    if as_of and re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of):
        return as_of.replace("-", ".")
    return "undated"


def slug(text: str) -> str:
    """Lower-case index-name-safe text."""
    return _SLUG.sub("-", text.lower()).strip("-") or "x"


def dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, default=str)
