"""The Redis cache keeps one client per connection pool, and caches as Django's does."""

import socket

import pytest

from core.cache import RedisCache

REDIS = "redis://127.0.0.1:6379/9"


def _redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _redis_running(), reason="no Redis at 127.0.0.1:6379")


def test_values_round_trip_and_one_client_serves_every_call():
    cache = RedisCache(REDIS, {"KEY_PREFIX": "core-cache-test"})
    try:
        cache.set("page", {"html": "<p>kept</p>"}, 30)
        cache.set_many({"a": 1, "b": 2}, 30)
        assert cache.get("page") == {"html": "<p>kept</p>"}
        assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
        client = cache._cache.get_client(write=True)
        assert cache._cache.get_client() is client  # one server: one pool, one client
        cache.delete("page")
        assert cache.get("page") is None
    finally:
        cache.delete_many(["page", "a", "b"])
