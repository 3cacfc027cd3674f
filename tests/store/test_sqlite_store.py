"""The SQLite page store passes the store contract, plus SQLite specifics (WAL, URIs, batches)."""

from __future__ import annotations

import sqlite3

import pytest

from govspider.storage import open_store
from govspider.storage.sqlite import SQLitePageStore

from .contract import StoreContract, page


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "store.sqlite"


@pytest.fixture
def store(store_path):
    s = SQLitePageStore.from_uri(f"sqlite:///{store_path}")
    yield s
    s.close()


@pytest.fixture
def reopen(store_path):
    return lambda: open_store(f"sqlite:///{store_path}")


class TestSQLiteStore(StoreContract):
    def test_wal_and_batched_commits(self, store, store_path):
        assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        store.batch_size = 50
        for i in range(120):
            store.upsert_page(page(f"http://www.csx.gov.cn/{i}.html"))
        # another connection sees only committed batches (100 of 120) until flush
        other = sqlite3.connect(store_path)
        assert other.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 100
        store.flush()
        assert other.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 120
        other.close()


def test_uri_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rel = SQLitePageStore.from_uri("sqlite:///rel/s.sqlite")
    assert rel.path == "rel/s.sqlite"
    rel.close()
    assert (tmp_path / "rel" / "s.sqlite").exists()
    absolute = SQLitePageStore.from_uri(f"sqlite:///{tmp_path}/abs.sqlite")
    assert absolute.path == f"{tmp_path}/abs.sqlite"
    absolute.close()
    mem = SQLitePageStore.from_uri("sqlite:///:memory:")
    mem.upsert_page(page("http://a.gov.cn/"))
    assert mem.count_pages("c1") == 1
    mem.close()
    with pytest.raises(ValueError):
        SQLitePageStore.from_uri("sqlite://")
    with pytest.raises(ValueError):
        SQLitePageStore.from_uri("mongodb://x")
