"""The consultations API: public lists and details (results and receipts once closed), and the
authenticated vote with the same rules as the page: 201/200, 403, 409, 400."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import api_token_create
from governance.models import Consultation, Vote
from governance.tests.conftest import open_consultation, option

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, raw = api_token_create(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def vote(client, consultation, organization, kind, user):
    return client.post(
        f"/api/v1/consultations/{consultation.pk}/votes",
        {"organization": organization.slug, "option": option(consultation, kind).pk},
        content_type="application/json",
        **bearer(user),
    )


def test_the_list_and_the_detail_are_public(client, open_ballot):
    answer = client.get("/api/v1/consultations")
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1
    assert body["items"][0]["phase"] == "voting"
    detail = client.get(f"/api/v1/consultations/{open_ballot.pk}").json()
    assert [o["kind"] for o in detail["options"]] == ["yes", "no", "abstain"]
    assert detail["results"] is None and detail["receipts"] is None


def test_the_list_takes_a_bounded_number_of_queries(
    client,
    secretariat_user,
    django_assert_max_num_queries,
    org_a,
    django_capture_on_commit_callbacks,
):
    # Besides the list's own: the data versions and, once per change, the timetables (for the
    # page cache's key).
    open_consultation(secretariat_user)
    with django_assert_max_num_queries(5):
        one = client.get("/api/v1/consultations").json()
    with django_capture_on_commit_callbacks(execute=True):
        for _n in range(5):
            open_consultation(secretariat_user)
    with django_assert_max_num_queries(5):
        many = client.get("/api/v1/consultations").json()
    assert (one["count"], many["count"]) == (1, 6)


def test_vote_then_change_then_refusals(client, secret_ballot, org_a, org_b, staff_a):
    organization_a, representative_a = org_a
    organization_b, _b = org_b
    first = vote(client, secret_ballot, organization_a, "yes", representative_a)
    assert first.status_code == 201
    receipt = first.json()["receipt"]
    second = vote(client, secret_ballot, organization_a, "no", representative_a)
    assert second.status_code == 200 and second.json()["changed"] is True
    assert second.json()["receipt"] != receipt

    assert vote(client, secret_ballot, organization_b, "yes", representative_a).status_code == 403
    assert vote(client, secret_ballot, organization_a, "yes", staff_a).status_code == 403
    assert Vote.objects.count() == 1

    Consultation.objects.filter(pk=secret_ballot.pk).update(
        voting_closes=timezone.now() - timedelta(seconds=1)
    )
    late = vote(client, secret_ballot, organization_a, "yes", representative_a)
    assert late.status_code == 409
    assert late.json()["detail"][0]["loc"] == ["body"]
    detail = client.get(f"/api/v1/consultations/{secret_ballot.pk}").json()
    assert detail["receipts"] == [
        {"receipt": second.json()["receipt"], "option": option(secret_ballot, "no").pk}
    ]
    assert detail["results"]["cast"] == 1 and detail["roll_call"] is None
    assert "org-a" not in str(detail)


def test_a_bad_option_or_organisation_is_a_400_naming_it(client, open_ballot, org_a):
    organization, representative = org_a
    answer = client.post(
        f"/api/v1/consultations/{open_ballot.pk}/votes",
        {"organization": organization.slug, "option": 999999},
        content_type="application/json",
        **bearer(representative),
    )
    assert answer.status_code == 400
    assert answer.json()["detail"][0]["loc"] == ["body", "option"]
    answer = client.post(
        f"/api/v1/consultations/{open_ballot.pk}/votes",
        {"organization": "nobody", "option": 1},
        content_type="application/json",
        **bearer(representative),
    )
    assert answer.json()["detail"][0]["loc"] == ["body", "organization"]


def test_voting_needs_a_caller(client, open_ballot, org_a):
    answer = client.post(
        f"/api/v1/consultations/{open_ballot.pk}/votes",
        {"organization": "org-a", "option": 1},
        content_type="application/json",
    )
    assert answer.status_code == 401


def test_an_open_ballot_publishes_its_roll_call_after_the_close(client, open_ballot, org_a):
    organization, representative = org_a
    vote(client, open_ballot, organization, "yes", representative)
    Consultation.objects.filter(pk=open_ballot.pk).update(
        voting_closes=timezone.now() - timedelta(seconds=1)
    )
    detail = client.get(f"/api/v1/consultations/{open_ballot.pk}").json()
    assert detail["roll_call"] == [
        {
            "organization": "org-a",
            "name": "Organisation org-a",
            "option": option(open_ballot, "yes").pk,
        }
    ]
    assert detail["results"]["winner"] == option(open_ballot, "yes").pk
