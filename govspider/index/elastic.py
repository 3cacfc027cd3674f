"""Full-stack finding index: Elasticsearch (or OpenSearch) with bulk batches and a disk spool.

Documents go to time-based indices ``PREFIX-findings-YYYY.MM.DD`` / ``PREFIX-verdicts-YYYY.MM.DD``
(the campaign's as-of date) behind the aliases ``PREFIX-findings`` / ``PREFIX-verdicts``; ids are
``finding_id`` and ``campaign:site_code``, so re-publishing never duplicates. Whatever the server
cannot take (down, 429, 5xx) is spooled under the state directory and replayed, in order, on the
next call. :meth:`ElasticIndex.publish_campaign` replaces a campaign: its documents carry a new
``publication`` id, then the campaign's documents of earlier publications are deleted
(:mod:`govspider.index.prune`; no delete-by-query, which the dev/CI node lacks).
"""

from __future__ import annotations

import hashlib
import collections
import itertools
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

from govspider.index.base import FindingIndex
from govspider.index.client import SearchClient, ServerUnavailable
from govspider.index.documents import (finding_doc, index_suffix, new_publication, of_campaign, slug, token_list,
                                       verdict_doc)
from govspider.index.prune import PRUNE, PruneFailed, prune_action, prune_campaign
from govspider.index.spool import Spool
from govspider.index.templates import load_templates
from govspider.state import state_dir

log = logging.getLogger(__name__)
RETRYABLE = {None, 0, "N/A", 408, 429, 500, 502, 503, 504}


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


