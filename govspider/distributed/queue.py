"""The reliable request queue of one campaign: pending requests, leases, re-queue on timeout, drain.

A pop moves a request from the pending sorted set to a lease (deadline in Redis server time, owner =
worker id) in one Lua script, skipping hosts whose global rate limit does not allow a request yet.
The worker renews its leases by heartbeat and acknowledges a request only after it was fully
processed (page stored, links enqueued). A worker killed with SIGKILL stops renewing: its leases
expire and any worker puts them back in the queue, so nothing taken is lost. The campaign is
*drained* when nothing is pending and nobody holds a lease.

Push optionally checks a seen-URL filter in the same script (a Redis set, or Bloom bit positions),
so "mark as seen" and "enqueue" can never be separated by a crash.
"""

from __future__ import annotations

from .defaults import campaign_keys
from .ratelimit import ACQUIRE_LUA_BODY, NOW_LUA, interval_ms

# Pending requests are kept twice: in one zset of the whole campaign (its size, its order) and in a
# zset per host; a zset of hosts holds when each host may be asked next. A pop takes the first
# ready host (round-robin by readiness), checks the global per-host rate key, and leases that host's
# best request — so one big site never blocks the others, and the rate limit is exact.

_REQUEUE_ONE = """
local function requeue(id)
  local s = redis.call('HGET', KEYS_score, id)
  if not s then return 0 end
  local host = redis.call('HGET', KEYS_host, id) or ''
  redis.call('ZADD', KEYS_queue, s, id)
  redis.call('ZADD', HOSTQ .. host, s, id)
  redis.call('ZADD', KEYS_hosts, 'NX', 0, host)
  return 1
end
"""

# KEYS: queue data host score seq seen stats hosts ; ARGV: payload host priority mode hostq fp-or-positions...
_PUSH = """
local mode = ARGV[4]
if mode == 'set' then
  if redis.call('SADD', KEYS[6], ARGV[6]) == 0 then return 0 end
elseif mode == 'bloom' then
  local new = false
  for i = 6, #ARGV do
    if redis.call('SETBIT', KEYS[6], ARGV[i], 1) == 0 then new = true end
  end
  if not new then return 0 end
end
local id = redis.call('INCR', KEYS[5])
local score = -tonumber(ARGV[3]) * 1e12 + id
redis.call('HSET', KEYS[2], id, ARGV[1])
redis.call('HSET', KEYS[3], id, ARGV[2])
redis.call('HSET', KEYS[4], id, score)
redis.call('ZADD', KEYS[1], score, id)
redis.call('ZADD', ARGV[5] .. ARGV[2], score, id)
redis.call('ZADD', KEYS[8], 'NX', 0, ARGV[2])
redis.call('HINCRBY', KEYS[7], 'pushed', 1)
return id
"""

# KEYS: queue data host leases owner hosts ; ARGV: lease_ms worker tries rate_prefix interval_ms hostq
_POP = NOW_LUA + """
local prefix = ARGV[4]
local interval = tonumber(ARGV[5])
for attempt = 1, tonumber(ARGV[3]) do
  local ready = redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', now, 'LIMIT', 0, 1)
  if #ready == 0 then break end
  local host = ready[1]
  local hq = ARGV[6] .. host
  local head = redis.call('ZRANGE', hq, 0, 0)
  if #head == 0 then
    redis.call('ZREM', KEYS[6], host)
  else
    local granted = true
    local wait_ms = 0
    if host ~= '' then
""" + ACQUIRE_LUA_BODY.replace("local granted = true\nlocal wait_ms = 0\n", "") + """
    end
    if not granted then
      redis.call('ZADD', KEYS[6], now + wait_ms, host)
    else
      local id = head[1]
      redis.call('ZREM', hq, id)
      redis.call('ZREM', KEYS[1], id)
      if redis.call('ZCARD', hq) == 0 then
        redis.call('ZREM', KEYS[6], host)
      else
        redis.call('ZADD', KEYS[6], now + interval, host)
      end
      redis.call('ZADD', KEYS[4], now + tonumber(ARGV[1]), id)
      redis.call('HSET', KEYS[5], id, ARGV[2])
      return {id, redis.call('HGET', KEYS[2], id)}
    end
  end
end
local first = redis.call('ZRANGE', KEYS[6], 0, 0, 'WITHSCORES')
if #first == 0 then return {'', '-1'} end
local wait = tonumber(first[2]) - now
if wait < 1 then wait = 1 end
return {'', tostring(wait)}
"""

