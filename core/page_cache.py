"""Whole pages for anonymous readers, cached until the data they show changes.

A page is stored under its address, its language and a *version* read from the database (for
member pages, `members.selectors.members_version`: one indexed query). Any change to the data
gives a new version, so a cached page never outlives what it shows — on one machine or many,
since the version comes from the database and the cache is shared (Redis) when there are many.
Signed-in people, pages with messages to show, and answers that set cookies are never cached.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

PAGE_CACHE_SECONDS = 600
# Generation names. Organisations' pages also show staff by name, so accounts moves it too.
ORGANIZATIONS = "organizations"


def generation(name: str) -> int:
    """A counter that writers move after they commit (see bump_generation)."""
    return cache.get(f"generation:{name}", 0)


def bump_generation(name: str) -> None:
    """Move the counter once the current transaction commits. A version derived from the rows
    alone misses a change that commits after a later one was read; this closes that gap wherever
    the cache is shared (Redis), and SQLite, which has one writer at a time, never opens it."""

    def bump():
        key = f"generation:{name}"
        cache.add(key, 0, timeout=None)
        try:
            cache.incr(key)
        except ValueError:  # evicted in between
            cache.set(key, 1, timeout=None)

    transaction.on_commit(bump)


KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    return len(get_messages(request)) == 0  # len() reads them without marking them shown


def cache_anonymous_page(version: Callable[[HttpRequest], str], timeout: int = PAGE_CACHE_SECONDS):
    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            raw = f"{request.get_full_path()}|{get_language()}|{version(request)}"
            key = (
                f"page:{view.__module__}.{view.__name__}:{hashlib.sha256(raw.encode()).hexdigest()}"
            )
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                headers = {
                    name: response[name] for name in KEPT_HEADERS if response.has_header(name)
                }
                cache.set(key, (response.content, headers), timeout)
            return response

        return wrapper

    return decorator
