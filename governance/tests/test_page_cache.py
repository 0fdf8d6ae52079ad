"""Consultation and governance pages and API answers kept in the page cache for anonymous
readers: served again without being worked out, and never older than what they show — a
comment, a vote, a decision, a seat, or a phase or a term that moves on with nothing written."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.tests.conftest import open_consultation, option

pytestmark = pytest.mark.django_db


def test_a_consultation_asked_again_comes_from_the_cache(
    client, open_ballot, django_assert_max_num_queries
):
    url = reverse("consultations:detail", args=[open_ballot.pk])
    first = client.get(url)
    with django_assert_max_num_queries(1):  # the data versions only
        again = client.get(url)
    assert again.status_code == 200
    assert again.content == first.content


def test_a_new_comment_shows_at_once(
    client, secretariat_user, staff_a, django_capture_on_commit_callbacks
):
    consultation = open_consultation(secretariat_user, phase="discussion")
    url = reverse("consultations:detail", args=[consultation.pk])
    assert "A second thought" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_post(
            actor=staff_a, consultation=consultation, text="A second thought", language="en"
        )
    assert "A second thought" in client.get(url).content.decode()
    comments = client.get(f"/api/v1/consultations/{consultation.pk}/comments").json()
    assert comments["count"] == 1


def test_a_phase_opening_at_its_time_shows_without_any_write(
    client, secretariat_user, org_a, monkeypatch
):
    now = timezone.now()
    consultation = open_consultation(
        secretariat_user,
        discussion_opens=now - timedelta(days=1),
        proposals_open=now + timedelta(hours=1),
        voting_opens=now + timedelta(days=2),
        voting_closes=now + timedelta(days=3),
    )
    pages = [
        reverse("consultations:list"),
        reverse("consultations:detail", args=[consultation.pk]),
        f"/api/v1/consultations/{consultation.pk}",
    ]
    before = [client.get(url).content.decode() for url in pages]
    assert json.loads(before[2])["phase"] == "discussion"

    later = now + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    after = [client.get(url).content.decode() for url in pages]
    assert json.loads(after[2])["phase"] == "proposals"
    assert all(
        page_after != page_before for page_before, page_after in zip(before, after, strict=True)
    )


def test_a_vote_moves_the_turnout_anonymous_readers_see(
    client, open_ballot, org_a, org_b, django_capture_on_commit_callbacks
):
    url = reverse("consultations:detail", args=[open_ballot.pk])
    assert "0 organisations have voted so far" in client.get(url).content.decode()
    for organization, representative in (org_a, org_b):
        with django_capture_on_commit_callbacks(execute=True):
            services.ballot_cast(
                actor=representative,
                ballot=open_ballot.ballot,
                organization=organization,
                option=option(open_ballot, "yes"),
            )
    assert "2 organisations have voted so far" in client.get(url).content.decode()


def test_the_results_link_the_decision_once_recorded(
    client, secretariat_user, org_a, django_capture_on_commit_callbacks
):
    consultation = open_consultation(secretariat_user, phase="results")
    url = reverse("consultations:results", args=[consultation.pk])
    assert "Recorded as decision" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record_result(actor=secretariat_user, consultation=consultation)
    assert "Recorded as decision" in client.get(url).content.decode()


def test_signed_in_readers_are_never_served_an_anonymous_page(client, open_ballot, org_a):
    url = reverse("consultations:detail", args=[open_ballot.pk])
    client.get(url)  # cached for anonymous readers
    client.force_login(org_a[1])  # the representative, who may vote
    assert reverse("consultations:vote", args=[open_ballot.pk]) in client.get(url).content.decode()


def test_the_governance_page_follows_seats_and_the_day(
    client, org_a, make_user, monkeypatch, django_capture_on_commit_callbacks
):
    from governance.models import Body, Seat

    committee = Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=3)
    today = timezone.localdate()
    url = reverse("governance:index")
    with django_capture_on_commit_callbacks(execute=True):
        Seat.objects.create(
            body=committee,
            user=make_user("chair@example.org", full_name="Chen Chair"),
            organization=org_a[0],
            role="chair",
            term_start=today - timedelta(days=10),
            term_end=today,
        )
    page = client.get(url).content.decode()
    assert "Chen Chair" in page and "No seat is held now." not in page

    # The term ends with the day, with nothing written: the next day the seat is past.
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))
    page = client.get(url).content.decode()
    assert "Chen Chair" in page and "No seat is held now." in page

    with django_capture_on_commit_callbacks(execute=True):
        Seat.objects.create(
            body=committee,
            user=make_user("next@example.org", full_name="Nadia Next"),
            role="member",
            term_start=today,
        )
    assert "Nadia Next" in client.get(url).content.decode()
