"""Distributed crawls: a scrapy-redis scheduler with leases, Redis dupefilters, a global rate limit.

Modules (one job each, imported only through class paths in settings where Scrapy allows it):

- ``defaults``    setting names and their defaults, and the Redis key layout of a campaign
- ``connection``  Redis client from a URL, pinged (fail fast with what to do)
- ``serialize``   requests to JSON and back (never pickle)
- ``ratelimit``   the per-site rate limit kept in Redis (one clock for the whole cluster)
- ``queue``       the reliable request queue: pending set, leases, re-queue on timeout, drain
- ``dupefilter``  seen-URL filters: a Redis set, or a Bloom filter over SETBIT/GETBIT
- ``scheduler``   the Scrapy scheduler (scrapy-redis's) that ties those together per campaign
- ``worker``      builds and runs a worker crawler process for a campaign
"""
