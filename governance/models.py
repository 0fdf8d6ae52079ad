from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.multilingual import MultilingualTextField


class Body(models.Model):
    """A governing body of the network: the Steering Committee, the Secretariat."""

    class Kind(models.TextChoices):
        STEERING_COMMITTEE = "steering_committee", _("International Steering Committee")
        SECRETARIAT = "secretariat", _("Secretariat")

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, unique=True)
    seats = models.PositiveSmallIntegerField(_("number of seats"), default=0)
    description = MultilingualTextField(_("description"), null=True, blank=True)

    class Meta:
        verbose_name = _("governing body")
        verbose_name_plural = _("governing bodies")

    def __str__(self) -> str:
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

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")
        ]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
