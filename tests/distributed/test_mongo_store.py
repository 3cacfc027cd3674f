"""The MongoDB page store passes the same conformance tests as SQLite, against a real server (FerretDB)."""

from __future__ import annotations

import threading

import pytest

from govspider.storage import open_store
from govspider.storage.mongo import MongoPageStore, MongoUnavailable

from ..store.contract import StoreContract, page


@pytest.fixture
def store(mongo_uri):
    s = MongoPageStore.from_uri(mongo_uri)
    yield s
    s.close()


@pytest.fixture
def reopen(mongo_uri):
    return lambda: open_store(mongo_uri)


class TestMongoStore(StoreContract):
    def test_unique_index_under_concurrent_writers(self, mongo_uri):
        """Eight clients storing the same 40 pages at once leave exactly 40 documents."""
        stores = [MongoPageStore.from_uri(mongo_uri) for _ in range(8)]
        new_counts = []

        def write(s):
            new_counts.append(sum(s.upsert_page(page(f"http://www.csx.gov.cn/{i}.html")) for i in range(40)))

        threads = [threading.Thread(target=write, args=(s,)) for s in stores]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert stores[0].count_pages("c1") == 40
        assert sum(new_counts) == 40  # each page reported new exactly once
        for s in stores:
            s.close()

    def test_concurrent_link_merge_keeps_every_source(self, mongo_uri):
        stores = [MongoPageStore.from_uri(mongo_uri) for _ in range(4)]
        errors = []

        def write(i, s):
            try:
                _link(i, s)
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

        def _link(i, s):
            s.upsert_link({"campaign": "c1", "site_code": "A", "target": "http://a.gov.cn/x.doc", "status": 404,
                           "error": None, "attachment": True, "internal": True, "on_home": i == 2,
                           "sources": [f"http://a.gov.cn/s{i}.html"]})

        threads = [threading.Thread(target=write, args=(i, s)) for i, s in enumerate(stores)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        (link,) = stores[0].iter_links("c1")
        assert sorted(link["sources"]) == [f"http://a.gov.cn/s{i}.html" for i in range(4)]
        assert link["on_home"] is True
        for s in stores:
            s.close()

    def test_database_from_uri(self, mongo_uri, store):
        assert store.db.name == mongo_uri.rsplit("/", 1)[1]


def test_unreachable_server_fails_fast_with_what_to_do():
    with pytest.raises(MongoUnavailable) as err:
        MongoPageStore.from_uri("mongodb://127.0.0.1:9/govspider", timeout_ms=300)
    msg = str(err.value)
    assert "mongodb://127.0.0.1:9/govspider" in msg and "deploy/stack.sh start" in msg


def test_rejects_other_uris():
    with pytest.raises(ValueError):
        MongoPageStore.from_uri("sqlite:///x.sqlite")