class ElasticIndex(FindingIndex):
    """Findings and verdicts in Elasticsearch/OpenSearch; see the module docstring."""

    def __init__(self, url: str, prefix: str = "govspider", spool_dir: str | Path | None = None,
                 chunk_size: int = 500, max_chunk_bytes: int = 5 * 1024 * 1024, engine: str | None = None,
                 timeout: float = 30.0, in_flight: int = 2):
        self.url = url.rstrip("/")
        self.prefix = slug(prefix)
        self.uri = f"{self.url}?prefix={self.prefix}"
        self.chunk_size, self.max_chunk_bytes = chunk_size, max_chunk_bytes
        self.engine, self.timeout = engine, timeout
        self.in_flight = max(1, in_flight)
        self._lock = threading.Lock()
        if spool_dir is None:
            key = hashlib.sha1(self.uri.encode()).hexdigest()[:10]
            spool_dir = state_dir() / "spool" / f"{self.prefix}-{key}"
        self.spool = Spool(spool_dir)
        self._client: SearchClient | None = None
        self._templates_ok = False
        self.last_spooled = 0
        self.last_rejected = 0
        self.last_removed = 0

    # -- connection -----------------------------------------------------------------------------
    def client(self) -> SearchClient | None:
        """A connected client with templates applied, or None while the server is down."""
        if self._client is None:
            try:
                self._client = SearchClient(self.url, engine=self.engine, timeout=self.timeout)
            except ServerUnavailable as exc:
                log.warning("search server unavailable: %s", exc)
                return None
        if not self._templates_ok:
            try:
                self.ensure_templates()
            except self._client.errors as exc:
                log.warning("search server unavailable: %s", exc)
                return None
        return self._client

    def ensure_templates(self) -> None:
        """Put the index templates (idempotent: same name, same body)."""
        for name, body in load_templates(self.prefix).items():
            self._client.put_index_template(name, body)
        self._templates_ok = True

    # -- writing --------------------------------------------------------------------------------
    def _send(self, actions: list[dict]) -> list[dict]:
        """Bulk ``actions``; returns those that failed transiently. Permanent refusals are kept in
        the spool's rejected.jsonl and counted in ``last_rejected``."""
        client = self.client()
        if client is None:
            return actions
        if actions and actions[0].get("_op_type") == PRUNE:  # a replacement step, spooled on its own
            return self._send_prunes(client, actions)
        by_id = {a["_id"]: a for a in actions}
        done, rejected, reasons = set(), [], []
        try:
            for ok, item in client.streaming_bulk(
                    actions, chunk_size=self.chunk_size, max_chunk_bytes=self.max_chunk_bytes,
                    raise_on_error=False, raise_on_exception=False, max_retries=3,
                    initial_backoff=0.5, max_backoff=5):
                info = next(iter(item.values()))
                doc_id = info.get("_id")
                if ok:
                    done.add(doc_id)
                elif info.get("status") not in RETRYABLE and "exception" not in info and doc_id in by_id:
                    done.add(doc_id)
                    rejected.append(by_id[doc_id])
                    reasons.append(str(info.get("error"))[:500])
        except client.errors as exc:
            log.warning("bulk to %s failed: %s", self.url, exc)
            self._templates_ok = False  # a restarted empty server needs its templates again
        if rejected:
            with self._lock:
                self.spool.reject(rejected, reasons)
                self.last_rejected += len(rejected)
        return [a for i, a in by_id.items() if i not in done]

    def _send_prunes(self, client: SearchClient, actions: list[dict]) -> list[dict]:
        for i, action in enumerate(actions):
            try:
                self.last_removed += prune_campaign(client, self.prefix, action["campaign"], action["publication"])
            except (PruneFailed, *client.errors) as exc:
                log.warning("replacing campaign %s on %s failed: %s", action["campaign"], self.url, exc)
                return actions[i:]
        return []

    def _publish(self, actions: Iterable[dict]) -> int:
        """Bulk ``actions`` in batches of ``chunk_size``, ``in_flight`` requests at a time (the
        next batch is built — jieba, ids — while earlier ones are on the wire); whatever fails
        transiently is spooled, and once one batch spooled the rest follow it to the spool — as
        they do while older spooled batches wait, so the server always gets them in order."""
        self.last_spooled = 0
        self.flush_spool()
        self.last_rejected = 0  # refusals of this call's documents only
        waiting_before = bool(self.spool.files())
        indexed = 0
        waiting: collections.deque = collections.deque()

        def settle(batch, future):
            nonlocal indexed
            failed = future.result()
            if failed:
                self.last_spooled += self.spool.put(failed)
                log.warning("%d documents spooled to %s (server down or rejecting)", len(failed), self.spool.dir)
            indexed += len(batch) - len(failed)

        self.client()  # connect once, before the sending threads share it
        with ThreadPoolExecutor(max_workers=self.in_flight, thread_name_prefix="govspider-bulk") as pool:
            for batch in _batches(actions, self.chunk_size):
                if self.last_spooled or waiting_before:
                    self.last_spooled += self.spool.put(batch)
                    continue
                waiting.append((batch, pool.submit(self._send, batch)))
                while len(waiting) >= self.in_flight:
                    settle(*waiting.popleft())
            while waiting:
                settle(*waiting.popleft())
        return indexed - self.last_rejected

    def flush_spool(self) -> int:
        """Replay spooled actions; returns how many the server took."""
        if not self.spool.files():
            return 0
        return self.spool.drain(self._send)

    def pending(self) -> int:
        return self.spool.pending()

    def _actions(self, kind: str, items: Iterable[dict], publication: str | None) -> Iterator[dict]:
        make, id_field = (finding_doc, "finding_id") if kind == "findings" else (verdict_doc, "verdict_id")
        for item in items:
            doc = make(item, publication=publication)
            yield {"_op_type": "index", "_index": f"{self.prefix}-{kind}-{index_suffix(doc)}",
                   "_id": doc[id_field], "_source": doc}

    def index_findings(self, findings: Iterable[dict]) -> int:
        return self._publish(self._actions("findings", findings, None))

    def index_verdicts(self, verdicts: Iterable[dict]) -> int:
        return self._publish(self._actions("verdicts", verdicts, None))

    def publish_campaign(self, campaign: str, findings: Iterable[dict], verdicts: Iterable[dict]) -> dict:
        """Replace ``campaign`` in the index by these findings and verdicts (see FindingIndex).
        While the server is down everything — the removal of the old documents included — waits
        in the spool, in order."""
        publication = new_publication()
        counts = {"findings": self._publish(self._actions("findings", of_campaign(findings, campaign), publication))}
        spooled, rejected = self.last_spooled, self.last_rejected
        counts["verdicts"] = self._publish(self._actions("verdicts", of_campaign(verdicts, campaign), publication))
        spooled, rejected = spooled + self.last_spooled, rejected + self.last_rejected
        self.last_removed = 0
        step = [prune_action(str(campaign), publication)]
        if self.spool.files() or self._send(step):  # behind what waits in the spool, or failed now
            self.spool.put(step)
        self.last_spooled, self.last_rejected = spooled, rejected
        return {**counts, "removed": self.last_removed, "spooled": spooled, "rejected": rejected,
                "pending": self.pending(), "publication": publication}

    # -- reading --------------------------------------------------------------------------------
    def _require(self) -> SearchClient:
        client = self.client()
        if client is None:
            raise ServerUnavailable(f"search server at {self.url} does not answer")
        return client

    @staticmethod
    def _filters(**terms) -> list[dict]:
        return [{"term": {field: value}} for field, value in terms.items() if value]

    def search(self, text: str, rule: str | None = None, region: str | None = None,
               campaign: str | None = None, limit: int = 50) -> list[dict]:
        # every jieba word must occur; a term query per word scores like a match on the words
        must = [{"term": {"tokens": token}} for token in token_list(text or "")] or [{"match_all": {}}]
        body = {"query": {"bool": {"must": must,
                                   "filter": self._filters(rule_id=rule, region=region, campaign=campaign)}},
                "size": int(limit), "sort": ["_score", {"finding_id": "asc"}]}
        hits = self._require().search(f"{self.prefix}-findings", body)["hits"]["hits"]
        return [h["_source"] for h in hits]

    def verdicts(self, campaign: str | None = None, region: str | None = None,
                 limit: int = 1000) -> list[dict]:
        body = {"query": {"bool": {"filter": self._filters(campaign=campaign, region=region)}},
                "size": int(limit), "sort": [{"site_code": "asc"}]}
        hits = self._require().search(f"{self.prefix}-verdicts", body)["hits"]["hits"]
        return [h["_source"] for h in hits]

    def refresh(self) -> None:
        client = self._require()
        client.refresh(f"{self.prefix}-*")

    def count(self, kind: str = "findings") -> int:
        return self._require().count(f"{self.prefix}-{kind}")

    def drop(self) -> None:
        """Delete this prefix's indices and templates (tests, re-initialising a stack)."""
        client = self._require()
        client.delete_indices(f"{self.prefix}-findings-*,{self.prefix}-verdicts-*")
        for name in load_templates(self.prefix):
            client.delete_index_template(name)
        self._templates_ok = False

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
