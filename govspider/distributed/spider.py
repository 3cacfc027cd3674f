"""Spider ``site-redis``: the embedded ``site`` spider fed by the campaign's shared Redis queue.

Everything that decides what to fetch and how to parse it is :class:`~govspider.spiders.site.SiteSpider`
(seed, parse, site lookup, link following). What changes for a cluster:

- the sites, as-of date and ruleset come from the campaign record in the page store (MongoDB);
- there are no start requests: ``govspider campaign start`` enqueued the seeds (:func:`seed_campaign`);
- the crawl counters (pages per site, link checks per site, link sources seen) live in Redis
  hashes, so the per-site caps hold for the whole cluster, not per worker.
"""

from __future__ import annotations

from govspider.spiders.site import SiteSpider

from . import defaults
from .connection import get_redis


class RedisCounter:
    """The dict subset SiteSpider uses on its counters, kept in one Redis hash shared by all workers."""

    def __init__(self, server, key: str):
        self.server = server
        self.key = key

    def get(self, field, default=None):
        value = self.server.hget(self.key, str(field))
        return default if value is None else int(value)

    def __getitem__(self, field):
        value = self.get(field)
        if value is None:
            raise KeyError(field)
        return value

    def __setitem__(self, field, value):
        self.server.hset(self.key, str(field), int(value))

    def __contains__(self, field):
        return bool(self.server.hexists(self.key, str(field)))

    def setdefault(self, field, default=0):
        self.server.hsetnx(self.key, str(field), int(default))
        return self.get(field)


def redis_counters(server, campaign: str) -> dict:
    base = f"{defaults.KEY_PREFIX}:{campaign}:counter:"
    return {name: RedisCounter(server, base + name) for name in ("pages", "checks", "seen")}


class RedisSiteSpider(SiteSpider):
    name = "site-redis"

    def __init__(self, campaign=None, campaign_record=None, **kwargs):
        self._record = campaign_record
        super().__init__(campaign=campaign, **kwargs)

    def configure(self, settings) -> None:
        """Sites/as-of/ruleset from the campaign record (read from the store when not given)."""
        from govspider.sites import validate_rows
        from govspider.storage import open_store

        campaign = self._args["campaign"] or settings.get("GOVSPIDER_CAMPAIGN")
        if not campaign:
            raise ValueError("a worker needs a campaign id (govspider worker --campaign ID)")
        record = self._record
        if record is None:
            with open_store(settings.get("GOVSPIDER_STORE_URI")) as store:
                record = store.get_campaign(campaign)
            if record is None:
                raise ValueError(f"campaign {campaign} is not in the page store {settings.get('GOVSPIDER_STORE_URI')}")
        self._record = record
        sites = validate_rows(f"campaign {campaign}", [(i + 1, dict(s)) for i, s in enumerate(record["sites"])])
        self._args.update(campaign=campaign, sites=sites, as_of=record.get("as_of"), ruleset=record.get("ruleset"))
        super().configure(settings)
        self.state = redis_counters(get_redis(settings.get("GOVSPIDER_REDIS_URL")), campaign)

    def campaign_record(self) -> dict:
        """The record ``campaign start`` saved (sample and all), never a rebuilt one."""
        return dict(self._record)

    async def start(self):
        """No start requests: the seeds are in the shared queue already."""
        return
        yield  # an async generator that yields nothing
