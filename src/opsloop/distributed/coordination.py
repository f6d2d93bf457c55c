"""What the workers share through Redis besides the queue: one LLM rate limit for all of them, the
count of deliveries per document (the dead-letter rule), a lease per document (one worker at a time
runs a document's stages), and the queue depth for the metrics."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from functools import lru_cache

import redis

from opsloop.settings import Settings

# At most ARGV[1] starts in any 60-second window, over every worker: a sorted set of start times
# (Redis's own clock, so workers on different machines agree). Returns 0 when a slot was taken,
# else the seconds until the oldest start leaves the window.
_WINDOW_SCRIPT = """
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - 60)
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('EXPIRE', key, 61)
  return '0'
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return tostring(math.max(tonumber(oldest[2]) + 60 - now, 0.01))
"""

# kombu's Redis transport keeps a queue's messages in the list named after it, and messages of
# priorities 3, 6 and 9 in `<queue>\x06\x16<priority>`.
_PRIORITY_SEPARATOR = "\x06\x16"
_PRIORITY_STEPS = (3, 6, 9)


@lru_cache(maxsize=8)
def _client_for(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5, health_check_interval=30)


def redis_client(settings: Settings) -> redis.Redis:
    """The process-wide client for the broker's Redis (`OPSLOOP_RUNNER__BROKER_URL`)."""
    return _client_for(settings.runner.broker_url.get_secret_value())


class RedisRateLimiter:
    """The same interface as `opsloop.llm.client.RateLimiter` (at most `per_minute` request starts in
    any 60-second window), but one window for every process that uses the same Redis key."""

    def __init__(self, client: redis.Redis, per_minute: int, *, key: str = "opsloop:llm:starts") -> None:
        self.client = client
        self.per_minute = max(1, per_minute)
        self.key = key
        self._script = client.register_script(_WINDOW_SCRIPT)

    def try_acquire(self) -> float:
        """Take a slot now (returns 0.0) or say how many seconds until one frees up."""
        answer = self._script(keys=[self.key], args=[self.per_minute, uuid.uuid4().hex])
        return float(answer.decode() if isinstance(answer, bytes) else str(answer))

    def acquire(self, sleep: Callable[[float], None] = time.sleep) -> None:
        while True:
            wait = self.try_acquire()
            if wait <= 0:
                return
            sleep(wait)


def use_redis_rate_limit(settings: Settings) -> RedisRateLimiter:
    """Switch this process's LLM endpoint guard to the shared Redis window (workers call this at start)."""
    from opsloop.llm.client import endpoint_guard

    limiter = RedisRateLimiter(
        redis_client(settings),
        settings.llm.requests_per_minute,
        key=f"opsloop:llm:starts:{settings.llm.base_url}|{settings.llm.model}",
    )
    endpoint_guard(settings.llm).limiter = limiter  # type: ignore[assignment]
    return limiter


class AttemptCounter:
    """Deliveries of a document that did not finish: counted up when a task starts, cleared when it
    ends. A worker killed mid-task never clears it, so a document that keeps killing workers is seen."""

    def __init__(self, client: redis.Redis, *, prefix: str = "opsloop", ttl_seconds: int = 7 * 86400) -> None:
        self.client = client
        self.prefix = prefix
        self.ttl_seconds = ttl_seconds

    def _key(self, document_id: int) -> str:
        return f"{self.prefix}:attempts:{document_id}"

    def _error_key(self, document_id: int) -> str:
        return f"{self.prefix}:last_error:{document_id}"

    def begin(self, document_id: int) -> int:
        """Count a delivery; returns how many there have been (this one included)."""
        pipe = self.client.pipeline()
        pipe.incr(self._key(document_id))
        pipe.expire(self._key(document_id), self.ttl_seconds)
        count, _ = pipe.execute()
        return int(count)

    def note_error(self, document_id: int, error: str) -> None:
        self.client.set(self._error_key(document_id), error[:2000], ex=self.ttl_seconds)

    def last_error(self, document_id: int) -> str | None:
        value = self.client.get(self._error_key(document_id))
        if value is None:
            return None
        return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)

    def clear(self, document_id: int) -> None:
        self.client.delete(self._key(document_id), self._error_key(document_id))


# Delete the lease only if it is still the holder's (a lease that expired and was taken by another
# worker must not be released by the first).
_RELEASE_SCRIPT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class DocumentLock:
    """A lease on one document: while a worker runs its stages, a duplicate delivery of the same
    document (a redelivered message, the same id enqueued twice) waits instead of running a stage
    concurrently. The lease expires after `ttl_seconds` so a killed worker never blocks a document
    for good; past that, the document's version check still lets only one transaction commit."""

    def __init__(self, client: redis.Redis, *, prefix: str = "opsloop", ttl_seconds: int = 900) -> None:
        self.client = client
        self.prefix = prefix
        self.ttl_ms = max(1, ttl_seconds) * 1000
        self._release = client.register_script(_RELEASE_SCRIPT)

    def _key(self, document_id: int) -> str:
        return f"{self.prefix}:lease:{document_id}"

    def acquire(self, document_id: int) -> str | None:
        """Take the lease: a token to release it with, or None when another holder has it."""
        token = uuid.uuid4().hex
        taken = self.client.set(self._key(document_id), token, nx=True, px=self.ttl_ms)
        return token if taken else None

    def seconds_left(self, document_id: int) -> float:
        """How long the current holder's lease still runs (0 when there is none)."""
        left = int(self.client.pttl(self._key(document_id)))
        return max(left, 0) / 1000

    def release(self, document_id: int, token: str) -> bool:
        """Give the lease back; False when it was no longer ours (it expired)."""
        return bool(self._release(keys=[self._key(document_id)], args=[token]))


def queue_depth(client: redis.Redis, queue: str) -> int:
    """Messages waiting in `queue` (all priorities), not counting those a worker holds."""
    names = [queue, *(f"{queue}{_PRIORITY_SEPARATOR}{step}" for step in _PRIORITY_STEPS)]
    pipe = client.pipeline()
    for name in names:
        pipe.llen(name)
    return sum(int(n) for n in pipe.execute())


def in_flight(client: redis.Redis) -> int:
    """Messages delivered to a worker and not yet acknowledged (every queue of this broker)."""
    return int(client.hlen("unacked"))
