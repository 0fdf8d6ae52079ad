from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.multilingual import MultilingualTextField
from core.templatetags.markup import render_markdown


class Body(models.Model):
    """A governing body of the network: the Steering Committee, the Secretariat."""

    class Kind(models.TextChoices):
        STEERING_COMMITTEE = "steering_committee", _("International Steering Committee")
        SECRETARIAT = "secretariat", _("Secretariat")
        WORKING_GROUP = "working_group", _("Working group")

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = MultilingualTextField(
        _("name"), max_length=200, null=True, blank=True, help_text=_("For a working group.")
    )
    seats = models.PositiveSmallIntegerField(_("number of seats"), default=0)
    description = MultilingualTextField(_("description"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "slug"]
        constraints = [
            # One Steering Committee and one Secretariat; any number of working groups.
            models.UniqueConstraint(
                fields=["kind"],
                condition=~models.Q(kind="working_group"),
                name="one_body_of_each_standing_kind",
            )
        ]
        verbose_name = _("governing body")
        verbose_name_plural = _("governing bodies")

    def __str__(self) -> str:
        if self.kind == self.Kind.WORKING_GROUP and self.name:
            return str(self.name)
        return self.get_kind_display()


class Seat(models.Model):
    """A person's term on a body, usually on behalf of a member organisation."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        SECRETARY_GENERAL = "secretary_general", _("Secretary-General")
        STAFF = "staff", _("Staff")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seat_holders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="seats"
    )
    organization = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seats",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    class Meta:
        ordering = ["body", "role", "term_start"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")

    def __str__(self) -> str:
        return f"{self.body}: {self.user} ({self.get_role_display()})"


class NetworkDocument(TimeStampedModel):
    """A founding or governing text of the network, kept with all its versions."""

    class Kind(models.TextChoices):
        CONSTITUTION = "constitution", _("Constitution")
        DECLARATION = "declaration", _("Declaration or consensus")
        RULES = "rules", _("Rules of procedure")
        REPORT = "report", _("Report")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = MultilingualTextField(_("title"), max_length=200)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("network document")
        verbose_name_plural = _("network documents")

    def __str__(self) -> str:
        return str(self.title)


class DocumentVersion(models.Model):
    document = models.ForeignKey(NetworkDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    body = MultilingualTextField(_("text"))
    adopted_on = models.DateField(_("adopted on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    decision = models.ForeignKey(
        "governance.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="document_versions",
        verbose_name=_("adopted by decision"),
    )

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")
        ]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


# --- Joint consultation -----------------------------------------------------------------------


class Consultation(TimeStampedModel):
    """A matter of common concern put to the members by the Secretariat, with its timetable:
    discussion, proposals, voting, then results. Who takes part: every member organisation, or
    the organisations holding a seat on one body."""

    class Phase(models.TextChoices):
        UPCOMING = "upcoming", _("Not open yet")
        DISCUSSION = "discussion", _("Discussion")
        PROPOSALS = "proposals", _("Proposals")
        VOTING = "voting", _("Voting")
        RESULTS = "results", _("Results")

    class Majority(models.TextChoices):
        SIMPLE = "simple", _("Simple majority: more votes than any other option")
        ABSOLUTE = "absolute", _("Absolute majority: more than half of the votes cast")
        TWO_THIRDS = "two_thirds", _("Two-thirds majority of the votes for an option")

    title = MultilingualTextField(_("title"), max_length=200)
    description = MultilingualTextField(_("description"))
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("participants"),
        help_text=_("Empty: every member organisation takes part."),
    )
    discussion_opens = models.DateTimeField(_("discussion opens"))
    proposals_open = models.DateTimeField(_("proposals open"))
    voting_opens = models.DateTimeField(_("voting opens"))
    voting_closes = models.DateTimeField(_("voting closes"))
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum, in per cent of the organisations taking part"), default=50
    )
    majority = models.CharField(
        _("majority"), max_length=12, choices=Majority.choices, default=Majority.SIMPLE
    )
    secret = models.BooleanField(_("secret ballot"), default=False)
    endorsement_threshold = models.PositiveSmallIntegerField(
        _("endorsements a proposal needs to go to the vote"), default=3
    )
    repeat_months = models.PositiveSmallIntegerField(
        _("repeats every (months)"), default=0, help_text=_("0: it does not repeat.")
    )
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_round"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-voting_closes", "-pk"]
        indexes = [models.Index(fields=["-voting_closes", "-id"], name="consultation_order_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discussion_opens__lte=models.F("proposals_open"))
                & models.Q(proposals_open__lte=models.F("voting_opens"))
                & models.Q(voting_opens__lt=models.F("voting_closes")),
                name="consultation_timetable_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(quorum_percent__lte=100), name="consultation_quorum_percent"
            ),
        ]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return str(self.title)

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.discussion_opens:
            return self.Phase.UPCOMING
        if now < self.proposals_open:
            return self.Phase.DISCUSSION
        if now < self.voting_opens:
            return self.Phase.PROPOSALS
        if now < self.voting_closes:
            return self.Phase.VOTING
        return self.Phase.RESULTS

    def get_phase_display(self) -> str:
        return str(self.Phase(self.phase()).label)


class Ballot(models.Model):
    """The vote of a consultation: yes / no / abstain on a question, or a choice among options
    (the proposals that went to the vote), abstaining always possible."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Yes, no or abstain")
        CHOICE = "choice", _("A choice among proposals")

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="ballot"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    question = MultilingualTextField(_("question"), max_length=500)
    # How many organisations could vote, counted once the vote has closed (see selectors).
    eligible_count = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return str(self.question)


