"""The per-site (per-host) rate limit, kept in Redis so the whole cluster shares one clock and one budget.

Each host has one Redis string holding the earliest time (server milliseconds) its next request may
be sent. Taking a slot is atomic (Lua), so two workers can never both send "the next" request to a
host: adding workers never hits a site harder. The queue's pop script uses the same key and logic
(:data:`ACQUIRE_LUA_BODY`) so a request is only leased when its host allows it now.
"""

from __future__ import annotations

# ARGV-free snippet used inside scripts: needs locals `now` (ms), `host`, `prefix`, `interval` (ms);
# sets `granted` (bool) and `wait_ms` (ms until allowed when not granted)
ACQUIRE_LUA_BODY = """
local granted = true
local wait_ms = 0
if interval > 0 then
  local nxt = tonumber(redis.call('GET', prefix .. host) or '0')
  if nxt > now then
    granted = false
    wait_ms = nxt - now
  else
    redis.call('SET', prefix .. host, now + interval, 'PX', interval * 2 + 1000)
  end
end
"""

NOW_LUA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
"""

_ACQUIRE = NOW_LUA + """
local prefix = ARGV[1]
local host = ARGV[2]
local interval = tonumber(ARGV[3])
""" + ACQUIRE_LUA_BODY + """
if granted then return 0 end
return wait_ms
"""


def interval_ms(rate: float) -> int:
    """Milliseconds between two requests to one host for ``rate`` requests/second (0 = unlimited)."""
    return 0 if not rate or rate <= 0 else max(1, int(round(1000.0 / rate)))


class SiteRateLimiter:
    """``acquire(host)`` → 0.0 when a request may go now (and takes the slot), else seconds to wait."""

    def __init__(self, server, prefix: str, rate: float):
        self.server = server
        self.prefix = prefix
        self.interval = interval_ms(rate)
        self._script = server.register_script(_ACQUIRE)

    def acquire(self, host: str) -> float:
        wait = int(self._script(args=[self.prefix, host.lower(), self.interval]))
        return wait / 1000.0
