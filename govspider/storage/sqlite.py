"""The embedded page store: one SQLite file (WAL), JSON columns, idempotent upserts.

``SQLitePageStore.from_uri("sqlite:///path/to/store.sqlite")`` (SQLAlchemy's convention:
three slashes and a relative path, four slashes for an absolute one — ``sqlite:////tmp/s.sqlite``;
``sqlite:///:memory:`` for a throw-away store). Pages are unique by (campaign, url), link checks by (campaign, target), site
states by (campaign, site_code): writing a record again replaces it, so a resumed or retried crawl
never stores anything twice. Writes are committed in batches (``batch_size``) and every
``iter_*`` method streams rows with a cursor, so memory stays bounded whatever the site size.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Iterable, Iterator

from govspider.storage.base import MAX_LINK_SOURCES, PageStore, merge_site_state

SCHEMA = """
CREATE TABLE IF NOT EXISTS campaigns (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    campaign TEXT NOT NULL, url TEXT NOT NULL, site_code TEXT, status INTEGER,
    data TEXT NOT NULL, PRIMARY KEY (campaign, url));
CREATE INDEX IF NOT EXISTS pages_site ON pages (campaign, site_code);
CREATE TABLE IF NOT EXISTS links (
    campaign TEXT NOT NULL, target TEXT NOT NULL, site_code TEXT,
    data TEXT NOT NULL, PRIMARY KEY (campaign, target));
CREATE INDEX IF NOT EXISTS links_site ON links (campaign, site_code);
CREATE TABLE IF NOT EXISTS site_states (
    campaign TEXT NOT NULL, site_code TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (campaign, site_code));
CREATE TABLE IF NOT EXISTS findings (
    campaign TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (campaign, seq));
CREATE TABLE IF NOT EXISTS review_decisions (
    campaign TEXT NOT NULL, finding_id TEXT NOT NULL, at TEXT, data TEXT NOT NULL,
    PRIMARY KEY (campaign, finding_id));
