"""Every write of governance and joint consultation: opening a consultation, naming a delegate,
casting and changing a vote, closing the vote.

Each function is one use case: keyword-only, one transaction, permission checked first, every
change written to the audit log. See docs/ballots.md for the secret ballot's receipts.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import uploads
from core.data_versions import CONSULTATIONS, touch
from core.multilingual import LANGUAGE_CODES, MultilingualText, normalise_language
from core.notifications import notify
from core.services import audit_record
from governance import selectors
from governance.models import (
    Ballot,
    BallotDelegate,
    BallotOption,
    Body,
    Comment,
    CommentReport,
    CommentRevision,
    Consultation,
    ConsultationMailOptOut,
    ConsultationNotice,
    Decision,
    DocumentVersion,
    Endorsement,
    Meeting,
    MeetingDocument,
    NetworkDocument,
    Proposal,
    Seat,
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
    repeat_months: int = 0,
    previous: Consultation | None = None,
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
        repeat_months=max(0, min(120, repeat_months)),
        previous=previous,
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


@transaction.atomic
def consultation_repeat(*, actor: User, consultation: Consultation) -> Consultation:
    """The next round of a repeating consultation: the same matter, rules and ballot, every
    date moved on by its cycle."""
    from dateutil.relativedelta import relativedelta

    _require(actor.has_perm("governance.open_consultation"))
    consultation = selectors.consultation_detail(consultation.pk)
    if not consultation.repeat_months:
        raise ValidationError(_("This consultation does not repeat."))
    if Consultation.objects.filter(previous=consultation).exists():
        raise Conflict(_("The next round is already open."))
    step = relativedelta(months=consultation.repeat_months)
    ballot = consultation.ballot
    language = consultation.title.original
    return consultation_open(
        actor=actor,
        title=consultation.title.original_text,
        description=consultation.description.original_text,
        language=language,
        question=ballot.question.original_text,
        discussion_opens=consultation.discussion_opens + step,
        proposals_open=consultation.proposals_open + step,
        voting_opens=consultation.voting_opens + step,
        voting_closes=consultation.voting_closes + step,
        body=consultation.body,
        quorum_percent=consultation.quorum_percent,
        majority=consultation.majority,
        secret=consultation.secret,
        ballot_kind=ballot.kind,
        options=[
            option.label.original_text
            for option in ballot.options.all()
            if option.kind == BallotOption.Kind.OPTION and not hasattr(option, "proposal")
        ],
        endorsement_threshold=consultation.endorsement_threshold,
        repeat_months=consultation.repeat_months,
        previous=consultation,
    )


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


# --- discussion --------------------------------------------------------------------------------

DISCUSSION_PHASES = (
    Consultation.Phase.DISCUSSION,
    Consultation.Phase.PROPOSALS,
    Consultation.Phase.VOTING,
)
MAX_COMMENT = 10000


def _speaking_for(actor: User, consultation: Consultation) -> Organization | None:
    """The organisation taking part for which this person speaks (their first, by name)."""
    return (
        selectors.eligible_organizations(consultation)
        .filter(staff__user=actor)
        .order_by("sort_name", "pk")
        .first()
    )


def _may_take_part(actor: User, consultation: Consultation) -> Organization | None:
    organization = _speaking_for(actor, consultation)
    if organization is None and not actor.has_perm("governance.moderate_discussion"):
        raise PermissionDenied(
            _("Only the staff of the member organisations taking part join the discussion.")
        )
    return organization


def _clean_comment(text: str, language: str) -> tuple[str, str]:
    text = _clean_text(text, field="text", missing=_("Write the comment."), max_length=MAX_COMMENT)
    return text, _clean_language(language)


@transaction.atomic
def comment_post(
    *,
    actor: User,
    consultation: Consultation,
    text: str,
    language: str,
    parent: Comment | None = None,
) -> Comment:
    """Staff of a member organisation taking part comment, or reply to a comment."""
    organization = _may_take_part(actor, consultation)
    if consultation.phase() not in DISCUSSION_PHASES:
        raise Conflict(_("The discussion is not open."))
    text, language = _clean_comment(text, language)
    if parent is not None:
        if parent.consultation_id != consultation.pk:
            raise ValidationError({"parent": _("Reply to a comment of this consultation.")})
        if parent.hidden_at is not None:
            raise ValidationError({"parent": _("This comment is hidden.")})
    comment = Comment.objects.create(
        consultation=consultation,
        thread_id=(parent.thread_id or parent.pk) if parent else None,
        parent=parent,
        author=actor,
        organization=organization,
        text=text,
        html=Comment.render(text),
        language=language,
    )
    return comment


@transaction.atomic
def comment_edit(*, actor: User, comment: Comment, text: str, language: str) -> Comment:
    """The author changes their comment; the earlier text is kept as a revision."""
    comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    _require(comment.author_id == actor.pk, _("Only the author edits a comment."))
    if comment.hidden_at is not None:
        raise Conflict(_("This comment is hidden."))
    if comment.consultation.phase() not in DISCUSSION_PHASES:
        raise Conflict(_("The discussion is not open."))
    text, language = _clean_comment(text, language)
    CommentRevision.objects.create(
        comment=comment,
        text=comment.text,
        html=comment.html,
        language=comment.language,
        written_at=comment.edited_at or comment.created_at,
    )
    comment.text, comment.html = text, Comment.render(text)
    comment.language, comment.edited_at = language, timezone.now()
    comment.save(update_fields=["text", "html", "language", "edited_at"])
    return comment


@transaction.atomic
def comment_report(*, actor: User, comment: Comment, reason: str) -> CommentReport:
    """Anyone signed in reports an abusive comment to the Secretariat, once."""
    _require(getattr(actor, "is_authenticated", False))
    reason = _clean_text(
        reason, field="reason", missing=_("Say what is wrong with it."), max_length=500
    )
    if comment.hidden_at is not None:
        raise Conflict(_("This comment is hidden."))
    report, created = CommentReport.objects.get_or_create(
        comment=comment, reporter=actor, defaults={"reason": reason}
    )
    if not created:
        raise ValidationError({"reason": _("You have already reported this comment.")})
    audit_record(actor=actor, action="comment.report", target=comment)
    return report


@transaction.atomic
def comment_hide(*, actor: User, comment: Comment, reason: str) -> Comment:
    """The Secretariat hides a comment, giving the reason (shown in its place)."""
    _require(actor.has_perm("governance.moderate_discussion"))
    reason = _clean_text(
        reason, field="reason", missing=_("Give the reason for hiding it."), max_length=500
    )
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.hidden_at is not None:
        raise Conflict(_("This comment is already hidden."))
    comment.hidden_at, comment.hidden_by, comment.hidden_reason = timezone.now(), actor, reason
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_record(actor=actor, action="comment.hide", target=comment, reason=reason)
    return comment


# --- proposals ---------------------------------------------------------------------------------


def _acting_for(actor: User, consultation: Consultation, organization: Organization | None):
    """The organisation taking part that this staff member acts for."""
    organizations = selectors.eligible_organizations(consultation).filter(staff__user=actor)
    if organization is not None:
        organizations = organizations.filter(pk=organization.pk)
    chosen = organizations.order_by("sort_name", "pk").first()
    if chosen is None:
        raise PermissionDenied(_("Only the staff of a member organisation taking part act for it."))
    return chosen


@transaction.atomic
def proposal_submit(
    *,
    actor: User,
    consultation: Consultation,
    title: str,
    text: str,
    language: str,
    organization: Organization | None = None,
) -> Proposal:
    """A member organisation taking part submits a proposal, in the proposals phase."""
    organization = _acting_for(actor, consultation, organization)
    if consultation.phase() != Consultation.Phase.PROPOSALS:
        raise Conflict(_("Proposals are taken only in the proposals phase."))
    language = _clean_language(language)
    title = _clean_text(
        title, field="title", missing=_("Give the proposal a title."), max_length=200
    )
    text = _clean_text(text, field="text", missing=_("Write the proposal."), max_length=MAX_COMMENT)
    proposal = Proposal.objects.create(
        consultation=consultation,
        organization=organization,
        author=actor,
        title=MultilingualText.create(title, language),
        text=MultilingualText.create(text, language),
    )
    audit_record(
        actor=actor, action="proposal.submit", target=proposal, organization=organization.slug
    )
    _qualify_if_endorsed(proposal)
    return proposal


def _qualify_if_endorsed(proposal: Proposal) -> None:
    """Enough endorsements: the proposal goes to the vote (an option of a choice ballot)."""
    consultation = proposal.consultation
    if proposal.status != Proposal.Status.SUBMITTED:
        return
    if proposal.endorsements.count() < consultation.endorsement_threshold:
        return
    ballot = Ballot.objects.select_for_update().get(consultation_id=consultation.pk)
    option = None
    if ballot.kind == Ballot.Kind.CHOICE:
        options = list(ballot.options.order_by("position"))
        last = options[-1].position if options else 0
        abstain = next((o for o in options if o.kind == BallotOption.Kind.ABSTAIN), None)
        position = last + 1
        if abstain is not None:  # abstaining stays last: the proposal takes its place
            BallotOption.objects.filter(pk=abstain.pk).update(position=last + 1)
            position = abstain.position
        option = BallotOption.objects.create(
            ballot=ballot, position=position, kind=BallotOption.Kind.OPTION, label=proposal.title
        )
    proposal.status, proposal.option = Proposal.Status.ON_BALLOT, option
    proposal.save(update_fields=["status", "option"])
    audit_record(actor=None, action="proposal.on_ballot", target=proposal)


@transaction.atomic
def proposal_endorse(
    *, actor: User, proposal: Proposal, organization: Organization | None = None
) -> Endorsement:
    """Another member organisation taking part endorses a proposal, once."""
    proposal = (
        Proposal.objects.select_for_update().select_related("consultation").get(pk=proposal.pk)
    )
    consultation = proposal.consultation
    organization = _acting_for(actor, consultation, organization)
    if organization.pk == proposal.organization_id:
        raise ValidationError(
            {"organization": _("An organisation does not endorse its own proposal.")}
        )
    if consultation.phase() != Consultation.Phase.PROPOSALS:
        raise Conflict(_("Proposals are endorsed only in the proposals phase."))
    if proposal.status == Proposal.Status.MERGED:
        raise Conflict(_("This proposal was merged into another."))
    if Endorsement.objects.filter(proposal=proposal, organization=organization).exists():
        raise Conflict(_("Your organisation already endorses this proposal."))
    endorsement = Endorsement.objects.create(
        proposal=proposal, organization=organization, endorsed_by=actor
    )
    audit_record(
        actor=actor, action="proposal.endorse", target=proposal, organization=organization.slug
    )
    _qualify_if_endorsed(proposal)
    return endorsement


@transaction.atomic
def proposal_merge(*, actor: User, proposal: Proposal, into: Proposal) -> Proposal:
    """The Secretariat merges a proposal into another: its endorsers endorse the other."""
    _require(actor.has_perm("governance.moderate_discussion"))
    if proposal.pk == into.pk or proposal.consultation_id != into.consultation_id:
        raise ValidationError({"into": _("Choose another proposal of the same consultation.")})
    # Both rows locked, always in the same order: endorsing either waits for the merge.
    locked = {
        row.pk: row
        for row in Proposal.objects.select_for_update()
        .filter(pk__in=[proposal.pk, into.pk])
        .order_by("pk")
    }
    proposal, into = locked[proposal.pk], locked[into.pk]
    consultation = Consultation.objects.get(pk=into.consultation_id)
    into.consultation = consultation
    if consultation.phase() not in (Consultation.Phase.DISCUSSION, Consultation.Phase.PROPOSALS):
        raise Conflict(_("Proposals are merged only before the vote opens."))
    if proposal.status != Proposal.Status.SUBMITTED or into.status == Proposal.Status.MERGED:
        raise Conflict(_("Only a proposal collecting endorsements can be merged."))
    already = set(into.endorsements.values_list("organization_id", flat=True))
    already.add(into.organization_id)
    moved = [
        Endorsement(
            proposal=into, organization_id=e.organization_id, endorsed_by_id=e.endorsed_by_id
        )
        for e in proposal.endorsements.all()
        if e.organization_id not in already
    ]
    if proposal.organization_id not in already:
        moved.append(
            Endorsement(
                proposal=into,
                organization_id=proposal.organization_id,
                endorsed_by_id=proposal.author_id,
            )
        )
    Endorsement.objects.bulk_create(moved)
    proposal.status, proposal.merged_into = Proposal.Status.MERGED, into
    proposal.save(update_fields=["status", "merged_into"])
    audit_record(
        actor=actor,
        action="proposal.merge",
        target=proposal,
        into=into.pk,
        endorsements_moved=len(moved),
    )
    _qualify_if_endorsed(into)
    return proposal


# --- decisions and documents -------------------------------------------------------------------


def _next_decision_number(year: int) -> str:
    numbers = Decision.objects.filter(number__startswith=f"{year}/").values_list(
        "number", flat=True
    )
    last = max(
        (int(n.split("/", 1)[1]) for n in numbers if n.split("/", 1)[1].isdigit()), default=0
    )
    return f"{year}/{last + 1}"


def _create_numbered(**fields) -> Decision:
    """A new decision with the next number of its year. Two decisions recorded at the same moment
    (two committee votes approving, say) may both read the same last number: the unique number
    refuses the second, which takes the next one (a savepoint keeps the transaction usable)."""
    year = fields["decided_on"].year
    Decision.objects.select_for_update().filter(decided_on__year=year).exists()
    for attempt in range(5):
        try:
            with transaction.atomic():
                return Decision.objects.create(number=_next_decision_number(year), **fields)
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


@dataclass(frozen=True, kw_only=True)
class DecisionFields:
    """What the Secretariat writes of a decision, recording it or correcting it (a
    DecisionForm's cleaned data, as `DecisionFields(**form.cleaned_data)`)."""

    decided_on: date
    title: str
    text: str
    language: str
    body: Body | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstaining: int | None = None
    meeting: Meeting | None = None
    internal: bool = False

    @property
    def votes(self) -> tuple[int | None, int | None, int | None]:
        return (self.votes_for, self.votes_against, self.votes_abstaining)


def _clean_decision(fields: DecisionFields) -> DecisionFields:
    _check_votes(*fields.votes)
    return replace(
        fields,
        language=_clean_language(fields.language),
        title=_clean_text(
            fields.title, field="title", missing=_("Give the decision a title."), max_length=300
        ),
        text=_clean_text(
            fields.text, field="text", missing=_("Write the decision."), max_length=20000
        ),
    )


@transaction.atomic
def decision_record(
    *, actor: User, fields: DecisionFields, consultation: Consultation | None = None
) -> Decision:
    """The Secretariat records a decision in the register; it is numbered year/sequence."""
    _require(actor.has_perm("governance.record_decision"))
    fields = _clean_decision(fields)
    decision = _create_numbered(
        decided_on=fields.decided_on,
        body=fields.body,
        title=MultilingualText.create(fields.title, fields.language),
        text=MultilingualText.create(fields.text, fields.language),
        votes_for=fields.votes_for,
        votes_against=fields.votes_against,
        votes_abstaining=fields.votes_abstaining,
        consultation=consultation,
        meeting=fields.meeting,
        internal=fields.internal,
    )
    audit_record(actor=actor, action="decision.record", target=decision, number=decision.number)
    return decision


def _check_votes(*counts: int | None) -> None:
    if any(count is not None and count < 0 for count in counts):
        raise ValidationError({"votes_for": _("A vote count is a whole number, 0 or more.")})


def _set_text(value: MultilingualText | None, text: str, language: str) -> MultilingualText:
    """A text edited in one language: the original replaced, or that language's translation."""
    if value is None:
        return MultilingualText.create(text, language)
    value.add_translation(language, text)
    return value


@transaction.atomic
def decision_update(*, actor: User, decision: Decision, fields: DecisionFields) -> Decision:
    """The Secretariat corrects a decision of the register. Its number stays; the counts of a
    vote the platform itself took (a consultation, a membership application) stay as counted."""
    _require(actor.has_perm("governance.record_decision"))
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    fields = _clean_decision(fields)
    counted = (decision.votes_for, decision.votes_against, decision.votes_abstaining)
    if (decision.consultation_id or decision.application_id) and counted != fields.votes:
        raise ValidationError(
            {"votes_for": _("The counts of a vote taken on the platform cannot be changed.")}
        )
    if fields.decided_on.year != decision.decided_on.year:
        raise ValidationError(
            {"decided_on": _("The date stays in the year of the decision's number.")}
        )
    before = {
        "decided_on": decision.decided_on.isoformat(),
        "internal": decision.internal,
        "votes": list(counted),
    }
    decision.decided_on = fields.decided_on
    decision.title = _set_text(decision.title, fields.title, fields.language)
    decision.text = _set_text(decision.text, fields.text, fields.language)
    decision.body = fields.body
    decision.votes_for, decision.votes_against, decision.votes_abstaining = fields.votes
    decision.meeting = fields.meeting
    decision.internal = fields.internal
    decision.save()
    audit_record(
        actor=actor,
        action="decision.update",
        target=decision,
        number=decision.number,
        language=fields.language,
        before=before,
    )
    return decision


def membership_decision_texts(
    organization_name: MultilingualText, counts: dict[str, int]
) -> tuple[MultilingualText, MultilingualText]:
    """The title and text of a membership approval's decision, in every language of the
    platform (the organisation's name in each language where it has one)."""
    from django.utils import translation

    titles: dict[str, str] = {}
    texts: dict[str, str] = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            name = organization_name.render(code).text
            titles[code] = _("Admission of %(organization)s as a member") % {"organization": name}
            texts[code] = _(
                "The Steering Committee approved the membership application of "
                "%(organization)s: %(approve)d for, %(reject)d against, %(abstain)d abstaining."
            ) % {"organization": name, **counts}
    title = MultilingualText.create(titles["en"], "en")
    text = MultilingualText.create(texts["en"], "en")
    for code in LANGUAGE_CODES:
        if code != "en":
            title.add_translation(code, titles[code])
            text.add_translation(code, texts[code])
    return title, text


@transaction.atomic
def decision_record_membership(*, application) -> Decision | None:
    """The Steering Committee's approval of a membership application, by its vote, goes into the
    register: numbered, dated the day it was decided, with the vote counts and a link to the
    application. Called by the membership service in the same transaction as the approval (the
    committee's vote is the permission); once per application."""
    from members.models import ApplicationVote, MembershipApplication

    if application.status != MembershipApplication.Status.APPROVED or not application.decided_at:
        return None
    if Decision.objects.filter(application_id=application.pk).exists():
        return None
    choices = ApplicationVote.Choice
    votes = list(
        ApplicationVote.objects.filter(application_id=application.pk).values_list(
            "choice", flat=True
        )
    )
    counts = {
        "approve": votes.count(choices.APPROVE),
        "reject": votes.count(choices.REJECT),
        "abstain": votes.count(choices.ABSTAIN),
    }
    organization = Organization.objects.get(pk=application.organization_id)
    title, text = membership_decision_texts(organization.name, counts)
    decided_on = timezone.localdate(application.decided_at)
    decision = _create_numbered(
        decided_on=decided_on,
        body=Body.objects.filter(kind=Body.Kind.STEERING_COMMITTEE).first(),
        title=title,
        text=text,
        votes_for=counts["approve"],
        votes_against=counts["reject"],
        votes_abstaining=counts["abstain"],
        application=application,
    )
    audit_record(
        actor=None,
        action="decision.record",
        target=decision,
        number=decision.number,
        application=application.pk,
    )
    return decision


@transaction.atomic
def decision_record_result(
    *, actor: User, consultation: Consultation, language: str = "en"
) -> Decision:
    """The Secretariat records a closed consultation's result as a decision, with its counts."""
    _require(actor.has_perm("governance.record_decision"))
    consultation = selectors.consultation_detail(consultation.pk)
    if consultation.phase() != Consultation.Phase.RESULTS:
        raise Conflict(_("The vote has not closed yet."))
    if Decision.objects.filter(consultation=consultation).exists():
        raise Conflict(_("This consultation's result is already in the register."))
    results = selectors.ballot_results(consultation)
    by_kind: dict[str, int] = {}
    for row in results.counts:
        by_kind[row.option.kind] = by_kind.get(row.option.kind, 0) + row.votes
    winner_votes = next((row.votes for row in results.counts if row.option == results.winner), 0)
    if consultation.ballot.kind == Ballot.Kind.QUESTION:
        votes_for, votes_against = by_kind.get("yes", 0), by_kind.get("no", 0)
    else:
        votes_for = winner_votes
        votes_against = results.cast - by_kind.get("abstain", 0) - winner_votes
    if results.winner is not None:
        outcome = _("Carried: %(option)s.") % {"option": results.winner}
    else:
        outcome = _("No option carried.")
    text = _(
        "%(outcome)s %(cast)d of %(eligible)d organisations voted; the quorum was %(met)s."
    ) % {
        "outcome": outcome,
        "cast": results.cast,
        "eligible": results.eligible,
        "met": _("met") if results.quorum_met else _("not met"),
    }
    return decision_record(
        actor=actor,
        fields=DecisionFields(
            decided_on=consultation.voting_closes.date(),
            title=consultation.title.render(language).text,
            text=text,
            language=language,
            body=consultation.body,
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstaining=by_kind.get("abstain", 0),
        ),
        consultation=consultation,
    )


@transaction.atomic
def document_version_adopt(
    *,
    actor: User,
    document: NetworkDocument,
    text: str,
    language: str,
    adopted_on,
    decision: Decision | None = None,
    note: str = "",
    translations: dict[str, str] | None = None,
) -> DocumentVersion:
    """A new version of a network document, adopted on a date, by a decision."""
    _require(actor.has_perm("governance.adopt_document"))
    language = _clean_language(language)
    text = _clean_text(text, field="text", missing=_("Give the text."), max_length=200000)
    document = NetworkDocument.objects.select_for_update().get(pk=document.pk)
    body = MultilingualText.create(text, language)
    for other, translated in (translations or {}).items():
        if translated and translated.strip():
            body.add_translation(_clean_language(other), translated.strip())
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = DocumentVersion.objects.create(
        document=document,
        number=last + 1,
        body=body,
        adopted_on=adopted_on,
        decision=decision,
        note=note[:200],
    )
    audit_record(
        actor=actor,
        action="document.adopt",
        target=document,
        version=version.number,
        decision=decision.number if decision else None,
    )
    return version


@transaction.atomic
def document_version_edit(
    *, actor: User, version: DocumentVersion, text: str, language: str
) -> DocumentVersion:
    """The Secretariat corrects a version's text in one language: the original (every
    translation is then marked as older than it, until it is corrected too) or a translation."""
    _require(actor.has_perm("governance.adopt_document"))
    language = _clean_language(language)
    text = _clean_text(text, field="text", missing=_("Give the text."), max_length=200000)
    version = DocumentVersion.objects.select_for_update().get(pk=version.pk)
    version.body.add_translation(language, text)
    version.save(update_fields=["body"])
    audit_record(
        actor=actor,
        action="document.version_edit",
        target=version.document,
        version=version.number,
        language=language,
        original=language == version.body.original,
    )
    return version


# --- notices -------------------------------------------------------------------------------------

NOTICE_WINDOW = timedelta(days=2)  # a phase that opened longer ago than this is not announced


def _recipients(consultation: Consultation, *, voters_only: bool) -> list[User]:
    """The staff of the organisations taking part (or only those who vote for them), who have
    not turned the emails off."""
    organizations = selectors.eligible_organizations(consultation).values("pk")
    staff = OrganizationStaff.objects.filter(organization__in=organizations)
    if voters_only:
        delegates = BallotDelegate.objects.filter(ballot__consultation=consultation).values(
            "user_id"
        )
        staff = staff.filter(Q(is_representative=True) | Q(user_id__in=delegates))
    return list(
        User.objects.filter(pk__in=staff.values("user_id"), is_active=True)
        .exclude(consultation_opt_out__isnull=False)
        .order_by("pk")
    )


def _announce(consultation: Consultation, kind: str, *, voters_only: bool = False) -> int:
    try:
        with transaction.atomic():
            notice = ConsultationNotice.objects.create(consultation=consultation, kind=kind)
    except IntegrityError:
        return 0  # told already (by another run)
    users = _recipients(consultation, voters_only=voters_only)
    notify(
        template="consultation_closing" if kind == "closing" else "consultation_phase",
        context={
            "consultation_id": consultation.pk,
            "title": consultation.title.original_text,
            "phase": kind,
            "closes": consultation.voting_closes.isoformat(),
        },
        users=users,
    )
    ConsultationNotice.objects.filter(pk=notice.pk).update(recipients=len(users))
    return len(users)


@transaction.atomic
def consultation_send_notices(*, now: datetime | None = None) -> int:
    """Tell members of phases that opened (and, a day before, that the vote closes). Run often
    (`manage.py consultation_notices`, from cron); each notice goes once. Returns the emails
    queued."""
    now = now or timezone.now()
    sent = 0
    recent = now - NOTICE_WINDOW
    starts = {
        "discussion": "discussion_opens",
        "proposals": "proposals_open",
        "voting": "voting_opens",
        "results": "voting_closes",
    }
    for kind, field in starts.items():
        due = Consultation.objects.filter(**{f"{field}__lte": now, f"{field}__gt": recent})
        for consultation in due.exclude(notices__kind=kind).select_related("body"):
            if consultation.phase(now) == kind:
                sent += _announce(consultation, kind)
    closing = Consultation.objects.filter(
        voting_opens__lte=now, voting_closes__gt=now, voting_closes__lte=now + timedelta(days=1)
    ).exclude(notices__kind="closing")
    for consultation in closing:
        sent += _announce(consultation, "closing", voters_only=True)
    return sent


@transaction.atomic
def consultation_mail_set(*, actor: User, wanted: bool) -> None:
    """A person turns the emails about consultations on or off."""
    _require(getattr(actor, "is_authenticated", False))
    if wanted:
        ConsultationMailOptOut.objects.filter(user=actor).delete()
    else:
        ConsultationMailOptOut.objects.get_or_create(user=actor)


# --- meetings ------------------------------------------------------------------------------------


def _require_meeting_manager(actor: User, body: Body) -> None:
    _require(
        actor.has_perm("governance.manage_meeting", body),
        _("Only the Secretariat and the members of the body manage its meetings."),
    )


def _clean_zone(name: str) -> str:
    from zoneinfo import available_timezones

    if name not in available_timezones():
        raise ValidationError({"time_zone": _("Choose a time zone from the list.")})
    return name


def _attendees_allowed(body: Body, on, users) -> list[User]:
    """Attendance is taken among the people holding a seat on the body on the meeting's day."""
    users = list(users or [])
    seated = set(
        Seat.objects.filter(body=body, term_start__lte=on)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
        .values_list("user_id", flat=True)
    )
    if any(user.pk not in seated for user in users):
        raise ValidationError(
            {"attendees": _("Only people holding a seat on the body on that day attend.")}
        )
    return users


@transaction.atomic
def meeting_save(
    *,
    actor: User,
    body: Body,
    title: str,
    language: str,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str = "UTC",
    place: str = "",
    online: bool = False,
    agenda: str = "",
    internal: bool = False,
    attendees=None,
    meeting: Meeting | None = None,
) -> Meeting:
    """The Secretariat or a member of the body plans a meeting, or changes it: when (in its own
    time zone), where or online, the agenda (Markdown, one item a line) and who attended."""
    _require_meeting_manager(actor, body)
    if meeting is not None:
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _require_meeting_manager(actor, meeting.body)
    language = _clean_language(language)
    title = _clean_text(
        title, field="title", missing=_("Give the meeting a title."), max_length=200
    )
    time_zone = _clean_zone(time_zone)
    if not starts_at or not ends_at or ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    place = (place or "").strip()
    if len(place) > 200:
        raise ValidationError({"place": _("Ensure this value has at most 200 characters.")})
    if not place and not online:
        raise ValidationError({"place": _("Give the place, or say the meeting is online.")})
    agenda = (agenda or "").strip()
    if len(agenda) > 20000:
        raise ValidationError({"agenda": _("Ensure this value has at most 20000 characters.")})
    from zoneinfo import ZoneInfo

    people = _attendees_allowed(body, starts_at.astimezone(ZoneInfo(time_zone)).date(), attendees)
    created = meeting is None
    if created:
        meeting = Meeting(body=body)
    meeting.body = body
    meeting.title = _set_text(None if created else meeting.title, title, language)
    meeting.starts_at, meeting.ends_at, meeting.time_zone = starts_at, ends_at, time_zone
    meeting.place, meeting.online, meeting.internal = place, online, internal
    meeting.agenda = (
        _set_text(None if created else meeting.agenda, agenda, language) if agenda else None
    )
    meeting.save()
    meeting.attendees.set(people)
    audit_record(
        actor=actor,
        action="meeting.create" if created else "meeting.update",
        target=meeting,
        body=body.slug,
        starts_at=starts_at.isoformat(),
        internal=internal,
        attendees=sorted(user.pk for user in people),
    )
    return meeting


@transaction.atomic
def meeting_minutes_save(
    *, actor: User, meeting: Meeting, minutes: str, language: str, approve: bool = False
) -> Meeting:
    """The minutes of a meeting: written as a draft (read by the body's members and the
    Secretariat), then approved (read by whoever sees the meeting). Approved minutes are final."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    _require_meeting_manager(actor, meeting.body)
    if meeting.minutes_status == Meeting.Minutes.APPROVED:
        raise Conflict(_("These minutes are approved: they no longer change."))
    language = _clean_language(language)
    minutes = _clean_text(
        minutes, field="minutes", missing=_("Write the minutes."), max_length=100000
    )
    if meeting.starts_at > timezone.now():
        raise Conflict(_("Minutes are written once the meeting has taken place."))
    meeting.minutes = _set_text(meeting.minutes, minutes, language)
    meeting.minutes_status = Meeting.Minutes.APPROVED if approve else Meeting.Minutes.DRAFT
    meeting.save(update_fields=["minutes", "minutes_status"])
    audit_record(
        actor=actor,
        action="minutes.approve" if approve else "minutes.draft",
        target=meeting,
        language=language,
    )
    return meeting


# --- meeting documents -------------------------------------------------------------------------

# What may be attached to a meeting (core.uploads): the extension decides the type, and the file's first bytes
# must match it (a renamed executable or an HTML page is refused).
MEETING_DOCUMENT_TYPES = uploads.DOCUMENT_SIGNATURES


def meeting_document_max_bytes() -> int:
    return int(getattr(settings, "GOVERNANCE_DOCUMENT_MAX_MB", 20)) * 1024 * 1024


def _clean_upload(upload) -> str:
    """The upload's extension once its type and size are checked on the file itself."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    if extension not in MEETING_DOCUMENT_TYPES:
        raise ValidationError(
            {
                "file": _("This kind of file is not accepted: use %(types)s.")
                % {"types": ", ".join(sorted(MEETING_DOCUMENT_TYPES))}
            }
        )
    if upload.size > meeting_document_max_bytes():
        raise ValidationError(
            {
                "file": _("The file is larger than %(mb)s MB.")
                % {"mb": meeting_document_max_bytes() // (1024 * 1024)}
            }
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(MEETING_DOCUMENT_TYPES[extension]):
        raise ValidationError({"file": _("The file's content does not match its type.")})
    return extension


@transaction.atomic
def meeting_document_add(
    *, actor: User, meeting: Meeting, title: str, upload, internal: bool = False
) -> MeetingDocument:
    """The Secretariat or a member of the body attaches a document to a meeting: public, or
    internal (read by the body's members and the Secretariat only). Type and size are checked
    on the file itself."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
    _require_meeting_manager(actor, meeting.body)
    title = _clean_text(
        title, field="title", missing=_("Give the document a title."), max_length=200
    )
    extension = _clean_upload(upload)
    upload.name = f"meeting-{meeting.pk}-{secrets.token_hex(6)}.{extension}"
    document = MeetingDocument.objects.create(
        meeting=meeting,
        title=title,
        file=upload,
        extension=extension,
        size=upload.size,
        internal=internal,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor,
        action="meeting.document_add",
        target=meeting,
        document=document.pk,
        title=title,
        internal=internal,
    )
    return document


@transaction.atomic
def meeting_document_remove(*, actor: User, document: MeetingDocument) -> None:
    """The Secretariat or a member of the body removes a meeting's document (and its file,
    once the removal is committed)."""
    document = MeetingDocument.objects.select_related("meeting__body").get(pk=document.pk)
    _require_meeting_manager(actor, document.meeting.body)
    audit_record(
        actor=actor,
        action="meeting.document_remove",
        target=document.meeting,
        document=document.pk,
        title=document.title,
    )
    document.delete()  # its file leaves storage once committed (core.uploads)


# --- seats ---------------------------------------------------------------------------------------


def _current_seats(body: Body, on):
    return Seat.objects.filter(body=body, term_start__lte=on).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=on)
    )


@transaction.atomic
def seat_assign(
    *,
    actor: User,
    body: Body,
    user: User,
    organization: Organization | None,
    role: str,
    term_start,
    term_end=None,
) -> Seat:
    """The Secretariat seats a person on a body for a term, on behalf of a member organisation
    whose staff they are. A body with a fixed number of seats never holds more at once: the
    body's row is locked and its seats counted again."""
    _require(actor.has_perm("governance.manage_seats"))
    body = Body.objects.select_for_update().get(pk=body.pk)
    if role not in Seat.Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    if term_end is not None and term_end < term_start:
        raise ValidationError({"term_end": _("The term must end after it starts.")})
    if organization is not None:
        if organization.status != Organization.Status.MEMBER:
            raise ValidationError(
                {"organization": _("Seats are held on behalf of member organisations.")}
            )
        if not OrganizationStaff.objects.filter(organization=organization, user=user).exists():
            raise ValidationError({"user": _("Choose a member of the organisation's staff.")})
    elif body.kind != Body.Kind.SECRETARIAT:
        raise ValidationError(
            {"organization": _("Choose the member organisation the person sits for.")}
        )
    if _current_seats(body, term_start).filter(user=user).exists():
        raise ValidationError({"user": _("This person already holds a seat on the body then.")})
    if body.seats and _current_seats(body, term_start).count() >= body.seats:
        raise Conflict(_("Every seat of the body is taken then: end a term first."))
    seat = Seat.objects.create(
        body=body,
        user=user,
        organization=organization,
        role=role,
        term_start=term_start,
        term_end=term_end,
    )
    audit_record(
        actor=actor,
        action="seat.assign",
        target=seat,
        body=body.slug,
        user=user.email,
        organization=organization.slug if organization else None,
        role=role,
        term_start=term_start.isoformat(),
        term_end=term_end.isoformat() if term_end else None,
    )
    return seat


@transaction.atomic
def seat_end(*, actor: User, seat: Seat, term_end) -> Seat:
    """The Secretariat ends a term (on the day given: from the next day the seat is free)."""
    _require(actor.has_perm("governance.manage_seats"))
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if term_end < seat.term_start:
        raise ValidationError({"term_end": _("The term must end after it starts.")})
    if seat.term_end is not None and seat.term_end < timezone.localdate():
        raise Conflict(_("This term has already ended."))
    before = seat.term_end.isoformat() if seat.term_end else None
    seat.term_end = term_end
    seat.save(update_fields=["term_end"])
    audit_record(
        actor=actor,
        action="seat.end",
        target=seat,
        term_end=term_end.isoformat(),
        before=before,
    )
    return seat
