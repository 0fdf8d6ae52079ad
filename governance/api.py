"""The API of joint consultation: consultations with their timetable and, once the vote has
closed, their results with the published receipts (secret ballot) or the roll call (open
ballot); voting for programs. Every write goes through governance.services, like the pages."""

import functools
from datetime import date, datetime
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from accounts.auth import authenticated
from core.page_cache import cache_anonymous_page
from core.pagination import Pagination
from governance import selectors, services
from governance.models import Ballot, BallotOption, Comment, Consultation, NetworkDocument, Proposal
from members.models import Organization

# Anonymous answers about consultations, kept until they change or a phase opens.
cached = decorate_view(cache_anonymous_page(version=selectors.consultations_version))
router = Router(tags=["consultations"])

# Row ids in paths: whole numbers a database key can hold, else a 422 naming the parameter.
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]

Phase = Literal[tuple(Consultation.Phase.values)]  # type: ignore[valid-type]
Majority = Literal[tuple(Consultation.Majority.values)]  # type: ignore[valid-type]
BallotKind = Literal[tuple(Ballot.Kind.values)]  # type: ignore[valid-type]
OptionKind = Literal[tuple(BallotOption.Kind.values)]  # type: ignore[valid-type]


def _text(value) -> str:
    return value.render().text if value else ""


class ConsultationOut(Schema):
    id: int
    title: str = Field(
        ..., description="In the reader's language where it exists, else the original."
    )
    title_language: str
    phase: Phase
    participants: str = Field(..., description="`members` (every member) or the body's slug.")
    discussion_opens: datetime
    proposals_open: datetime
    voting_opens: datetime
    voting_closes: datetime
    secret: bool
    quorum_percent: int
    majority: Majority
    url: str

    @staticmethod
    def resolve_title(obj) -> str:
        return _text(obj.title)

    @staticmethod
    def resolve_title_language(obj) -> str:
        return obj.title.render().language

    @staticmethod
    def resolve_phase(obj) -> str:
        return obj.phase()

    @staticmethod
    def resolve_participants(obj) -> str:
        return obj.body.slug if obj.body_id else "members"

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("consultations:detail", kwargs={"consultation_id": obj.pk})


class OptionOut(Schema):
    id: int
    kind: OptionKind
    label: str


class OptionCountOut(Schema):
    option: int
    label: str
    votes: int


class ResultsOut(Schema):
    counts: list[OptionCountOut]
    cast: int
    eligible: int
    turnout_percent: float
    quorum_needed: int
    quorum_met: bool
    winner: int | None = Field(..., description="The option carried, if any.")
    tied: bool


class ReceiptOut(Schema):
    receipt: str
    option: int


class RollCallOut(Schema):
    organization: str = Field(..., description="The organisation's slug.")
    name: str
    option: int


class ConsultationDetailOut(ConsultationOut):
    description: str = Field(
        ..., alias="api_description", description="Markdown, in the reader's language if it exists."
    )
    description_language: str = Field(..., alias="api_description_language")
    ballot_kind: BallotKind = Field(..., alias="api_ballot_kind")
    question: str = Field(..., alias="api_question")
    options: list[OptionOut] = Field(..., alias="api_options")
    votes_cast: int = Field(..., alias="api_votes_cast")
    results: ResultsOut | None = Field(
        ..., alias="api_results", description="Once the vote has closed."
    )
    receipts: list[ReceiptOut] | None = Field(
        ...,
        alias="api_receipts",
        description="A closed secret ballot's receipts with their choices, by receipt.",
    )
    roll_call: list[RollCallOut] | None = Field(
        ..., alias="api_roll_call", description="A closed open ballot's votes by organisation."
    )


class BallotVoteIn(Schema):
    organization: str = Field(
        ..., min_length=1, max_length=80, description="The slug of the organisation voting."
    )
    option: int = Field(
        ..., ge=1, le=2**31 - 1, description="The id of one of the ballot's options."
    )


class BallotVoteOut(Schema):
    organization: str
    option: int
    changed: bool = Field(
        ..., description="True when this replaced the organisation's earlier vote."
    )
    receipt: str | None = Field(
        ...,
        description="Secret ballot: the receipt, given only now. Keep it to find the vote in the "
        "published list after the close; a changed vote gets a new one.",
    )


