"""Redis connections from a URL: pinged at once, with an error that says which URL and how to start it."""

from __future__ import annotations

import os

import redis

from govspider.redact import redact

from . import defaults


class ServiceUnavailable(RuntimeError):
    """A service (Redis, MongoDB) did not answer; the message says which URL and what to do."""


def redis_url(url: str | None = None) -> str:
    return url or os.environ.get("GOVSPIDER_REDIS_URL") or defaults.REDIS_URL


def mongo_url(url: str | None = None) -> str:
    return url or os.environ.get("GOVSPIDER_MONGO_URL") or defaults.MONGO_URL


def get_redis(url: str | None = None, timeout: float = 5.0) -> redis.Redis:
    """A ready client for ``url`` (or GOVSPIDER_REDIS_URL); raises :class:`ServiceUnavailable`."""
    url = redis_url(url)
    try:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=timeout, socket_timeout=max(timeout, 30.0), decode_responses=False
        )
        client.ping()
    except (redis.RedisError, ValueError, OSError) as exc:
        raise ServiceUnavailable(
            f"Redis is not reachable at {redact(url)} ({redact(exc)}). Start the local stack with "
            "`bash deploy/stack.sh start && . deploy/.stack/env`, or pass --redis URL / set GOVSPIDER_REDIS_URL."
        ) from None
    return client
