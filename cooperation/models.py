import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Country, DacSector, KeyArea, SdgGoal, TimeStampedModel
from core.multilingual import MultilingualTextField

CURRENCY_CODES = ("USD", "EUR", "CNY", "RUB", "KZT", "GBP", "CHF", "JPY", "INR", "TRY", "AED")


class Demand(TimeStampedModel):
    """A need posted by a grassroots community."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MATCHED = "matched", _("Matched")
        IN_PROGRESS = "in_progress", _("In progress")
        MET = "met", _("Met")
        CLOSED = "closed", _("Closed")

    class Urgency(models.TextChoices):
        LOW = "low", _("Can wait")
        MEDIUM = "medium", _("Within months")
        HIGH = "high", _("Within weeks")
        CRITICAL = "critical", _("Urgent")

    class Moderation(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Published")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Merged into another demand")

    title = MultilingualTextField(_("title"), max_length=200)
    description = MultilingualTextField(_("description"))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="demands")
    locality = models.CharField(_("town or village"), max_length=100, blank=True)
    area = models.ForeignKey(KeyArea, on_delete=models.PROTECT, related_name="demands")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    people_concerned = models.PositiveIntegerField(_("people concerned"), null=True, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    moderation = models.CharField(
        _("moderation"),
        max_length=12,
        choices=Moderation.choices,
        default=Moderation.APPROVED,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_demands"
    )
    # Who posted it: a signed-in person (perhaps for a member organisation) or an address.
    poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demands",
    )
    organization = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posted_demands",
    )
    # Private: never shown publicly, never in the API or an export.
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True, db_index=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    submitted_from = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("grassroots demand")
        verbose_name_plural = _("grassroots demands")
        indexes = [
            models.Index(fields=["moderation", "-created_at"], name="demand_public_idx"),
            # A filtered list's page read in order from the index, not sorted from every match.
            models.Index(fields=["moderation", "area", "-created_at"], name="demand_area_idx"),
            models.Index(fields=["moderation", "status", "-created_at"], name="demand_status_idx"),
            models.Index(
                fields=["moderation", "urgency", "-created_at"], name="demand_urgency_idx"
            ),
            # At 100,000 demands: a large country's page read in order (14 -> 0.1 ms: it was
            # sorted from all its demands), and its facet counts by status, urgency and key
            # area from an index alone, already grouped (26 -> 2 ms).
            models.Index(
                fields=["moderation", "country", "-created_at"], name="demand_country_idx"
            ),
            models.Index(
                fields=["moderation", "country", "status", "urgency", "area"],
                name="demand_counts_idx",
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_public(self) -> bool:
        return self.moderation == self.Moderation.APPROVED

    @property
    def language(self) -> str:
        return self.title.original if self.title else settings.LANGUAGE_CODE


class DemandStatusChange(models.Model):
    """One change of a demand's status or moderation, kept for its history."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("demand status change")
        verbose_name_plural = _("demand status changes")

    def __str__(self) -> str:
        return f"{self.demand_id}: {self.from_status} -> {self.to_status}"


class Project(TimeStampedModel):
    """A cross-border livelihood project run by member organisations."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Under way")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    title = MultilingualTextField(_("title"), max_length=200)
    summary = MultilingualTextField(_("summary"), null=True, blank=True)
    lead = models.ForeignKey(
        "members.Organization", on_delete=models.PROTECT, related_name="led_projects"
    )
    partners = models.ManyToManyField(
        "members.Organization", blank=True, related_name="partner_projects"
    )
    area = models.ForeignKey(KeyArea, on_delete=models.PROTECT, related_name="projects")
    countries = models.ManyToManyField(Country, related_name="projects")
    demands = models.ManyToManyField(
        Demand, blank=True, related_name="projects", verbose_name=_("demands it answers")
    )
    # The project's own goals and sectors, beyond those of its key area.
    sdg_goals = models.ManyToManyField(
        SdgGoal, blank=True, related_name="projects", verbose_name=_("more SDGs")
    )
    dac_sectors = models.ManyToManyField(
        DacSector, blank=True, related_name="projects", verbose_name=_("more OECD-DAC sectors")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    report_every_months = models.PositiveSmallIntegerField(
        _("reports every (months)"), default=6, validators=[MinValueValidator(1)]
    )
    lessons_learned = models.TextField(_("lessons learned"), blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        # A filtered list's page read in order from the index, not sorted from every match.
        indexes = [
            models.Index(fields=["-starts_on", "-id"], name="project_starts_idx"),
            models.Index(fields=["status", "-starts_on", "-id"], name="project_status_idx"),
            models.Index(fields=["area", "-starts_on", "-id"], name="project_area_idx"),
            # The list's facet counts by status and key area, from the index alone rather
            # than the wide rows: 41 -> 4 ms for every project at 50,000.
            models.Index(fields=["status", "area"], name="project_counts_idx"),
        ]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return str(self.title)

    def all_sdg_goals(self) -> list:
        """Its key area's goals and its own, in order (read from prefetched rows)."""
        goals = {g.number: g for g in self.area.sdg_goals.all()}
        goals.update({g.number: g for g in self.sdg_goals.all()})
        return [goals[number] for number in sorted(goals)]

    def all_dac_sectors(self) -> list:
        """Its key area's OECD-DAC sectors and its own, in order."""
        sectors = {s.code: s for s in self.area.dac_sectors.all()}
        sectors.update({s.code: s for s in self.dac_sectors.all()})
        return [sectors[code] for code in sorted(sectors)]


