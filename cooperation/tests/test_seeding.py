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
