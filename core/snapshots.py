"""Tables a process reads once per version of some data and keeps in memory: what a list's
counts are added up from and its pages picked from, in Python, for any combination of filters
(the members' directory, the projects' list).

Each process keeps the last two versions of each table. A token in the shared cache vouches
for a process's table: the first process to read a version names it, and a cleared cache (a
restored database, a test) makes every process read the data again.
"""

import gc
import secrets
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

# The token only has to outlive a version; a new version is a new token anyway.
TOKEN_SECONDS = 24 * 3600
KEPT_VERSIONS = 2

_kept: dict[str, dict[str, tuple[str, object]]] = {}


def kept(name: str, version: str, read: Callable[[], T]) -> T:
    """The table `name` at `version`: this process's, while the shared cache vouches for it;
    otherwise `read()` again."""
    token_key = f"snapshot:{name}:{version}"
    token = cache.get(token_key)
    tables = _kept.setdefault(name, {})
    known = tables.get(version)
    if known is not None and token is not None and token == known[0]:
        return known[1]  # type: ignore[return-value]
    if token is None:
        cache.add(token_key, secrets.token_hex(8), TOKEN_SECONDS)
        token = cache.get(token_key) or ""
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of small objects: no collection half-way through them
    try:
        table = read()
    finally:
        if collecting:
            gc.enable()
    tables.pop(version, None)
    while len(tables) >= KEPT_VERSIONS:
        tables.pop(next(iter(tables)))
    tables[version] = (token, table)
    return table
