"""Reads of governance and joint consultation, shared by the pages and the API: a bounded number
of queries whatever the number of consultations, votes or receipts."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone

from accounts.models import User
from core import data_versions
from core.prepared import Prepared, columns, count_column, made, prefetched, prepared, split
from governance.models import (
    Ballot,
    BallotDelegate,
    BallotOption,
    Body,
    Consultation,
    SecretChoice,
    Vote,
)
from members.models import Organization, OrganizationStaff


@prepared
def _timetables():
    return Consultation.objects.order_by().values_list(
        "discussion_opens", "proposals_open", "voting_opens", "voting_closes"
    )


# Every consultation's phase boundaries, sorted, for the one version of the data they were read
# at (a process reads them again only after a change).
_boundaries: dict[str, list] = {}


def consultations_version(request=None) -> str:
    """The version of what consultation pages show, for core.page_cache: the consultations'
    (and organisations') data versions, and how many phase boundaries have passed. A phase
    opens at its time with nothing written, and the pages show the phase (what may be done,
    the turnout while voting, the results after): each boundary passed gives a new version."""
    version = data_versions.current(data_versions.CONSULTATIONS, data_versions.ORGANIZATIONS)
    boundaries = _boundaries.get(version)
    if boundaries is None:
        boundaries = sorted(moment for row in _timetables() for moment in row)
        _boundaries.clear()
        _boundaries[version] = boundaries
    return f"{version}.{bisect.bisect_right(boundaries, timezone.now())}"


def consultation_list() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("body", "ballot").order_by("-voting_closes", "-pk")


CONSULTATIONS_PER_PAGE = 20


@dataclass(slots=True)
class ShownConsultation:
    """A consultation as the list shows it: its columns, with its body's kind and name."""

    pk: int
    title: object  # a MultilingualText
    body_id: int | None
    body_kind: str | None
    body_name: object  # a MultilingualText or None
    discussion_opens: object
    proposals_open: object
    voting_opens: object
    voting_closes: object
    secret: bool

    Phase = Consultation.Phase
    phase = Consultation.phase
    get_phase_display = Consultation.get_phase_display

    @property
    def body(self) -> str:
        """What the body's own str() says: a working group's name, else its kind."""
        if self.body_id is None:
            return ""
        if self.body_kind == Body.Kind.WORKING_GROUP and self.body_name:
            return str(self.body_name)
        return str(Body.Kind(self.body_kind).label)


_SUMMARY_COLUMNS = (
    "pk",
    "title",
    "body_id",
    "body__kind",
    "body__name",
    "discussion_opens",
    "proposals_open",
    "voting_opens",
    "voting_closes",
    "secret",
)

# Written in SQL once per process: building these queries cost the list more than reading them.
_consultations_count = Prepared(
    lambda: (
        Consultation.objects.order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(n=Count("pk"))
        .values_list("n")
    )
)
_consultations_page = Prepared(
    lambda start: Consultation.objects.order_by("-voting_closes", "-pk").values_list(
        *_SUMMARY_COLUMNS
    )[start : start + CONSULTATIONS_PER_PAGE]
)


def consultation_page(page_number):
    """A page of the list (consultation_list's order) as ShownConsultation rows, in two
    queries: the count, then the page's rows."""
    from django.core.paginator import Page, Paginator

    total = _consultations_count()[0][0]
    paginator = Paginator(range(total), CONSULTATIONS_PER_PAGE)
    number = paginator.get_page(page_number).number  # past the last page: the last
    rows = _consultations_page((number - 1) * CONSULTATIONS_PER_PAGE) if total else []
    return Page([ShownConsultation(*row) for row in rows], number, paginator)


def _consultation_query(consultation_id: int) -> QuerySet:
    from governance.models import Decision

    return (
        Consultation.objects.filter(pk=consultation_id)
        .order_by()
        .values_list(
            *columns(Consultation),
            *columns(Body, "body__"),
            *columns(Ballot, "ballot__"),
            *columns(Decision, "decision__"),
        )
    )


# Written in SQL once per process: building them cost the consultation's pages more than
# reading them. The rows are made into the objects select_related and prefetch_related give.
_consultation_row = Prepared(_consultation_query)
_ballot_options = Prepared(
    lambda ballot_id: (
        BallotOption.objects.filter(ballot_id=ballot_id)
        .order_by("position")
        .values_list(*columns(BallotOption))
    )
)


def consultation_detail(consultation_id: int) -> Consultation:
    """The consultation with its body, ballot (and the ballot's options) and decision: what
    select_related("body", "ballot", "decision").prefetch_related("ballot__options") gives,
    in the same two queries."""
    from governance.models import Decision

    found = _consultation_row(consultation_id)
    if not found:
        raise Consultation.DoesNotExist("Consultation matching query does not exist.")
    models, db = (Consultation, Body, Ballot, Decision), DEFAULT_DB_ALIAS
    consultation, body, ballot, decision = (
        made(model, values, db)
        for model, values in zip(models, split(found[0], *models), strict=True)
    )
    Consultation.body.field.set_cached_value(consultation, body)
    for reverse, related in ((Consultation.ballot, ballot), (Consultation.decision, decision)):
        reverse.related.set_cached_value(consultation, related)
        if related is not None:
            reverse.related.field.set_cached_value(related, consultation)
    if ballot is not None:
        options = [made(BallotOption, values, db) for values in _ballot_options(ballot.pk)]
        for option in options:
            BallotOption.ballot.field.set_cached_value(option, ballot)
        prefetched(ballot, "options", options)
    return consultation


def eligible_organizations(consultation: Consultation) -> QuerySet[Organization]:
    """Who takes part: every member organisation, or the members holding a seat on the body."""
    members = Organization.objects.filter(status=Organization.Status.MEMBER)
    if consultation.body_id is None:
        return members
    today = timezone.localdate()
    seated = (
        Q(seats__body_id=consultation.body_id)
        & Q(seats__term_start__lte=today)
        & (Q(seats__term_end__isnull=True) | Q(seats__term_end__gte=today))
    )
    return members.filter(pk__in=Organization.objects.filter(seated).values("pk"))


def organizations_voting_as(user: User, consultation: Consultation) -> list[Organization]:
    """The organisations this person may vote for in this consultation: where they are the
    representative, or the delegate named for this ballot; members taking part only."""
    if not getattr(user, "is_authenticated", False):
        return []
    ballot_id = consultation.ballot.pk
    represented = OrganizationStaff.objects.filter(user=user, is_representative=True).values(
        "organization_id"
    )
    delegated = BallotDelegate.objects.filter(
        user=user, ballot_id=ballot_id, organization__staff__user=user
    ).values("organization_id")
    return list(
        eligible_organizations(consultation)
        .filter(Q(pk__in=represented) | Q(pk__in=delegated))
        .order_by("sort_name", "pk")
    )


def organizations_administered(user: User) -> list[Organization]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organization.objects.filter(
            status=Organization.Status.MEMBER,
            staff__user=user,
            staff__role=OrganizationStaff.Role.ADMIN,
        ).order_by("sort_name", "pk")
    )