# KEYS: queue leases owner data host score stats ; ARGV: hostq ids...
_ACK = """
local n = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  n = n + redis.call('ZREM', KEYS[2], id)
  if redis.call('ZREM', KEYS[1], id) == 1 then
    redis.call('ZREM', ARGV[1] .. (redis.call('HGET', KEYS[5], id) or ''), id)
  end
  redis.call('HDEL', KEYS[3], id)
  redis.call('HDEL', KEYS[4], id)
  redis.call('HDEL', KEYS[5], id)
  redis.call('HDEL', KEYS[6], id)
end
redis.call('HINCRBY', KEYS[7], 'acked', #ARGV - 1)
return n
"""

# KEYS: leases owner workers ; ARGV: lease_ms worker ids...
_RENEW = NOW_LUA + """
local n = 0
for i = 3, #ARGV do
  if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[2] then
    n = n + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i])
  end
end
redis.call('ZADD', KEYS[3], now, ARGV[2])
return n
"""

# KEYS: queue leases owner score stats host hosts ; ARGV: hostq worker-or-empty ids... (give back at once)
_RELEASE = """
local KEYS_queue, KEYS_score, KEYS_host, KEYS_hosts, HOSTQ = KEYS[1], KEYS[4], KEYS[6], KEYS[7], ARGV[1]
""" + _REQUEUE_ONE + """
local n = 0
for i = 3, #ARGV do
  local id = ARGV[i]
  if ARGV[2] == '' or redis.call('HGET', KEYS[3], id) == ARGV[2] then
    if redis.call('ZREM', KEYS[2], id) == 1 then
      redis.call('HDEL', KEYS[3], id)
      n = n + requeue(id)
    end
  end
end
redis.call('HINCRBY', KEYS[5], 'released', n)
return n
"""

# KEYS: queue leases owner score stats host hosts ; ARGV: hostq limit
_REQUEUE_EXPIRED = NOW_LUA + """
local KEYS_queue, KEYS_score, KEYS_host, KEYS_hosts, HOSTQ = KEYS[1], KEYS[4], KEYS[6], KEYS[7], ARGV[1]
""" + _REQUEUE_ONE + """
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  requeue(id)
end
if #ids > 0 then redis.call('HINCRBY', KEYS[5], 'requeued', #ids) end
local pending = redis.call('ZCARD', KEYS[1])
local leased = redis.call('ZCARD', KEYS[2])
return {#ids, pending, leased}
"""


