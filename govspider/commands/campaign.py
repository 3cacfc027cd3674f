"""``govspider campaign start|list|status``: sample sites, record the campaign in MongoDB, enqueue it."""

from __future__ import annotations

import json

import click

from ._fullstack import load_campaign, mongo_option, open_mongo_store, redis_option, services_or_exit


@click.group("campaign")
def command():
    """抽查批次: start a campaign on the full stack (Redis + MongoDB) and follow it."""


@command.command("start")
@click.option("--sites", "sites_file", required=True, type=click.Path(dir_okay=False), help="sites file (YAML or CSV)")
@click.option("--sample", "fraction", type=float, default=1.0, show_default=True,
              help="fraction of sites drawn per group, e.g. 0.5 (≥ 1 per group)")
@click.option("--by", type=click.Choice(["region", "level", "kind", "county", "none"]), default="region",
              show_default=True, help="sampling groups (region = 市州)")
@click.option("--seed", type=int, default=None, help="random seed of the draw (reproducible sample)")
@click.option("--as-of", "as_of", default=None, help="check date YYYY-MM-DD (default: today)")
@click.option("--ruleset", type=click.Choice(["2015", "2019"]), default="2019", show_default=True)
@click.option("--campaign", "campaign_id", default=None, help="campaign id (default: <as-of>-<random>)")
@click.option("--max-pages", type=click.IntRange(min=1), default=None, help="page cap per site (1 = home page only)")
@click.option("--max-depth", type=click.IntRange(min=0), default=None, help="depth cap (clicks from the home page)")
@redis_option
@mongo_option
def start(sites_file, fraction, by, seed, as_of, ruleset, campaign_id, max_pages, max_depth, redis_url, mongo_url):
    """Sample the sites, save the campaign, enqueue every sampled site; print the campaign id."""
    from govspider.campaigns import new_campaign
    from govspider.commands.run import parse_as_of
    from govspider.distributed.connection import get_redis, redis_url as resolve_redis
    from govspider.distributed.worker import seed_campaign
    from govspider.sites import SitesFileError, load_sites

    try:
        sites = load_sites(sites_file)
    except SitesFileError as exc:
        raise click.UsageError("the sites file cannot be used:\n  " + "\n  ".join(exc.problems)) from None
    try:
        record = new_campaign(sites, parse_as_of(as_of), ruleset, fraction, None if by == "none" else by, seed,
                              campaign_id)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    record["settings"] = {k: v for k, v in (("GOVSPIDER_MAX_PAGES", max_pages), ("GOVSPIDER_MAX_DEPTH", max_depth))
                          if v is not None}
    with services_or_exit():
        redis_url = resolve_redis(redis_url)
        get_redis(redis_url)  # fail fast before anything is written
        with open_mongo_store(mongo_url) as store:
            if store.get_campaign(record["id"]):
                raise click.UsageError(f"campaign {record['id']} exists already: choose another --campaign")
            store.save_campaign(record)
        queued = seed_campaign(record, redis_url, record["settings"])
    sample = record["sample"]
    click.echo(f"批次 {record['id']}：抽查 {sample['sampled_sites']}/{sample['registry_sites']} 个网站，"
               f"已入队 {queued} 个首页（基准日 {record['as_of']}，指标 {ruleset}）", err=True)
    click.echo(record["id"])


@command.command("list")
@mongo_option
def list_(mongo_url):
    """Campaigns in the page store."""
    with services_or_exit(), open_mongo_store(mongo_url) as store:
        for c in store.list_campaigns():
            click.echo(f"{c['id']}\t{c.get('as_of')}\t{c.get('ruleset')}\t{len(c.get('sites') or [])} sites")


@command.command("status")
@click.argument("campaign_id")
@redis_option
@mongo_option
def status(campaign_id, redis_url, mongo_url):
    """Queue, leases and stored pages of a campaign (JSON)."""
    from govspider.distributed.connection import get_redis
    from govspider.distributed.queue import ReliableQueue

    with services_or_exit():
        queue = ReliableQueue(get_redis(redis_url), campaign_id)
        with open_mongo_store(mongo_url) as store:
            load_campaign(store, campaign_id)
            stats = queue.stats()
            stats.update(campaign=campaign_id, pages=store.count_pages(campaign_id), drained=queue.drained())
    click.echo(json.dumps(stats, ensure_ascii=False))