def votes_of(organizations: list[Organization], ballot: Ballot) -> dict[int, Vote]:
    """The votes these organisations have cast (an open ballot's with their option)."""
    votes = Vote.objects.filter(ballot=ballot, organization__in=organizations).select_related(
        "option"
    )
    return {vote.organization_id: vote for vote in votes}


# --- results ---------------------------------------------------------------------------------


@dataclass
class OptionCount:
    option: BallotOption
    votes: int
    percent: float  # of the votes cast


@dataclass
class Results:
    closed: bool
    counts: list[OptionCount]
    cast: int
    eligible: int
    turnout_percent: float
    quorum_percent: int
    quorum_needed: int
    quorum_met: bool
    majority: str
    winner: BallotOption | None
    tied: bool = False
    options: list[BallotOption] = field(default_factory=list)


def eligible_count(consultation: Consultation) -> int:
    """How many organisations could vote: frozen once the vote has closed (counted then, once)."""
    ballot = consultation.ballot
    if ballot.eligible_count is not None:
        return ballot.eligible_count
    count = eligible_organizations(consultation).count()
    if consultation.phase() == Consultation.Phase.RESULTS:
        Ballot.objects.filter(pk=ballot.pk, eligible_count__isnull=True).update(
            eligible_count=count
        )
        ballot.eligible_count = count
    return count


