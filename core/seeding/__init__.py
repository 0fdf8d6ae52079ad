"""The seeding registry: every app writes its own demo and benchmark rows, and the commands
`seed_demo` and `seed_bulk` only run them in order (DESIGN.md §6). Core knows no app.

An app registers its seeder in its `AppConfig.ready()`:

    seeding.register("members.seeding.organizations", order=20)

The module named is imported only when a command seeds, so serving pages never loads the data. It
may define any of:

    seed_demo(context: DemoContext)     writes its demo rows
    demo_found() -> list[str]           names what of its demo data the database already holds
                                        ("organisations"); seed_demo only fills an empty database
    seed_bulk(context: BulkContext)     writes its benchmark rows
    bulk_rows(multiplier) -> dict       how many rows of each kind it writes at this scale
                                        ({"organizations": 100}), for the plan printed first
    clear_bulk(context: BulkContext)    deletes its earlier benchmark rows (`seed_bulk --clear`)
    BULK_DATA_VERSIONS                  the kinds of data (core.data_versions) its benchmark rows
                                        change: counted once for the whole run

Seeders run by their order number, lowest first (clear_bulk in the reverse order, so rows go
before the rows they point to). The numbers leave gaps, so a seeder can go between two others:

    10  accounts (free: the demo people are written with the organisations they work for)
    20  members: organisations, and the demo's people with their staff places
    30  governance: bodies, seats, network documents
    40  cooperation: demands, projects
    50  exchanges: events
    60  members' membership rows: applications, messages, votes, history (they need the
        Constitution; the benchmark people come here too, from random streams of their own)
    1000 and above: seeders that read every app's rows (rebuilding a search index at the end)
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

from core.multilingual import MultilingualText

if TYPE_CHECKING:
    from django.db import models
    from tqdm import tqdm

    from core.seeding.bulk import Generator


@dataclass(frozen=True)
class Seeder:
    module: str
    order: int

    def hook(self, name: str) -> Any:
        """What the seeder's module defines under that name, or None."""
        return getattr(import_module(self.module), name, None)


_seeders: dict[str, Seeder] = {}


def register(module: str, *, order: int) -> None:
    known = _seeders.get(module)
    if known is not None and known.order != order:
        raise ImproperlyConfigured(f"{module} is registered to seed at {known.order} and {order}.")
    _seeders[module] = Seeder(module, order)


def seeders() -> list[Seeder]:
    """Every registered seeder, in the order they run."""
    return sorted(_seeders.values(), key=lambda seeder: (seeder.order, seeder.module))


def demo_found() -> list[str]:
    """What demo data the database already holds (empty for an empty database)."""
    found: list[str] = []
    for seeder in seeders():
        check = seeder.hook("demo_found")
        if check is not None:
            found += check()
    return found


# --- The demo -----------------------------------------------------------------------------------

# The first Forum, in Beijing, founded the network and adopted its Constitution.
FOUNDING_DAY = date(2017, 11, 22)


@dataclass
class DemoContext:
    """What one app's demo seeder hands to those after it, and what the command prints."""

    password: str  # every demo account's, hashed once (Argon2 is slow on purpose)
    organizations: dict[str, Any] = field(default_factory=dict)  # by slug
    people: dict[str, Any] = field(default_factory=dict)  # by email
    # The demo accounts listed at the end: who they are, and their emails.
    accounts: list[tuple[str, list[str]]] = field(default_factory=list)
    # The figures listed at the end, counted once every seeder has run.
    summary: dict[str, models.QuerySet] = field(default_factory=dict)


def ml(language: str, text: str, **translations: str) -> MultilingualText:
    """Text in its original language with human translations (keyword zh_hans means zh-hans)."""
    return MultilingualText.create(text, language, **translations)


def md(text: str, *, cjk: bool = False) -> str:
    """Markdown written wrapped in the source, unwrapped: one line per paragraph or list item.

    Lines inside a block are joined with a space, or with nothing for Chinese text (a soft line
    break between Chinese characters would show as a stray space).
    """
    joiner = "" if cjk else " "
    blocks = [block.strip() for block in textwrap.dedent(text).strip().split("\n\n")]
    return "\n\n".join(joiner.join(line.strip() for line in block.splitlines()) for block in blocks)


def at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


# --- The benchmark data set ---------------------------------------------------------------------


def scaled(large: int, multiplier: float, *, at_least: int = 1) -> int:
    """Rows at a scale, from the rows at --scale large."""
    return max(at_least, round(large * multiplier))


@dataclass
class BulkContext:
    """The run's settings and helpers, and what one app's bulk seeder hands to those after it."""

    seed: int
    counts: dict[str, int]  # rows to write, by kind (every seeder's bulk_rows)
    countries: list[str] = field(default_factory=list)  # every country code, sorted
    batch_size: int = 2000
    progress: bool = True
    written: dict[str, int] = field(default_factory=dict)  # rows written, by table
    deleted: dict[str, int] = field(default_factory=dict)  # rows deleted by --clear, by table
    # Filled by the seeder that writes the organisations, for those after it: each organisation
    # as (id, country, main key area), and its city.
    organizations: list[tuple[int, str, str]] = field(default_factory=list)
    cities: dict[int, str] = field(default_factory=dict)
    # What one seeder keeps for a later one of the same app, under the app's name.
    kept: dict[str, Any] = field(default_factory=dict)
    _generator: Generator | None = None
    _by_activity: tuple[list[tuple[int, str, str]], list[float]] | None = None

    def start_generator(self, salt: object) -> Generator:
        """Made once, by the first seeder (the organisations'), from the run's seed and its salt
        (the number of earlier bulk rows: a second run without --clear adds different rows)."""
        from core.seeding.bulk import Generator

        self._generator = Generator(f"{self.seed}:{salt}", self.countries)
        return self._generator

    @property
    def generator(self) -> Generator:
        """The random choices every seeder draws from, in its turn: the same --seed, the same rows."""
        if self._generator is None:
            raise ImproperlyConfigured("No seeder before this one has started the generator.")
        return self._generator

    def bar(self, label: str, total: int, unit: str = " rows") -> tqdm:
        from tqdm import tqdm

        return tqdm(
            total=total,
            desc=f"{label:<14}",
            unit=unit,
            unit_scale=True,
            file=sys.stderr,
            disable=not self.progress or None,  # None: only on a terminal
        )

    def batches(self, total: int) -> Iterator[int]:
        for start in range(0, total, self.batch_size):
            yield min(self.batch_size, total - start)

    def insert(self, model: type[models.Model], rows: list, label: str | None = None) -> list:
        created = model.objects.bulk_create(rows, batch_size=self.batch_size)
        key = label or model._meta.label
        self.written[key] = self.written.get(key, 0) + len(rows)
        return created

    def delete(self, queryset: models.QuerySet) -> None:
        # only("pk"): the delete collects ids, not whole rows with their JSON texts.
        _total, per_model = queryset.only("pk").delete()
        for label, rows in per_model.items():
            self.deleted[label] = self.deleted.get(label, 0) + rows

    def organizations_by_activity(self) -> tuple[list[tuple[int, str, str]], list[float]]:
        """The organisations in a random order with Zipf-like weights: some lead and join many
        projects and host many events. Shuffled once, on first use, by the generator."""
        if self._by_activity is None:
            from core.seeding.bulk import zipf_cum_weights

            order = list(range(len(self.organizations)))
            self.generator.rng.shuffle(order)
            ranked = [self.organizations[i] for i in order]
            self._by_activity = ranked, zipf_cum_weights(len(ranked), 0.8)
        return self._by_activity