class BallotOption(models.Model):
    class Kind(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")
        OPTION = "option", _("Option")

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = MultilingualTextField(_("label"), max_length=300, null=True, blank=True)

    class Meta:
        ordering = ["ballot", "position"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "position"], name="ballot_option_position")
        ]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        if self.kind != self.Kind.OPTION or self.label is None:
            return str(self.get_kind_display())
        return str(self.label)


class Vote(models.Model):
    """One member organisation's vote on a ballot: at most one, by a database constraint.

    An open ballot keeps the choice here (the roll call). A secret ballot keeps here only that the
    organisation voted, and the receipt sealed with a key the database does not hold (so the
    organisation's own vote can be replaced when it changes it); the choice lives in
    SecretChoice under the receipt, with nothing naming the organisation. See docs/ballots.md."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.PROTECT, related_name="ballot_votes"
    )
    option = models.ForeignKey(
        BallotOption, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cast_at = models.DateTimeField(_("cast"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)
    changes = models.PositiveIntegerField(_("changes"), default=0)
    sealed_receipt = models.TextField(blank=True, default="", editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "organization"], name="one_vote_per_organization_per_ballot"
            )
        ]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.organization} @ {self.ballot_id}"


class SecretChoice(models.Model):
    """A secret ballot's choice under its receipt: the published list. No organisation, no time,
    no sequential key (the receipt is the key), so neither the row nor its order tells who."""

    receipt = models.CharField(_("receipt"), max_length=24, primary_key=True)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="secret_choices")
    option = models.ForeignKey(BallotOption, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["ballot", "receipt"]
        indexes = [models.Index(fields=["ballot", "receipt"], name="secret_choice_list_idx")]
        verbose_name = _("secret choice")
        verbose_name_plural = _("secret choices")

    def __str__(self) -> str:
        return self.receipt


class BallotDelegate(models.Model):
    """A staff member an organisation's admin names to vote for it on one ballot, beside its
    representative."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="delegates")
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    named_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "organization"], name="one_delegate_per_organization_per_ballot"
            )
        ]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")

    def __str__(self) -> str:
        return f"{self.user} for {self.organization}"


COMMENT_HEADING_LEVEL = 4


# --- Discussion and proposals -----------------------------------------------------------------


class Comment(models.Model):
    """A comment in a consultation's discussion, in Markdown, in the language its author chose.
    A reply belongs to the thread of the comment it answers (`thread`: the first comment)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    thread = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="thread_replies"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("comment"))
    # The text rendered and sanitised when it is written (see `render`): a page of the
    # discussion shows it as it is, rendering nothing.
    html = models.TextField(editable=False, blank=True, default="")
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)

    class Meta:
        ordering = ["consultation", "created_at", "pk"]
        indexes = [
            models.Index(
                fields=["consultation", "thread", "created_at", "id"], name="comment_thread_idx"
            ),
            # The API's list, oldest first: a page far down read in order, not sorted.
            models.Index(fields=["consultation", "created_at", "id"], name="comment_order_idx"),
            # The discussion's pages of first comments, in order: PostgreSQL does not read the
            # thread index above in order for `thread IS NULL`, and sorted thousands each page.
            models.Index(
                fields=["consultation", "created_at", "id"],
                condition=models.Q(thread__isnull=True),
                name="comment_first_idx",
            ),
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author} @ {self.consultation_id}: {self.text[:40]}"

    @staticmethod
    def render(text: str) -> str:
        """A comment's Markdown as the sanitised HTML stored beside it (headings from h4: the
        discussion's page has its h1, h2 and h3)."""
        return render_markdown(text, heading_level=COMMENT_HEADING_LEVEL)


