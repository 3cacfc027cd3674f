"""Embedded finding index: SQLite FTS5 over jieba tokens (``sqlite-fts:///PATH``), no server."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Iterable

from govspider.index.base import FindingIndex
from govspider.index.documents import dumps, finding_doc, new_publication, of_campaign, verdict_doc
from govspider.text import tokenize

SCHEMA = """
CREATE TABLE IF NOT EXISTS findings (
    rowid INTEGER PRIMARY KEY,
    finding_id TEXT NOT NULL UNIQUE,
    rule_id TEXT NOT NULL, site_code TEXT NOT NULL, region TEXT, campaign TEXT, as_of TEXT,
    severity TEXT, tokens TEXT NOT NULL DEFAULT '', doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule_id);
CREATE INDEX IF NOT EXISTS findings_region ON findings(region);
CREATE INDEX IF NOT EXISTS findings_campaign ON findings(campaign);
CREATE VIRTUAL TABLE IF NOT EXISTS findings_fts USING fts5(
    tokens, content='findings', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER IF NOT EXISTS findings_ai AFTER INSERT ON findings BEGIN
    INSERT INTO findings_fts(rowid, tokens) VALUES (new.rowid, new.tokens); END;
CREATE TRIGGER IF NOT EXISTS findings_ad AFTER DELETE ON findings BEGIN
    INSERT INTO findings_fts(findings_fts, rowid, tokens) VALUES ('delete', old.rowid, old.tokens); END;
CREATE TRIGGER IF NOT EXISTS findings_au AFTER UPDATE ON findings BEGIN
    INSERT INTO findings_fts(findings_fts, rowid, tokens) VALUES ('delete', old.rowid, old.tokens);
    INSERT INTO findings_fts(rowid, tokens) VALUES (new.rowid, new.tokens); END;
CREATE TABLE IF NOT EXISTS verdicts (
    verdict_id TEXT PRIMARY KEY, campaign TEXT, site_code TEXT NOT NULL, region TEXT,
    verdict TEXT, doc TEXT NOT NULL);
"""

UPSERT_FINDING = """
INSERT INTO findings (finding_id, rule_id, site_code, region, campaign, as_of, severity, tokens, doc)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(finding_id) DO UPDATE SET rule_id=excluded.rule_id, site_code=excluded.site_code,
    region=excluded.region, campaign=excluded.campaign, as_of=excluded.as_of,
    severity=excluded.severity, tokens=excluded.tokens, doc=excluded.doc
"""

UPSERT_VERDICT = """
INSERT INTO verdicts (verdict_id, campaign, site_code, region, verdict, doc) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT(verdict_id) DO UPDATE SET campaign=excluded.campaign, site_code=excluded.site_code,
    region=excluded.region, verdict=excluded.verdict, doc=excluded.doc
"""


def fts_query(text: str) -> str:
    """jieba tokens of ``text`` as an FTS5 query: every token must occur (AND of quoted terms)."""
    return " ".join('"' + tok.replace('"', '""') + '"' for tok in dict.fromkeys(tokenize(text.lower())))


class SqliteFtsIndex(FindingIndex):
    """Findings and verdicts in one SQLite file; FTS5 (unicode61 tokenizer) over jieba tokens."""

    def __init__(self, path: str | Path, batch_size: int = 1000):
        self.path = Path(path)
        self.uri = f"sqlite-fts:///{self.path.resolve()}"
        self.batch_size = batch_size
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    def _write(self, sql: str, rows: Iterable[tuple]) -> int:
        count, batch = 0, []
        with self._lock:
            for row in rows:
                batch.append(row)
                if len(batch) >= self.batch_size:
                    with self._db:
                        self._db.executemany(sql, batch)
                    count, batch = count + len(batch), []
            if batch:
                with self._db:
                    self._db.executemany(sql, batch)
                count += len(batch)
        return count

    @staticmethod
    def _finding_rows(findings: Iterable[dict], publication: str | None = None):
        for finding in findings:
            d = finding_doc(finding, publication=publication)
            yield (d["finding_id"], d["rule_id"], d["site_code"], d.get("region"), d.get("campaign"),
                   d.get("as_of"), d.get("severity"), " ".join(d["tokens"]), dumps(d))

    @staticmethod
    def _verdict_rows(verdicts: Iterable[dict], publication: str | None = None):
        for verdict in verdicts:
            d = verdict_doc(verdict, publication=publication)
            yield (d["verdict_id"], d.get("campaign"), d["site_code"], d.get("region"), d.get("verdict"), dumps(d))

    def index_findings(self, findings: Iterable[dict]) -> int:
        return self._write(UPSERT_FINDING, self._finding_rows(findings))

    def index_verdicts(self, verdicts: Iterable[dict]) -> int:
        return self._write(UPSERT_VERDICT, self._verdict_rows(verdicts))

    def publish_campaign(self, campaign: str, findings: Iterable[dict], verdicts: Iterable[dict]) -> dict:
        """Replace ``campaign`` in one transaction: searches see the old or the new, never a mix."""
        publication = new_publication()
        finding_rows = list(self._finding_rows(of_campaign(findings, campaign), publication))
        verdict_rows = list(self._verdict_rows(of_campaign(verdicts, campaign), publication))
        new_ids = {row[0] for row in finding_rows} | {row[0] for row in verdict_rows}
        with self._lock, self._db:
            old_ids = {r[0] for r in self._db.execute("SELECT finding_id FROM findings WHERE campaign = ?"
                                                      " UNION ALL SELECT verdict_id FROM verdicts WHERE campaign = ?",
                                                      (campaign, campaign))}
            self._db.execute("DELETE FROM findings WHERE campaign = ?", (campaign,))
            self._db.execute("DELETE FROM verdicts WHERE campaign = ?", (campaign,))
            self._db.executemany(UPSERT_FINDING, finding_rows)
            self._db.executemany(UPSERT_VERDICT, verdict_rows)
        return {"findings": len(finding_rows), "verdicts": len(verdict_rows), "removed": len(old_ids - new_ids),
                "spooled": 0, "pending": 0, "rejected": 0, "publication": publication}

    @staticmethod
    def _filters(rule, region, campaign, table="findings"):
        where, args = [], []
        for column, value in (("rule_id", rule), ("region", region), ("campaign", campaign)):
            if value and not (column == "rule_id" and table == "verdicts"):
                where.append(f"{table}.{column} = ?")
                args.append(value)
        return where, args

    def search(self, text: str, rule: str | None = None, region: str | None = None,
               campaign: str | None = None, limit: int = 50) -> list[dict]:
        where, args = self._filters(rule, region, campaign)
        query = fts_query(text or "")
        if query:
            sql = ("SELECT findings.doc FROM findings_fts JOIN findings ON findings.rowid = findings_fts.rowid"
                   " WHERE findings_fts MATCH ?" + "".join(" AND " + w for w in where)
                   + " ORDER BY bm25(findings_fts), findings.rowid LIMIT ?")
            params = [query, *args, int(limit)]
        else:
            sql = ("SELECT doc FROM findings" + (" WHERE " + " AND ".join(where) if where else "")
                   + " ORDER BY rowid LIMIT ?")
            params = [*args, int(limit)]
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [json.loads(doc) for (doc,) in rows]

    def verdicts(self, campaign: str | None = None, region: str | None = None,
                 limit: int = 1000) -> list[dict]:
        where, args = self._filters(None, region, campaign, table="verdicts")
        sql = ("SELECT doc FROM verdicts" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY site_code LIMIT ?")
        with self._lock:
            rows = self._db.execute(sql, [*args, int(limit)]).fetchall()
        return [json.loads(doc) for (doc,) in rows]

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM findings").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()
