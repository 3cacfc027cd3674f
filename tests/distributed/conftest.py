"""Fixtures of the distributed tests: real Redis and MongoDB (FerretDB), fresh keys/databases per test."""

from __future__ import annotations

import uuid

import pytest

from .services import Services


@pytest.fixture(scope="session")
def services():
    svc = Services()
    yield svc
    svc.stop()


@pytest.fixture
def redis_url(services):
    return services.redis_url()


@pytest.fixture
def redis_client(redis_url):
    import redis
    return redis.Redis.from_url(redis_url)


@pytest.fixture
def campaign_id():
    return "t" + uuid.uuid4().hex[:10]


@pytest.fixture
def mongo_base(services):
    """mongodb://HOST:PORT (no database)."""
    return services.mongo_url()


@pytest.fixture
def mongo_uri(mongo_base):
    """A fresh database per test, dropped afterwards."""
    name = "t_" + uuid.uuid4().hex[:10]
    yield f"{mongo_base}/{name}"
    import pymongo
    client = pymongo.MongoClient(mongo_base, serverSelectionTimeoutMS=3000)
    client.drop_database(name)
    client.close()