class CommentRevision(models.Model):
    """An earlier text of an edited comment: edits are kept, never lost."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField()
    html = models.TextField(editable=False, blank=True, default="")
    language = models.CharField(max_length=10)
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["comment", "-written_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.comment_id} @ {self.written_at}"


class CommentReport(models.Model):
    """Someone signed in tells the Secretariat a comment is abusive. Once per person."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.reporter} on {self.comment_id}"


class Proposal(models.Model):
    """A member organisation's proposal; with enough endorsements it goes to the vote."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Collecting endorsements")
        ON_BALLOT = "on_ballot", _("Goes to the vote")
        MERGED = "merged", _("Merged into another proposal")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="proposals"
    )
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = MultilingualTextField(_("title"), max_length=200)
    text = MultilingualTextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    option = models.OneToOneField(
        BallotOption, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposal"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["consultation", "created_at", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return str(self.title)


class Endorsement(models.Model):
    """A member organisation endorses another's proposal: once, by a database constraint."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="endorsements")
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.CASCADE, related_name="+"
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organization"], name="one_endorsement_per_organization"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} endorses {self.proposal_id}"


# --- Decisions register -------------------------------------------------------------------------


class Decision(TimeStampedModel):
    """A decision of a body, numbered per year, with its vote where voted and links to what it
    concerns (a consultation, a document's version)."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    decided_on = models.DateField(_("date"))
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    title = MultilingualTextField(_("title"), max_length=300)
    text = MultilingualTextField(_("text"))
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    votes_abstaining = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    consultation = models.OneToOneField(
        Consultation, null=True, blank=True, on_delete=models.PROTECT, related_name="decision"
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("taken at the meeting"),
    )
    application = models.OneToOneField(
        "members.MembershipApplication",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decision",
        verbose_name=_("membership application"),
        help_text=_("The application the Steering Committee approved by this decision."),
    )
    internal = models.BooleanField(_("internal"), default=False)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["-decided_on", "-id"], name="decision_order_idx")]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


# --- Notices ---------------------------------------------------------------------------------------


class ConsultationNotice(models.Model):
    """That members were told of a phase opening (or of the vote closing tomorrow): once each."""

    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion opens")
        PROPOSALS = "proposals", _("Proposals open")
        VOTING = "voting", _("Voting opens")
        RESULTS = "results", _("Results")
        CLOSING = "closing", _("The vote closes tomorrow")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "kind"], name="one_notice_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}: {self.kind}"


class ConsultationMailOptOut(models.Model):
    """A person who turned off the emails about consultations."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_opt_out"
    )
    since = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.user)


# --- Meetings ------------------------------------------------------------------------------------


class Meeting(models.Model):
    """A meeting of a body: when (in its own time zone), where or online, its agenda, who
    attended, and its minutes (draft, then approved)."""

    class Minutes(models.TextChoices):
        NONE = "none", _("No minutes yet")
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = MultilingualTextField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=60, default="UTC")
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    agenda = MultilingualTextField(_("agenda"), null=True, blank=True)
    minutes = MultilingualTextField(_("minutes"), null=True, blank=True)
    minutes_status = models.CharField(
        _("minutes"), max_length=10, choices=Minutes.choices, default=Minutes.NONE
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("attended")
    )
    internal = models.BooleanField(_("internal"), default=False)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")), name="meeting_ends_after"
            )
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.body}: {self.title}"


class MeetingDocument(models.Model):
    """A file attached to a meeting by the Secretariat or a member of the body: public (seen by
    whoever sees the meeting) or internal (the body's members and the Secretariat only). Kept
    outside the public media and handed out by a view that checks who asks."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="meeting-documents/%Y/", max_length=200)
    extension = models.CharField(max_length=5)
    size = models.PositiveIntegerField(default=0)
    internal = models.BooleanField(
        _("internal"), default=False, help_text=_("Only the body's members and the Secretariat.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return self.title