class ReliableQueue:
    """The shared queue of one campaign in Redis (payloads are opaque bytes, see ``serialize``)."""

    def __init__(self, server, campaign: str, worker: str = "", lease_seconds: float = 30.0,
                 site_rate: float = 0.0, scan: int = 64):
        """``scan``: how many ready hosts one pop may try when other campaigns hold their rate slot."""
        self.server = server
        self.campaign = campaign
        self.worker = worker
        self.keys = campaign_keys(campaign)
        self.lease_ms = int(lease_seconds * 1000)
        self.interval = interval_ms(site_rate)
        self.scan = scan
        self._push = server.register_script(_PUSH)
        self._pop = server.register_script(_POP)
        self._ack = server.register_script(_ACK)
        self._renew = server.register_script(_RENEW)
        self._release = server.register_script(_RELEASE)
        self._requeue = server.register_script(_REQUEUE_EXPIRED)

    # -- producing ---------------------------------------------------------------------------------
    def push(self, payload: bytes, host: str = "", priority: int = 0, seen: tuple = ("", ())) -> int:
        """Enqueue ``payload``; ``seen`` = (mode, args) from a dupefilter's ``push_args``.

        Returns the new id, or 0 when the filter had already seen the request (nothing enqueued).
        """
        k = self.keys
        mode, args = seen
        return int(self._push(
            keys=[k["queue"], k["data"], k["host"], k["score"], k["seq"], k["seen"], k["stats"], k["hosts"]],
            args=[payload, (host or "").lower(), int(priority), mode, k["hostq"], *args],
        ))

    # -- consuming ---------------------------------------------------------------------------------
    def pop(self) -> tuple[str | None, bytes | None, float]:
        """Lease the first request whose host may be fetched now: (id, payload, 0) or (None, None, wait).

        ``wait`` is the seconds until a rate-limited host frees up (-1 when nothing is pending).
        """
        k = self.keys
        rid, data = self._pop(
            keys=[k["queue"], k["data"], k["host"], k["leases"], k["owner"], k["hosts"]],
            args=[self.lease_ms, self.worker, self.scan, k["rate"], self.interval, k["hostq"]],
        )
        rid = rid.decode() if isinstance(rid, bytes) else rid
        if not rid:
            wait = float(data)
            return None, None, (wait / 1000.0 if wait >= 0 else -1.0)
        return rid, data, 0.0

    def ack(self, ids) -> int:
        """Forget fully processed requests (idempotent; also when the lease had expired meanwhile)."""
        ids = list(ids)
        if not ids:
            return 0
        k = self.keys
        return int(self._ack(keys=[k["queue"], k["leases"], k["owner"], k["data"], k["host"], k["score"], k["stats"]],
                             args=[k["hostq"], *ids]))

    def renew(self, ids) -> int:
        """Extend this worker's leases on ``ids`` and record its heartbeat."""
        k = self.keys
        return int(self._renew(keys=[k["leases"], k["owner"], k["workers"]], args=[self.lease_ms, self.worker, *ids]))

    def release(self, ids, any_owner: bool = False) -> int:
        """Give leased requests back to the queue now (a worker shutting down mid-crawl)."""
        ids = list(ids)
        if not ids:
            return 0
        k = self.keys
        return int(self._release(keys=[k["queue"], k["leases"], k["owner"], k["score"], k["stats"], k["host"], k["hosts"]],
                                 args=[k["hostq"], "" if any_owner else self.worker, *ids]))

    def requeue_expired(self, limit: int = 1000) -> tuple[int, int, int]:
        """Put requests whose lease ran out back in the queue: (requeued, pending, leased)."""
        k = self.keys
        n, pending, leased = self._requeue(keys=[k["queue"], k["leases"], k["owner"], k["score"], k["stats"], k["host"], k["hosts"]],
                                           args=[k["hostq"], limit])
        return int(n), int(pending), int(leased)

    def drained(self) -> bool:
        """True when nothing is pending and no worker holds a live lease (expired ones are re-queued)."""
        _, pending, leased = self.requeue_expired()
        return pending == 0 and leased == 0

    # -- inspecting --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self.server.zcard(self.keys["queue"]))

    def leased(self) -> int:
        return int(self.server.zcard(self.keys["leases"]))

    def stats(self) -> dict:
        raw = self.server.hgetall(self.keys["stats"])
        out = {k.decode(): int(v) for k, v in raw.items()}
        out.update(pending=len(self), leased=self.leased())
        return out

    def clear(self) -> None:
        """Delete every key of the campaign's queue (not the seen filter)."""
        k = self.keys
        hosts = [h.decode() for h in self.server.zrange(k["hosts"], 0, -1)]
        self.server.delete(*(k[n] for n in ("queue", "data", "host", "score", "leases", "owner", "seq", "workers",
                                            "stats", "hosts")), *(k["hostq"] + h for h in hosts))
