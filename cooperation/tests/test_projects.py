"""Projects: who may change them (a role x action matrix), offers that start them, their pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from cooperation import selectors, services
from cooperation.models import (
    BudgetLine,
    Demand,
    Indicator,
    Milestone,
    Offer,
    ProgressPhoto,
    ProgressUpdate,
    Project,
)
from cooperation.tests.conftest import make_org
from core.multilingual import MultilingualText
from members.models import OrganizationStaff

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_c(make_user):
    organization = make_org("org-c", "FR")
    user = make_user("admin-c@example.org")
    OrganizationStaff.objects.create(organization=organization, user=user, role="admin")
    return user


@pytest.fixture
def photo(project, settings, tmp_path):
    """A progress update of the project with one photo (its file under a temporary MEDIA_ROOT)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (30, 120, 200)).save(buffer, format="JPEG")
    update = ProgressUpdate.objects.create(project=project, text="The well is dug.")
    kept = ProgressPhoto(update=update)
    kept.image.save("photo.jpg", SimpleUploadedFile("w.jpg", buffer.getvalue()), save=False)
    kept.save()
    return kept


ACTIONS = {
    "delete photo": lambda actor, project: services.progress_photo_delete(
        actor=actor, photo=ProgressPhoto.objects.filter(update__project=project).get()
    ),
    "update": lambda actor, project: services.project_update(
        actor=actor, project=project, title="Changed", status="completed"
    ),
    "progress": lambda actor, project: services.project_add_update(
        actor=actor, project=project, text="We trained 20 teachers."
    ),
    "milestone": lambda actor, project: services.project_add_milestone(
        actor=actor, project=project, title="Books delivered", due_on=date(2025, 6, 1)
    ),
    "budget": lambda actor, project: services.project_add_budget_line(
        actor=actor, project=project, kind="budget", label="Books", amount="1250.50", currency="USD"
    ),
    "indicator table": lambda actor, project: services.project_save_rows(
        actor=actor,
        project=project,
        kind="indicators",
        rows=[{"id": None, "name": "Pupils reading", "target": "200", "unit": "pupils"}],
    ),
    "milestone table": lambda actor, project: services.project_save_rows(
        actor=actor,
        project=project,
        kind="milestones",
        rows=[{"id": None, "title": "Books delivered", "due_on": date(2025, 6, 1)}],
    ),
    "budget table": lambda actor, project: services.project_save_rows(
        actor=actor,
        project=project,
        kind="budget",
        rows=[{"id": None, "kind": "funding", "label": "Grant", "amount": "10", "currency": "EUR"}],
    ),
}
ALLOWED = {
    "admin_a": True,
    "admin_b": True,
    "secretariat": True,
    "staff_a": False,
    "admin_c": False,
    "visitor": False,
}


def _state(project):
    project.refresh_from_db()
    return (
        project.title.original_text,
        project.status,
        ProgressUpdate.objects.filter(project=project).count(),
        BudgetLine.objects.filter(project=project).count(),
        Milestone.objects.filter(project=project).count(),
        Indicator.objects.filter(project=project).count(),
        project.report_every_months,
        ProgressPhoto.objects.filter(update__project=project).count(),
    )


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_only_lead_and_partner_admins_and_the_secretariat_change_a_project(
    request, project, photo, role, action
):
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if role == "visitor" else request.getfixturevalue(role)
    before = _state(project)
    if ALLOWED[role]:
        ACTIONS[action](actor, project)
        assert _state(project) != before
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](actor, project)
        assert _state(project) == before