def tally(
    options: list[BallotOption],
    counts_by_option: dict[int, int],
    *,
    eligible: int,
    quorum_percent: int,
    majority: str,
    closed: bool,
) -> Results:
    """The result from the counts by option: turnout, quorum and the winner by the majority
    rule. Pure arithmetic, so a recount from the published list runs the very same rule."""
    counts = [counts_by_option.get(option.pk, 0) for option in options]
    cast = sum(counts)
    quorum_needed = math.ceil(eligible * quorum_percent / 100)
    quorum_met = cast >= quorum_needed and cast > 0
    deciding = [
        (option, count)
        for option, count in zip(options, counts, strict=True)
        if option.kind != BallotOption.Kind.ABSTAIN
    ]
    deciding_total = sum(count for _option, count in deciding)
    ranked = sorted(deciding, key=lambda pair: -pair[1])
    winner, tied = None, False
    if quorum_met and ranked and ranked[0][1] > 0:
        leader, top = ranked[0]
        tied = len(ranked) > 1 and ranked[1][1] == top
        if not tied:
            if majority == Consultation.Majority.ABSOLUTE:
                won = top * 2 > cast
            elif majority == Consultation.Majority.TWO_THIRDS:
                won = top * 3 >= deciding_total * 2
            else:
                won = True
            winner = leader if won else None
    return Results(
        closed=closed,
        counts=[
            OptionCount(option, count, round(100 * count / cast, 1) if cast else 0.0)
            for option, count in zip(options, counts, strict=True)
        ],
        cast=cast,
        eligible=eligible,
        turnout_percent=round(100 * cast / eligible, 1) if eligible else 0.0,
        quorum_percent=quorum_percent,
        quorum_needed=quorum_needed,
        quorum_met=quorum_met,
        majority=majority,
        winner=winner,
        tied=tied,
        options=options,
    )


def ballot_results(consultation: Consultation) -> Results:
    """Counts, turnout, quorum and winner: one grouped count over the votes (or, for a secret
    ballot, over the published receipts), whatever their number."""
    ballot = consultation.ballot
    options = list(ballot.options.all())
    rows = SecretChoice.objects if consultation.secret else Vote.objects
    counts = dict(
        rows.filter(ballot=ballot)
        .values("option")
        .annotate(n=Count("pk"))
        .values_list("option", "n")
    )
    return tally(
        options,
        counts,
        eligible=eligible_count(consultation),
        quorum_percent=consultation.quorum_percent,
        majority=consultation.majority,
        closed=consultation.phase() == Consultation.Phase.RESULTS,
    )


@prepared
def _votes_cast(ballot_id: int):
    # One row, the ballot's count; none while nobody has voted.
    return (
        Vote.objects.filter(ballot_id=ballot_id)
        .order_by()
        .values("ballot_id")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )


def turnout_so_far(consultation: Consultation) -> int:
    return next(iter(_votes_cast(consultation.ballot.pk)), 0)


def published_receipts(consultation: Consultation, *, q: str = "") -> QuerySet[SecretChoice]:
    """A closed secret ballot's receipts with their choices, by receipt: nothing else."""
    rows = SecretChoice.objects.filter(ballot=consultation.ballot).select_related("option")
    q = (q or "").strip().upper()
    if q:
        rows = rows.filter(receipt__startswith=q)
    return rows.order_by("receipt")


def roll_call(consultation: Consultation) -> QuerySet[Vote]:
    """A closed open ballot's votes by organisation name."""
    return (
        Vote.objects.filter(ballot=consultation.ballot)
        .select_related("organization", "option")
        .order_by("organization__sort_name", "organization_id")
    )


# --- search ----------------------------------------------------------------------------------

SEARCH_BODY_CHARACTERS = 2000


def consultations_for_search() -> QuerySet[Consultation]:
    return Consultation.objects.all()


def consultation_search_document(consultation: Consultation):
    """What the search index holds of a consultation: its title and description by language."""
    from core.templatetags.markup import plain_text
    from search.registry import PUBLIC, Document

    description = consultation.description
    return Document(
        titles=dict(consultation.title.text),
        original_language=consultation.title.original,
        url_kwargs={"consultation_id": consultation.pk},
        bodies={
            language: plain_text(text)[:SEARCH_BODY_CHARACTERS]
            for language, text in (description.text.items() if description else ())
        },
        keywords="consultation",
        visibility=PUBLIC,
    )


# --- discussion and proposals ----------------------------------------------------------------

THREADS_PER_PAGE = 20


@dataclass(frozen=True, slots=True)
class ShownPerson:
    full_name: str
    email: str


