"""Defaults of the distributed settings, named exactly like the settings, and the Redis key layout."""

from __future__ import annotations

#: Redis URL when neither ``--redis`` nor ``GOVSPIDER_REDIS_URL`` is given
REDIS_URL = "redis://127.0.0.1:6379/0"
#: MongoDB URL when neither ``--mongo`` nor ``GOVSPIDER_MONGO_URL`` is given
MONGO_URL = "mongodb://127.0.0.1:27017/govspider"

#: seconds a popped request stays leased to a worker without a heartbeat; then any worker re-queues it
GOVSPIDER_LEASE_SECONDS = 30.0
#: how often a worker renews its leases, acknowledges finished requests and checks the drain condition
GOVSPIDER_HEARTBEAT_SECONDS = 0.25
#: politeness: requests per second per host, across the whole cluster
GOVSPIDER_SITE_RATE = 4.0
#: how many queue heads a pop looks at to find a host whose rate allows a request now
GOVSPIDER_POP_SCAN = 64
#: seen-URL filter: "set" (exact, ~60-100 bytes per URL) or "bloom" (fixed memory, small false-positive rate)
GOVSPIDER_DUPEFILTER = "set"
#: Bloom filter sizing: expected URLs and target false-positive rate
GOVSPIDER_BLOOM_CAPACITY = 10_000_000
GOVSPIDER_BLOOM_ERROR_RATE = 0.001
#: keep the worker running after the campaign is drained (waits for the next campaign)
GOVSPIDER_STAY = False

KEY_PREFIX = "govspider"
#: politeness is per host across every campaign and worker: one key per host, not per campaign
RATE_PREFIX = f"{KEY_PREFIX}:rate:"


def campaign_keys(campaign: str) -> dict[str, str]:
    """Every Redis key of one campaign (all share the ``govspider:{campaign}:`` prefix)."""
    base = f"{KEY_PREFIX}:{campaign}:"
    return {
        "queue": base + "queue",        # zset id -> score (priority, then FIFO): every pending request
        "hostq": base + "q:",           # prefix: zset per host of its pending requests
        "hosts": base + "hosts",        # zset host -> time (ms) it may be asked next (ready hosts <= now)
        "data": base + "data",          # hash id -> request JSON
        "host": base + "host",          # hash id -> host (for the rate limit)
        "score": base + "score",        # hash id -> score (to re-queue at the same place)
        "leases": base + "leases",      # zset id -> lease deadline (server time)
        "owner": base + "owner",        # hash id -> worker id
        "seq": base + "seq",            # counter for ids / FIFO order
        "seen": base + "seen",          # set of fingerprints, or the Bloom bit array
        "rate": RATE_PREFIX,            # prefix: string per host = next allowed time (ms), shared by campaigns
        "workers": base + "workers",    # zset worker id -> last heartbeat
        "stats": base + "stats",        # hash of counters (acked, requeued, ...)
    }


#: zset of campaign ids -> creation time; workers without --campaign take the newest undrained one
CAMPAIGNS_KEY = f"{KEY_PREFIX}:campaigns"
