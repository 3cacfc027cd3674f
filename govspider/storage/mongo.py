"""The full-stack page store: MongoDB (pymongo), with exactly the behaviour of the SQLite store.

``MongoPageStore.from_uri("mongodb://HOST:PORT/DB")`` builds a client, pings it (fail fast with the
URL and how to start the stack) and hands the ready client to ``__init__``. Uniqueness is enforced
by the document ``_id`` ("campaign<TAB>url", also a unique (campaign, url) index) — likewise links by
(campaign, target) and site states by (campaign, site_code) — so two workers storing the same page
leave one document, and every keyed read or write is an ``_id`` lookup (fast on FerretDB too). Only plain MongoDB features
are used (no FerretDB specifics, no aggregation-pipeline updates); production runs real MongoDB.

A short outage is ridden out: each write is retried with back-off for ``retry_seconds``; after that
the error propagates, so the worker fails and its leased requests return to the queue (no page lost).
"""

from __future__ import annotations

import logging
import os
import time
from typing import Iterable, Iterator

import pymongo
from pymongo.errors import AutoReconnect, ConnectionFailure, DuplicateKeyError, PyMongoError

from govspider.redact import redact
from govspider.storage.base import MAX_LINK_SOURCES, PageStore, merge_site_state

logger = logging.getLogger(__name__)

DEFAULT_DB = "govspider"
_HIDDEN = {"_id": 0, "_v": 0, "_seq": 0}


class MongoUnavailable(ConnectionError):
    """MongoDB did not answer; the message says which URL and what to do."""


def _key(*parts: str) -> str:
    """The document ``_id`` of a (campaign, url|target|site_code[, source]) record: unique by construction."""
    return "\t".join(str(p) for p in parts)


def _insert_ignoring_duplicate(collection, doc: dict) -> None:
    try:
        collection.insert_one(doc)
    except DuplicateKeyError:
        pass


def _upsert(collection, key: dict, update: dict) -> None:
    """``update_one(upsert=True)``, retried when a concurrent writer inserted the same ``_id`` first."""
    for attempt in range(5):
        try:
            collection.update_one(key, update, upsert=True)
            return
        except DuplicateKeyError:
            if attempt == 4:
                raise
            time.sleep(0.01 * (attempt + 1))


