"""Governance's demo rows (governance.seeding): bodies, seats and the founding documents."""

from datetime import date

import pytest

from accounts.models import NetworkRole
from governance.models import Body, NetworkDocument, Seat
from members.models import Organization
from members.seeding import demo_data


@pytest.mark.django_db
def test_demo_holds_the_founding_documents_in_english_and_chinese(demo):
    consensus = NetworkDocument.objects.get(kind=NetworkDocument.Kind.DECLARATION)
    constitution = NetworkDocument.objects.get(kind=NetworkDocument.Kind.CONSTITUTION)

    assert "Beijing Consensus" in consensus.title.text["en"]
    assert consensus.versions.get().adopted_on == date(2017, 11, 22)
    current = constitution.versions.first()  # newest first
    assert current.body.original == "en"
    for words in (
        "openness, inclusiveness, equality, mutual",
        "joint consultation, joint building and sharing",
        "International Steering Committee",
        "Secretariat",
        "poverty relief",
        "grassroots demands",
    ):
        assert words in current.body.text["en"]
    assert "共商、共建、共享" in current.body.text["zh-hans"]
    assert constitution.versions.count() == 2


@pytest.mark.django_db
def test_demo_holds_both_bodies_with_seats_for_committee_role_holders(demo):
    committee = Body.objects.get(kind=Body.Kind.STEERING_COMMITTEE)
    secretariat = Body.objects.get(kind=Body.Kind.SECRETARIAT)

    assert committee.seats == 15
    current = Seat.objects.filter(body=committee, term_end__gte=date(2026, 1, 1))
    assert current.filter(role=Seat.Role.CHAIR).count() == 1
    assert current.count() >= 5
    for seat in current:
        assert seat.user.network_roles.filter(role=NetworkRole.Role.COMMITTEE).exists()
        assert seat.organization.status == Organization.Status.MEMBER
    holders = NetworkRole.objects.filter(role=NetworkRole.Role.COMMITTEE)
    assert holders.count() == len(demo_data.COMMITTEE)
    staff = Seat.objects.filter(body=secretariat)
    assert staff.filter(role=Seat.Role.SECRETARY_GENERAL).count() == 1
    for seat in staff:
        assert seat.user.network_roles.filter(role=NetworkRole.Role.SECRETARIAT).exists()
        assert seat.user.is_staff


@pytest.mark.django_db
def test_demo_holds_an_open_consultation_and_a_closed_one_with_receipts(demo):
    from governance import selectors
    from governance.models import Consultation, SecretChoice

    closed = Consultation.objects.get(secret=True)
    opened = Consultation.objects.get(secret=False)
    assert closed.phase() == Consultation.Phase.RESULTS
    assert opened.phase() == Consultation.Phase.VOTING
    results = selectors.ballot_results(selectors.consultation_detail(closed.pk))
    assert results.quorum_met and results.winner.kind == "yes"
    assert SecretChoice.objects.filter(ballot=closed.ballot).count() == results.cast > 5
    assert "论坛" in closed.title.text["zh-hans"]
    assert selectors.turnout_so_far(opened) > 0


@pytest.mark.django_db
def test_demo_discussion_is_in_several_languages_with_replies(demo):
    from governance.models import Comment, Consultation, Proposal

    opened = Consultation.objects.get(secret=False)
    languages = set(Comment.objects.filter(consultation=opened).values_list("language", flat=True))
    assert {"zh-hans", "ru", "en", "fr", "es"} <= languages
    assert Comment.objects.filter(consultation=opened, thread__isnull=False).exists()
    assert Proposal.objects.filter(consultation=opened, status="on_ballot").count() == 3


@pytest.mark.django_db
def test_demo_register_links_decisions_to_versions_and_the_closed_consultation(demo):
    from governance.models import Consultation, Decision, DocumentVersion

    constitution_v2 = DocumentVersion.objects.get(document__slug="constitution", number=2)
    assert constitution_v2.decision.number == "2021/1"
    closed = Consultation.objects.get(secret=True)
    assert Decision.objects.get(consultation=closed).votes_for > 0


@pytest.mark.django_db
def test_bulk_comments_hold_the_html_their_text_renders_to():
    from conftest import run_command
    from governance.models import Comment

    run_command("seed_bulk", "--scale", "small", "--factor", "0.1")

    rows = list(Comment.objects.values_list("text", "html"))
    assert len(rows) >= 30
    assert all(html == Comment.render(text) for text, html in rows)


def test_at_the_large_scale_the_busiest_consultation_has_5000_comments_of_250000():
    from governance.seeding.consultations import bulk_rows, comment_counts

    rows = bulk_rows(1.0)
    counts = comment_counts(rows["consultation comments"], rows["consultations"])

    assert len(counts) == 60
    assert sum(counts) == 250_000
    assert max(counts) == 5_000 and min(counts) > 3_000
    # Smaller scales: the same total, shared about evenly.
    assert sum(comment_counts(30, 3)) == 30
