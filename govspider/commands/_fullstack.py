"""Shared by the full-stack commands: endpoint options and turning service errors into exit 2."""

from __future__ import annotations

import contextlib
import sys

import click

redis_option = click.option("--redis", "redis_url", default=None, metavar="URL",
                            help="Redis URL (default: $GOVSPIDER_REDIS_URL)")
mongo_option = click.option("--mongo", "mongo_url", default=None, metavar="URL",
                            help="MongoDB URL mongodb://HOST:PORT/DB (default: $GOVSPIDER_MONGO_URL)")
es_option = click.option("--es", "es_url", default=None, metavar="URL",
                         help="search index findings are published to: http(s)://HOST:PORT[?prefix=P] "
                              "(default: $GOVSPIDER_INDEX, else $GOVSPIDER_ES_URL, else the embedded "
                              "$GOVSPIDER_STATE_DIR/index.sqlite)")


def fail(message: str):
    from govspider.redact import redact

    click.echo(f"Error: {redact(message)}", err=True)
    sys.exit(2)


@contextlib.contextmanager
def services_or_exit():
    """Redis/MongoDB unreachable → exit 2 with the URL and how to start the stack."""
    from govspider.distributed.connection import ServiceUnavailable
    from govspider.storage.mongo import MongoUnavailable

    try:
        yield
    except (ServiceUnavailable, MongoUnavailable) as exc:
        fail(str(exc))


def open_mongo_store(mongo_url: str | None):
    from govspider.distributed.connection import mongo_url as resolve
    from govspider.storage.mongo import MongoPageStore

    url = resolve(mongo_url)
    try:
        return MongoPageStore.from_uri(url)
    except ValueError as exc:
        fail(f"{exc}")


def load_campaign(store, campaign_id: str) -> dict:
    record = store.get_campaign(campaign_id)
    if record is None:
        known = ", ".join(c["id"] for c in store.list_campaigns()[-10:]) or "none"
        fail(f"campaign {campaign_id!r} is not in the store (latest: {known}); start one with `govspider campaign start`")
    return record