@dataclass(frozen=True, slots=True)
class ShownOrganization:
    name: object  # a MultilingualText


@dataclass(slots=True)
class ShownComment:
    """A comment as the discussion's page shows it (what governance.views._CommentWriter and
    the page's template read), with its author's and organisation's names: read as plain
    columns, not made into a comment, an account and an organisation, which cost more than
    the page's queries."""

    pk: int
    thread_id: int | None
    author_id: int
    organization_id: int | None
    html: str
    language: str
    created_at: object
    edited_at: object
    hidden_at: object
    hidden_reason: str
    author: ShownPerson
    organization: ShownOrganization | None


_SHOWN_COLUMNS = (
    "pk",
    "thread_id",
    "author_id",
    "organization_id",
    "html",
    "language",
    "created_at",
    "edited_at",
    "hidden_at",
    "hidden_reason",
    "author__full_name",
    "author__email",
    "organization__name",
)


def _shown(row) -> ShownComment:
    *columns, full_name, email, organization_name = row[: len(_SHOWN_COLUMNS)]
    return ShownComment(
        *columns,
        author=ShownPerson(full_name, email),
        organization=ShownOrganization(organization_name) if columns[3] is not None else None,
    )


def _first_comments_query(consultation_id: int, start: int) -> QuerySet:
    from governance.models import Comment

    roots = Comment.objects.filter(consultation_id=consultation_id, thread__isnull=True)
    # The page's ids are read from the index alone (a page far down skips index entries, not
    # rows with their author and organisation), and the count rides on the page's rows: one
    # scalar subquery, counted once by the database.
    page_ids = roots.order_by("created_at", "pk").values("pk")[start : start + THREADS_PER_PAGE]
    total = roots.order_by().values("consultation").annotate(n=Count("pk")).values("n")
    # Found by their ids alone: with the consultation's conditions too, SQLite walks the index
    # of all its first comments testing each against the page's ids.
    return (
        Comment.objects.filter(pk__in=page_ids)
        .annotate(roots_total=Subquery(total))
        .order_by("created_at", "pk")
        .values_list(*_SHOWN_COLUMNS, "roots_total")
    )


def _replies_query(consultation_id: int, thread_ids: list[int]) -> QuerySet:
    from governance.models import Comment

    # Sorted by the caller, not by the database: asked to order them, SQLite would rather walk
    # the consultation's comments in order (the list's index) than seek the page's threads.
    return (
        Comment.objects.filter(consultation_id=consultation_id, thread_id__in=thread_ids)
        .order_by()
        .values_list(*_SHOWN_COLUMNS)
    )


# Written in SQL once per process: building these queries cost the page more than reading them.
_first_comments = Prepared(_first_comments_query)
_replies = Prepared(_replies_query)


def _first_comments_page(consultation: Consultation, number: int) -> tuple[list, int]:
    """A page of the discussion's first comments, with how many there are in all (0 and no
    rows past the last page)."""
    rows = _first_comments(consultation.pk, (number - 1) * THREADS_PER_PAGE)
    return [_shown(row) for row in rows], (rows[0][-1] if rows else 0)


def comment_threads(consultation: Consultation, page_number) -> tuple:
    """One page of the discussion's threads (first comments, oldest first) with their replies:
    two queries whatever the number of comments (the page's first comments with the count of
    them all, then their replies); past the last page, the last page, in three more."""
    from django.core.paginator import Page, Paginator

    from governance.models import Comment

    try:
        number = min(max(1, int(page_number)), 10**9)  # past the last page: the last
    except (TypeError, ValueError):
        number = 1
    firsts, total = _first_comments_page(consultation, number)
    if not firsts and number > 1:
        total = Comment.objects.filter(consultation=consultation, thread__isnull=True).count()
        number = max(1, math.ceil(total / THREADS_PER_PAGE))
        firsts, total = _first_comments_page(consultation, number) if total else ([], 0)
    paginator = Paginator(range(total), THREADS_PER_PAGE)
    page = Page(firsts, number if total else 1, paginator)
    replies: dict[int, list] = {comment.pk: [] for comment in firsts}
    if replies:
        found = _replies(consultation.pk, list(replies))
        for reply in sorted(map(_shown, found), key=lambda reply: (reply.created_at, reply.pk)):
            replies[reply.thread_id].append(reply)
    return page, [(comment, replies[comment.pk]) for comment in firsts]


