"""Every change to seats, minutes, decisions, documents and ballots goes to the audit log, with
who made it; a secret ballot's entries never hold a choice or a receipt."""

from datetime import date, timedelta

import pytest
from django.contrib.admin.sites import site
from django.utils import timezone

from core.models import AuditLogEntry
from core.multilingual import MultilingualText
from governance import services
from governance.admin import AuditedAdmin
from governance.models import Body, Decision, Meeting, NetworkDocument, Seat
from governance.tests.conftest import open_consultation, option

pytestmark = pytest.mark.django_db


def logged(action: str, target) -> AuditLogEntry:
    return AuditLogEntry.objects.get(
        action=action, target_type=target._meta.label_lower, target_id=str(target.pk)
    )


def test_each_use_case_writes_its_entry(secretariat_user, org_a, org_b, staff_a):
    committee = Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=5)
    actor = secretariat_user

    # Seats.
    seat = services.seat_assign(
        actor=actor,
        body=committee,
        user=org_a[1],
        organization=org_a[0],
        role="chair",
        term_start=date(2024, 1, 1),
    )
    assert logged("seat.assign", seat).actor == actor
    services.seat_end(actor=actor, seat=seat, term_end=timezone.localdate())
    assert logged("seat.end", seat).data["term_end"] == timezone.localdate().isoformat()

    # A meeting and its minutes.
    starts = timezone.now() - timedelta(days=1)
    meeting = services.meeting_save(
        actor=actor,
        body=committee,
        title="Meeting",
        language="en",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        online=True,
        attendees=[org_a[1]],
    )
    assert logged("meeting.create", meeting).data["attendees"] == [org_a[1].pk]
    services.meeting_minutes_save(actor=actor, meeting=meeting, minutes="Draft", language="en")
    services.meeting_minutes_save(
        actor=actor, meeting=meeting, minutes="Final", language="en", approve=True
    )
    assert logged("minutes.draft", meeting).actor == actor
    assert logged("minutes.approve", meeting).actor == actor

    # Decisions.
    decision = services.decision_record(
        actor=actor,
        fields=services.DecisionFields(
            decided_on=date(2026, 1, 2),
            title="Budget",
            text="Adopted.",
            language="en",
            body=committee,
            meeting=meeting,
        ),
    )
    services.decision_update(
        actor=actor,
        decision=decision,
        fields=services.DecisionFields(
            decided_on=date(2026, 1, 3),
            title="Budget 2026",
            text="Adopted.",
            language="en",
            body=committee,
        ),
    )
    assert logged("decision.record", decision).data["number"] == "2026/1"
    assert logged("decision.update", decision).data["before"]["decided_on"] == "2026-01-02"

    # Documents.
    document = NetworkDocument.objects.create(
        slug="constitution",
        kind=NetworkDocument.Kind.CONSTITUTION,
        title=MultilingualText.create("Constitution", "en"),
    )
    services.document_version_adopt(
        actor=actor,
        document=document,
        text="Article 1.",
        language="en",
        adopted_on=date(2026, 1, 3),
        decision=decision,
    )
    assert logged("document.adopt", document).data == {"version": 1, "decision": "2026/1"}

    # Ballots: opened, delegated, cast, changed, closed.
    consultation = open_consultation(actor, secret=True)
    ballot = consultation.ballot
    services.ballot_delegate(actor=org_a[1], ballot=ballot, organization=org_a[0], user=staff_a)
    services.ballot_cast(
        actor=staff_a, ballot=ballot, organization=org_a[0], option=option(consultation, "yes")
    )
    services.ballot_cast(
        actor=staff_a, ballot=ballot, organization=org_a[0], option=option(consultation, "no")
    )
    services.ballot_delegate(actor=org_a[1], ballot=ballot, organization=org_a[0], user=None)
    services.consultation_close_voting(actor=actor, consultation=consultation)
    ballot_actions = list(
        AuditLogEntry.objects.filter(target_type="governance.ballot", target_id=str(ballot.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert ballot_actions == [
        "ballot.delegate",
        "ballot.cast",
        "ballot.change",
        "ballot.delegate_revoke",
    ]
    assert logged("consultation.open", consultation).data["secret"] is True
    assert logged("consultation.close_voting", consultation).actor == actor
    for entry in AuditLogEntry.objects.filter(action__in=["ballot.cast", "ballot.change"]):
        assert set(entry.data) == {"organization"}  # secret: no choice, no receipt


class Request:
    def __init__(self, user):
        self.user = user


def test_back_office_deletions_of_many_rows_are_audited_one_by_one(secretariat_user, org_a):
    committee = Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=5)
    seats = [
        Seat.objects.create(body=committee, user=org_a[1], term_start=date(2020 + n, 1, 1))
        for n in range(2)
    ]
    decision = Decision.objects.create(
        number="2026/7",
        decided_on=date(2026, 1, 1),
        title=MultilingualText.create("Old", "en"),
        text=MultilingualText.create("Old.", "en"),
    )
    start = timezone.now()
    meeting = Meeting.objects.create(
        body=committee,
        title=MultilingualText.create("M", "en"),
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    for model, rows in ((Seat, seats), (Decision, [decision]), (Meeting, [meeting])):
        AuditedAdmin(model, site).delete_queryset(
            Request(secretariat_user), model.objects.filter(pk__in=[r.pk for r in rows])
        )
    deleted = AuditLogEntry.objects.filter(action__endswith=".delete")
    assert sorted(deleted.values_list("action", flat=True)) == [
        "decision.delete",
        "meeting.delete",
        "seat.delete",
        "seat.delete",
    ]
    assert all(entry.actor == secretariat_user for entry in deleted)
    assert deleted.get(action="decision.delete").data["number"] == "2026/7"
    assert not Seat.objects.exists() and not Decision.objects.exists()


def test_deleting_a_body_audits_each_seat_it_removes(secretariat_user, org_a, org_b):
    from governance.admin import BodyAdmin

    group = Body.objects.create(slug="wg", kind=Body.Kind.WORKING_GROUP, seats=5)
    other = Body.objects.create(slug="wg2", kind=Body.Kind.WORKING_GROUP, seats=5)
    seats = [
        Seat.objects.create(body=group, user=user, term_start=date(2024, 1, 1))
        for user in (org_a[1], org_b[1])
    ]
    kept = Seat.objects.create(body=other, user=org_a[1], term_start=date(2024, 1, 1))

    BodyAdmin(Body, site).delete_model(Request(secretariat_user), group)

    removed = AuditLogEntry.objects.filter(action="seat.delete").order_by("pk")
    assert [entry.data["user"] for entry in removed] == [str(seat.user_id) for seat in seats]
    assert all(entry.data["cascade"] == "body.delete" for entry in removed)
    assert all(entry.actor == secretariat_user for entry in removed)
    assert AuditLogEntry.objects.filter(action="body.delete").count() == 1
    assert list(Seat.objects.all()) == [kept]

    # The list's "delete selected" as well.
    BodyAdmin(Body, site).delete_queryset(
        Request(secretariat_user), Body.objects.filter(slug="wg2")
    )
    assert AuditLogEntry.objects.filter(action="seat.delete").count() == 3
