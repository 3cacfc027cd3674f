"""``govspider worker``: crawl from a campaign's shared queue until it is drained (any number, any machine)."""

from __future__ import annotations

import json

import click

from ._fullstack import fail, load_campaign, mongo_option, open_mongo_store, redis_option, services_or_exit


@click.command("worker")
@click.option("--campaign", "campaign_id", default=None, help="campaign id (default: the newest one started)")
@click.option("--stay", is_flag=True, help="keep running after the campaign is drained")
@click.option("--concurrency", type=int, default=None, help="requests in flight in this worker (CONCURRENT_REQUESTS)")
@click.option("--site-rate", type=float, default=None,
              help="requests per second per host for the whole cluster (default 4)")
@click.option("--dupefilter", type=click.Choice(["set", "bloom"]), default=None, help="seen-URL filter in Redis")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE", help="any Scrapy/govspider setting")
@redis_option
@mongo_option
def command(campaign_id, stay, concurrency, site_rate, dupefilter, overrides, redis_url, mongo_url):
    """Crawl pages of a campaign from Redis into MongoDB; exits when the campaign is drained."""
    from govspider.distributed.connection import get_redis, mongo_url as resolve_mongo, redis_url as resolve_redis
    from govspider.distributed.worker import latest_campaign, run_worker

    settings = {}
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.UsageError(f"-s expects NAME=VALUE (got {item!r})")
        settings[name.strip()] = value
    if concurrency:
        settings["CONCURRENT_REQUESTS"] = concurrency
    if site_rate is not None:
        settings["GOVSPIDER_SITE_RATE"] = site_rate
    if dupefilter:
        settings["GOVSPIDER_DUPEFILTER"] = dupefilter
    with services_or_exit():
        redis_url, mongo_url = resolve_redis(redis_url), resolve_mongo(mongo_url)
        server = get_redis(redis_url)
        campaign_id = campaign_id or latest_campaign(server)
        if not campaign_id:
            fail("no campaign to work on: start one with `govspider campaign start --sites FILE`")
        with open_mongo_store(mongo_url) as store:
            record = load_campaign(store, campaign_id)
    # the campaign's own crawl settings (e.g. home pages only), then this worker's flags
    settings = {**(record.get("settings") or {}), **settings}
    summary = run_worker(campaign_id, redis_url, mongo_url, settings, stay=stay)
    click.echo(json.dumps(summary, ensure_ascii=False))
    if summary["close_reason"] not in ("finished", "shutdown"):
        # e.g. store_unavailable: its requests went back to the queue; a supervisor restarts it
        raise SystemExit(1)