class BudgetLine(models.Model):
    """A line of a project's budget, or a source of its funding: a decimal amount and currency."""

    class Kind(models.TextChoices):
        BUDGET = "budget", _("Budget")
        FUNDING = "funding", _("Funding")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.BUDGET)
    label = models.CharField(_("what for, or from whom"), max_length=200)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.label}: {self.amount} {self.currency}"


class Indicator(models.Model):
    """A result indicator of a project: baseline, target and actual in one unit, over a period."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    actual = models.DecimalField(
        _("actual"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class ProjectLocation(models.Model):
    """Where a project works: a country, and perhaps a place in it and its coordinates."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="locations")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("town, village or site"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("project location")
        verbose_name_plural = _("project locations")

    def __str__(self) -> str:
        return f"{self.place}, {self.country_id}" if self.place else self.country_id


class Milestone(models.Model):
    """A step of a project, due on a date, and when it was reached."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("reached"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    """A progress report on a project, written by its lead or partners."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("what happened"), max_length=5000)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.project_id} {self.created_at:%Y-%m-%d}"


def progress_photo_path(instance, filename: str) -> str:
    """Photos are public: kept under media/projects/, named at random (never the upload's name)."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"projects/{instance.update.project_id}/{secrets.token_hex(12)}.{suffix}"


class ProgressPhoto(models.Model):
    """A photo of a progress update, checked with Pillow before it is kept."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"),
        upload_to=progress_photo_path,
        max_length=200,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.CharField(_("description of the photo"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("progress photo")
        verbose_name_plural = _("progress photos")

    def __str__(self) -> str:
        return self.image.name


class Offer(models.Model):
    """A member organisation's offer to help answer a demand."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="offers")
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.CASCADE, related_name="offers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    contribution = models.TextField(_("what we can bring"), max_length=3000)
    with_whom = models.CharField(_("with whom"), max_length=300, blank=True)
    when = models.CharField(_("when"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="offers"
    )
    created_at = models.DateTimeField(_("when offered"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "organization"], name="one_offer_per_organization"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} -> {self.demand_id}"


class DemandMatch(models.Model):
    """One of a demand's top matches as cooperation.matching ranks them, kept so that a page
    reads them instead of ranking every member organisation. Written when the demand is posted
    or edited and again when what matching reads of the organisations and their projects
    changes (cooperation.services.matches_refresh); its reasons are written in the reader's
    language from `why`, which names their facts in no language."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="stored_matches")
    organization = models.ForeignKey(
        "members.Organization", on_delete=models.CASCADE, related_name="demand_matches"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    area = models.FloatField(default=0)
    place = models.FloatField(default=0)
    language = models.FloatField(default=0)
    track_record = models.FloatField(default=0)
    text = models.FloatField(default=0)
    why = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["demand", "rank"]
        verbose_name = _("demand match")
        verbose_name_plural = _("demand matches")
        constraints = [
            models.UniqueConstraint(fields=["demand", "rank"], name="one_match_per_rank"),
        ]
        indexes = [
            # An organisation's matched demands, newest first (cooperation.matched).
            models.Index(fields=["organization", "-demand"], name="demandmatch_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.demand_id} #{self.rank}: {self.organization_id}"


class MatchesRefresh(models.Model):
    """The bookkeeping of the stored matches' refresh (one row, cooperation.services.
    matches_refresh): what matching read of each member organisation when the stored matches
    were last brought up to date with it, so that the next refresh works out again only the
    demands an organisation changed since can move; and the refresh under way, if any."""

    # {organisation id: digest of its facts} (cooperation.matching.digests), as last refreshed.
    organizations = models.JSONField(default=dict)
    # When the last refresh read the organisations: demands posted or edited since are worked
    # out again by the next one (their matches may have read a state it never saw).
    read_at = models.DateTimeField(null=True)
    # A refresh under way holds this lease until then, renewed after each batch: another waits.
    leased_until = models.DateTimeField(null=True)
    # A change came while a refresh was under way: it runs once more before it ends.
    again = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"matches refreshed at {self.read_at}"
