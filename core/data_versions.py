"""Counters of change, one per kind of data, kept in the database beside the data.

A writer counts its change with `touch()`; the count moves as soon as its transaction commits,
for every process on every machine, however late the commit comes. Readers build cache keys from
`current()`, one primary-key query. Used by the anonymous page cache (core.page_cache) and the
directory's cached counts. Saves and deletes of tracked models are counted by signals (`track`).
"""

import hashlib
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial, wraps
from pathlib import Path

from django.db import models, transaction
from django.db.models import F

from core import taxonomy
from core.models import DataVersion
from core.prepared import prepared

# The kinds of data cached pages depend on.
ORGANIZATIONS = "organizations"  # also moved by staff changes: profiles show staff by name
PROJECTS = "projects"
EVENTS = "events"
DEMANDS = "demands"
CONSULTATIONS = "consultations"
GOVERNANCE = "governance"  # bodies and seats, meetings, decisions, network documents
NETWORK_ROLES = "network-roles"  # who is in the Secretariat, the committee, the site's admins

# The taxonomy changes only with the code (core/taxonomy.py and core/data/), so its version is
# the code's: the same in every process on every machine running the same release, and free.
TAXONOMY_VERSION = hashlib.sha256(
    b"".join(
        path.read_bytes()
        for path in sorted(
            [Path(taxonomy.__file__), *(Path(taxonomy.__file__).parent / "data").glob("*.json")]
        )
    )
).hexdigest()[:16]


# Kinds whose changes are being counted once for a whole bulk operation (see counted_once).
_counted_later: ContextVar[frozenset[str]] = ContextVar("counted_later", default=frozenset())


def touch(*names: str) -> None:
    """Count one change to each kind of data, once the caller's transaction commits.

    After the commit, not inside the transaction: a counter row updated inside it would stay
    locked until the commit, making every writer wait for every other (and deadlock when two
    also wait for each other's data rows). Readers take the version *before* reading the data,
    so a page rendered between the commit and the count is stored under the old version, which
    nobody asks for once the count moves: a cached page never misses a committed change."""
    for name in names:
        transaction.on_commit(partial(_count, name), robust=True)


# What apps want done once a kind of data has changed (on_change), by kind.
_listeners: dict[str, list[Callable[[], None]]] = {}


def on_change(name: str, listener: Callable[[], None]) -> None:
    """Call `listener` (with no argument) after each committed change counted for this kind of
    data: an app registers, in its apps.py, work that follows data it does not write, such as
    queuing a task that brings what it derives from that data up to date."""
    if listener not in _listeners.setdefault(name, []):
        _listeners[name].append(listener)


def _count(name: str) -> None:
    _bump(name)
    for listener in _listeners.get(name, ()):
        listener()


def _bump(name: str) -> None:
    if DataVersion.objects.filter(name=name).update(counter=F("counter") + 1):
        return
    # First change ever: start from a random count, so that counts never repeat ones a shared
    # cache may still hold from an earlier database (a flush, a restore).
    DataVersion.objects.bulk_create(
        [DataVersion(name=name, counter=secrets.randbelow(2**62))], ignore_conflicts=True
    )


# Within one request that only reads, the counts read first are the counts (see remembered).
_remembered: ContextVar[dict[str, int] | None] = ContextVar("data_versions", default=None)


@prepared
def _all_counts():
    # Every count at once (a row per kind of data, a dozen): one query of a fixed shape, which
    # is compiled once, where each page's own list of names was a new query to build.
    return DataVersion.objects.order_by().values_list("name", "counter")


def current(*names: str) -> str:
    """The counts of these kinds of data, as one string for a cache key."""
    memo = _remembered.get()
    if memo is None or any(name not in memo for name in names):
        counts = dict(_all_counts())
        if memo is not None:
            # Kinds never changed count 0; those read earlier in this request keep their count.
            memo.update({name: count for name, count in counts.items() if name not in memo})
            memo.update({name: 0 for name in names if name not in memo})
            counts = memo
    else:
        counts = memo
    return ".".join(str(counts.get(name, 0)) for name in names)


@contextmanager
def remembered() -> Iterator[None]:
    """Read each count once for everything done inside: a page that reads the organisations'
    version for its cache key, its fragments and its counts asks the database once. Only for
    work that writes nothing (a write inside would not be seen); the versions read first are
    the right ones to key anything on (readers take the version before the data)."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def kept_while_unchanged(*names: str, size: int = 20_000):
    """Keep a small read's answers in this process until the count of one of these kinds of
    data moves: for what every page a signed-in reader opens asks about them (their network
    roles, whether they work for a member organisation), a query each time otherwise. Within a
    request that only reads (`remembered`, whose counts are read once anyway); a request that
    writes always reads afresh. As with the page cache, a page read between a change's commit
    and its count may still see the answer from before. The answers are shared, so immutable
    (a frozenset, a tuple); arguments are the read's own (hashable)."""

    def decorate(read: Callable):
        kept: dict = {}
        kept_version = ""
        _kept_answers.append(kept)

        @wraps(read)
        def keeping(*args):
            nonlocal kept_version
            if _remembered.get() is None:
                return read(*args)
            version = current(*names)
            if version != kept_version or len(kept) >= size:
                kept.clear()
                kept_version = version
            try:
                return kept[args]
            except KeyError:
                answer = kept[args] = read(*args)
                return answer

        return keeping

    return decorate


_kept_answers: list[dict] = []


def forget_kept() -> None:
    """Forget every kept answer (kept_while_unchanged): between tests, whose transactions are
    rolled back without the counts moving."""
    for kept in _kept_answers:
        kept.clear()


def reader(*names: str) -> Callable[..., str]:
    """A version function for core.page_cache.cache_anonymous_page."""
    return lambda request: current(*names)


def track(model: type[models.Model], name: str) -> None:
    """Count every save and delete of a model's rows made through the ORM (the admin included).
    Bulk operations bypass signals: code using them calls touch() itself."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def changed(sender, action=None, **kwargs):
        if name in _counted_later.get():
            return
        if action is None or action.startswith("post_"):  # m2m_changed also sends pre_*
            touch(name)

    uid = f"data_versions:{name}:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(
            changed, sender=field.remote_field.through, weak=False, dispatch_uid=uid
        )


@contextmanager
def counted_once(*names: str) -> Iterator[None]:
    """Bulk work: count its changes to these kinds once at the end, not row by row."""
    token = _counted_later.set(_counted_later.get() | set(names))
    try:
        yield
    finally:
        _counted_later.reset(token)
    touch(*names)