@dataclass(frozen=True, slots=True)
class ListedOrganization:
    slug: str


@dataclass(slots=True)
class ListedComment:
    """A comment as the API lists it (governance.api.CommentOut reads it), from plain columns."""

    id: int
    thread_id: int | None
    parent_id: int | None
    organization_id: int | None
    text: str
    language: str
    created_at: object
    edited_at: object
    hidden_at: object
    hidden_reason: str
    author: ShownPerson
    organization: ListedOrganization | None


def _comments_count_query(consultation_id: int) -> QuerySet:
    from governance.models import Comment

    total = count_column(Comment.objects.filter(consultation_id=OuterRef("pk")))
    return Consultation.objects.filter(pk=consultation_id).values_list(total)


def _comments_page_query(consultation_id: int, start: int, limit: int) -> QuerySet:
    from governance.models import Comment

    # The page's ids read from the index alone (a page far down skips index entries, not rows
    # with their author and organisation), then those rows found by their ids.
    ids = (
        Comment.objects.filter(consultation_id=consultation_id)
        .order_by("created_at", "pk")
        .values("pk")[start : start + limit]
    )
    return (
        Comment.objects.filter(pk__in=ids)
        .order_by("created_at", "pk")
        .values_list(
            "pk",
            "thread_id",
            "parent_id",
            "organization_id",
            "text",
            "language",
            "created_at",
            "edited_at",
            "hidden_at",
            "hidden_reason",
            "author__full_name",
            "author__email",
            "organization__slug",
        )
    )


# Written in SQL once per process: building them cost the API's answer more than reading them.
_comments_count = Prepared(_comments_count_query)
_comments_page = Prepared(_comments_page_query)


class ListedComments:
    """A consultation's comments, oldest first, as the API pages them: len() is their count
    (read with the consultation, which must exist), a slice the page's ListedComment rows."""

    def __init__(self, consultation_id: int):
        found = _comments_count(consultation_id)
        if not found:
            raise Consultation.DoesNotExist("Consultation matching query does not exist.")
        self.consultation_id = consultation_id
        self.count = found[0][0]

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, page: slice) -> list[ListedComment]:
        start, stop = page.start or 0, page.stop
        if stop <= start or start >= self.count:
            return []
        return [
            ListedComment(
                *columns,
                author=ShownPerson(full_name, email),
                organization=ListedOrganization(slug) if columns[3] is not None else None,
            )
            for *columns, full_name, email, slug in _comments_page(
                self.consultation_id, start, stop - start
            )
        ]


def comment_revisions(comment) -> QuerySet:
    return comment.revisions.all()


def proposal_list(consultation: Consultation) -> QuerySet:
    from governance.models import Proposal

    return (
        Proposal.objects.filter(consultation=consultation)
        .select_related("organization", "merged_into")
        .annotate(endorsement_count=Count("endorsements"))
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True, slots=True)
class ShownTitle:
    title: object  # a MultilingualText


@dataclass(slots=True)
class ShownProposal:
    """A proposal as the consultation's page shows it, read as plain columns."""

    pk: int
    title: object  # a MultilingualText
    text: object  # a MultilingualText
    status: str
    merged_into_id: int | None
    merged_into: ShownTitle | None
    organization: ShownOrganization
    endorsement_count: int

    def get_status_display(self) -> str:
        from governance.models import Proposal

        return str(Proposal.Status(self.status).label)


def _shown_proposals_query(consultation_id: int) -> QuerySet:
    from governance.models import Proposal

    return (
        Proposal.objects.filter(consultation_id=consultation_id)
        .annotate(endorsement_count=Count("endorsements"))
        .order_by("created_at", "pk")
        .values_list(
            "pk",
            "title",
            "text",
            "status",
            "merged_into_id",
            "merged_into__title",
            "organization__name",
            "endorsement_count",
        )
    )


_shown_proposals = Prepared(_shown_proposals_query)


def shown_proposals(consultation: Consultation) -> list[ShownProposal]:
    """proposal_list's proposals as the page shows them, in one query written once."""
    return [
        ShownProposal(
            pk,
            title,
            text,
            status,
            merged_into_id,
            ShownTitle(merged_title) if merged_into_id is not None else None,
            ShownOrganization(organization_name),
            endorsements,
        )
        for pk, title, text, status, merged_into_id, merged_title, organization_name, endorsements in (
            _shown_proposals(consultation.pk)
        )
    ]


