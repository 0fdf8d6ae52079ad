"""Exchange programmes, their events with sessions, registrations (people and delegations),
check-ins, visa invitation letters and feedback."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Country, KeyArea, TimeStampedModel
from core.multilingual import MultilingualTextField

# Ticket and letter codes: no 0/O or 1/I/L, easy to read out and to type at the door.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code(length: int = 10) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


class Programme(TimeStampedModel):
    """An exchange programme grouping events: a youth exchange between two countries, the
    annual Forum as a series."""

    title = MultilingualTextField(_("title"), max_length=200)
    description = MultilingualTextField(_("description"), null=True, blank=True)
    organizers = models.ManyToManyField(
        "members.Organization", related_name="programmes", blank=True, verbose_name=_("organisers")
    )
    countries = models.ManyToManyField(
        Country, related_name="programmes", blank=True, verbose_name=_("partner countries")
    )
    areas = models.ManyToManyField(
        KeyArea, related_name="programmes", blank=True, verbose_name=_("key areas")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return str(self.title)


class Event(TimeStampedModel):
    """A meeting of the network: the annual Forum, a conference, a training, a study visit, a
    festival, a webinar. `starts_on`/`ends_on` are the dates in the event's own time zone."""

    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum")
        CONFERENCE = "conference", _("Conference")
        TRAINING = "training", _("Training")
        VISIT = "visit", _("Study visit")
        FESTIVAL = "festival", _("Festival")
        WEBINAR = "webinar", _("Webinar")

    title = MultilingualTextField(_("title"), max_length=200)
    description = MultilingualTextField(_("description"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("programme"),
    )
    city = models.CharField(_("city"), max_length=100)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="events")
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)
    interpretation = models.JSONField(_("interpretation into"), default=list, blank=True)
    organizer = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    co_organizers = models.ManyToManyField(
        "members.Organization",
        related_name="co_organized_events",
        blank=True,
        verbose_name=_("co-organisers"),
    )
    areas = models.ManyToManyField(
        KeyArea, related_name="events", blank=True, verbose_name=_("key areas")
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    review_registrations = models.BooleanField(
        _("organisers confirm each registration"), default=False
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours a waiting-list offer is held"), default=48
    )
    delegation_quota = models.PositiveSmallIntegerField(
        _("places per organisation's delegation"), default=10
    )
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)
    ask_gender = models.BooleanField(_("ask for gender (optional, counted only)"), default=False)
    # The counts by gender the report shows, kept when the registrations are anonymised.
    gender_counts = models.JSONField(default=dict, blank=True)
    outcome_documents = models.ManyToManyField(
        "governance.NetworkDocument",
        related_name="events",
        blank=True,
        verbose_name=_("outcome documents"),
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["starts_on", "id"], name="event_starts_idx"),
            # The list's counts and date ranges read from the index alone.
            models.Index(fields=["starts_on", "ends_on", "kind", "country"], name="event_span_idx"),
            models.Index(fields=["kind", "starts_on", "ends_on"], name="event_kind_idx"),
            models.Index(
                fields=["country", "kind", "starts_on", "ends_on"], name="event_country_kind_idx"
            ),
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_online(self) -> bool:
        return self.kind == self.Kind.WEBINAR or bool(self.online_link)


class Session(models.Model):
    """One item of an event's agenda."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = MultilingualTextField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    speakers = models.JSONField(_("speakers"), default=list, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return str(self.title)


class Question(models.Model):
    """A question the organisers add to an event's registration form."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes or no")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label

    @property
    def key(self) -> str:
        return f"q{self.pk}"


class Registration(models.Model):
    """One person's place (or place on the waiting list) at an event; `organization` is set for
    a delegate registered by their organisation's admin. Arrival order is the id's order."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Place offered")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        LAPSED = "lapsed", _("Offer lapsed")

    # Who holds a place: counted against the capacity.
    HOLDING = (Status.CONFIRMED, Status.OFFERED)
    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITING, Status.OFFERED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    organization = models.ForeignKey(
        "members.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("delegation of"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    needs_visa_letter = models.BooleanField(_("needs a visa invitation letter"), default=False)
    # Optional, asked only where the organisers collect it; never listed, only counted.
    gender = models.CharField(_("gender"), max_length=12, blank=True)
    code = models.CharField(_("ticket code"), max_length=12, unique=True, default=new_code)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=["pending", "confirmed", "waiting", "offered"])
                & ~models.Q(email=""),
                name="registration_once_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "id"], name="registration_status_idx")]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return self.full_name


class CheckIn(models.Model):
    """A participant's arrival. One per registration: a second scan counts nobody twice."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="check_in"
    )
    checked_in_at = models.DateTimeField()
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.checked_in_at:%Y-%m-%d %H:%M}"


class VisaLetter(models.Model):
    """A visa invitation letter: the passport details encrypted (Fernet), readable only by the
    organisers and the Secretariat; the issued PDF; the code an embassy verifies."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ISSUED = "issued", _("Issued")

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="visa_letter"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    details = models.BinaryField(_("encrypted passport details"), null=True, blank=True)
    holder_name = models.CharField(_("name on the letter"), max_length=200, blank=True)
    code = models.CharField(max_length=16, unique=True, null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("visa invitation letter")
        verbose_name_plural = _("visa invitation letters")

    def __str__(self) -> str:
        return self.code or f"letter {self.pk}"


class Feedback(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.rating}/5"


class CertificateBatch(models.Model):
    """Attendance certificates for everyone checked in, made by the worker into one zip."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="certificate_batches")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="certificates/", blank=True, max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.done}/{self.total}"


class EventDocument(models.Model):
    """A file the organisers publish with an event: a document (PDF or Office) on its page,
    a photo or an outcome document in its report."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document for participants")
        OUTCOME = "outcome", _("Outcome document")
        PHOTO = "photo", _("Photo for the report")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=10, blank=True)
    file = models.FileField(_("file"), upload_to="event-documents/%Y/", max_length=200)
    extension = models.CharField(max_length=5)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")

    def __str__(self) -> str:
        return self.title
