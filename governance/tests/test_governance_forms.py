"""The Secretariat's and the bodies' forms: meetings with their agenda, attendance and minutes,
seats for a term, decisions; and the meetings API that shows each reader what they may see."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditLogEntry
from core.multilingual import MultilingualText
from governance import services
from governance.models import Body, Decision, Meeting, Seat
from members.models import Organization, OrganizationStaff

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(db):
    return Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=2)


@pytest.fixture
def member_seat(committee, org_a):
    organization, admin = org_a
    return Seat.objects.create(
        body=committee,
        user=admin,
        organization=organization,
        role=Seat.Role.CHAIR,
        term_start=date(2020, 1, 1),
    )


def actions():
    return list(AuditLogEntry.objects.order_by("id").values_list("action", flat=True))


def past_meeting(body, **extra):
    start = timezone.now() - timedelta(days=2)
    return Meeting.objects.create(
        body=body,
        title=MultilingualText.create("Spring meeting", "en"),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Almaty",
        **extra,
    )


def test_the_secretariat_plans_a_meeting_in_its_own_time_zone(
    client, secretariat_user, committee, member_seat
):
    client.force_login(secretariat_user)
    answer = client.post(
        reverse("governance:meeting_new"),
        {
            "body": committee.pk,
            "title": "Annual meeting",
            "language": "en",
            "time_zone": "Asia/Almaty",
            "starts_at": "2026-05-04T10:00",
            "ends_at": "2026-05-04T12:30",
            "place": "Almaty",
            "agenda": "1. Opening\n2. Budget",
            "attendees": [member_seat.user.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("governance:meeting", args=[meeting.pk])
    assert meeting.starts_at == datetime(2026, 5, 4, 10, tzinfo=ZoneInfo("Asia/Almaty"))
    assert list(meeting.attendees.all()) == [member_seat.user]
    assert meeting.agenda.render().text == "1. Opening\n2. Budget"
    assert actions()[-1] == "meeting.create"
    page = client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert "Budget" in page
    assert reverse("governance:meeting_minutes", args=[meeting.pk]) in page


def test_a_body_member_manages_its_meetings_and_nobody_else(client, committee, member_seat, org_b):
    meeting = past_meeting(committee)
    client.force_login(member_seat.user)
    page = client.get(reverse("governance:meeting_edit", args=[meeting.pk]))
    assert page.status_code == 200
    answer = client.post(
        reverse("governance:meeting_edit", args=[meeting.pk]),
        {
            "body": committee.pk,
            "title": "Spring meeting",
            "language": "en",
            "time_zone": "UTC",
            "starts_at": "2026-03-01T09:00",
            "ends_at": "2026-03-01T11:00",
            "online": "on",
            "attendees": [org_b[1].pk],  # holds no seat: cannot have attended as a member
        },
    )
    assert answer.status_code == 200  # the form again, with the error
    assert not Meeting.objects.get().online
    with pytest.raises(ValidationError) as error:
        services.meeting_save(
            actor=member_seat.user,
            meeting=meeting,
            body=committee,
            title="Spring meeting",
            language="en",
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            online=True,
            attendees=[org_b[1]],
        )
    assert "Only people holding a seat" in str(error.value)

    client.force_login(org_b[1])
    assert client.get(reverse("governance:meeting_edit", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("governance:meeting_new")).status_code == 403
    with pytest.raises(PermissionDenied):
        services.meeting_minutes_save(
            actor=org_b[1], meeting=meeting, minutes="Nothing", language="en"
        )


def test_minutes_go_from_draft_read_by_members_to_approved_read_by_all(
    client, committee, member_seat
):
    meeting = past_meeting(committee)
    client.force_login(member_seat.user)
    answer = client.post(
        reverse("governance:meeting_minutes", args=[meeting.pk]),
        {"minutes": "The budget was **adopted**.", "language": "en"},
    )
    assert answer.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.Minutes.DRAFT
    assert (
        "adopted" in client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    )
    client.logout()
    public = client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert "adopted" not in public
    assert client.get(f"/api/v1/meetings/{meeting.pk}").json()["minutes"] is None

    client.force_login(member_seat.user)
    client.post(
        reverse("governance:meeting_minutes", args=[meeting.pk]),
        {"minutes": "The budget was **adopted**.", "language": "en", "approve": "on"},
    )
    client.logout()
    assert (
        "adopted" in client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    )
    assert "adopted" in client.get(f"/api/v1/meetings/{meeting.pk}").json()["minutes"]
    with pytest.raises(services.Conflict):
        services.meeting_minutes_save(
            actor=member_seat.user, meeting=meeting, minutes="Rewritten", language="en"
        )
    assert actions()[-2:] == ["minutes.draft", "minutes.approve"]


def test_the_secretariat_seats_a_member_staff_for_a_term_and_ends_it(
    client, secretariat_user, committee, org_a, org_b, staff_a, make_user
):
    client.force_login(secretariat_user)
    url = reverse("governance:seats", args=[committee.slug])
    answer = client.post(
        url,
        {
            "email": staff_a.email,
            "organization": org_a[0].pk,
            "role": "member",
            "term_start": "2025-01-01",
        },
    )
    assert answer.status_code == 302
    seat = Seat.objects.get(user=staff_a)
    assert (seat.organization, seat.role, seat.term_end) == (org_a[0], "member", None)

    # Someone who is not on the organisation's staff does not sit for it.
    outsider = make_user("outsider@example.org")
    answer = client.post(
        url,
        {
            "email": outsider.email,
            "organization": org_a[0].pk,
            "role": "member",
            "term_start": "2025-01-01",
        },
    )
    assert "Choose a member of the organisation&#x27;s staff." in answer.content.decode()

    # Two seats: the third person waits for a term to end.
    services.seat_assign(
        actor=secretariat_user,
        body=committee,
        user=org_b[1],
        organization=org_b[0],
        role="vice_chair",
        term_start=date(2025, 1, 1),
    )
    third_org = Organization.objects.create(
        slug="org-c",
        name=MultilingualText.create("Organisation org-c", "en"),
        country_id="FR",
        status=Organization.Status.MEMBER,
    )
    third = make_user("third@org-c.example")
    OrganizationStaff.objects.create(organization=third_org, user=third, role="admin")
    with pytest.raises(services.Conflict):
        services.seat_assign(
            actor=secretariat_user,
            body=committee,
            user=third,
            organization=third_org,
            role="member",
            term_start=timezone.localdate(),
        )

    yesterday = timezone.localdate() - timedelta(days=1)
    answer = client.post(
        reverse("governance:seat_end", args=[seat.pk]), {"term_end": yesterday.isoformat()}
    )
    assert answer.status_code == 302
    seat.refresh_from_db()
    assert seat.term_end == yesterday
    from governance import selectors

    body = next(b for b in selectors.bodies_with_seats() if b.pk == committee.pk)
    assert seat in body.past_seats and seat not in body.current_seats
    services.seat_assign(
        actor=secretariat_user,
        body=committee,
        user=third,
        organization=third_org,
        role="member",
        term_start=timezone.localdate(),
    )
    assert actions().count("seat.assign") == 3
    assert "seat.end" in actions()

    client.force_login(staff_a)
    assert client.get(url).status_code == 403
    assert client.post(reverse("governance:seat_end", args=[seat.pk])).status_code == 403


def test_the_secretariat_records_and_corrects_a_decision(client, secretariat_user, committee):
    meeting = past_meeting(committee)
    client.force_login(secretariat_user)
    answer = client.post(
        reverse("governance:decision_new"),
        {
            "decided_on": "2026-03-02",
            "body": committee.pk,
            "title": "Budget 2026",
            "text": "The budget is adopted.",
            "language": "en",
            "votes_for": "5",
            "votes_against": "1",
            "votes_abstaining": "0",
            "meeting": meeting.pk,
        },
    )
    assert answer.status_code == 302
    decision = Decision.objects.get()
    assert (decision.number, decision.meeting, decision.votes_for) == ("2026/1", meeting, 5)

    answer = client.post(
        reverse("governance:decision_edit", args=[decision.pk]),
        {
            "decided_on": "2026-03-03",
            "body": committee.pk,
            "title": "Budget 2026",
            "text": "Le budget est adopté.",
            "language": "fr",
            "votes_for": "5",
            "votes_against": "1",
            "votes_abstaining": "0",
            "internal": "on",
        },
    )
    assert answer.status_code == 302
    decision.refresh_from_db()
    assert decision.number == "2026/1"
    assert decision.text.render("fr").text == "Le budget est adopté."
    assert decision.text.render("en").text == "The budget is adopted."
    assert decision.internal
    client.logout()
    assert "Budget 2026" not in client.get(reverse("governance:decisions")).content.decode()
    assert actions()[-2:] == ["decision.record", "decision.update"]


def test_the_counts_of_a_vote_taken_on_the_platform_stay(secretariat_user, committee):
    decision = Decision.objects.create(
        number="2026/9",
        decided_on=date(2026, 1, 5),
        body=committee,
        title=MultilingualText.create("Admission", "en"),
        text=MultilingualText.create("Approved.", "en"),
        votes_for=3,
        votes_against=0,
        votes_abstaining=0,
        consultation=None,
    )
    from governance.tests.conftest import open_consultation

    consultation = open_consultation(secretariat_user, phase="results")
    Decision.objects.filter(pk=decision.pk).update(consultation=consultation)
    decision.refresh_from_db()
    with pytest.raises(ValidationError):
        services.decision_update(
            actor=secretariat_user,
            decision=decision,
            fields=services.DecisionFields(
                decided_on=decision.decided_on,
                title="Admission",
                text="Approved.",
                language="en",
                body=committee,
                votes_for=9,
                votes_against=0,
                votes_abstaining=0,
            ),
        )


def test_the_meetings_api_shows_each_reader_what_they_may_see(client, committee, member_seat):
    public = past_meeting(committee)
    internal = past_meeting(committee, internal=True)
    member_seat.user.full_name = "Aru Admin"
    member_seat.user.save(update_fields=["full_name"])
    public.attendees.set([member_seat.user])

    listed = client.get("/api/v1/meetings").json()
    assert [row["id"] for row in listed["items"]] == [public.pk]
    assert client.get(f"/api/v1/meetings/{internal.pk}").status_code == 404
    detail = client.get(f"/api/v1/meetings/{public.pk}").json()
    assert detail["body"] == "sc"
    assert detail["calendar"] == reverse("governance:meeting_ics", args=[public.pk])
    assert detail["minutes"] is None
    assert detail["attendees"] == ["Aru Admin"]

    client.force_login(member_seat.user)
    listed = client.get("/api/v1/meetings").json()
    assert {row["id"] for row in listed["items"]} == {public.pk, internal.pk}
    assert client.get(f"/api/v1/meetings/{internal.pk}").json()["internal"] is True