class ErrorOut(Schema):
    detail: list[dict]


def _options(consultation) -> list[dict]:
    return [
        {"id": option.pk, "kind": option.kind, "label": str(option)}
        for option in consultation.ballot.options.all()
    ]


def _detail(consultation: Consultation) -> dict:
    description = consultation.description.render()
    closed = consultation.phase() == Consultation.Phase.RESULTS
    data = {
        "description": description.text,
        "description_language": description.language,
        "ballot_kind": consultation.ballot.kind,
        "question": _text(consultation.ballot.question),
        "options": _options(consultation),
        "votes_cast": selectors.turnout_so_far(consultation),
        "results": None,
        "receipts": None,
        "roll_call": None,
    }
    if closed:
        results = selectors.ballot_results(consultation)
        data["results"] = {
            "counts": [
                {"option": row.option.pk, "label": str(row.option), "votes": row.votes}
                for row in results.counts
            ],
            "cast": results.cast,
            "eligible": results.eligible,
            "turnout_percent": results.turnout_percent,
            "quorum_needed": results.quorum_needed,
            "quorum_met": results.quorum_met,
            "winner": results.winner.pk if results.winner else None,
            "tied": results.tied,
        }
        if consultation.secret:
            data["receipts"] = [
                {"receipt": receipt, "option": option}
                for receipt, option in selectors.published_receipts(consultation).values_list(
                    "receipt", "option_id"
                )
            ]
        else:
            data["roll_call"] = [
                {
                    "organization": vote.organization.slug,
                    "name": vote.organization.name.original_text,
                    "option": vote.option_id,
                }
                for vote in selectors.roll_call(consultation)
            ]
    return data


def _found(consultation_id: Id) -> Consultation:
    try:
        return selectors.consultation_detail(consultation_id)
    except (Consultation.DoesNotExist, OverflowError):
        raise Http404 from None


def conflict_is_409(endpoint):
    """A write endpoint whose service refuses with a Conflict (the wrong phase, already done)
    answers 409 with the service's messages; its other answers are its own."""

    @functools.wraps(endpoint)
    def answer(request, *args, **kwargs):
        try:
            return endpoint(request, *args, **kwargs)
        except services.Conflict as error:
            return Status(409, {"detail": [{"loc": ["body"], "msg": m} for m in error.messages]})

    return answer


@router.get(
    "/consultations",
    response=list[ConsultationOut],
    auth=None,
    summary="Consultations, the latest vote first",
)
@cached
@paginate(Pagination)
def list_consultations(request):
    return selectors.consultation_list()


@router.get(
    "/consultations/{consultation_id}",
    response=ConsultationDetailOut,
    auth=None,
    summary="One consultation; its results, and the receipts or the roll call, once closed",
)
@cached
def get_consultation(request, consultation_id: Id):
    consultation = _found(consultation_id)
    for name, value in _detail(consultation).items():
        setattr(consultation, f"api_{name}", value)
    return consultation


@router.post(
    "/consultations/{consultation_id}/votes",
    response={200: BallotVoteOut, 201: BallotVoteOut, 409: ErrorOut},
    auth=authenticated,
    summary="Vote, or change the vote, for an organisation (its representative or delegate)",
    description="201 for a first vote, 200 for a change; 403 for an organisation the caller "
    "may not vote for or one not in good standing; 409 outside the voting phase.",
)
@conflict_is_409
def cast_vote(request, consultation_id: Id, payload: BallotVoteIn):
    consultation = _found(consultation_id)
    organization = Organization.objects.filter(slug=payload.organization).first()
    if organization is None:
        raise ValidationError({"organization": _("Choose an organisation you vote for.")})
    cast = services.ballot_cast(
        actor=request.user,
        ballot=consultation.ballot,
        organization=organization,
        option=payload.option,
    )
    out = {
        "organization": organization.slug,
        "option": cast.option.pk,
        "changed": cast.changed,
        "receipt": cast.receipt,
    }
    return Status(200 if cast.changed else 201, out)


# --- discussion and proposals ------------------------------------------------------------------

LanguageCode = Field(..., min_length=2, max_length=10, description="One of the six languages.")


