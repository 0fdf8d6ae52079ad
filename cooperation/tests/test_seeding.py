"""Cooperation's demo rows (cooperation.seeding): demands and the projects that answer them."""

import pytest

from cooperation.models import Demand, Project


@pytest.mark.django_db
def test_demo_demands_and_projects(demo):
    assert Demand.objects.count() >= 30
    assert Demand.objects.values("country").distinct().count() >= 15
    assert Demand.objects.values("area").distinct().count() == 7
    assert {d.title.original for d in Demand.objects.all()} >= {
        "en",
        "zh-hans",
        "ru",
        "ar",
        "fr",
        "es",
    }
    assert Project.objects.count() >= 15
    for project in Project.objects.prefetch_related("partners", "demands"):
        assert project.partners.exists()
        assert project.partners.exclude(country=project.lead.country).exists()
        for demand in project.demands.all():
            assert demand.status != Demand.Status.OPEN
    assert Project.objects.filter(demands__isnull=False).distinct().count() >= 8


@pytest.mark.django_db
def test_demo_demands_have_their_matches_kept(demo):
    from cooperation import matching, selectors

    demand = Demand.objects.filter(status=Demand.Status.OPEN).select_related("area").first()
    kept = selectors.demand_matches(demand)
    assert kept
    assert [(m.organization_id, m.score, m.reasons) for m in kept] == [
        (m.organization_id, m.score, m.reasons) for m in matching.matches_for(demand)
    ]


@pytest.mark.django_db
def test_seed_bulk_keeps_every_demands_matches_and_clear_removes_them():
    from conftest import run_command
    from cooperation import matching, selectors
    from cooperation.models import DemandMatch

    run_command("seed_bulk", "--scale", "small", "--factor", "0.2")
    demands = Demand.objects.select_related("area")
    assert demands.count() == 200
    assert DemandMatch.objects.values("demand").distinct().count() == 200
    for demand in demands.order_by("pk")[:20]:
        assert [
            (m.organization_id, m.score, m.reasons) for m in selectors.demand_matches(demand)
        ] == [(m.organization_id, m.score, m.reasons) for m in matching.matches_for(demand)]
    run_command("seed_bulk", "--scale", "small", "--factor", "0.2", "--clear")
    # The earlier rows' matches went with them; the new rows have theirs.
    assert DemandMatch.objects.values("demand").distinct().count() == Demand.objects.count() == 200