def endorsed_by(organizations: list[Organization], consultation: Consultation) -> set[int]:
    """The proposals these organisations endorse."""
    from governance.models import Endorsement

    if not organizations:  # a reader taking no part: not even a query to build
        return set()
    return set(
        Endorsement.objects.filter(
            proposal__consultation=consultation, organization__in=organizations
        ).values_list("proposal_id", flat=True)
    )


def organizations_taking_part_as_staff(
    user: User, consultation: Consultation
) -> list[Organization]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        eligible_organizations(consultation).filter(staff__user=user).order_by("sort_name", "pk")
    )


def comments_for_search() -> QuerySet:
    from governance.models import Comment

    return Comment.objects.filter(hidden_at__isnull=True)


def comment_search_document(comment):
    from core.templatetags.markup import plain_text
    from search.registry import PUBLIC, Document

    if comment.hidden_at is not None:
        return None
    text = plain_text(comment.text)
    return Document(
        titles={comment.language: text[:80]},
        original_language=comment.language,
        url_kwargs={"comment_id": comment.pk},
        bodies={comment.language: text[:SEARCH_BODY_CHARACTERS]},
        visibility=PUBLIC,
    )


def proposals_for_search() -> QuerySet:
    from governance.models import Proposal

    return Proposal.objects.all()


def proposal_search_document(proposal):
    from core.templatetags.markup import plain_text
    from search.registry import PUBLIC, Document

    return Document(
        titles=dict(proposal.title.text),
        original_language=proposal.title.original,
        url_kwargs={"proposal_id": proposal.pk},
        bodies={
            language: plain_text(text)[:SEARCH_BODY_CHARACTERS]
            for language, text in proposal.text.text.items()
        },
        visibility=PUBLIC,
        status=proposal.status,
    )


# --- bodies, decisions, documents --------------------------------------------------------------


def bodies_with_seats() -> list:
    """Every body with its seats split into current and past terms: two queries."""
    from governance.models import Body, Seat

    today = timezone.localdate()
    rank = {Body.Kind.STEERING_COMMITTEE: 0, Body.Kind.SECRETARIAT: 1}
    bodies = sorted(Body.objects.all(), key=lambda body: (rank.get(body.kind, 2), body.slug))
    seats = Seat.objects.select_related("user", "organization").order_by(
        "body", "role", "term_start", "pk"
    )
    by_body: dict[int, dict[str, list]] = {body.pk: {"current": [], "past": []} for body in bodies}
    for seat in seats:
        current = seat.term_start <= today and (seat.term_end is None or seat.term_end >= today)
        past = seat.term_end is not None and seat.term_end < today
        if current:
            by_body[seat.body_id]["current"].append(seat)
        elif past:
            by_body[seat.body_id]["past"].append(seat)
    for body in bodies:
        body.current_seats = by_body[body.pk]["current"]
        body.past_seats = sorted(by_body[body.pk]["past"], key=lambda s: s.term_start, reverse=True)
    return bodies


def decision_list(user=None) -> QuerySet:
    from governance.models import Decision
    from governance.rules import is_back_office

    decisions = Decision.objects.select_related(
        "body", "consultation", "application__organization"
    ).prefetch_related("document_versions__document")
    if not is_back_office(user):
        decisions = decisions.filter(internal=False)
    return decisions.order_by("-decided_on", "-pk")


def document_list() -> QuerySet:
    from django.db.models import Prefetch

    from governance.models import DocumentVersion, NetworkDocument

    return NetworkDocument.objects.prefetch_related(
        Prefetch(
            "versions",
            queryset=DocumentVersion.objects.select_related("decision").order_by("-number"),
        )
    ).order_by("kind", "slug")


def document_detail(slug: str):
    return document_list().get(slug=slug)