def table(prefix, *rows):
    """The POST data of a table of rows (a formset) holding only the given new rows."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "100",
    }
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{name}": value for name, value in row.items()})
    return data


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_the_pages_answer_403_and_change_nothing(request, client, project, photo, role):
    if role != "visitor":
        client.force_login(request.getfixturevalue(role))
    before = _state(project)
    responses = [
        client.post(f"/en/projects/{project.pk}/updates/", {"text": "Hello"}),
        client.post(
            f"/en/projects/{project.pk}/budget/",
            {"kind": "budget", "label": "Books", "amount": "10", "currency": "USD"},
        ),
        client.post(
            f"/en/projects/{project.pk}/plan/indicators/",
            table("indicators", {"name": "Pupils reading", "target": "200", "unit": "pupils"}),
        ),
        client.post(
            f"/en/projects/{project.pk}/plan/milestones/",
            table("milestones", {"title": "Books delivered", "due_on": "2025-06-01"}),
        ),
        client.post(
            f"/en/projects/{project.pk}/plan/budget/",
            table("budget", {"kind": "budget", "label": "Desks", "amount": "5", "currency": "USD"}),
        ),
        client.post(f"/en/projects/{project.pk}/photos/{photo.pk}/delete/"),
        # last: the edit form leaves out the partners, so a partner's admin is one no more
        client.post(
            f"/en/projects/{project.pk}/edit/",
            {"title": "Changed", "area": "education", "status": "active", "countries": ["CN"]},
        ),
    ]
    if role == "visitor":
        assert all(r.status_code == 302 and "/accounts/login/" in r["Location"] for r in responses)
        assert _state(project) == before
    elif ALLOWED[role]:
        assert all(r.status_code == 302 for r in responses)
        assert _state(project) != before
    else:
        assert [r.status_code for r in responses] == [403] * len(responses)
        assert _state(project) == before


def test_money_is_a_decimal_with_a_currency(project, admin_a):
    line = services.project_add_budget_line(
        actor=admin_a, project=project, kind="funding", label="Grant", amount="0.1", currency="EUR"
    )
    line.refresh_from_db()
    assert line.amount == Decimal("0.10") and line.currency == "EUR"


@pytest.mark.parametrize("amount", ["abc", "-1", "NaN", "1e15"])
def test_a_bad_amount_is_refused(project, admin_a, amount):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.project_add_budget_line(
            actor=admin_a, project=project, kind="budget", label="x", amount=amount, currency="USD"
        )
    assert not BudgetLine.objects.exists()


def test_an_accepted_offer_starts_a_project_with_the_demand_linked(
    demand, admin_b, org_b, staff_a, client
):
    offer = services.offer_make(
        actor=admin_b,
        demand=demand,
        organization=org_b,
        contribution="Two nurses and books",
        with_whom="Local clinic",
        when="From March",
    )
    demand.refresh_from_db()
    assert demand.status == Demand.Status.MATCHED
    client.force_login(staff_a)  # staff of the organisation that posted the demand
    response = client.post(f"/en/offers/{offer.pk}/answer/", {"answer": "accept"})
    project = Project.objects.get(demands=demand)
    assert response["Location"].endswith(f"/projects/{project.pk}/") or response.status_code == 302
    offer.refresh_from_db()
    demand.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED and offer.project == project
    assert project.lead == org_b
    assert demand.status == Demand.Status.IN_PROGRESS
    assert set(project.countries.values_list("pk", flat=True)) == {"CN", "KZ"}


def test_only_the_poster_or_the_secretariat_accepts(demand, admin_b, org_b, admin_a):
    offer = services.offer_make(actor=admin_b, demand=demand, organization=org_b, contribution="x")
    with pytest.raises(PermissionDenied):
        services.offer_accept(actor=admin_b, offer=offer)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING
    services.offer_accept(actor=admin_a, offer=offer)  # admin of the posting organisation


def test_one_offer_per_organisation(demand, admin_b, org_b):
    from django.core.exceptions import ValidationError

    services.offer_make(actor=admin_b, demand=demand, organization=org_b, contribution="x")
    with pytest.raises(ValidationError):
        services.offer_make(actor=admin_b, demand=demand, organization=org_b, contribution="y")
    assert Offer.objects.count() == 1


def test_a_suspended_organisation_cannot_offer(demand, make_user):
    suspended = make_org("org-s", "MN", status="suspended")
    user = make_user("s@example.org")
    OrganizationStaff.objects.create(organization=suspended, user=user, role="admin")
    with pytest.raises(PermissionDenied):
        services.offer_make(actor=user, demand=demand, organization=suspended, contribution="x")


def test_completing_the_project_meets_the_demand(demand, admin_b, org_b, secretariat):
    offer = services.offer_make(actor=admin_b, demand=demand, organization=org_b, contribution="x")
    project = services.offer_accept(actor=secretariat, offer=offer)
    services.project_update(
        actor=admin_b, project=project, status="completed", lessons_learned="Start small."
    )
    demand.refresh_from_db()
    assert demand.status == Demand.Status.MET


def test_project_list_filters_and_counts(client, project, org_a):
    make = Project.objects.create
    other = make(title=project.title, lead=org_a, area_id="health", status="completed")
    other.countries.set(["FR"])
    page = client.get("/en/projects/?status=active")
    assert page.context["total"] == 1
    assert client.get("/en/projects/?country=FR").context["total"] == 1
    assert client.get("/en/projects/?organization=org-b").context["total"] == 1
    assert client.get("/en/projects/?sdg=4").context["total"] == 1
    assert client.get("/en/projects/?sdg=x").context["total"] == 0
    api = client.get("/api/v1/projects?status=completed").json()
    assert api["count"] == 1 and api["items"][0]["id"] == other.pk


def test_an_overdue_report_is_flagged(project):
    from datetime import date

    assert selectors.report_lateness(project, today=date(2025, 3, 1)) == ""
    assert selectors.report_lateness(project, today=date(2025, 8, 1)) == "amber"
    assert selectors.report_lateness(project, today=date(2026, 2, 1)) == "red"


def test_the_profile_lists_the_organisations_projects(client, project, org_b):
    body = client.get(f"/en/members/{org_b.slug}/").content.decode()
    assert "Reading corners" in body


def test_list_pages_do_not_query_per_row(client, org_a, django_assert_max_num_queries):
    for number in range(12):
        p = Project.objects.create(
            title=MultilingualText.create(f"P{number}", "en"), lead=org_a, area_id="education"
        )
        p.countries.set(["CN", "KZ"])
    with django_assert_max_num_queries(12):
        client.get("/en/projects/?page=1")
    with django_assert_max_num_queries(10):
        client.get("/api/v1/projects")


def test_partners_are_added_by_their_short_names(client, project, admin_a, make_user):
    make_org("org-d", "MN")
    client.force_login(admin_a)
    data = {
        "title": "Reading corners",
        "area": "education",
        "status": "active",
        "countries": ["CN", "KZ", "MN"],
        "partners": "org-b org-d",
    }
    assert client.post(f"/en/projects/{project.pk}/edit/", data).status_code == 302
    assert sorted(project.partners.values_list("slug", flat=True)) == ["org-b", "org-d"]
    bad = client.post(f"/en/projects/{project.pk}/edit/", {**data, "partners": "nobody"})
    assert "nobody" in bad.context["form"].errors["partners"][0]
    assert sorted(project.partners.values_list("slug", flat=True)) == ["org-b", "org-d"]


def test_the_sdg_filter_offers_all_17_goals_and_finds_a_projects_own(client, project, org_a):
    project.sdg_goals.set([7])  # a goal of no key area
    other = Project.objects.create(title=project.title, lead=org_a, area_id="health")
    page = client.get("/fr/projects/?sdg=7")
    assert page.context["total"] == 1 and [p.pk for p in page.context["page"]] == [project.pk]
    offered = [value for value, _label in page.context["form"].fields["sdg"].choices]
    assert offered == ["", *[str(n) for n in range(1, 18)]]
    assert "7. Énergie propre et d’un coût abordable" in page.content.decode()
    assert client.get("/en/projects/?sdg=3").context["total"] == 1  # health's goal
    assert client.get("/en/projects/?sdg=12").context["total"] == 0
    assert client.get("/en/projects/?sdg=99").context["total"] == 0
    api = client.get("/api/v1/projects?sdg=7").json()
    assert api["count"] == 1 and api["items"][0]["id"] == project.pk
    assert client.get("/api/v1/projects?sdg=3").json()["items"][0]["id"] == other.pk