def _retrying(method):
    def wrapper(self, *args, **kwargs):
        now = time.monotonic()
        if now < self._down_until:
            # the server was just given up on: fail at once (circuit open) so a worker stops quickly
            raise ConnectionFailure(f"MongoDB unavailable (gave up {self.retry_seconds:.0f}s ago; retrying later)")
        deadline = now + self.retry_seconds
        delay = 0.2
        while True:
            try:
                return method(self, *args, **kwargs)
            except (AutoReconnect, ConnectionFailure) as exc:
                if time.monotonic() + delay > deadline:
                    self._down_until = time.monotonic() + max(self.retry_seconds, 5.0)
                    raise
                logger.warning("MongoDB write failed (%s); retrying in %.1fs", exc, delay)
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class MongoPageStore(PageStore):
    """Page store in one MongoDB database (collections campaigns, pages, links, site_states, findings)."""

    def __init__(self, client: pymongo.MongoClient, db_name: str = DEFAULT_DB, retry_seconds: float = 30.0):
        self.client = client
        self.db = client[db_name]
        self.retry_seconds = retry_seconds
        self._down_until = 0.0
        self._ensure_indexes()

    @classmethod
    def from_uri(cls, uri: str, timeout_ms: int = 5000, retry_seconds: float | None = None) -> "MongoPageStore":
        """Ping and open; ``retry_seconds`` (default ``$GOVSPIDER_MONGO_RETRY_SECONDS`` or 30) rides out outages."""
        if retry_seconds is None:
            retry_seconds = float(os.environ.get("GOVSPIDER_MONGO_RETRY_SECONDS") or 30.0)
        if not uri.startswith(("mongodb://", "mongodb+srv://")):
            raise ValueError(f"not a MongoDB store URI: {redact(uri)!r} (use mongodb://HOST:PORT/DB)")
        try:
            client = pymongo.MongoClient(uri, serverSelectionTimeoutMS=timeout_ms, connectTimeoutMS=timeout_ms,
                                         tz_aware=False)
        except (PyMongoError, ValueError) as exc:
            raise ValueError(f"bad MongoDB URI {redact(uri)!r}: {redact(exc)}") from None
        try:
            client.admin.command("ping")
        except PyMongoError as exc:
            client.close()
            raise MongoUnavailable(
                f"MongoDB is not reachable at {redact(uri)} ({exc.__class__.__name__}). Start the local stack with "
                "`bash deploy/stack.sh start && . deploy/.stack/env`, or pass --mongo URL / set GOVSPIDER_MONGO_URL."
            ) from None
        db = client.get_default_database(default=DEFAULT_DB).name
        return cls(client, db, retry_seconds=retry_seconds)

    def _ensure_indexes(self):
        db = self.db
        db.pages.create_index([("campaign", 1), ("url", 1)], unique=True, name="campaign_url")
        db.pages.create_index([("campaign", 1), ("site_code", 1), ("url", 1)], name="campaign_site")
        db.links.create_index([("campaign", 1), ("target", 1)], unique=True, name="campaign_target")
        db.links.create_index([("campaign", 1), ("site_code", 1), ("target", 1)], name="campaign_site")
        db.link_refs.create_index([("campaign", 1), ("site_code", 1), ("at", 1)], name="campaign_site_at")
        db.site_states.create_index([("campaign", 1), ("site_code", 1)], unique=True, name="campaign_site")
        db.findings.create_index([("_campaign", 1), ("_seq", 1)], unique=True, name="campaign_seq")
        db.review_decisions.create_index([("campaign", 1), ("at", 1)], name="campaign_at")

    # campaigns
    @_retrying
    def save_campaign(self, campaign: dict) -> None:
        self.db.campaigns.replace_one({"_id": campaign["id"]}, dict(campaign), upsert=True)

    def get_campaign(self, campaign_id: str) -> dict | None:
        return self.db.campaigns.find_one({"_id": campaign_id}, {"_id": 0})

    def list_campaigns(self) -> list[dict]:
        return list(self.db.campaigns.find({}, {"_id": 0}).sort("_id", 1))

    # pages
    @_retrying
    def upsert_page(self, page: dict) -> bool:
        # insert first: a crawl mostly stores new pages, and an insert is one cheap round trip
        # (3× faster than an upserting replace on FerretDB); an existing page is then replaced
        _id = _key(page["campaign"], page["url"])
        doc = {k: v for k, v in page.items() if k != "_id"}
        try:
            self.db.pages.insert_one({"_id": _id, **doc})
            return True
        except DuplicateKeyError:
            self.db.pages.replace_one({"_id": _id}, doc, upsert=True)
            return False

    def get_page(self, campaign: str, url: str) -> dict | None:
        return self.db.pages.find_one({"_id": _key(campaign, url)}, _HIDDEN)

    def iter_pages(self, campaign: str, site_code: str | None = None) -> Iterator[dict]:
        query = {"campaign": campaign}
        order = [("site_code", 1), ("url", 1)]
        if site_code is not None:
            query["site_code"] = site_code
            order = [("url", 1)]
        return self.db.pages.find(query, _HIDDEN).sort(order).batch_size(200)

    def count_pages(self, campaign: str, site_code: str | None = None) -> int:
        query = {"campaign": campaign}
        if site_code is not None:
            query["site_code"] = site_code
        return self.db.pages.count_documents(query)

    # link availability. Sources live in insert-only documents (one per target and source page), so
    # concurrent workers can never lose one, even on servers without atomic single-document updates.
    @_retrying
    def upsert_link(self, link: dict) -> None:
        """Insert or merge a link check: given keys replace, ``on_home`` is ORed, ``sources`` added (capped)."""
        campaign, target = link["campaign"], link["target"]
        _id = _key(campaign, target)
        fields = {k: v for k, v in link.items() if k not in ("_id", "campaign", "target", "on_home", "sources")}
        if set(fields) - {"site_code"}:
            _upsert(self.db.links, {"_id": _id}, {"$set": fields, "$setOnInsert": {"campaign": campaign, "target": target}})
        else:
            _insert_ignoring_duplicate(self.db.links, {"_id": _id, "campaign": campaign, "target": target, **fields})
        refs = [(s, False) for s in link.get("sources") or []]
        if link.get("on_home"):
            refs.append(("", True))  # the on_home mark: a ref with no source page
        for source, on_home in refs:
            _insert_ignoring_duplicate(self.db.link_refs, {
                "_id": _key(campaign, target, source), "campaign": campaign, "target": target,
                "site_code": link.get("site_code"), "source": source, "on_home": on_home, "at": time.time_ns()})

    def iter_links(self, campaign: str, site_code: str | None = None) -> Iterator[dict]:
        sites = [site_code] if site_code is not None else sorted(
            self.db.links.distinct("site_code", {"campaign": campaign}), key=lambda s: (s is None, s or ""))
        for site in sites:
            refs: dict[str, dict] = {}
            for ref in self.db.link_refs.find({"campaign": campaign, "site_code": site}, {"_id": 0}).sort("at", 1):
                entry = refs.setdefault(ref["target"], {"on_home": False, "sources": []})
                entry["on_home"] = entry["on_home"] or bool(ref.get("on_home"))
                if ref["source"] and len(entry["sources"]) < MAX_LINK_SOURCES:
                    entry["sources"].append(ref["source"])
            for link in self.db.links.find({"campaign": campaign, "site_code": site}, _HIDDEN).sort("target", 1):
                link.update(refs.get(link["target"], {"on_home": False, "sources": []}))
                yield link

    # per-site crawl state
    @_retrying
    def upsert_site_state(self, state: dict) -> None:
        key = {"_id": _key(state["campaign"], state["site_code"])}
        fields = {k: v for k, v in state.items() if k not in ("_id", "campaign", "site_code")}
        if "attempts" in fields:  # attempts accumulate over runs (one worker fetches a homepage at a time)
            old = self.db.site_states.find_one(key, {"attempts": 1}) or {}
            fields["attempts"] = merge_site_state(old, {"attempts": fields["attempts"]})["attempts"]
        update = {"$set": fields, "$setOnInsert": {"campaign": state["campaign"], "site_code": state["site_code"]}}
        if not fields:
            del update["$set"]
        _upsert(self.db.site_states, key, update)

    def iter_site_states(self, campaign: str) -> Iterator[dict]:
        return self.db.site_states.find({"campaign": campaign}, _HIDDEN).sort("site_code", 1)

    # findings
    @_retrying
    def replace_findings(self, campaign: str, findings: Iterable[dict]) -> int:
        self.db.findings.delete_many({"_campaign": campaign})
        count, batch = 0, []
        for finding in findings:
            count += 1
            batch.append({**finding, "_seq": count, "_campaign": campaign})
            if len(batch) >= 500:
                self.db.findings.insert_many(batch, ordered=False)
                batch = []
        if batch:
            self.db.findings.insert_many(batch, ordered=False)
        return count

    def iter_findings(self, campaign: str) -> Iterator[dict]:
        return self.db.findings.find({"_campaign": campaign}, {**_HIDDEN, "_campaign": 0}).sort("_seq", 1).batch_size(500)

    # analysts' review decisions: one document per (campaign, finding_id), replaced on a new decision
    @_retrying
    def save_review_decision(self, decision: dict) -> None:
        _id = _key(decision["campaign"], decision["finding_id"])
        self.db.review_decisions.replace_one({"_id": _id}, {k: v for k, v in decision.items() if k != "_id"}, upsert=True)

    def iter_review_decisions(self, campaign: str) -> Iterator[dict]:
        return self.db.review_decisions.find({"campaign": campaign}, _HIDDEN).sort([("at", 1), ("finding_id", 1)])

    def close(self) -> None:
        self.client.close()
