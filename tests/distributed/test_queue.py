"""The reliable queue, seen filters and global rate limit against a real Redis server."""

from __future__ import annotations

import time

import pytest
from scrapy import Request
from scrapy.utils.request import request_from_dict

from govspider.distributed import serialize
from govspider.distributed.connection import ServiceUnavailable, get_redis
from govspider.distributed.dupefilter import RedisBloomDupeFilter, RedisSetDupeFilter
from govspider.distributed.queue import ReliableQueue
from govspider.distributed.ratelimit import SiteRateLimiter


def q(client, campaign, worker="w1", lease=30.0, rate=0.0):
    return ReliableQueue(client, campaign, worker=worker, lease_seconds=lease, site_rate=rate)


def test_push_pop_fifo_within_priority_per_host(redis_client, campaign_id):
    queue = q(redis_client, campaign_id)
    for i in range(3):
        queue.push(f"p{i}".encode(), "a.gov.cn")
    queue.push(b"urgent", "a.gov.cn", priority=5)
    got = [queue.pop()[1] for _ in range(4)]
    assert got == [b"urgent", b"p0", b"p1", b"p2"]
    assert queue.pop() == (None, None, -1.0)
    assert queue.leased() == 4 and not queue.drained()
    rid = queue.pop()[0]
    assert rid is None


def test_one_big_site_never_blocks_the_others(redis_client, campaign_id):
    queue = q(redis_client, campaign_id, rate=2.0)
    for i in range(500):
        queue.push(f"big{i}".encode(), "www.hunan.gov.cn")
    for host in ("a.gov.cn", "b.gov.cn", "c.gov.cn"):
        queue.push(host.encode(), host)
    got = []
    for _ in range(6):
        rid, data, wait = queue.pop()
        if rid:
            got.append(data)
    # one request of the big site (its rate allows one now), then every other site at once
    assert sorted(got) == [b"a.gov.cn", b"b.gov.cn", b"big0", b"c.gov.cn"]
    rid, data, wait = queue.pop()
    assert rid is None and 0.3 < wait <= 0.5


def test_ack_and_drain(redis_client, campaign_id):
    queue = q(redis_client, campaign_id)
    queue.push(b"x", "a.gov.cn")
    rid, data, _ = queue.pop()
    assert not queue.drained()  # leased, not finished
    assert queue.ack([rid]) == 1
    assert queue.drained()
    assert queue.ack([rid]) == 0  # idempotent


def test_lease_of_dead_worker_is_requeued_for_another(redis_client, campaign_id):
    dead = q(redis_client, campaign_id, worker="dead", lease=0.3)
    alive = q(redis_client, campaign_id, worker="alive", lease=0.3)
    dead.push(b"page", "a.gov.cn")
    rid, _, _ = dead.pop()
    assert alive.pop()[0] is None  # taken
    time.sleep(0.4)  # the dead worker never renews
    assert not alive.drained()  # re-queues the expired lease
    rid2, data, _ = alive.pop()
    assert (rid2, data) == (rid, b"page")
    assert alive.stats()["requeued"] == 1


def test_renewed_lease_is_kept_and_owner_checked(redis_client, campaign_id):
    owner = q(redis_client, campaign_id, worker="owner", lease=0.4)
    other = q(redis_client, campaign_id, worker="other", lease=0.4)
    owner.push(b"page", "a.gov.cn")
    rid, _, _ = owner.pop()
    for _ in range(4):
        time.sleep(0.2)
        assert other.renew([rid]) == 0  # not its lease
        assert owner.renew([rid]) == 1
        assert other.requeue_expired()[0] == 0
    assert other.pop()[0] is None


def test_release_gives_back_at_once(redis_client, campaign_id):
    queue = q(redis_client, campaign_id)
    queue.push(b"page", "a.gov.cn")
    rid, _, _ = queue.pop()
    assert queue.release([rid]) == 1
    assert len(queue) == 1 and queue.leased() == 0


