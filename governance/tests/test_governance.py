"""Bodies and seats, the decisions register, network documents with versions and their
word-level comparison; a consultation's result recorded as a decision and a new version."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from core.models import AuditLogEntry
from core.multilingual import MultilingualText
from governance import selectors, services
from governance.models import Body, Consultation, DocumentVersion, NetworkDocument, Seat
from governance.tests.conftest import open_consultation, option

pytestmark = pytest.mark.django_db


@pytest.fixture
def constitution(db):
    document = NetworkDocument.objects.create(
        slug="constitution",
        kind=NetworkDocument.Kind.CONSTITUTION,
        title=MultilingualText.create("Constitution", "en"),
    )
    DocumentVersion.objects.create(
        document=document,
        number=1,
        body=MultilingualText.create(
            "The Committee has 11 members.",
            "en",
            zh_hans="委员会由11名委员组成。",
            ar="تتألف اللجنة من 11 عضواً.",
        ),
        adopted_on=date(2017, 11, 22),
    )
    return document


def test_word_diff_marks_words_and_chinese_characters():
    pieces = selectors.word_diff("The Committee has 11 members.", "The Committee has 15 members.")
    assert ("-", "11") in pieces and ("+", "15") in pieces
    assert ("=", "The Committee has ") in pieces
    chinese = selectors.word_diff("委员会由11名委员组成。", "委员会由15名委员组成。")
    assert ("-", "11") in chinese and ("+", "15") in chinese


def test_the_result_becomes_a_decision_and_a_new_version(
    client, secretariat_user, org_a, org_b, constitution
):
    consultation = open_consultation(secretariat_user, secret=True)
    for organization, representative in (org_a, org_b):
        services.ballot_cast(
            actor=representative,
            ballot=consultation.ballot,
            organization=organization,
            option=option(consultation, "yes"),
        )
    with pytest.raises(services.Conflict):
        services.decision_record_result(actor=secretariat_user, consultation=consultation)
    Consultation.objects.filter(pk=consultation.pk).update(
        voting_closes=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(PermissionDenied):
        services.decision_record_result(actor=org_a[1], consultation=consultation)
    decision = services.decision_record_result(actor=secretariat_user, consultation=consultation)
    assert (decision.votes_for, decision.votes_against, decision.votes_abstaining) == (2, 0, 0)
    assert decision.number == f"{timezone.localdate().year}/1"
    with pytest.raises(services.Conflict):
        services.decision_record_result(actor=secretariat_user, consultation=consultation)

    version = services.document_version_adopt(
        actor=secretariat_user,
        document=constitution,
        text="The Committee has 15 members.",
        language="en",
        adopted_on=timezone.localdate(),
        decision=decision,
        translations={"ar": "تتألف اللجنة من 15 عضواً."},
    )
    assert version.number == 2
    assert AuditLogEntry.objects.filter(action="document.adopt").count() == 1

    page = client.get(reverse("governance:decisions")).content.decode()
    assert decision.number in page and "constitution/2/" in page
    compare = client.get(reverse("governance:document_compare", args=["constitution"]))
    text = compare.content.decode()
    assert "<del>11</del><ins>15</ins>" in text
    arabic = client.get(
        "/ar/governance/documents/constitution/compare/?language=ar"
    ).content.decode()
    assert 'dir="rtl"' in arabic and '<div class="diff" lang="ar" dir="auto">' in arabic
    assert "<del>11</del><ins>15</ins>" in arabic


def test_only_the_secretariat_adopts_versions(client, org_a, constitution):
    with pytest.raises(PermissionDenied):
        services.document_version_adopt(
            actor=org_a[1], document=constitution, text="x", language="en", adopted_on=date.today()
        )
    client.force_login(org_a[1])
    assert (
        client.get(reverse("governance:document_adopt", args=["constitution"])).status_code == 403
    )


def test_the_governance_page_shows_current_and_past_seats(client, org_a, make_user):
    committee = Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=3)
    chair = make_user("chair@example.org", full_name="Chen Chair")
    former = make_user("former@example.org", full_name="Fatima Former")
    today = timezone.localdate()
    Seat.objects.create(
        body=committee,
        user=chair,
        organization=org_a[0],
        role="chair",
        term_start=today - timedelta(days=10),
        term_end=today + timedelta(days=900),
    )
    Seat.objects.create(
        body=committee,
        user=former,
        role="vice_chair",
        term_start=date(2017, 11, 22),
        term_end=date(2020, 11, 21),
    )
    bodies = selectors.bodies_with_seats()
    assert [s.user for s in bodies[0].current_seats] == [chair]
    assert [s.user for s in bodies[0].past_seats] == [former]
    page = client.get(reverse("governance:index")).content.decode()
    assert "Chen Chair" in page and "Fatima Former" in page


def test_the_api_lists_decisions_and_documents(client, secretariat_user, constitution):
    services.decision_record(
        actor=secretariat_user,
        fields=services.DecisionFields(
            decided_on=date(2025, 3, 1), title="Budget", text="Adopted.", language="en"
        ),
    )
    services.decision_record(
        actor=secretariat_user,
        fields=services.DecisionFields(
            decided_on=date(2025, 4, 1),
            title="Staff matter",
            text="Internal.",
            language="en",
            internal=True,
        ),
    )
    decisions = client.get("/api/v1/decisions").json()
    assert [d["number"] for d in decisions["items"]] == ["2025/1"]
    documents = client.get("/api/v1/documents").json()
    assert documents["items"][0]["versions"][0]["original_language"] == "en"
    assert "zh-hans" in documents["items"][0]["versions"][0]["texts"]


def test_the_document_page_shows_the_current_version_and_its_original(client, constitution):
    page = client.get(reverse("governance:document", args=["constitution"]))
    assert page.status_code == 200
    assert "The Committee has 11 members." in page.content.decode()
    assert client.get(reverse("governance:document", args=["nope"])).status_code == 404


def test_seat_changes_in_the_back_office_are_audited(client, secretariat_user, org_a):
    from governance.admin import AuditedAdmin

    committee = Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=3)

    class Form:
        changed_data = ["seats"]

    class Request:
        user = secretariat_user

    from django.contrib.admin.sites import site

    admin = AuditedAdmin(Body, site)
    committee.seats = 5
    admin.save_model(Request(), committee, Form(), change=True)
    entry = AuditLogEntry.objects.get(action="body.change")
    assert entry.data == {"fields": ["seats"]} and entry.actor == secretariat_user


@pytest.fixture
def meeting(db, make_user):
    from governance.models import Meeting

    committee = Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=3)
    member = make_user("seat@example.org", full_name="Seated Member")
    Seat.objects.create(body=committee, user=member, term_start=date(2024, 1, 1))
    starts = timezone.now().replace(microsecond=0) + timedelta(days=3)
    meeting = Meeting.objects.create(
        body=committee,
        title=MultilingualText.create("Annual meeting", "en"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        time_zone="Asia/Almaty",
        agenda=MultilingualText.create("1. Budget", "en"),
        minutes=MultilingualText.create("Draft minutes: budget discussed.", "en"),
        minutes_status=Meeting.Minutes.DRAFT,
    )
    return meeting, member


def test_draft_minutes_are_for_the_body_and_approved_ones_public(client, meeting):
    from governance.models import Meeting

    meeting, member = meeting
    url = reverse("governance:meeting", args=[meeting.pk])
    assert "Draft minutes" not in client.get(url).content.decode()
    client.force_login(member)
    assert "Draft minutes" in client.get(url).content.decode()
    client.logout()
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=Meeting.Minutes.APPROVED)
    assert "Draft minutes" in client.get(url).content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(internal=True)
    assert client.get(url).status_code == 404


def test_a_meeting_has_an_icalendar_file_in_its_time_zone(client, meeting):
    from icalendar import Calendar

    meeting, _member = meeting
    answer = client.get(reverse("governance:meeting_ics", args=[meeting.pk]))
    assert answer["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(answer.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert event["SUMMARY"] == "Annual meeting"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert str(event.decoded("DTSTART").tzinfo) == "Asia/Almaty"
    assert calendar.walk("VTIMEZONE")


def test_working_groups_beside_one_committee_and_one_secretariat(db):
    from django.db import IntegrityError, transaction

    Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=3)
    for slug in ("wg-youth", "wg-health"):
        Body.objects.create(
            slug=slug, kind=Body.Kind.WORKING_GROUP, name=MultilingualText.create(slug, "en")
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(slug="sc2", kind=Body.Kind.STEERING_COMMITTEE)
    assert [str(b) for b in selectors.bodies_with_seats()] == [
        "International Steering Committee",
        "wg-health",
        "wg-youth",
    ]
