"""Every write of governance and joint consultation: opening a consultation, naming a delegate,
casting and changing a vote, closing the vote.

Each function is one use case: keyword-only, one transaction, permission checked first, every
change written to the audit log. See docs/ballots.md for the secret ballot's receipts.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.data_versions import CONSULTATIONS, touch
from core.multilingual import LANGUAGE_CODES, MultilingualText, normalise_language
from core.services import audit_record
from governance import selectors
from governance.models import (
    Ballot,
    BallotDelegate,
    BallotOption,
    Body,
    Consultation,
    SecretChoice,
    Vote,
)
from governance.rules import may_vote_for
from members.models import Organization, OrganizationStaff


class Conflict(ValidationError):
    """The request is well formed and allowed, but not now: the vote is not open. (409)"""


def _require(condition: bool, message: str = "") -> None:
    if not condition:
        raise PermissionDenied(message)


# --- the secret ballot's receipts -------------------------------------------------------------

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed back


def new_receipt() -> str:
    """Sixteen characters from 32 (80 random bits), in four groups: ABCD-EFGH-JKLM-NPQR."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _sealer() -> Fernet:
    """The key that seals a vote's receipt, derived from the secret key: the database alone
    cannot tell which organisation holds which receipt."""
    digest = hashlib.sha256(b"sironet.ballot-receipts\x00" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _seal(receipt: str) -> str:
    return _sealer().encrypt(receipt.encode()).decode()


def _unseal(sealed: str) -> str | None:
    try:
        return _sealer().decrypt(sealed.encode()).decode()
    except (InvalidToken, ValueError):
        return None


# --- opening a consultation -------------------------------------------------------------------


def _clean_text(value: str, *, field: str, missing: str, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: missing})
    if len(value) > max_length:
        raise ValidationError(
            {field: _("Ensure this value has at most %(max)d characters.") % {"max": max_length}}
        )
    return value


def _clean_language(language: str) -> str:
    code = normalise_language(language)
    if code not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose one of the platform's languages.")})
    return code


@transaction.atomic
def consultation_open(
    *,
    actor: User,
    title: str,
    description: str,
    language: str,
    discussion_opens: datetime,
    proposals_open: datetime,
    voting_opens: datetime,
    voting_closes: datetime,
    question: str = "",
    body: Body | None = None,
    quorum_percent: int = 50,
    majority: str = Consultation.Majority.SIMPLE,
    secret: bool = False,
    ballot_kind: str = Ballot.Kind.QUESTION,
    options: list[str] | None = None,
    endorsement_threshold: int = 3,
) -> Consultation:
    """The Secretariat opens a consultation with its timetable and its ballot."""
    _require(actor.has_perm("governance.open_consultation"))
    language = _clean_language(language)
    title = _clean_text(
        title, field="title", missing=_("Give the consultation a title."), max_length=200
    )
    description = _clean_text(
        description,
        field="description",
        missing=_("Describe the matter put to the members."),
        max_length=20000,
    )
    question = (question or "").strip() or title
    if len(question) > 500:
        raise ValidationError({"question": _("Ensure this value has at most 500 characters.")})
    if not (discussion_opens <= proposals_open <= voting_opens < voting_closes):
        raise ValidationError(
            {
                "voting_closes": _(
                    "The phases must follow one another: discussion, proposals, then voting, "
                    "which must close after it opens."
                )
            }
        )
    if not 0 <= quorum_percent <= 100:
        raise ValidationError({"quorum_percent": _("The quorum is a percentage from 0 to 100.")})
    if majority not in Consultation.Majority.values:
        raise ValidationError({"majority": _("Choose a majority rule.")})
    if ballot_kind not in Ballot.Kind.values:
        raise ValidationError({"ballot_kind": _("Choose the kind of ballot.")})
    labels = [label.strip() for label in (options or []) if label and label.strip()]
    if ballot_kind == Ballot.Kind.CHOICE and len(labels) < 2:
        raise ValidationError({"options": _("A choice needs at least two options.")})
    if any(len(label) > 300 for label in labels):
        raise ValidationError({"options": _("Ensure each option has at most 300 characters.")})
    consultation = Consultation.objects.create(
        title=MultilingualText.create(title, language),
        description=MultilingualText.create(description, language),
        body=body,
        discussion_opens=discussion_opens,
        proposals_open=proposals_open,
        voting_opens=voting_opens,
        voting_closes=voting_closes,
        quorum_percent=quorum_percent,
        majority=majority,
        secret=secret,
        endorsement_threshold=endorsement_threshold,
        created_by=actor,
    )
    ballot = Ballot.objects.create(
        consultation=consultation,
        kind=ballot_kind,
        question=MultilingualText.create(question, language),
    )
    kinds = (
        [BallotOption.Kind.YES, BallotOption.Kind.NO]
        if ballot_kind == Ballot.Kind.QUESTION
        else [BallotOption.Kind.OPTION] * len(labels)
    )
    rows = [
        BallotOption(
            ballot=ballot,
            position=position,
            kind=kind,
            label=MultilingualText.create(labels[position - 1], language)
            if kind == BallotOption.Kind.OPTION
            else None,
        )
        for position, kind in enumerate(kinds, start=1)
    ]
    rows.append(BallotOption(ballot=ballot, position=len(rows) + 1, kind=BallotOption.Kind.ABSTAIN))
    BallotOption.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="consultation.open",
        target=consultation,
        secret=secret,
        majority=majority,
        quorum_percent=quorum_percent,
        voting_opens=voting_opens.isoformat(),
        voting_closes=voting_closes.isoformat(),
    )
    touch(CONSULTATIONS)
    return consultation


