from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Country, KeyArea, TimeStampedModel
from core.multilingual import MultilingualTextField


class Demand(TimeStampedModel):
    """A need posted by a grassroots community."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MATCHED = "matched", _("Matched")
        CLOSED = "closed", _("Closed")

    title = MultilingualTextField(_("title"), max_length=200)
    description = MultilingualTextField(_("description"))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="demands")
    locality = models.CharField(_("town or village"), max_length=100, blank=True)
    area = models.ForeignKey(KeyArea, on_delete=models.PROTECT, related_name="demands")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("grassroots demand")
        verbose_name_plural = _("grassroots demands")

    def __str__(self) -> str:
        return str(self.title)


class Project(TimeStampedModel):
    """A cross-border livelihood project run by member organisations."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Under way")
        COMPLETED = "completed", _("Completed")

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
    demand = models.ForeignKey(
        Demand, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return str(self.title)
