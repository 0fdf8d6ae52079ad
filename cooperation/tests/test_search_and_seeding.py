"""Demands and projects in the one search; the demo holds what the issue asks for."""

from datetime import date

import pytest

from cooperation import selectors, services
from cooperation.models import Demand, Offer, Project

pytestmark = pytest.mark.django_db


def test_published_demands_and_projects_are_found(client, demand, project, pending_demand):
    found = client.get("/en/search/?q=bilingual").content.decode()
    assert f"/en/demands/{demand.pk}/" in found
    found = client.get("/en/search/?q=corners").content.decode()
    assert f"/en/projects/{project.pk}/" in found
    assert client.get("/en/demands/?q=bilingual").context["total"] == 1
    assert client.get("/en/demands/?q=nothinglikethis").context["total"] == 0
    assert client.get("/api/v1/projects?q=corners").json()["count"] == 1
    # A demand waiting for moderation is found by the Secretariat only.
    assert (
        f"/en/demands/{pending_demand.pk}/"
        not in client.get("/en/search/?q=饮用水").content.decode()
    )


def test_a_pending_demand_is_found_by_the_secretariat(client, pending_demand, secretariat):
    client.force_login(secretariat)
    assert (
        f"/en/demands/{pending_demand.pk}/" in client.get("/en/search/?q=饮用水").content.decode()
    )


def test_demand_filters_and_counts(client, demand, staff_a, org_a):
    services.demand_submit(
        actor=staff_a,
        organization=org_a,
        title="Wells",
        description="x",
        country="KZ",
        area="health",
        language="ru",
        urgency="low",
    )
    counts = selectors.demand_counts(selectors.DemandFilters(area="health"))
    assert counts["total"] == 1
    assert counts["area"] == {"education": 1, "health": 1}
    assert counts["urgency"] == {"low": 1}
    assert client.get("/en/demands/?country=KZ").context["total"] == 1
    assert client.get("/en/demands/?region=143").context["total"] == 1  # Central Asia
    assert client.get("/en/demands/?status=met").context["total"] == 0
    page = client.get("/ar/demands/")
    assert 'dir="rtl"' in page.content.decode()


def test_the_demo_holds_what_the_issue_asks_for(demo):
    assert {d.title.original for d in Demand.objects.all()} >= {
        "en",
        "zh-hans",
        "ru",
        "ar",
        "fr",
        "es",
    }
    assert set(Project.objects.values_list("status", flat=True)) == {
        "planned",
        "active",
        "completed",
        "cancelled",
    }
    assert Offer.objects.filter(status="accepted", project__isnull=False).count() >= 8
    overdue = [
        p
        for p in Project.objects.filter(status="active").prefetch_related("updates")
        if selectors.report_lateness(p, today=date(2026, 11, 1))
    ]
    assert overdue
    assert Project.objects.exclude(lessons_learned="").filter(status="completed").exists()
    assert not Demand.objects.exclude(moderation="approved").exists()