@transaction.atomic
def consultation_close_voting(*, actor: User, consultation: Consultation) -> Consultation:
    """The Secretariat closes an open vote now (before its planned close)."""
    _require(actor.has_perm("governance.close_voting"))
    ballot = Ballot.objects.select_for_update().get(consultation_id=consultation.pk)
    consultation = Consultation.objects.get(pk=consultation.pk)
    if consultation.phase() != Consultation.Phase.VOTING:
        raise Conflict(_("The vote is not open."))
    now = timezone.now()
    consultation.voting_closes = now
    consultation.save(update_fields=["voting_closes", "updated_at"])
    Ballot.objects.filter(pk=ballot.pk).update(
        eligible_count=selectors.eligible_organizations(consultation).count()
    )
    audit_record(actor=actor, action="consultation.close_voting", target=consultation)
    touch(CONSULTATIONS)
    return consultation


# --- voting ----------------------------------------------------------------------------------


@transaction.atomic
def ballot_delegate(
    *, actor: User, ballot: Ballot, organization: Organization, user: User | None
) -> BallotDelegate | None:
    """An organisation's admin names one of its staff to vote for it on this ballot (beside its
    representative), or takes the delegation back (user None)."""
    _require(actor.has_perm("governance.name_delegate", organization))
    consultation = ballot.consultation
    if consultation.phase() == Consultation.Phase.RESULTS:
        raise Conflict(_("The vote is closed."))
    BallotDelegate.objects.filter(ballot=ballot, organization=organization).delete()
    if user is None:
        audit_record(
            actor=actor,
            action="ballot.delegate_revoke",
            target=ballot,
            organization=organization.slug,
        )
        return None
    if not OrganizationStaff.objects.filter(organization=organization, user=user).exists():
        raise ValidationError({"user": _("Choose a member of the organisation's staff.")})
    delegate = BallotDelegate.objects.create(
        ballot=ballot, organization=organization, user=user, named_by=actor
    )
    audit_record(
        actor=actor,
        action="ballot.delegate",
        target=ballot,
        organization=organization.slug,
        delegate=user.email,
    )
    return delegate


@dataclass(frozen=True)
class CastVote:
    vote: Vote
    option: BallotOption
    receipt: str | None  # secret ballots: the new receipt, shown once to the voter
    changed: bool


@transaction.atomic
def ballot_cast(
    *, actor: User, ballot: Ballot, organization: Organization, option: BallotOption | int
) -> CastVote:
    """A member organisation votes, or changes its vote, through its representative or delegate.

    The ballot's row is locked first: votes on one ballot are taken one after another, so a vote
    and the close never cross, and the unique constraint (ballot, organisation) holds the count.
    """
    ballot = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("consultation", "consultation__body")
        .get(pk=ballot.pk)
    )
    organization = Organization.objects.get(pk=organization.pk)
    consultation = ballot.consultation
    _require(
        may_vote_for(actor, ballot, organization),
        _("Only the organisation's representative, or the delegate its admin named, votes for it."),
    )
    if organization.status != Organization.Status.MEMBER:
        raise PermissionDenied(_("Only a member organisation in good standing can vote."))
    if not selectors.eligible_organizations(consultation).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("This organisation does not take part in this consultation."))
    if consultation.phase() != Consultation.Phase.VOTING:
        raise Conflict(_("The vote is not open: votes are taken only while voting is open."))
    option_id = option.pk if isinstance(option, BallotOption) else option
    chosen = BallotOption.objects.filter(ballot=ballot, pk=option_id).first()
    if chosen is None:
        raise ValidationError({"option": _("Choose one of the ballot's options.")})

    now = timezone.now()
    vote = Vote.objects.filter(ballot=ballot, organization=organization).first()
    changed = vote is not None
    receipt = new_receipt() if consultation.secret else None
    if vote is None:
        vote = Vote(ballot=ballot, organization=organization, cast_at=now)
    elif consultation.secret:
        old = _unseal(vote.sealed_receipt)
        if old:
            SecretChoice.objects.filter(ballot=ballot, receipt=old).delete()
    vote.cast_by = actor
    vote.changed_at = now
    if changed:
        vote.changes += 1
    if consultation.secret:
        SecretChoice.objects.create(receipt=receipt, ballot=ballot, option=chosen)
        vote.option = None
        vote.sealed_receipt = _seal(receipt)
    else:
        vote.option = chosen
    vote.save()
    # The log names the organisation; for a secret ballot never its choice or its receipt.
    details = {"organization": organization.slug}
    if not consultation.secret:
        details["option"] = chosen.position
    audit_record(
        actor=actor, action="ballot.change" if changed else "ballot.cast", target=ballot, **details
    )
    return CastVote(vote=vote, option=chosen, receipt=receipt, changed=changed)
