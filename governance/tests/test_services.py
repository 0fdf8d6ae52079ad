"""Opening consultations and voting: one organisation, one vote; who may vote and when; the
secret ballot's receipts; the result by the majority rule, recounted from the published list."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditLogEntry
from governance import selectors, services
from governance.models import Ballot, BallotOption, Consultation, SecretChoice, Vote
from governance.tests.conftest import make_member, open_consultation, option, timetable
from members.models import Organization

pytestmark = pytest.mark.django_db

YES, NO, ABSTAIN = BallotOption.Kind.YES, BallotOption.Kind.NO, BallotOption.Kind.ABSTAIN


def close(consultation):
    Consultation.objects.filter(pk=consultation.pk).update(
        voting_closes=timezone.now() - timedelta(seconds=1)
    )
    return selectors.consultation_detail(consultation.pk)


def test_only_the_secretariat_opens_a_consultation(org_a, secretariat_user):
    _organization, admin = org_a
    with pytest.raises(PermissionDenied):
        open_consultation(admin)
    consultation = open_consultation(secretariat_user)
    kinds = list(consultation.ballot.options.values_list("kind", flat=True))
    assert kinds == [YES, NO, ABSTAIN]
    assert AuditLogEntry.objects.filter(action="consultation.open").count() == 1


def test_a_timetable_out_of_order_is_refused_and_nothing_is_saved(secretariat_user):
    dates = timetable("voting")
    dates["voting_closes"] = dates["voting_opens"] - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        open_consultation(secretariat_user, **dates)
    assert "voting_closes" in error.value.message_dict
    assert not Consultation.objects.exists()


def test_a_choice_needs_two_options(secretariat_user):
    with pytest.raises(ValidationError) as error:
        open_consultation(secretariat_user, ballot_kind="choice", options=["Only one"])
    assert "options" in error.value.message_dict
    consultation = open_consultation(
        secretariat_user, ballot_kind="choice", options=["Beijing", "Almaty"]
    )
    labels = [str(o) for o in consultation.ballot.options.all()]
    assert labels == ["Beijing", "Almaty", "Abstain"]


def test_the_representative_votes_and_changes_the_vote_one_row_per_organisation(open_ballot, org_a):
    organization, representative = org_a
    ballot = open_ballot.ballot
    first = services.ballot_cast(
        actor=representative,
        ballot=ballot,
        organization=organization,
        option=option(open_ballot, YES),
    )
    second = services.ballot_cast(
        actor=representative,
        ballot=ballot,
        organization=organization,
        option=option(open_ballot, NO),
    )
    assert (first.changed, second.changed) == (False, True)
    vote = Vote.objects.get(ballot=ballot)
    assert vote.option.kind == NO
    assert vote.changes == 1
    actions = list(
        AuditLogEntry.objects.filter(action__startswith="ballot.").values_list("action", flat=True)
    )
    assert sorted(actions) == ["ballot.cast", "ballot.change"]


def test_other_staff_vote_only_when_the_admin_delegates_for_this_ballot(
    open_ballot, org_a, staff_a
):
    organization, admin = org_a
    ballot = open_ballot.ballot
    with pytest.raises(PermissionDenied):
        services.ballot_cast(
            actor=staff_a, ballot=ballot, organization=organization, option=option(open_ballot, YES)
        )
    with pytest.raises(PermissionDenied):  # only the admin names a delegate
        services.ballot_delegate(
            actor=staff_a, ballot=ballot, organization=organization, user=staff_a
        )
    services.ballot_delegate(actor=admin, ballot=ballot, organization=organization, user=staff_a)
    services.ballot_cast(
        actor=staff_a, ballot=ballot, organization=organization, option=option(open_ballot, YES)
    )
    assert Vote.objects.get(ballot=ballot).cast_by == staff_a
    services.ballot_delegate(actor=admin, ballot=ballot, organization=organization, user=None)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(
            actor=staff_a, ballot=ballot, organization=organization, option=option(open_ballot, NO)
        )
    assert Vote.objects.get(ballot=ballot).option.kind == YES


def test_nobody_votes_for_another_organisation(open_ballot, org_a, org_b):
    _a, representative_a = org_a
    organization_b, _b = org_b
    with pytest.raises(PermissionDenied):
        services.ballot_cast(
            actor=representative_a,
            ballot=open_ballot.ballot,
            organization=organization_b,
            option=option(open_ballot, YES),
        )
    assert not Vote.objects.exists()


def test_a_suspended_organisation_cannot_vote_or_change_its_vote(open_ballot, org_a):
    organization, representative = org_a
    ballot = open_ballot.ballot
    services.ballot_cast(
        actor=representative,
        ballot=ballot,
        organization=organization,
        option=option(open_ballot, YES),
    )
    Organization.objects.filter(pk=organization.pk).update(status=Organization.Status.SUSPENDED)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(
            actor=representative,
            ballot=ballot,
            organization=organization,
            option=option(open_ballot, NO),
        )
    assert Vote.objects.get(ballot=ballot).option.kind == YES


@pytest.mark.parametrize("phase", ["upcoming", "discussion", "proposals", "results"])
def test_nobody_votes_outside_the_voting_phase(secretariat_user, org_a, phase):
    organization, representative = org_a
    consultation = open_consultation(secretariat_user, phase=phase)
    assert consultation.phase() == phase
    with pytest.raises(services.Conflict):
        services.ballot_cast(
            actor=representative,
            ballot=consultation.ballot,
            organization=organization,
            option=option(consultation, YES),
        )
    assert not Vote.objects.exists()


def test_an_option_of_another_ballot_is_refused(open_ballot, secretariat_user, org_a):
    organization, representative = org_a
    other = open_consultation(secretariat_user)
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(
            actor=representative,
            ballot=open_ballot.ballot,
            organization=organization,
            option=option(other, YES),
        )
    assert "option" in error.value.message_dict
    assert not Vote.objects.exists()


def test_a_body_consultation_admits_only_organisations_seated_on_it(
    secretariat_user, org_a, org_b, make_user
):
    from governance.models import Body, Seat

    committee = Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=3)
    organization_a, representative_a = org_a
    organization_b, representative_b = org_b
    Seat.objects.create(
        body=committee,
        user=representative_a,
        organization=organization_a,
        term_start=timezone.localdate() - timedelta(days=30),
    )
    consultation = open_consultation(secretariat_user, body=committee)
    services.ballot_cast(
        actor=representative_a,
        ballot=consultation.ballot,
        organization=organization_a,
        option=option(consultation, YES),
    )
    with pytest.raises(PermissionDenied):
        services.ballot_cast(
            actor=representative_b,
            ballot=consultation.ballot,
            organization=organization_b,
            option=option(consultation, YES),
        )
    assert selectors.eligible_organizations(consultation).count() == 1


# --- the secret ballot -----------------------------------------------------------------------


def test_a_secret_vote_gives_a_receipt_and_a_new_one_on_change(secret_ballot, org_a):
    organization, representative = org_a
    ballot = secret_ballot.ballot
    first = services.ballot_cast(
        actor=representative,
        ballot=ballot,
        organization=organization,
        option=option(secret_ballot, YES),
    )
    second = services.ballot_cast(
        actor=representative,
        ballot=ballot,
        organization=organization,
        option=option(secret_ballot, NO),
    )
    assert first.receipt and second.receipt and first.receipt != second.receipt
    # Only the current receipt is in the list, with the current choice.
    assert list(SecretChoice.objects.values_list("receipt", "option__kind")) == [
        (second.receipt, NO)
    ]
    vote = Vote.objects.get(ballot=ballot)
    assert vote.option is None  # the organisation's row holds no choice
    assert second.receipt not in vote.sealed_receipt
    # The audit log says the organisation voted, never how or with which receipt.
    for entry in AuditLogEntry.objects.filter(action__startswith="ballot."):
        assert entry.data == {"organization": organization.slug}
        assert first.receipt not in str(entry.data) and second.receipt not in str(entry.data)


def test_nothing_stored_beside_a_receipt_names_an_organisation(secret_ballot, org_a):
    organization, representative = org_a
    cast = services.ballot_cast(
        actor=representative,
        ballot=secret_ballot.ballot,
        organization=organization,
        option=option(secret_ballot, YES),
    )
    fields = {f.name for f in SecretChoice._meta.get_fields()}
    assert fields == {"receipt", "ballot", "option"}
    assert Vote.objects.filter(sealed_receipt__contains=cast.receipt).count() == 0


def _vote_all(consultation, organizations, choices):
    for (organization, representative), kind in zip(organizations, choices, strict=True):
        services.ballot_cast(
            actor=representative,
            ballot=consultation.ballot,
            organization=organization,
            option=option(consultation, kind),
        )


@pytest.mark.parametrize("secret", [False, True])
def test_results_recounted_from_the_published_list_give_the_same_numbers(
    secretariat_user, make_user, secret
):
    organizations = [make_member(make_user, f"m{n}") for n in range(7)]
    consultation = open_consultation(
        secretariat_user, secret=secret, quorum_percent=50, majority="absolute"
    )
    _vote_all(consultation, organizations[:6], [YES, YES, NO, YES, ABSTAIN, YES])
    consultation = close(consultation)

    results = selectors.ballot_results(consultation)
    assert [row.votes for row in results.counts] == [4, 1, 1]
    assert (results.cast, results.eligible, results.quorum_needed) == (6, 7, 4)
    assert results.quorum_met and results.winner.kind == YES
    assert results.turnout_percent == 85.7

    if secret:
        published = Counter(
            selectors.published_receipts(consultation).values_list("option", flat=True)
        )
    else:
        published = Counter(vote.option_id for vote in selectors.roll_call(consultation))
    options = list(consultation.ballot.options.all())
    recount = selectors.tally(
        options,
        dict(published),
        eligible=results.eligible,
        quorum_percent=consultation.quorum_percent,
        majority=consultation.majority,
        closed=True,
    )
    assert [r.votes for r in recount.counts] == [r.votes for r in results.counts]
    assert recount.winner == results.winner and recount.cast == results.cast


def test_the_eligible_count_is_frozen_at_the_close(secretariat_user, make_user):
    organizations = [make_member(make_user, f"m{n}") for n in range(4)]
    consultation = open_consultation(secretariat_user)
    _vote_all(consultation, organizations[:2], [YES, NO])
    services.consultation_close_voting(actor=secretariat_user, consultation=consultation)
    make_member(make_user, "late")  # joins after the close
    consultation = selectors.consultation_detail(consultation.pk)
    assert selectors.ballot_results(consultation).eligible == 4
    with pytest.raises(services.Conflict):
        services.consultation_close_voting(actor=secretariat_user, consultation=consultation)


@pytest.mark.parametrize(
    ("majority", "choices", "winner"),
    [
        ("simple", [YES, YES, NO, ABSTAIN, ABSTAIN], YES),
        ("absolute", [YES, YES, NO, ABSTAIN, ABSTAIN], None),
        ("two_thirds", [YES, YES, NO, ABSTAIN, ABSTAIN], YES),
        ("two_thirds", [YES, YES, NO, NO, ABSTAIN], None),
        ("simple", [YES, NO, NO, ABSTAIN, ABSTAIN], NO),
        ("absolute", [YES, YES, YES, NO, ABSTAIN], YES),
    ],
)
def test_the_majority_rule_decides_the_winner(
    secretariat_user, make_user, majority, choices, winner
):
    organizations = [make_member(make_user, f"m{n}") for n in range(5)]
    consultation = open_consultation(secretariat_user, majority=majority, quorum_percent=60)
    _vote_all(consultation, organizations, choices)
    results = selectors.ballot_results(close(consultation))
    assert (results.winner.kind if results.winner else None) == winner


def test_no_winner_without_the_quorum_or_on_a_tie(secretariat_user, make_user):
    organizations = [make_member(make_user, f"m{n}") for n in range(4)]
    consultation = open_consultation(secretariat_user, quorum_percent=75)
    _vote_all(consultation, organizations[:2], [YES, YES])
    results = selectors.ballot_results(close(consultation))
    assert (results.quorum_met, results.winner) == (False, None)

    tie = open_consultation(secretariat_user, quorum_percent=50)
    _vote_all(tie, organizations[:2], [YES, NO])
    results = selectors.ballot_results(close(tie))
    assert (results.quorum_met, results.tied, results.winner) == (True, True, None)


def test_the_ballot_row_is_one_per_consultation(open_ballot):
    assert Ballot.objects.filter(consultation=open_ballot).count() == 1


def test_a_yearly_consultation_opens_its_next_round_a_year_on(secretariat_user, org_a):
    consultation = open_consultation(secretariat_user, repeat_months=12)
    following = services.consultation_repeat(actor=secretariat_user, consultation=consultation)
    assert following.previous == consultation
    assert following.voting_closes.year == consultation.voting_closes.year + 1
    assert following.voting_closes.month == consultation.voting_closes.month
    assert following.title.original_text == consultation.title.original_text
    with pytest.raises(services.Conflict):
        services.consultation_repeat(actor=secretariat_user, consultation=consultation)
    once = open_consultation(secretariat_user)
    with pytest.raises(ValidationError):
        services.consultation_repeat(actor=secretariat_user, consultation=once)