class CommentOut(Schema):
    id: int
    thread: int | None = Field(..., description="The first comment of the thread, for a reply.")
    parent: int | None
    author: str
    organization: str | None = Field(..., description="The slug of the author's organisation.")
    text: str | None = Field(..., description="Markdown; null when the Secretariat hid it.")
    language: str
    created_at: datetime
    edited_at: datetime | None
    hidden_reason: str | None

    @staticmethod
    def resolve_thread(obj) -> int | None:
        return obj.thread_id

    @staticmethod
    def resolve_parent(obj) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author.full_name or ""

    @staticmethod
    def resolve_organization(obj) -> str | None:
        return obj.organization.slug if obj.organization_id else None

    @staticmethod
    def resolve_text(obj) -> str | None:
        return None if obj.hidden_at else obj.text

    @staticmethod
    def resolve_hidden_reason(obj) -> str | None:
        return obj.hidden_reason if obj.hidden_at else None


class CommentIn(Schema):
    text: str = Field(..., min_length=1, max_length=10000, description="Markdown.")
    language: str = LanguageCode
    parent: int | None = Field(None, ge=1, le=2**31 - 1, description="The comment replied to.")


class ProposalOut(Schema):
    id: int
    organization: str
    title: str
    title_language: str
    text: str
    status: Literal[tuple(Proposal.Status.values)]  # type: ignore[valid-type]
    endorsements: int
    option: int | None = Field(..., description="The ballot's option, once it goes to the vote.")
    merged_into: int | None = Field(..., description="The proposal it was merged into.")

    @staticmethod
    def resolve_organization(obj) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_merged_into(obj) -> int | None:
        return obj.merged_into_id

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title.render().text

    @staticmethod
    def resolve_title_language(obj) -> str:
        return obj.title.render().language

    @staticmethod
    def resolve_text(obj) -> str:
        return obj.text.render().text

    @staticmethod
    def resolve_endorsements(obj) -> int:
        count = getattr(obj, "endorsement_count", None)
        return obj.endorsements.count() if count is None else count

    @staticmethod
    def resolve_option(obj) -> int | None:
        return obj.option_id


class ProposalIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    text: str = Field(..., min_length=1, max_length=10000, description="Markdown.")
    language: str = LanguageCode
    organization: str | None = Field(
        None, min_length=1, max_length=80, description="The slug of the organisation proposing."
    )


class ProposalEndorseIn(Schema):
    organization: str | None = Field(
        None, min_length=1, max_length=80, description="The slug of the organisation endorsing."
    )


def _organization(slug: str | None) -> Organization | None:
    if slug is None:
        return None
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise ValidationError({"organization": _("Choose an organisation you act for.")})
    return organization


@router.get(
    "/consultations/{consultation_id}/comments",
    response=list[CommentOut],
    auth=None,
    summary="A consultation's discussion, oldest first (replies name their thread)",
)
@cached
@paginate(Pagination)
def list_comments(request, consultation_id: Id):
    try:
        return selectors.ListedComments(consultation_id)
    except (Consultation.DoesNotExist, OverflowError):
        raise Http404 from None


@router.post(
    "/consultations/{consultation_id}/comments",
    response={201: CommentOut, 409: ErrorOut},
    auth=authenticated,
    summary="Comment, or reply to a comment (staff of a member organisation taking part)",
)
@conflict_is_409
def post_comment(request, consultation_id: Id, payload: CommentIn):
    consultation = _found(consultation_id)
    parent = None
    if payload.parent is not None:
        parent = Comment.objects.filter(consultation=consultation, pk=payload.parent).first()
        if parent is None:
            raise ValidationError({"parent": _("Reply to a comment of this consultation.")})
    comment = services.comment_post(
        actor=request.user,
        consultation=consultation,
        text=payload.text,
        language=payload.language,
        parent=parent,
    )
    return Status(201, comment)


@router.get(
    "/consultations/{consultation_id}/proposals",
    response=list[ProposalOut],
    auth=None,
    summary="A consultation's proposals with their endorsements",
)
@cached
@paginate(Pagination)
def list_proposals(request, consultation_id: Id):
    return selectors.proposal_list(_found(consultation_id))


