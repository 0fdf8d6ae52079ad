"""The API of demands and projects: the same rules as the pages."""

import pytest

from accounts.services import api_token_create
from cooperation import services
from cooperation.models import Demand, Offer

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, key = api_token_create(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_list_filters_and_detail(client, demand, pending_demand):
    answer = client.get("/api/v1/demands").json()
    assert answer["count"] == 1  # the waiting one is not public
    item = answer["items"][0]
    assert item["id"] == demand.pk and item["urgency"] == "high" and item["region"]
    assert client.get("/api/v1/demands?area=health").json()["count"] == 0
    assert client.get("/api/v1/demands?urgency=high&country=CN").json()["count"] == 1
    assert client.get("/api/v1/demands?status=nonsense").status_code == 422
    detail = client.get(f"/api/v1/demands/{demand.pk}").json()
    assert detail["history"][0]["to_status"] == "approved"
    assert "contact_email" not in detail
    assert client.get(f"/api/v1/demands/{pending_demand.pk}").status_code == 404


def test_posting_needs_an_account(client):
    response = client.post("/api/v1/demands", {}, content_type="application/json")
    assert response.status_code == 401


def test_staff_post_for_their_organisation_and_it_is_published(client, staff_a):
    response = client.post(
        "/api/v1/demands",
        {
            "title": "Desks",
            "description": "We need 40 desks.",
            "country": "CN",
            "area": "education",
            "language": "en",
            "organization": "org-a",
        },
        content_type="application/json",
        **bearer(staff_a),
    )
    assert response.status_code == 201, response.content
    assert Demand.objects.get(pk=response.json()["id"]).moderation == "approved"


def test_a_bad_country_is_named(client, alice):
    response = client.post(
        "/api/v1/demands",
        {
            "title": "Desks",
            "description": "x",
            "country": "QQ",
            "area": "education",
            "language": "en",
        },
        content_type="application/json",
        **bearer(alice),
    )
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "country"]
    assert not Demand.objects.exists()


def test_matches_for_the_secretariat_and_the_matched_only(
    client, demand, org_a, secretariat, admin_a, admin_b
):
    url = f"/api/v1/demands/{demand.pk}/matches"
    assert client.get(url).status_code == 401
    matches = client.get(url, **bearer(secretariat)).json()
    assert matches[0]["organization"] == "org-a"
    assert matches[0]["reasons"] and 0 < matches[0]["score"] <= 100
    mine = client.get(url, **bearer(admin_a)).json()
    assert [m["organization"] for m in mine] == ["org-a"]
    assert client.get(url, **bearer(admin_b)).status_code == 403


def test_offer_and_accept_through_the_api(client, demand, admin_b, staff_a):
    response = client.post(
        f"/api/v1/demands/{demand.pk}/offers",
        {"organization": "org-b", "contribution": "Nurses"},
        content_type="application/json",
        **bearer(admin_b),
    )
    assert response.status_code == 201
    offer = Offer.objects.get()
    assert client.post(f"/api/v1/offers/{offer.pk}/accept", **bearer(admin_b)).status_code == 403
    accepted = client.post(f"/api/v1/offers/{offer.pk}/accept", **bearer(staff_a))
    assert accepted.status_code == 201
    assert (
        accepted.json()["demands"] == [demand.pk] == [accepted.json()["demand"]]
        and accepted.json()["lead"] == "org-b"
    )


def test_project_writes_follow_the_same_rules(client, project, admin_a, admin_b, staff_a):
    url = f"/api/v1/projects/{project.pk}"
    assert (
        client.patch(
            url, {"status": "completed"}, content_type="application/json", **bearer(staff_a)
        ).status_code
        == 403
    )
    changed = client.patch(
        url, {"status": "completed"}, content_type="application/json", **bearer(admin_b)
    )
    assert changed.status_code == 200 and changed.json()["status"] == "completed"
    line = client.post(
        f"{url}/budget-lines",
        {"label": "Books", "amount": "10.50", "currency": "USD"},
        content_type="application/json",
        **bearer(admin_a),
    )
    assert line.status_code == 201 and line.json()["amount"] == "10.50"
    bad = client.post(
        f"{url}/budget-lines",
        {"label": "Books", "amount": "x", "currency": "USD"},
        content_type="application/json",
        **bearer(admin_a),
    )
    assert bad.status_code == 422
    update = client.post(
        f"{url}/updates", {"text": "Done"}, content_type="application/json", **bearer(admin_a)
    )
    assert update.status_code == 201
    detail = client.get(url).json()
    assert detail["partners"] == ["org-b"] and detail["updates"][0]["text"] == "Done"