_TOKENS = None


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level comparison: (operation, text) pieces, operation '=', '-' (removed) or '+'
    (added). Words of scripts written without spaces (Chinese, Japanese) count one character
    each, so a changed character is shown, not the whole sentence."""
    import difflib
    import re

    global _TOKENS
    if _TOKENS is None:
        cjk = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
        _TOKENS = re.compile(rf"[{cjk}]|[^\W{cjk}]+|\s+|[^\w\s]")
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(("=", "".join(a[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("-", "".join(a[a1:a2])))
        if b2 > b1:
            pieces.append(("+", "".join(b[b1:b2])))
    return pieces


# --- meetings ----------------------------------------------------------------------------------


def sits_on(user, body_id: int) -> bool:
    """Whether this person holds a current seat on the body."""
    from governance.models import Seat

    if not getattr(user, "is_authenticated", False):
        return False
    today = timezone.localdate()
    return (
        Seat.objects.filter(body_id=body_id, user=user, term_start__lte=today)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .exists()
    )


def bodies_managed_by(user) -> list:
    """The bodies whose meetings this person manages: every body for the Secretariat, else the
    bodies they hold a seat on now."""
    from governance.models import Body, Seat
    from governance.rules import is_back_office

    if not getattr(user, "is_authenticated", False):
        return Body.objects.none()
    if is_back_office(user):
        return Body.objects.order_by("kind", "slug")
    today = timezone.localdate()
    seats = Seat.objects.filter(user=user, term_start__lte=today).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=today)
    )
    return Body.objects.filter(pk__in=seats.values("body_id")).order_by("kind", "slug")


def open_seats(body) -> QuerySet:
    """A body's seats whose term has not ended: held now, or starting later."""
    from governance.models import Seat

    today = timezone.localdate()
    return (
        Seat.objects.filter(body=body)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .select_related("user", "organization")
        .order_by("role", "term_start", "pk")
    )


def seat_holders(body=None) -> QuerySet:
    """The people who hold, or held, a seat on the body (on any body when none is given)."""
    from accounts.models import User
    from governance.models import Seat

    seats = Seat.objects.all() if body is None else Seat.objects.filter(body=body)
    return User.objects.filter(pk__in=seats.values("user_id"))


def meetings_visible_to(user) -> QuerySet:
    """Meetings the reader may see: all for the Secretariat; otherwise those not internal, and
    the internal ones of bodies the reader sits on."""
    from governance.models import Meeting, Seat
    from governance.rules import is_back_office

    meetings = Meeting.objects.select_related("body").order_by("-starts_at", "-pk")
    if is_back_office(user):
        return meetings
    if getattr(user, "is_authenticated", False):
        today = timezone.localdate()
        bodies = Seat.objects.filter(user=user, term_start__lte=today).filter(
            Q(term_end__isnull=True) | Q(term_end__gte=today)
        )
        return meetings.filter(Q(internal=False) | Q(body__in=bodies.values("body_id")))
    return meetings.filter(internal=False)


def may_read_minutes(user, meeting) -> bool:
    """Approved minutes are read by whoever sees the meeting; drafts by the body's members and
    the Secretariat."""
    from governance.models import Meeting
    from governance.rules import is_back_office

    if meeting.minutes_status == Meeting.Minutes.APPROVED:
        return True
    if meeting.minutes_status == Meeting.Minutes.DRAFT:
        return bool(is_back_office(user)) or sits_on(user, meeting.body_id)
    return False


def may_read_internal(user, meeting) -> bool:
    """The body's members (a current seat) and the Secretariat read a meeting's internal
    documents."""
    from governance.rules import is_back_office

    return bool(is_back_office(user)) or sits_on(user, meeting.body_id)


def meeting_documents(user, meeting) -> QuerySet:
    """The documents of a meeting this reader may see (the meeting itself visible to them):
    the public ones, and the internal ones for the body's members and the Secretariat."""
    from governance.models import MeetingDocument

    documents = MeetingDocument.objects.filter(meeting=meeting).order_by("created_at", "pk")
    if may_read_internal(user, meeting):
        return documents
    return documents.filter(internal=False)


def meeting_calendar(meeting, url: str) -> bytes:
    """The meeting as an iCalendar file (RFC 5545), its time in the meeting's own time zone."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    zone = ZoneInfo(meeting.time_zone)
    calendar = Calendar()
    calendar.add("prodid", "-//SIRONET Platform//governance//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@sironet")
    event.add("summary", meeting.title.render().text)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("dtstamp", timezone.now())
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", url)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def reported_comments() -> QuerySet:
    """Comments reported and not hidden, the most reported first (the Secretariat's queue)."""
    from governance.models import Comment

    return (
        Comment.objects.filter(hidden_at__isnull=True, reports__isnull=False)
        .select_related("author", "consultation")
        .annotate(report_count=Count("reports"))
        .order_by("-report_count", "created_at", "pk")
    )