@router.post(
    "/consultations/{consultation_id}/proposals",
    response={201: ProposalOut, 409: ErrorOut},
    auth=authenticated,
    summary="Submit a proposal for a member organisation taking part (proposals phase)",
)
@conflict_is_409
def submit_proposal(request, consultation_id: Id, payload: ProposalIn):
    consultation = _found(consultation_id)
    proposal = services.proposal_submit(
        actor=request.user,
        consultation=consultation,
        title=payload.title,
        text=payload.text,
        language=payload.language,
        organization=_organization(payload.organization),
    )
    return Status(201, proposal)


@router.post(
    "/consultations/{consultation_id}/proposals/{proposal_id}/endorsements",
    response={201: ProposalOut, 409: ErrorOut},
    auth=authenticated,
    summary="Endorse another member's proposal, once per organisation (proposals phase)",
)
@conflict_is_409
def endorse_proposal(request, consultation_id: Id, proposal_id: Id, payload: ProposalEndorseIn):
    consultation = _found(consultation_id)
    proposal = Proposal.objects.filter(consultation=consultation, pk=proposal_id).first()
    if proposal is None:
        raise Http404
    services.proposal_endorse(
        actor=request.user, proposal=proposal, organization=_organization(payload.organization)
    )
    return Status(201, selectors.proposal_list(consultation).get(pk=proposal.pk))


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


class ReportOut(Schema):
    comment: int
    reported: bool = True


def _comment_of(consultation_id: Id, comment_id: Id) -> Comment:
    comment = (
        Comment.objects.select_related("author", "organization")
        .filter(consultation_id=consultation_id, pk=comment_id)
        .first()
    )
    if comment is None:
        raise Http404
    return comment


@router.post(
    "/consultations/{consultation_id}/comments/{comment_id}/reports",
    response={201: ReportOut, 409: ErrorOut},
    auth=authenticated,
    summary="Report an abusive comment to the Secretariat (anyone signed in, once a person)",
)
@conflict_is_409
def report_comment(request, consultation_id: Id, comment_id: Id, payload: ReasonIn):
    comment = _comment_of(consultation_id, comment_id)
    services.comment_report(actor=request.user, comment=comment, reason=payload.reason)
    return Status(201, {"comment": comment.pk, "reported": True})


@router.post(
    "/consultations/{consultation_id}/comments/{comment_id}/hide",
    response={200: CommentOut, 409: ErrorOut},
    auth=authenticated,
    summary="The Secretariat hides a comment, giving the reason shown in its place",
)
@conflict_is_409
def hide_comment(request, consultation_id: Id, comment_id: Id, payload: ReasonIn):
    comment = _comment_of(consultation_id, comment_id)
    services.comment_hide(actor=request.user, comment=comment, reason=payload.reason)
    return _comment_of(consultation_id, comment_id)


class DelegateIn(Schema):
    organization: str = Field(
        ..., min_length=1, max_length=80, description="The slug of the organisation you administer."
    )
    email: str | None = Field(
        None,
        max_length=254,
        description="The staff member who may vote for it on this ballot; null takes the "
        "delegation back.",
    )


class DelegateOut(Schema):
    organization: str
    delegate: str | None = Field(..., description="The delegate's email address; null: none.")


@router.post(
    "/consultations/{consultation_id}/delegates",
    response={200: DelegateOut, 409: ErrorOut},
    auth=authenticated,
    summary="An organisation's admin names a staff member to vote for it on this ballot, beside "
    "its representative, or takes the delegation back",
)
@conflict_is_409
def delegate_ballot(request, consultation_id: Id, payload: DelegateIn):
    from accounts.models import User

    consultation = _found(consultation_id)
    organization = _organization(payload.organization)
    email = (payload.email or "").strip()
    user = User.objects.filter(email__iexact=email).first() if email else None
    if email and user is None:
        if not request.user.has_perm("governance.name_delegate", organization):
            raise PermissionDenied
        raise ValidationError({"email": _("Choose a member of the organisation's staff.")})
    services.ballot_delegate(
        actor=request.user, ballot=consultation.ballot, organization=organization, user=user
    )
    return {"organization": organization.slug, "delegate": user.email if user else None}


class MergeIn(Schema):
    into: int = Field(..., ge=1, le=2**31 - 1, description="The proposal it is merged into.")


