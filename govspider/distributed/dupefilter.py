"""Seen-URL filters in Redis: scrapy-redis's exact set, or a Bloom filter over SETBIT/GETBIT.

Debian's redis-server has no RedisBloom module, so the Bloom filter is a plain Redis string used as
a bit array: m bits, k positions per fingerprint by double hashing (Kirsch–Mitzenmacher). Sized for
``capacity`` URLs at ``error_rate``, its false-positive rate after n URLs is
``(1 - exp(-k n / m)) ** k`` (:meth:`RedisBloomDupeFilter.false_positive_rate`); a false positive
means one URL of that many is wrongly skipped. Memory is fixed: m/8 bytes (e.g. 10 M URLs at 0.1 %
→ 18 MB, ~1.8 bytes per URL, versus ~60–100 bytes per URL for the set).

Both filters can check-and-enqueue atomically with the queue (``push_args``), and work alone
(``request_seen``) as Scrapy dupefilters.
"""

from __future__ import annotations

import hashlib
import math

from scrapy_redis.dupefilter import RFPDupeFilter


class RedisSetDupeFilter(RFPDupeFilter):
    """scrapy-redis's set of sha1 request fingerprints, kept for the whole campaign (never cleared on close)."""

    mode = "set"

    def push_args(self, request) -> tuple[str, list]:
        return "set", [self.request_fingerprint(request)]

    def close(self, reason=""):
        """Keep the fingerprints: other workers of the campaign still use them."""


class RedisBloomDupeFilter(RedisSetDupeFilter):
    """A Bloom filter of request fingerprints in one Redis string (bit array)."""

    mode = "bloom"
    MAX_BITS = 2**32  # a Redis string holds at most 512 MB

    def __init__(self, server, key, debug=False, capacity: int = 10_000_000, error_rate: float = 0.001):
        super().__init__(server, key, debug)
        if capacity < 1 or not 0 < error_rate < 1:
            raise ValueError("Bloom filter needs capacity >= 1 and 0 < error_rate < 1")
        self.capacity = capacity
        self.error_rate = error_rate
        self.bits, self.hashes = self.size_for(capacity, error_rate)

    @classmethod
    def size_for(cls, capacity: int, error_rate: float) -> tuple[int, int]:
        """(m bits, k hashes) for ``capacity`` items at ``error_rate``."""
        m = math.ceil(-capacity * math.log(error_rate) / (math.log(2) ** 2))
        if m > cls.MAX_BITS:
            raise ValueError(f"a Bloom filter for {capacity} URLs at {error_rate} needs {m} bits; Redis allows {cls.MAX_BITS}")
        k = max(1, round(m / capacity * math.log(2)))
        return m, k

    def false_positive_rate(self, n: int | None = None) -> float:
        """Expected false-positive rate after ``n`` URLs (default: at capacity)."""
        n = self.capacity if n is None else n
        return (1 - math.exp(-self.hashes * n / self.bits)) ** self.hashes

    def positions(self, fingerprint: str) -> list[int]:
        digest = hashlib.sha256(fingerprint.encode("ascii")).digest()
        h1 = int.from_bytes(digest[:8], "big")
        h2 = int.from_bytes(digest[8:16], "big") | 1
        return [(h1 + i * h2) % self.bits for i in range(self.hashes)]

    def push_args(self, request) -> tuple[str, list]:
        return "bloom", self.positions(self.request_fingerprint(request))

    def request_seen(self, request) -> bool:
        with self.server.pipeline(transaction=True) as pipe:
            for pos in self.positions(self.request_fingerprint(request)):
                pipe.setbit(self.key, pos, 1)
            old_bits = pipe.execute()
        return all(old_bits)

    def contains(self, request) -> bool:
        """Whether the filter (probably) saw ``request``, without adding it."""
        with self.server.pipeline(transaction=False) as pipe:
            for pos in self.positions(self.request_fingerprint(request)):
                pipe.getbit(self.key, pos)
            return all(pipe.execute())

    def memory_bytes(self) -> int:
        return self.bits // 8
