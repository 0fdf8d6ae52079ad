"""Cooperation's demo rows (cooperation.seeding): demands and the projects that answer them."""

from io import StringIO

import pytest
from django.core.management import call_command

from cooperation.models import Demand, Project


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo(db):
    return run("seed_demo")


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
    for project in Project.objects.prefetch_related("partners"):
        assert project.partners.exists()
        assert project.partners.exclude(country=project.lead.country).exists()
        if project.demand_id:
            assert project.demand.status != Demand.Status.OPEN
    assert Project.objects.filter(demand__isnull=False).count() >= 8