def test_push_with_seen_filter_is_atomic_and_exact(redis_client, campaign_id):
    queue = q(redis_client, campaign_id)
    df = RedisSetDupeFilter(redis_client, queue.keys["seen"])
    req = Request("http://www.csx.gov.cn/tzgg/index.html")
    assert queue.push(b"1", "www.csx.gov.cn", seen=df.push_args(req)) > 0
    assert queue.push(b"2", "www.csx.gov.cn", seen=df.push_args(Request(req.url))) == 0
    assert df.request_seen(req) is True
    assert len(queue) == 1


def test_bloom_filter_sizes_and_false_positive_rate(redis_client, campaign_id):
    queue = q(redis_client, campaign_id)
    bloom = RedisBloomDupeFilter(redis_client, queue.keys["seen"], capacity=2000, error_rate=0.01)
    assert bloom.hashes == 7 and 19000 < bloom.bits < 19300
    assert bloom.false_positive_rate() == pytest.approx(0.01, rel=0.05)
    new = sum(queue.push(b"x", "h", seen=bloom.push_args(Request(f"http://a.gov.cn/p{i}.html"))) > 0 for i in range(2000))
    assert new >= 1990  # at most a few false positives while filling
    assert all(bloom.contains(Request(f"http://a.gov.cn/p{i}.html")) for i in range(0, 2000, 7))
    fresh = sum(bloom.contains(Request(f"http://b.gov.cn/q{i}.html")) for i in range(3000))
    assert fresh / 3000 < 0.03  # measured false positives near the stated 1 %
    assert redis_client.strlen(bloom.key) <= bloom.bits // 8 + 1


def test_global_rate_limit_is_shared_by_workers(redis_client, campaign_id):
    a = q(redis_client, campaign_id, worker="a", rate=5.0)  # 200 ms between requests to one host
    b = q(redis_client, campaign_id, worker="b", rate=5.0)
    for i in range(10):
        a.push(f"x{i}".encode(), "slow.gov.cn")
    a.push(b"other", "fast.gov.cn")
    t0 = time.monotonic()
    got = []
    while len(got) < 6:
        for queue in (a, b):
            rid, data, wait = queue.pop()
            if rid:
                got.append((time.monotonic() - t0, data))
            elif wait > 0:
                time.sleep(min(wait, 0.05))
    slow_times = [t for t, d in got if d != b"other"]
    assert b"other" in [d for _, d in got[:2]]  # not blocked behind the rate-limited host
    gaps = [later - earlier for earlier, later in zip(slow_times, slow_times[1:])]
    assert min(gaps) >= 0.18  # two workers together still send one request per 200 ms


def test_rate_limiter_alone(redis_client, campaign_id):
    limiter = SiteRateLimiter(redis_client, f"govspider:{campaign_id}:rate:", rate=2.0)
    assert limiter.acquire("www.csx.gov.cn") == 0.0
    wait = limiter.acquire("www.csx.gov.cn")
    assert 0.3 < wait <= 0.5
    assert limiter.acquire("jyj.csx.gov.cn") == 0.0


def test_requests_travel_as_json_not_pickle():
    req = Request("http://www.csx.gov.cn/搜索?q=政务", method="POST", body="政务公开".encode("gb18030"),
                  headers={"Referer": "http://www.csx.gov.cn/"}, meta={"site_code": "4300000001", "depth": 2},
                  priority=3)
    data = serialize.dumps(req.to_dict())
    assert data.startswith(b"{") and b"site_code" in data
    back = request_from_dict(serialize.loads(data))
    assert (back.url, back.method, back.body, back.meta, back.priority) == (req.url, req.method, req.body, req.meta, 3)
    assert back.headers[b"Referer"] == b"http://www.csx.gov.cn/"
    with pytest.raises(TypeError, match="JSON-able"):
        serialize.dumps(Request("http://a.gov.cn/", meta={"obj": object()}).to_dict())


def test_unreachable_redis_says_which_url_and_what_to_do():
    with pytest.raises(ServiceUnavailable) as err:
        get_redis("redis://127.0.0.1:9/0", timeout=0.3)
    assert "redis://127.0.0.1:9/0" in str(err.value) and "deploy/stack.sh start" in str(err.value)
