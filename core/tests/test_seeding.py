"""The seeding registry and the two commands that run it (core.seeding), with stand-in seeders:
each app's own rows are tested in its tests/test_seeding.py, all together in sironet/tests."""

import sys
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured

from conftest import run_command
from core import data_versions, seeding
from core.models import Country


@pytest.fixture
def registry(monkeypatch):
    """An empty registry, and a way to register a stand-in seeder module under a made-up name."""
    monkeypatch.setattr(seeding, "_seeders", {})

    def add(name: str, order: int, **hooks) -> None:
        module = ModuleType(name)
        vars(module).update(hooks)
        monkeypatch.setitem(sys.modules, name, module)
        seeding.register(name, order=order)

    return add


def test_seeders_run_by_their_number_whatever_order_they_register_in(registry):
    registry("search_seeding", 1000)
    registry("events_seeding", 50)
    registry("organisations_seeding", 20)

    assert [seeder.module for seeder in seeding.seeders()] == [
        "organisations_seeding",
        "events_seeding",
        "search_seeding",
    ]


def test_a_seeder_registered_again_keeps_its_number(registry):
    registry("events_seeding", 50)
    seeding.register("events_seeding", order=50)  # ready() may run again: harmless

    with pytest.raises(ImproperlyConfigured):
        seeding.register("events_seeding", order=60)


@pytest.mark.django_db
def test_seed_demo_runs_each_seeder_in_order_and_lists_their_figures_and_accounts(registry):
    calls = []

    def first(context):
        calls.append(("first", context.password.startswith("argon2")))
        context.organizations["steppe"] = "the Steppe Fund"
        context.summary["countries in Central Asia"] = Country.objects.filter(region__code="143")
        context.accounts.append(("organisers", ["ana@example.org", "bo@example.org"]))

    def second(context):
        calls.append(("second", context.organizations["steppe"]))
        context.summary["countries"] = Country.objects.all()

    registry("second_seeding", 30, seed_demo=second, demo_found=lambda: [])
    registry("first_seeding", 20, seed_demo=first)
    registry("bulk_only_seeding", 40, seed_bulk=lambda context: None)

    out = run_command("seed_demo")

    assert calls == [("first", True), ("second", "the Steppe Fund")]
    central_asia, countries = (
        Country.objects.filter(region__code="143").count(),
        Country.objects.count(),
    )
    assert out.splitlines() == [
        "Demo network loaded:",
        f"  countries in Central Asia  {central_asia:>5}",
        f"  countries                  {countries:>5}",
        "Demo accounts, all with the password 'sironet-demo':",
        "  organisers           ana@example.org, bo@example.org",
    ]


@pytest.mark.django_db
def test_seed_demo_fills_only_an_empty_database(registry):
    calls = []
    registry("first_seeding", 20, seed_demo=calls.append, demo_found=lambda: ["widgets"])
    registry("second_seeding", 30, seed_demo=calls.append, demo_found=lambda: ["gadgets"])

    out = run_command("seed_demo")

    assert seeding.demo_found() == ["widgets", "gadgets"]
    assert calls == []
    assert "already holds widgets, gadgets." in out


@pytest.mark.django_db
def test_seed_bulk_plans_clears_in_reverse_seeds_in_order_and_counts_each_change_once(
    registry, django_capture_on_commit_callbacks
):
    calls = []

    def seeder(name, order, rows, kinds):
        registry(
            name,
            order,
            bulk_rows=lambda multiplier: {name: round(rows * multiplier)},
            seed_bulk=lambda context: calls.append(("seed", name, context.counts[name])),
            clear_bulk=lambda context: calls.append(("clear", name)),
            BULK_DATA_VERSIONS=kinds,
        )

    seeder("widgets", 20, 10_000, ("widgets",))
    seeder("gadgets", 40, 50_000, ("gadgets", "widgets"))
    with django_capture_on_commit_callbacks(execute=True):
        data_versions.touch("widgets", "gadgets")  # a first count starts anywhere
    before = data_versions.current("widgets", "gadgets").split(".")

    with django_capture_on_commit_callbacks(execute=True):
        out = run_command("seed_bulk", "--scale", "small", "--clear")

    assert calls == [
        ("clear", "gadgets"),
        ("clear", "widgets"),
        ("seed", "widgets", 100),
        ("seed", "gadgets", 500),
    ]
    assert "Generating scale small (x0.01) on " in out
    assert ": 100 widgets, 500 gadgets\n" in out
    after = data_versions.current("widgets", "gadgets").split(".")
    # One count for the clear, one for the run, whatever the rows.
    assert [int(a) - int(b) for a, b in zip(after, before, strict=True)] == [2, 2]