def test_api_lists_do_not_query_per_row(
    client, demand, staff_a, org_a, django_assert_max_num_queries
):
    for number in range(10):
        services.demand_submit(
            actor=staff_a,
            organization=org_a,
            title=f"D{number}",
            description="x",
            country="KZ",
            area="health",
            language="ru",
        )
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/demands").json()["count"] == 11
    with django_assert_max_num_queries(10):
        client.get("/en/demands/")


def test_an_admin_starts_a_project_and_adds_an_indicator(client, admin_a, admin_b, org_b):
    payload = {
        "lead": "org-a",
        "title": "Libraries",
        "language": "en",
        "area": "education",
        "countries": ["CN", "KZ"],
        "partners": ["org-b"],
        "status": "active",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    }
    assert (
        client.post(
            "/api/v1/projects", payload, content_type="application/json", **bearer(admin_b)
        ).status_code
        == 403
    )  # not an admin of org A
    created = client.post(
        "/api/v1/projects", payload, content_type="application/json", **bearer(admin_a)
    )
    assert created.status_code == 201, created.content
    project_id = created.json()["id"]
    assert created.json()["partners"] == ["org-b"]
    unknown = client.post(
        "/api/v1/projects",
        {**payload, "partners": ["nobody"]},
        content_type="application/json",
        **bearer(admin_a),
    )
    assert unknown.status_code == 400 and unknown.json()["detail"][0]["loc"] == ["body", "partners"]
    indicator = client.post(
        f"/api/v1/projects/{project_id}/indicators",
        {"name": "Books", "target": "200", "actual": "50.5"},
        content_type="application/json",
        **bearer(admin_b),
    )
    assert indicator.status_code == 201 and indicator.json()["actual"] == "50.50"
    milestone = client.post(
        f"/api/v1/projects/{project_id}/milestones",
        {"title": "Shelves built", "due_on": "2026-03-01"},
        content_type="application/json",
        **bearer(admin_a),
    )
    assert milestone.status_code == 201
    detail = client.get(f"/api/v1/projects/{project_id}").json()
    assert detail["milestones"] == [
        {
            "id": milestone.json()["id"],
            "title": "Shelves built",
            "due_on": "2026-03-01",
            "done_on": None,
        }
    ]
    assert (
        client.post(
            f"/api/v1/projects/{project_id}/milestones",
            {"title": "x", "due_on": "2026-03-01"},
            content_type="application/json",
            **bearer(admin_b),
        ).status_code
        == 201
    )  # a partner's admin


def test_the_project_form_starts_a_project(client, admin_a, org_b):
    client.force_login(admin_a)
    assert client.get("/en/projects/new/").context["form"]["lead"].value() == "org-a"
    response = client.post(
        "/en/projects/new/",
        {
            "lead": "org-a",
            "title": "Libraries",
            "language": "en",
            "area": "education",
            "status": "planned",
            "countries": ["CN"],
            "partners": "org-b",
        },
    )
    assert response.status_code == 302
    from cooperation.models import Project

    project = Project.objects.get()
    assert project.lead.slug == "org-a" and list(
        project.partners.values_list("slug", flat=True)
    ) == ["org-b"]


def test_overdue_projects_in_the_secretariat_queue(client, project, secretariat):
    client.force_login(secretariat)
    page = client.get("/en/demands/moderation/")
    overdue = page.context["overdue"]
    assert [row["project"].pk for row in overdue] == [project.pk]


def test_a_lead_named_by_spaces_only_is_refused(client, admin_a):
    # found by the fuzzer: it was a server error
    response = client.post(
        "/api/v1/projects",
        {"lead": " \r", "title": "Books", "language": "en", "area": "education"},
        content_type="application/json",
        **bearer(admin_a),
    )
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "lead"]


def test_the_projects_list_gives_the_published_demands_each_answers_in_a_fixed_number_of_queries(
    client, project, demand, pending_demand, org_a
):
    from django.core.cache import cache

    from cooperation.models import Project
    from core.multilingual import MultilingualText

    project.demands.set([demand, pending_demand])
    assert client.get("/api/v1/projects").json()["items"][0]["demands"] == [demand.pk]

    def queries():
        cache.clear()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/projects").status_code == 200
        return len(captured)

    one = queries()
    for n in range(4):
        more = Project.objects.create(
            title=MultilingualText.create(f"More {n}", "en"), lead=org_a, area_id="education"
        )
        more.demands.set([demand])
    cache.clear()  # the cached answer (a test's writes are not counted: never committed)
    items = client.get("/api/v1/projects").json()["items"]
    assert len(items) == 5 and all(item["demands"] == [demand.pk] for item in items)
    assert queries() == one