"""

_dumps = lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)  # noqa: E731


class SQLitePageStore(PageStore):
    """Page store in one SQLite file; safe to share between threads of one process."""

    def __init__(self, path: str, batch_size: int = 200):
        self.path = path
        self.batch_size = max(1, int(batch_size))
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        self._pending = 0
        self._closed = False
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    @classmethod
    def from_uri(cls, uri: str, batch_size: int = 200) -> "SQLitePageStore":
        if not uri.startswith("sqlite://"):
            raise ValueError(f"not a SQLite store URI: {uri!r} (use sqlite:///PATH)")
        # SQLAlchemy's convention: sqlite:///relative/path, sqlite:////absolute/path
        path = uri[len("sqlite:///"):] if uri.startswith("sqlite:///") else uri[len("sqlite://"):]
        if not path:
            raise ValueError(f"SQLite store URI names no file: {uri!r} (use sqlite:///PATH)")
        return cls(path, batch_size=batch_size)

    # -- writes: grouped into transactions of ``batch_size`` statements
    def _write(self, sql: str, params=()) -> sqlite3.Cursor:
        with self._lock:
            if self._pending == 0:
                self._db.execute("BEGIN")
            try:
                cur = self._db.execute(sql, params)
            except sqlite3.Error:
                self._rollback()
                raise
            self._pending += 1
            if self._pending >= self.batch_size:
                self.flush()
            return cur

    def flush(self) -> None:
        """Commit pending writes (called every ``batch_size`` writes, before reads and on close).

        A failed commit (disk full) rolls the batch back whole: the store stays as it was before
        the batch, and the error is raised."""
        with self._lock:
            if self._pending:
                try:
                    self._db.execute("COMMIT")
                except sqlite3.Error:
                    self._rollback()
                    raise
                self._pending = 0

    def _rollback(self) -> None:
        self._pending = 0
        if self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _rows(self, sql: str, params=()) -> Iterator[dict]:
        self.flush()
        # a separate cursor streams rows; results are fetched in chunks, never all at once
        cur = self._db.execute(sql, params)
        while True:
            rows = cur.fetchmany(256)
            if not rows:
                return
            for (data,) in rows:
                yield json.loads(data)

    def _one(self, sql: str, params=()) -> dict | None:
        return next(self._rows(sql, params), None)

    # -- campaigns
    def save_campaign(self, campaign: dict) -> None:
        self._write("INSERT OR REPLACE INTO campaigns (id, data) VALUES (?, ?)", (campaign["id"], _dumps(campaign)))
        self.flush()

    def get_campaign(self, campaign_id: str) -> dict | None:
        return self._one("SELECT data FROM campaigns WHERE id = ?", (campaign_id,))

    def list_campaigns(self) -> list[dict]:
        return list(self._rows("SELECT data FROM campaigns ORDER BY id"))

    # -- pages
    def upsert_page(self, page: dict) -> bool:
        key = (page["campaign"], page["url"])
        with self._lock:
            existed = self._db.execute("SELECT 1 FROM pages WHERE campaign = ? AND url = ?", key).fetchone()
            self._write(
                "INSERT OR REPLACE INTO pages (campaign, url, site_code, status, data) VALUES (?, ?, ?, ?, ?)",
                (*key, page.get("site_code"), page.get("status"), _dumps(page)),
            )
        return existed is None

    def get_page(self, campaign: str, url: str) -> dict | None:
        return self._one("SELECT data FROM pages WHERE campaign = ? AND url = ?", (campaign, url))

    def iter_pages(self, campaign: str, site_code: str | None = None) -> Iterator[dict]:
        if site_code is None:
            return self._rows("SELECT data FROM pages WHERE campaign = ? ORDER BY site_code, url", (campaign,))
        return self._rows("SELECT data FROM pages WHERE campaign = ? AND site_code = ? ORDER BY url", (campaign, site_code))

    def count_pages(self, campaign: str, site_code: str | None = None) -> int:
        self.flush()
        if site_code is None:
            row = self._db.execute("SELECT COUNT(*) FROM pages WHERE campaign = ?", (campaign,)).fetchone()
        else:
            row = self._db.execute("SELECT COUNT(*) FROM pages WHERE campaign = ? AND site_code = ?", (campaign, site_code)).fetchone()
        return row[0]

    # -- link availability
    def upsert_link(self, link: dict) -> None:
        """Insert or merge a link check: given keys replace, ``on_home`` is ORed, ``sources`` added."""
        key = (link["campaign"], link["target"])
        with self._lock:
            row = self._db.execute("SELECT data FROM links WHERE campaign = ? AND target = ?", key).fetchone()
            merged = merge_link(json.loads(row[0]) if row else None, link)
            self._write(
                "INSERT OR REPLACE INTO links (campaign, target, site_code, data) VALUES (?, ?, ?, ?)",
                (*key, merged.get("site_code"), _dumps(merged)),
            )

    def iter_links(self, campaign: str, site_code: str | None = None) -> Iterator[dict]:
        if site_code is None:
            return self._rows("SELECT data FROM links WHERE campaign = ? ORDER BY site_code, target", (campaign,))
        return self._rows("SELECT data FROM links WHERE campaign = ? AND site_code = ? ORDER BY target", (campaign, site_code))

    # -- per-site crawl state
    def upsert_site_state(self, state: dict) -> None:
        key = (state["campaign"], state["site_code"])
        with self._lock:
            row = self._db.execute("SELECT data FROM site_states WHERE campaign = ? AND site_code = ?", key).fetchone()
            merged = merge_site_state(json.loads(row[0]) if row else None, state)
            self._write("INSERT OR REPLACE INTO site_states (campaign, site_code, data) VALUES (?, ?, ?)", (*key, _dumps(merged)))

    def iter_site_states(self, campaign: str) -> Iterator[dict]:
        return self._rows("SELECT data FROM site_states WHERE campaign = ? ORDER BY site_code", (campaign,))

    # -- findings
    def replace_findings(self, campaign: str, findings: Iterable[dict]) -> int:
        with self._lock:
            self.flush()
            self._db.execute("BEGIN")
            try:
                self._db.execute("DELETE FROM findings WHERE campaign = ?", (campaign,))
                count = 0
                for count, finding in enumerate(findings, 1):
                    self._db.execute("INSERT INTO findings (campaign, seq, data) VALUES (?, ?, ?)", (campaign, count, _dumps(finding)))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return count

    def iter_findings(self, campaign: str) -> Iterator[dict]:
        return self._rows("SELECT data FROM findings WHERE campaign = ? ORDER BY seq", (campaign,))

    # -- analysts' review decisions
    def save_review_decision(self, decision: dict) -> None:
        self._write("INSERT OR REPLACE INTO review_decisions (campaign, finding_id, at, data) VALUES (?, ?, ?, ?)",
                    (decision["campaign"], decision["finding_id"], decision.get("at"), _dumps(decision)))
        self.flush()

    def iter_review_decisions(self, campaign: str) -> Iterator[dict]:
        return self._rows("SELECT data FROM review_decisions WHERE campaign = ? ORDER BY at, finding_id", (campaign,))

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            try:
                self.flush()
            finally:
                self._db.close()
                self._closed = True


def merge_link(old: dict | None, new: dict) -> dict:
    """The link record after ``new`` is upserted over ``old`` (shared by every backend)."""
    merged = dict(old or {})
    for key, value in new.items():
        if key in ("on_home", "sources"):
            continue
        merged[key] = value
    merged["on_home"] = bool((old or {}).get("on_home")) or bool(new.get("on_home"))
    sources = list((old or {}).get("sources") or [])
    for src in new.get("sources") or []:
        if src not in sources and len(sources) < MAX_LINK_SOURCES:
            sources.append(src)
    merged["sources"] = sources
    return merged
