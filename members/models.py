import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Country, KeyArea, TimeStampedModel
from core.multilingual import MultilingualText, MultilingualTextField


class OrganizationQuerySet(models.QuerySet):
    def members(self):
        return self.filter(status=Organization.Status.MEMBER)


class Organization(TimeStampedModel):
    """An organisation in the network, from applicant to member and beyond."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("Non-governmental organisation")
        FOUNDATION = "foundation", _("Foundation")
        ASSOCIATION = "association", _("Association")
        THINK_TANK = "think_tank", _("Think tank")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        NETWORK = "network", _("Network or federation")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        MEMBER = "member", _("Member")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = MultilingualTextField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.NGO)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.APPLICANT, db_index=True
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("country")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = MultilingualTextField(_("description"), null=True, blank=True)
    areas = models.ManyToManyField(
        KeyArea, blank=True, related_name="organizations", verbose_name=_("key areas")
    )
    countries_of_activity = models.ManyToManyField(
        Country,
        blank=True,
        related_name="active_organizations",
        verbose_name=_("countries of activity"),
    )
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=80, blank=True)
    registering_authority = models.CharField(_("registering authority"), max_length=200, blank=True)
    staff_count = models.PositiveIntegerField(_("paid staff"), null=True, blank=True)
    volunteer_count = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    # Derived from the row itself (see refresh_derived): what the directory filters on.
    search_text = models.TextField(editable=False, blank=True, default="")
    languages_text = models.CharField(editable=False, max_length=400, blank=True, default="")
    sort_name = models.CharField(editable=False, max_length=200, blank=True, default="")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "slug"]
        indexes = [
            # The directory's default order, read straight from the index (no sort at 10,000 rows).
            models.Index(fields=["status", "sort_name", "slug"], name="org_status_sort_idx"),
            # The directory's snapshot of its members (facets and sort keys), and the API's
            # filters by country and language, read from the index alone.
            models.Index(
                fields=[
                    "status",
                    "country_id",
                    "languages_text",
                    "sort_name",
                    "slug",
                    "member_since",
                ],
                name="org_directory_idx",
            ),
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return str(self.name)

    def refresh_derived(self) -> None:
        """Recompute the columns the directory searches and sorts on from this row's own data."""
        names = (
            self.name.text.values() if isinstance(self.name, MultilingualText) else [str(self.name)]
        )
        self.search_text = " ".join([*names, self.slug, self.city]).casefold()
        self.languages_text = "".join(
            f" {code} " for code in sorted(set(self.working_languages or []))
        )
        self.sort_name = (
            self.name.original_text if isinstance(self.name, MultilingualText) else str(self.name)
        )[:200].casefold()

    def save(self, *args, **kwargs):
        self.refresh_derived()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "search_text",
                "languages_text",
                "sort_name",
            }
        super().save(*args, **kwargs)


class OrganizationStaff(models.Model):
    """A person who works for an organisation on the platform."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        STAFF = "staff", _("Staff")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organization_roles"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.STAFF)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    shown_publicly = models.BooleanField(_("shown on the public profile"), default=False)
    is_representative = models.BooleanField(_("representative"), default=False)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="staff_once_per_organization"
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(is_representative=True),
                name="one_representative_per_organization",
            ),
        ]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class OrganizationContact(models.Model):
    """The contact person an applicant names. Shown publicly only with the person's consent."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="contact"
    )
    name = models.CharField(_("contact person"), max_length=150)
    email = models.EmailField(_("contact email"))
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    public = models.BooleanField(
        _("the contact person agrees to be shown on the public profile"), default=False
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self) -> str:
        return self.name


class MembershipApplication(TimeStampedModel):
    """An organisation's application to join, from draft to the committee's decision."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_ENDORSEMENT = "awaiting_endorsement", _("Awaiting endorsement by a member")
        SUBMITTED = "submitted", _("Under review by the Secretariat")
        RETURNED = "returned", _("Returned to the applicant with questions")
        FORWARDED = "forwarded", _("Before the Steering Committee")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    OPEN_STATUSES = (
        Status.DRAFT,
        Status.AWAITING_ENDORSEMENT,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.FORWARDED,
    )

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="application"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="membership_applications"
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    constitution_version = models.ForeignKey(
        "governance.DocumentVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Constitution accepted"),
    )
    constitution_accepted_at = models.DateTimeField(
        _("Constitution accepted on"), null=True, blank=True
    )
    endorsed_by = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="endorsements",
        verbose_name=_("endorsed by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded to the committee"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


def application_document_path(instance, filename: str) -> str:
    return f"applications/{instance.application_id}/{secrets.token_hex(8)}-{filename[-80:]}"


class ApplicationDocument(models.Model):
    """A supporting document (registration certificate, statutes, report). PDF or image."""

    application = models.ForeignKey(
        MembershipApplication, on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(_("file"), upload_to=application_document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    description = models.CharField(_("what it is"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")

    def __str__(self) -> str:
        return self.original_name


class ApplicationMessage(models.Model):
    """The conversation between the Secretariat and the applicant about an application."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question from the Secretariat")
        ANSWER = "answer", _("Answer from the applicant")
        DECISION = "decision", _("Decision")

    application = models.ForeignKey(
        MembershipApplication, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"), max_length=5000)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("application message")
        verbose_name_plural = _("application messages")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"


class ApplicationVote(models.Model):
    """A Steering Committee member's vote on a forwarded application. One per member."""

    class Choice(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")
        ABSTAIN = "abstain", _("Abstain")

    application = models.ForeignKey(
        MembershipApplication, on_delete=models.CASCADE, related_name="votes"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="membership_votes"
    )
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    cast_at = models.DateTimeField(_("cast"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "voter"], name="one_vote_per_member")
        ]
        verbose_name = _("committee vote")
        verbose_name_plural = _("committee votes")

    def __str__(self) -> str:
        return f"{self.voter}: {self.get_choice_display()}"


class StatusChange(models.Model):
    """The membership history of an organisation: who changed its status, when and why."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="status_history"
    )
    from_status = models.CharField(_("from"), max_length=12, choices=Organization.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Organization.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("membership status change")
        verbose_name_plural = _("membership history")

    def __str__(self) -> str:
        return f"{self.organization}: {self.from_status} → {self.to_status}"


def hash_invitation_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class StaffInvitation(models.Model):
    """An invitation, sent by email, to join an organisation's staff."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=OrganizationStaff.Role.choices,
        default=OrganizationStaff.Role.STAFF,
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.cancelled_at is None
            and self.expires_at > timezone.now()
        )


class IdentityChange(models.Model):
    """A change to an organisation's legal identity, waiting for the Secretariat's check."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the Secretariat")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="identity_changes"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changes = models.JSONField(_("requested changes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("identity change")
        verbose_name_plural = _("identity changes")

    def __str__(self) -> str:
        return f"{self.organization}: {', '.join(self.changes)}"