@router.post(
    "/consultations/{consultation_id}/proposals/{proposal_id}/merge",
    response={200: ProposalOut, 409: ErrorOut},
    auth=authenticated,
    summary="The Secretariat merges a proposal into another: its endorsers (and its organisation) "
    "endorse the other, each organisation counted once",
)
@conflict_is_409
def merge_proposal(request, consultation_id: Id, proposal_id: Id, payload: MergeIn):
    consultation = _found(consultation_id)
    found = {
        p.pk: p
        for p in Proposal.objects.filter(
            consultation=consultation, pk__in=[proposal_id, payload.into]
        )
    }
    if proposal_id not in found:
        raise Http404
    if payload.into not in found:
        raise ValidationError({"into": _("Choose another proposal of the same consultation.")})
    services.proposal_merge(
        actor=request.user, proposal=found[proposal_id], into=found[payload.into]
    )
    return selectors.proposal_list(consultation).get(pk=payload.into)


# --- decisions and documents ---------------------------------------------------------------------

governance_router = Router(tags=["governance"])


class DecisionOut(Schema):
    number: str
    decided_on: date
    body: str | None = Field(..., description="The body's slug.")
    title: str
    text: str = Field(..., description="Markdown, in the reader's language where it exists.")
    language: str
    votes_for: int | None
    votes_against: int | None
    votes_abstaining: int | None
    consultation: int | None = Field(..., description="The consultation it records the result of.")
    documents: list[str] = Field(..., description="`slug/version` of the versions it adopted.")
    application: int | None = Field(
        ..., description="The membership application the Steering Committee approved by it."
    )
    organization: str | None = Field(
        ..., description="The slug of the organisation admitted by it, for a membership approval."
    )
    stale: bool = Field(
        ...,
        description="The title or text given is a translation older than the latest change of "
        "the original.",
    )

    @staticmethod
    def resolve_body(obj) -> str | None:
        return obj.body.slug if obj.body_id else None

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title.render().text

    @staticmethod
    def resolve_text(obj) -> str:
        return obj.text.render().text

    @staticmethod
    def resolve_language(obj) -> str:
        return obj.text.render().language

    @staticmethod
    def resolve_stale(obj) -> bool:
        return obj.title.render().is_stale or obj.text.render().is_stale

    @staticmethod
    def resolve_consultation(obj) -> int | None:
        return obj.consultation_id

    @staticmethod
    def resolve_application(obj) -> int | None:
        return obj.application_id

    @staticmethod
    def resolve_organization(obj) -> str | None:
        return obj.application.organization.slug if obj.application_id else None

    @staticmethod
    def resolve_documents(obj) -> list[str]:
        return [f"{v.document.slug}/{v.number}" for v in obj.document_versions.all()]


class VersionOut(Schema):
    number: int
    adopted_on: date
    decision: str | None = Field(..., description="The number of the adopting decision.")
    original_language: str
    languages: list[str]
    texts: dict[str, str] = Field(..., description="Markdown by language, the original included.")
    stale: list[str] = Field(
        ..., description="The translations older than the latest change of the original."
    )
    note: str

    @staticmethod
    def resolve_decision(obj) -> str | None:
        return obj.decision.number if obj.decision_id else None

    @staticmethod
    def resolve_original_language(obj) -> str:
        return obj.body.original

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return sorted(obj.body.text)

    @staticmethod
    def resolve_texts(obj) -> dict[str, str]:
        return dict(obj.body.text)

    @staticmethod
    def resolve_stale(obj) -> list[str]:
        return sorted(obj.body.stale)


class DocumentOut(Schema):
    slug: str
    kind: Literal[tuple(NetworkDocument.Kind.values)]  # type: ignore[valid-type]
    title: str
    versions: list[VersionOut] = Field(..., description="Newest first; the first is in force.")

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title.render().text

    @staticmethod
    def resolve_versions(obj) -> list:
        return list(obj.versions.all())


@governance_router.get(
    "/decisions",
    response=list[DecisionOut],
    auth=None,
    summary="The decisions register, newest first (internal decisions for the Secretariat only)",
)
@paginate(Pagination)
def list_decisions(request):
    return selectors.decision_list(_reader(request))


