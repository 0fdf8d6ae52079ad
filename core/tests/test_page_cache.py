"""Cache writes wait until the answer has been written (core.page_cache.store_after_response)."""

import pytest
from django.core.cache import cache

from core import page_cache
from core.page_cache import store_after_response

# The receivers of request_started and request_finished, called as the signals call them
# (sending the signals themselves would also run Django's database receivers). That the pages
# of a real request are cached is checked by the views' tests (served again from the cache).
request_started = page_cache._start
request_finished = page_cache._store_pending


@pytest.fixture(autouse=True)
def outside_any_request():
    page_cache._pending.entries = None
    yield
    page_cache._pending.entries = None


def test_within_a_request_entries_are_stored_once_the_answer_is_written():
    cache.delete_many(["page-cache-test:a", "page-cache-test:b"])
    request_started()
    store_after_response("page-cache-test:a", "first", 60)
    store_after_response("page-cache-test:b", ["second"], 30)
    assert cache.get("page-cache-test:a") is None

    request_finished()

    assert cache.get("page-cache-test:a") == "first"
    assert cache.get("page-cache-test:b") == ["second"]


def test_outside_a_request_an_entry_is_stored_at_once():
    cache.delete("page-cache-test:c")
    store_after_response("page-cache-test:c", "now", 60)
    assert cache.get("page-cache-test:c") == "now"


def test_a_cache_that_fails_to_store_never_breaks_the_finished_request(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(cache, "set_many", broken)
    request_started()
    store_after_response("page-cache-test:d", "lost", 60)

    request_finished()

    assert "Could not store 1 cached entries" in caplog.text
