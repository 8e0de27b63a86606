"""The cache and the broker fail softly: logged once, then left alone for a few seconds."""

import logging
import time

import pytest
from django.core.cache import caches
from kombu.exceptions import OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError

from apps.core import broker
from apps.core import cache as fail_safe
from apps.core.cache import FailSafeRedisCache
from apps.core.tasks import purge_expired_sessions

NOTHING_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def unreachable_cache():
    return FailSafeRedisCache(NOTHING_LISTENS, {"OPTIONS": {"socket_connect_timeout": 1}})


class TestFailSafeCache:
    def test_reads_miss_and_writes_are_dropped(self, unreachable_cache, caplog):
        cache = unreachable_cache
        assert cache.get("key", "default") == "default"
        assert cache.set("key", 1) is None
        assert cache.add("lock", 1) is True  # a lock taken with add never blocks
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.has_key("key") is False
        assert cache.delete("key") is False
        assert cache.touch("key") is False
        assert cache.get_or_set("key", 5) == 5
        cache.delete_many(["a"])
        cache.clear()

    def test_counters_raise_since_no_answer_would_be_right(self, unreachable_cache):
        with pytest.raises(RedisConnectionError):
            unreachable_cache.incr("views")
        with pytest.raises(RedisConnectionError):
            unreachable_cache.decr("views")

    def test_one_failure_is_logged_then_redis_is_left_alone_for_a_while(
        self, unreachable_cache, caplog, monkeypatch
    ):
        caplog.set_level(logging.WARNING, logger="apps.core.cache")
        attempts = []
        real_get_client = unreachable_cache._cache.get_client

        def counting_get_client(*args, **kwargs):
            attempts.append(1)
            return real_get_client(*args, **kwargs)

        monkeypatch.setattr(unreachable_cache._cache, "get_client", counting_get_client)
        for _ in range(50):
            unreachable_cache.get("key")
            unreachable_cache.set("key", 1)
        assert len(attempts) == 1
        assert len(caplog.records) == 1
        assert "Cache unreachable" in caplog.records[0].getMessage()

        fail_safe.forget_unreachable()
        unreachable_cache.get("key")
        assert len(attempts) == 2 and len(caplog.records) == 2

    def test_the_health_check_still_sees_it_down(self, unreachable_cache):
        with pytest.raises(RedisConnectionError):
            unreachable_cache.ping()

    @pytest.mark.services
    def test_a_reachable_redis_works_as_usual(self):
        cache = caches["default"]
        assert isinstance(cache, FailSafeRedisCache)
        cache.set("answer", 42)
        assert cache.get("answer") == 42
        assert cache.add("answer", 1) is False
        assert cache.incr("answer") == 43
        cache.ping()


class TestPublish:
    @pytest.mark.django_db
    def test_a_broker_that_is_down_is_tried_once_then_left_alone(self, monkeypatch, caplog):
        caplog.set_level(logging.INFO, logger="apps.core.broker")
        tries = []

        def unreachable(*args):
            tries.append(args)
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        monkeypatch.setattr(purge_expired_sessions, "delay", unreachable)
        started = time.monotonic()
        assert [broker.publish(purge_expired_sessions) for _ in range(20)] == [False] * 20
        assert time.monotonic() - started < 1
        assert len(tries) == 1
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "Broker unreachable" in warnings[0].getMessage()

        monkeypatch.undo()  # back (eager in tests)
        broker.forget_unreachable()
        assert broker.publish(purge_expired_sessions) is True

    def test_a_bug_in_publishing_is_not_taken_for_an_outage(self, monkeypatch):
        def broken(*args):
            raise TypeError("not JSON serializable")

        monkeypatch.setattr(purge_expired_sessions, "delay", broken)
        with pytest.raises(TypeError):
            broker.publish(purge_expired_sessions)