@governance_router.get(
    "/documents",
    response=list[DocumentOut],
    auth=None,
    summary="Network documents with every version, in every language they exist in",
)
@paginate(Pagination)
def list_documents(request):
    return selectors.document_list()


# --- meetings -------------------------------------------------------------------------------------


def _reader(request):
    """Who reads: a bearer token's owner, else the session's person (maybe nobody)."""
    user = request.user
    if request.headers.get("Authorization"):
        from accounts.auth import BearerToken

        user = BearerToken()(request) or user
    return user


class MeetingOut(Schema):
    id: int
    body: str = Field(..., description="The body's slug.")
    title: str
    title_language: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str = Field(..., description="The meeting's own time zone (IANA name).")
    place: str
    online: bool
    internal: bool = Field(..., description="Seen only by the body's members and the Secretariat.")
    minutes_status: Literal["none", "draft", "approved"]
    url: str
    calendar: str = Field(..., description="The iCalendar file's address.")

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title.render().text

    @staticmethod
    def resolve_title_language(obj) -> str:
        return obj.title.render().language

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("governance:meeting", args=[obj.pk])

    @staticmethod
    def resolve_calendar(obj) -> str:
        return reverse("governance:meeting_ics", args=[obj.pk])


class MeetingDocumentOut(Schema):
    id: int
    title: str
    internal: bool = Field(..., description="Seen only by the body's members and the Secretariat.")
    type: str = Field(..., description="The file's type, by its extension: pdf, docx, …")
    size: int = Field(..., description="In bytes.")
    url: str = Field(..., description="Where it is downloaded (the same rules as the meeting).")

    @staticmethod
    def resolve_type(obj) -> str:
        return obj.extension

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("governance:meeting_document", args=[obj.meeting_id, obj.pk])


class MeetingDetailOut(MeetingOut):
    agenda: str | None = Field(..., description="Markdown, in the reader's language if it exists.")
    minutes: str | None = Field(
        ...,
        description="Markdown. Approved minutes for whoever sees the meeting; drafts only for "
        "the body's members and the Secretariat; otherwise null.",
    )
    attendees: list[str] = Field(..., description="The names of the people who attended.")
    decisions: list[str] = Field(..., description="The numbers of the decisions taken.")
    documents: list[MeetingDocumentOut] = Field(
        ..., description="The documents the reader may see: public, or internal to the body."
    )

    @staticmethod
    def resolve_agenda(obj) -> str | None:
        return obj.api_agenda

    @staticmethod
    def resolve_minutes(obj) -> str | None:
        return obj.api_minutes

    @staticmethod
    def resolve_attendees(obj) -> list[str]:
        return obj.api_attendees

    @staticmethod
    def resolve_decisions(obj) -> list[str]:
        return obj.api_decisions

    @staticmethod
    def resolve_documents(obj) -> list:
        return obj.api_documents


@governance_router.get(
    "/meetings",
    response=list[MeetingOut],
    auth=None,
    summary="Meetings of the bodies, newest first (internal ones for their members and the "
    "Secretariat only)",
)
@paginate(Pagination)
def list_meetings(request):
    return selectors.meetings_visible_to(_reader(request))


@governance_router.get(
    "/meetings/{meeting_id}",
    response=MeetingDetailOut,
    auth=None,
    summary="A meeting with its agenda, attendance, minutes (as the reader may see them) and "
    "decisions",
)
def get_meeting(request, meeting_id: Id):
    user = _reader(request)
    meeting = selectors.meetings_visible_to(user).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    meeting.api_agenda = meeting.agenda.render().text if meeting.agenda else None
    meeting.api_minutes = (
        meeting.minutes.render().text
        if meeting.minutes and selectors.may_read_minutes(user, meeting)
        else None
    )
    names = meeting.attendees.order_by("full_name", "pk").values_list("full_name", flat=True)
    meeting.api_attendees = [name for name in names if name]  # names only, never an address
    meeting.api_decisions = list(
        selectors.decision_list(user).filter(meeting=meeting).values_list("number", flat=True)
    )
    meeting.api_documents = list(selectors.meeting_documents(user, meeting))
    return meeting


router.add_router("/", governance_router)
