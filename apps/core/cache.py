"""The Redis cache, made to degrade instead of failing when Redis cannot be reached.

The cache holds nothing the portal cannot do without: rate-limit counts, lockout
counts, view counters. While Redis is unreachable every read misses and every write is
dropped, as with Django's dummy cache, so pages, the API and the sign-in keep answering.
Counters (`incr`, `decr`) still raise, since no answer would be right and their callers
handle it. The failure is logged once, then Redis is left alone for a few seconds, so a
request does not wait on it again and again.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5.0

# When each unreachable server may be tried again, shared by every thread of the process.
_unreachable_until: dict[str, float] = {}


def forget_unreachable() -> None:
    """Try every server again at once (tests, or after an operator fixed Redis)."""
    _unreachable_until.clear()


class FailSafeRedisCache(RedisCache):
    """Django's Redis cache whose reads miss and writes are dropped while Redis is down."""

    @property
    def _server_key(self) -> str:
        return ",".join(self._servers)  # type: ignore[attr-defined]  # RedisCache keeps them

    def _usable(self) -> bool:
        return time.monotonic() >= _unreachable_until.get(self._server_key, 0.0)

    def _give_up_for_a_while(self, error: RedisError) -> None:
        _unreachable_until[self._server_key] = time.monotonic() + RETRY_AFTER_SECONDS
        logger.warning(
            "Cache unreachable (%s: %s); going on without it for %s s",
            type(error).__name__,
            error,
            RETRY_AFTER_SECONDS,
        )

    def _guard(self, call: Callable[[], Any], fallback: Callable[[], Any]) -> Any:
        if not self._usable():
            return fallback()
        try:
            return call()
        except RedisError as error:
            self._give_up_for_a_while(error)
            return fallback()

    def ping(self) -> None:
        """Ask Redis itself, unguarded: the health check must see it down."""
        self._cache.get_client(write=True).ping()  # type: ignore[attr-defined]

    def add(self, key: Any, value: Any, timeout: Any = None, version: Any = None) -> bool:
        # Answer "stored", like the dummy cache: a lock taken with `add` must not block.
        return self._guard(
            lambda: super(FailSafeRedisCache, self).add(key, value, timeout, version), lambda: True
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._guard(
            lambda: super(FailSafeRedisCache, self).get(key, default, version), lambda: default
        )

    def set(self, key: Any, value: Any, timeout: Any = None, version: Any = None) -> None:
        return self._guard(
            lambda: super(FailSafeRedisCache, self).set(key, value, timeout, version),
            lambda: None,
        )

    def touch(self, key: Any, timeout: Any = None, version: Any = None) -> bool:
        return self._guard(
            lambda: super(FailSafeRedisCache, self).touch(key, timeout, version), lambda: False
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._guard(
            lambda: super(FailSafeRedisCache, self).delete(key, version), lambda: False
        )

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._guard(lambda: super(FailSafeRedisCache, self).get_many(keys, version), dict)

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._guard(
            lambda: super(FailSafeRedisCache, self).has_key(key, version), lambda: False
        )

    def set_many(self, data: Any, timeout: Any = None, version: Any = None) -> list[Any]:
        return self._guard(
            lambda: super(FailSafeRedisCache, self).set_many(data, timeout, version),
            lambda: list(data),
        )

    def delete_many(self, keys: Any, version: Any = None) -> None:
        return self._guard(
            lambda: super(FailSafeRedisCache, self).delete_many(keys, version), lambda: None
        )

    def clear(self) -> None:
        return self._guard(lambda: super(FailSafeRedisCache, self).clear(), lambda: None)

    def incr(self, key: Any, delta: Any = 1, version: Any = None) -> Any:
        if not self._usable():
            raise RedisConnectionError("The cache is unreachable; counting is off for now.")
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            self._give_up_for_a_while(error)
            raise
