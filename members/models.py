from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Country, KeyArea, TimeStampedModel
from core.multilingual import MultilingualTextField


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

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return str(self.name)


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

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="staff_once_per_organization"
            )
        ]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"
